// Package reconcile owns findings: it turns claim values into the intervals
// their wording allows, groups claims into facts, and checks facts for
// conflicts, tickers against a reference listing, and arithmetic that does
// not hold.
//
// Reconciliation is a pure function of claims, articles and rules; it may
// import extract, corpus and rules.
package reconcile
