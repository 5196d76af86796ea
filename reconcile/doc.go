// Package reconcile owns findings: it turns claim values into the intervals
// their wording allows, anchors each claim in time (its own period, else its
// article's date), groups claims into facts (parties read through the
// corpus's short names, the part of a deal, its status, overlapping time;
// an investor's amounts into deals; a pair's holdings placed at its deals'
// announcements and split at their completions), and checks facts for
// conflicts, tickers against a reference listing, and arithmetic that does
// not hold. It also owns what makes a reconciliation incremental: the
// digest of everything a fact's check reads, and the memo of each fact's
// findings under it (Incremental).
//
// Reconciliation is a pure function of claims, articles and rules; it may
// import extract, corpus and rules.
package reconcile
