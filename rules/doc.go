// Package rules owns what claimcheck knows that is not code: the rule
// schema, loading and validating rule files (strictly: unknown keys and bad
// patterns are errors naming file:line:col), compiling their patterns once,
// the built-in rules embedded with go:embed, and the reference listing of
// ticker symbols.
//
// Users extend the built-in rules with --rules DIR: files there add to the
// built-in ones (entities, lexicon words, triggers) or replace a claim kind's
// rule wholesale when they name the same kind.
//
// It imports nothing of claimcheck's own.
package rules
