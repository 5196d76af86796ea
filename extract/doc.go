// Package extract owns claims: it splits an article's text into sentences,
// recognises money, percentages, multiples, dates, counts and tickers,
// resolves the organisations, people and markets they are about to canonical
// entities, and builds one Claim per stated fact, each with its byte span.
//
// Extraction is a pure function of an article and the compiled rules; it may
// import corpus and rules only.
package extract
