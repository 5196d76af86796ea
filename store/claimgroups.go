package store

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/claimcheck/claimcheck/extract"
)

// rowScanner reads a claim's rowid before its columns.
type rowScanner struct {
	sc    scanner
	rowid *int64
}

func (r rowScanner) Scan(dest ...any) error { return r.sc.Scan(append([]any{r.rowid}, dest...)...) }

// claimColsNoSentence reads a claim without its sentence, the longest
// string it holds, nor its references, for passes that never look at them.
var claimColsNoSentence = strings.Replace(strings.Replace(claimCols, ", sentence,", ", '' AS sentence,", 1), ", refs", ", '' AS refs", 1)

// eachClaimRow calls fn for every stored claim matching where (all when
// empty), in EachClaim's order, with its rowid; cols is claimCols or
// claimColsNoSentence.
func (s *Store) eachClaimRow(ctx context.Context, cols, where string, args []any, fn func(rowid int64, c extract.Claim) error) error {
	q := "SELECT rowid, " + cols + " FROM claims"
	if where != "" {
		q += " WHERE " + where
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY article, start, "end", id`, args...)
	if err != nil {
		return err
	}
	// Rows are read and decoded a batch ahead of fn, on their own
	// goroutine, so that the store's reading and the caller's work use
	// both cores. Batches go back to the reader once fn is done with them.
	type row struct {
		rowid int64
		c     extract.Claim
	}
	const batchRows = 256
	full := make(chan []row, 2)
	free := make(chan []row, 3)
	for range 3 {
		free <- make([]row, 0, batchRows)
	}
	stop := make(chan struct{})
	var readErr error
	go func() {
		defer close(full)
		defer rows.Close()
		b := <-free
		for rows.Next() {
			var r row
			c, err := scanClaim(rowScanner{rows, &r.rowid})
			if err != nil {
				readErr = err
				return
			}
			r.c = c
			if b = append(b, r); len(b) == batchRows {
				select {
				case full <- b:
				case <-stop:
					return
				}
				b = (<-free)[:0]
			}
		}
		if readErr = rows.Err(); readErr == nil && len(b) > 0 {
			select {
			case full <- b:
			case <-stop:
			}
		}
	}()
	for b := range full {
		for i := range b {
			if err := fn(b[i].rowid, b[i].c); err != nil {
				// The reader stops at its next batch and closes the rows;
				// it may be waiting for a buffer.
				close(stop)
				free <- b
				for b := range full {
					free <- b
				}
				return err
			}
		}
		free <- b
	}
	return readErr
}

// ClaimNames calls fn with every subject and object the stored claims
// name, each once, with the number of claims naming it: reconciliation
// reads short names as the longer names of the corpus they begin.
func (s *Store) ClaimNames(ctx context.Context, fn func(name string, uses int) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT name, COUNT(*) FROM (
		SELECT subject AS name FROM claims WHERE subject != '' UNION ALL SELECT object FROM claims WHERE object != '') AS names
		GROUP BY name ORDER BY name`)
	if err != nil {
		return fmt.Errorf("read claim names: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var n string
		var k int
		if err := rows.Scan(&n, &k); err != nil {
			return fmt.Errorf("read claim names: %w", err)
		}
		if err := fn(n, k); err != nil {
			return err
		}
	}
	return rows.Err()
}

// maxParams bounds the values bound in one IN list, well under SQLite's
// limit on bound parameters.
const maxParams = 500

// inList returns "column IN (?,?,…)" for vals, with vals as arguments.
func inList[T any](column string, vals []T) (string, []any) {
	args := make([]any, len(vals))
	for i, v := range vals {
		args[i] = v
	}
	return column + " IN (?" + strings.Repeat(",?", len(vals)-1) + ")", args
}

// kindsIn is in for claim kinds, stored as text.
func kindsIn(kinds []extract.Kind) (string, []any) {
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = string(k)
	}
	return inList("kind", names)
}

// EachClaimOfKinds calls fn for every stored claim of the given kinds, in
// EachClaim's order.
func (s *Store) EachClaimOfKinds(ctx context.Context, kinds []extract.Kind, fn func(extract.Claim) error) error {
	if len(kinds) == 0 {
		return nil
	}
	where, args := kindsIn(kinds)
	return s.eachClaimRow(ctx, claimCols, where, args, func(_ int64, c extract.Claim) error { return fn(c) })
}

