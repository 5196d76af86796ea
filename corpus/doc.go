// Package corpus owns articles: walking folders of .txt, .md and .html files,
// reading each into clean plain text plus its metadata (title, byline, source,
// publication date with its precision), and the byte spans that later stages
// use to cite evidence in that text.
//
// Walk finds the files, in lexical order, following symbolic links but not
// loops, and names everything it passes over. Read reads one file within a
// size limit and Parse turns its bytes into an Article: decoded to UTF-8
// (byte-order marks, UTF-16, an HTML page's declared charset), stripped of
// markup and page furniture ("3min read", "Share this article"), with
// bylines, datelines and dates taken out of the text into fields, and the
// damage scraping does mended (a paragraph cut mid-sentence, a missing space
// after a full stop). Text is paragraphs separated by a blank line, the title
// first. Plain-text list markers are kept as written; Markdown's are removed.
//
// Hostile pages are read in bounded time and memory: scripts and styles are
// dropped by a streaming pass before any tree is built, and markup nested
// deeper than 256 levels is flattened (its text kept, with a warning).
//
// It imports nothing of claimcheck's own.
package corpus
