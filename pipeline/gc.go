package pipeline

import (
	"os"
	"runtime/debug"
)

// softMemoryLimit bounds the heap the collector lets grow under PaceGC's
// relaxed pacing: well above the live heap of a run (about 200 MB at
// 100,000 articles, at reconciliation) so that it does not collect back to
// back, and low enough to keep such a run under 512 MB. A run whose live
// heap outgrows it is slowed (Go caps the collector at half the CPU), not
// stopped.
const softMemoryLimit = 320 << 20

// PaceGC makes the collector run less often than Go's default while a run
// ingests and reconciles, and while a report is written: each allocates
// heavily and briefly over a small live heap (a report holds its findings,
// reading their quoted claims one finding at a time), and runs about 30%
// faster for it. A soft memory limit keeps large corpora bounded. GOGC and
// GOMEMLIMIT in the environment override each part. It returns what
// restores the previous pacing.
func PaceGC() (restore func()) {
	gogc, limit := -2, int64(-1)
	if os.Getenv("GOGC") == "" {
		gogc = debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		limit = debug.SetMemoryLimit(softMemoryLimit)
	}
	return func() {
		if gogc != -2 {
			debug.SetGCPercent(gogc)
		}
		if limit >= 0 {
			debug.SetMemoryLimit(limit)
		}
	}
}
