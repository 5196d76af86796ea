package main

import (
	"context"
	"fmt"

	"github.com/claimcheck/claimcheck/rules"
	"github.com/claimcheck/claimcheck/store"
)

type tickersOptions struct {
	db   string
	name string
}

func runTickers(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "import" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			args = []string{"import", "--help"}
		} else {
			return usagef("usage: claimcheck tickers import [--db FILE] LISTING-FILE...")
		}
	}
	var o tickersOptions
	fs := newFlags(e, "tickers import", "tickers import [--db FILE] FILE...\n\nImports a ticker listing into the database; later checks use it instead of the bundled snapshot.\nAccepts NASDAQ nasdaqlisted.txt and otherlisted.txt (give both), and SEC company_tickers.json or company_tickers_exchange.json.")
	fs.StringVar(&o.db, "db", "", "database file (default $CLAIMCHECK_DB, else ./"+defaultDB+")")
	fs.StringVar(&o.name, "name", "", "name to record the listing under (default: the file names)")
	files, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("name the listing files to import")
	}
	l, err := rules.ReadListingFiles(files...)
	if err != nil {
		return err
	}
	if o.name != "" {
		l.Name = o.name
	}
	st, err := store.Open(ctx, dbPath(o.db))
	if err != nil {
		return err
	}
	defer st.Close()
	var rows []store.ListingEntry
	for _, s := range l.Entries() {
		rows = append(rows, store.ListingEntry{Symbol: s.Symbol, Exchange: s.Exchange, Company: s.Company, Listed: s.Listed, Delisted: s.Delisted})
	}
	if err := st.ImportListing(ctx, l.Name, l.Date, rows); err != nil {
		return err
	}
	date := l.Date
	if date == "" {
		date = "undated"
	}
	fmt.Fprintf(e.stdout, "imported %d securities from %s (%s)\n", len(rows), l.Name, date)
	return nil
}
