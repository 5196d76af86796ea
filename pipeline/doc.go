// Package pipeline owns a run: it walks the folders given, reads and
// extracts new or changed articles in a bounded pool of workers, writes them
// through one SQLite writer in batched transactions, and reconciles the
// stored claims into findings. It records runs (RecordRun, with the digest
// of their inputs that lets an unchanged run skip reconciliation) and
// assembles reports from the store (BuildReport).
//
// It is the one place besides cmd that wires storage into the flow: check,
// ingest, run, reconcile, the review server and the benchmarks share it,
// which cmd's main package could not offer them. It imports corpus,
// extract, reconcile, rules, store and report.
package pipeline
