//go:build deps

// Package deps pins the modules the project will use until code imports them.
package deps

import (
	_ "github.com/PuerkitoBio/goquery"
	_ "github.com/chromedp/chromedp"
	_ "github.com/jdkato/prose/v2"
	_ "github.com/mattn/go-sqlite3"
	_ "golang.org/x/net/html/charset"
	_ "golang.org/x/sync/errgroup"
	_ "golang.org/x/term"
	_ "golang.org/x/text/encoding/unicode"
	_ "gopkg.in/yaml.v3"
)
