// Package synth owns generated test material: a deterministic corpus of
// realistic news articles (plain text, Markdown and HTML, 400-900 words each)
// about invented deals, with claims of every kind and a few planted
// conflicts, for benchmarks and crash tests at scale.
//
// It imports nothing of claimcheck's own.
package synth