// groupBatch is about how many claims ReadClaims reads back per query
// round: whole groups are read together, so a larger group makes a larger
// batch.
const groupBatch = 4096

// ReadClaims reads the stored claims twice over, holding little of them:
// first article by article in EachClaim's order, calling article (if not
// nil) with each article's claims, without their sentences; then group by
// group, calling group with
// the claims that share a key, groups in the order of their first claim,
// the claims of a group in that order too. key is asked once per claim,
// in the first pass; claims it rejects are in no group. want (if not nil)
// is asked once per key between the passes: a group it declines is not
// read back. Memory holds one article, a rowid per grouped claim, a key
// per group, and one batch of groups: the second pass reads the claims
// back by rowid.
func (s *Store) ReadClaims(ctx context.Context, key func(*extract.Claim) (string, bool), article func([]extract.Claim) error, want func(key string) bool, group func([]extract.Claim) error) error {
	type member struct {
		rowid int64
		group int32
	}
	var members []member
	index := map[string]int32{}
	var keys []string
	var cur []extract.Claim
	err := s.eachClaimRow(ctx, claimColsNoSentence, "", nil, func(rowid int64, c extract.Claim) error {
		if k, ok := key(&c); ok {
			g, seen := index[k]
			if !seen {
				g = int32(len(index))
				index[k] = g
				if want != nil {
					keys = append(keys, k)
				}
			}
			members = append(members, member{rowid, g})
		}
		if article == nil {
			return nil
		}
		if len(cur) > 0 && cur[0].Article != c.Article {
			if err := article(cur); err != nil {
				return err
			}
			cur = cur[:0] // the callback is done with the last article
		}
		cur = append(cur, c)
		return nil
	})
	if err == nil && len(cur) > 0 {
		err = article(cur)
	}
	if err != nil {
		return fmt.Errorf("read claims: %w", err)
	}
	index = nil
	if want != nil {
		wanted := make([]bool, len(keys))
		for g, k := range keys {
			wanted[g] = want(k)
		}
		keys = nil
		members = slices.DeleteFunc(members, func(m member) bool { return !wanted[m.group] })
	}
	sort.SliceStable(members, func(i, j int) bool { return members[i].group < members[j].group })
	// Batches of whole groups are read one ahead of the callback, so that
	// reading the store and checking the facts use both cores.
	type batch struct {
		members []member
		claims  []extract.Claim
		err     error
	}
	batches := make(chan batch, 1)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer close(batches)
		for i := 0; i < len(members); {
			j := i + 1
			for j < len(members) && (j-i < groupBatch || members[j].group == members[j-1].group) {
				j++
			}
			rowids := make([]int64, j-i)
			for k, m := range members[i:j] {
				rowids[k] = m.rowid
			}
			claims, err := s.claimsByRowid(ctx, rowids)
			select {
			case batches <- batch{members[i:j], claims, err}:
			case <-stop:
				return
			}
			if err != nil {
				return
			}
			i = j
		}
	}()
	for b := range batches {
		if b.err != nil {
			return fmt.Errorf("read claims: %w", b.err)
		}
		// A claim deleted since the first pass (none is while a run holds
		// the lock) reads back empty and is dropped.
		claims, ms := b.claims, b.members
		start, kept := 0, 0
		for k := range claims {
			if claims[k].ID != "" {
				claims[kept] = claims[k]
				kept++
			}
			if k+1 == len(claims) || ms[k+1].group != ms[k].group {
				if kept > start {
					if err := group(claims[start:kept:kept]); err != nil {
						return err
					}
				}
				start = kept
			}
		}
	}
	return nil
}

// claimsByRowid reads the claims with the given rowids, in that order.
func (s *Store) claimsByRowid(ctx context.Context, rowids []int64) ([]extract.Claim, error) {
	at := make(map[int64]int, len(rowids))
	for i, id := range rowids {
		at[id] = i
	}
	out := make([]extract.Claim, len(rowids))
	for lo := 0; lo < len(rowids); lo += maxParams {
		where, args := inList("rowid", rowids[lo:min(lo+maxParams, len(rowids))])
		rows, err := s.db.QueryContext(ctx, "SELECT rowid, "+claimCols+" FROM claims WHERE "+where, args...)
		if err != nil {
			return nil, err
		}
		var rowid int64
		for rows.Next() {
			c, err := scanClaim(rowScanner{rows, &rowid})
			if err != nil {
				rows.Close()
				return nil, err
			}
			out[at[rowid]] = c
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
