// Package store owns claimcheck's SQLite database: the schema and its
// migrations, and every query. Articles with their claims, findings with
// their review state and history, runs with their errors, and imported
// ticker listings live there. Lock keeps two runs off one database.
//
// It may import corpus, extract and reconcile.
package store
