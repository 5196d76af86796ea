// Package corpus owns articles: walking folders of .txt, .md and .html files,
// reading each into clean plain text plus its metadata (title, byline, source,
// publication date with its precision), and the byte spans that later stages
// use to cite evidence in that text.
//
// It imports nothing of claimcheck's own.
package corpus
