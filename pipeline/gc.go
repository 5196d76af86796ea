package pipeline

import (
	"os"
	"runtime/debug"
)

// softMemoryLimit bounds the heap the collector lets grow under PaceGC's
// relaxed pacing: well above the live heap of a run (about 200 MB at
// 100,000 articles, at reconciliation) so that it never collects without
// pause, and low enough to keep a run under 512 MB.
const softMemoryLimit = 320 << 20

// PaceGC makes the collector run less often than Go's default: ingest and
// reconciliation allocate heavily and briefly over a small live heap, and
// run about 30% faster for it. A soft memory limit keeps large corpora
// bounded. GOGC and GOMEMLIMIT in the environment override each part.
func PaceGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softMemoryLimit)
	}
}
