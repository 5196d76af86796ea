package store

import (
	"context"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/claimcheck/claimcheck/reconcile"
	"github.com/jackc/pgx/v5"
)

// FactMemo returns what the last reconciliation learnt of each fact
// (reconcile.Incremental's memo). A digest names all its result was
// derived from, so a row is never stale: at worst it is unused.
func (s *Store) FactMemo(ctx context.Context) (reconcile.Memo, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT digest, result FROM fact_memo")
	if err != nil {
		return nil, fmt.Errorf("read the fact memo: %w", err)
	}
	defer rows.Close()
	memo := reconcile.Memo{}
	for rows.Next() {
		var digest, result string
		if err := rows.Scan(&digest, &result); err != nil {
			return nil, fmt.Errorf("read the fact memo: %w", err)
		}
		d, err := parseDigest(digest)
		if err != nil {
			return nil, fmt.Errorf("read the fact memo: %w", err)
		}
		var res *reconcile.FactResult
		if result != "" {
			res = new(reconcile.FactResult)
			if err := json.Unmarshal([]byte(result), res); err != nil {
				return nil, fmt.Errorf("read the fact memo: digest %s: %w", digest, err)
			}
		}
		memo[d] = res
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read the fact memo: %w", err)
	}
	return memo, nil
}

func parseDigest(s string) (reconcile.Digest, error) {
	var d reconcile.Digest
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != len(d) {
		return d, fmt.Errorf("digest %q is not %d hex bytes", s, len(d))
	}
	copy(d[:], b)
	return d, nil
}

// SaveFactMemo makes next the stored memo, given prior, the memo read
// before the reconciliation that made next: only the facts that changed
// are written, in one transaction.
func (s *Store) SaveFactMemo(ctx context.Context, prior, next reconcile.Memo) error {
	var gone []string
	for d := range prior {
		if _, ok := next[d]; !ok {
			gone = append(gone, hex.EncodeToString(d[:]))
		}
	}
	var added [][]any
	for d, res := range next {
		if _, ok := prior[d]; ok {
			continue
		}
		result := ""
		if res != nil {
			b, err := json.Marshal(res)
			if err != nil {
				return fmt.Errorf("save the fact memo: %w", err)
			}
			result = string(b)
		}
		added = append(added, []any{hex.EncodeToString(d[:]), result})
	}
	if len(gone) == 0 && len(added) == 0 {
		return nil
	}
	if s.pg != nil {
		return pgx.BeginFunc(ctx, s.pg, func(tx pgx.Tx) error {
			// The added digests go too: a row another reconciliation wrote
			// meanwhile holds the same result (digests name their inputs),
			// and COPY cannot skip it.
			if _, err := tx.Exec(ctx, "DELETE FROM fact_memo WHERE digest = ANY($1)", append(gone, firstColumn(added)...)); err != nil {
				return fmt.Errorf("save the fact memo: %w", err)
			}
			if _, err := tx.CopyFrom(ctx, pgx.Identifier{"fact_memo"}, []string{"digest", "result"}, pgx.CopyFromRows(added)); err != nil {
				return fmt.Errorf("save the fact memo: %w", err)
			}
			return nil
		})
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		del, err := tx.PrepareContext(ctx, "DELETE FROM fact_memo WHERE digest = ?")
		if err != nil {
			return fmt.Errorf("save the fact memo: %w", err)
		}
		defer del.Close()
		for _, d := range gone {
			if _, err := del.ExecContext(ctx, d); err != nil {
				return fmt.Errorf("save the fact memo: %w", err)
			}
		}
		ins, err := tx.PrepareContext(ctx, "INSERT INTO fact_memo (digest, result) VALUES (?, ?) ON CONFLICT (digest) DO NOTHING")
		if err != nil {
			return fmt.Errorf("save the fact memo: %w", err)
		}
		defer ins.Close()
		for _, row := range added {
			if _, err := ins.ExecContext(ctx, row...); err != nil {
				return fmt.Errorf("save the fact memo: %w", err)
			}
		}
		return nil
	})
}

func firstColumn(rows [][]any) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r[0].(string)
	}
	return out
}
