// Package synth owns generated test material: a deterministic corpus of
// realistic news articles (plain text, Markdown and HTML, 400-900 words each)
// about invented deals, with claims of every kind and a few planted
// conflicts, for benchmarks and crash tests at scale; and a day's changes
// to such a corpus (Change), for tests of what a run after them does.
//
// It imports nothing of claimcheck's own.
package synth
