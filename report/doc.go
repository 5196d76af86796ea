// Package report owns how findings are shown: the JSON report of the
// contract, terminal text, Markdown, a self-contained HTML report, and the
// local review pages. Everything taken from an article is escaped.
//
// It may import corpus, extract and reconcile; storage reaches the review
// pages through the Source interface.
package report
