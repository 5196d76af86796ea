// Package store owns claimcheck's SQLite database: the schema and its
// migrations, and every query. Articles, their claims, findings with their
// review state and history, runs and imported ticker listings live there.
//
// It may import corpus, extract, reconcile and rules.
package store
