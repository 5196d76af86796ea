package main

import (
	"context"

	"github.com/claimcheck/claimcheck/store"
)

func lockForTest(db string) (func() error, error) { return store.Lock(context.Background(), db, false) }
