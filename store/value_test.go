package store

import (
	"encoding/json"
	"testing"

	"github.com/claimcheck/claimcheck/extract"
)

// TestDecodeValue: every value json.Marshal writes reads back as
// encoding/json reads it, through the fast path or the fallback.
func TestDecodeValue(t *testing.T) {
	values := []extract.Value{
		{Type: extract.ValueMoney, Currency: "USD", Lo: 15e9, Hi: 15e9, Step: 1e9},
		{Type: extract.ValueMoney, Currency: "EUR", Lo: 1.25e6, Hi: 2.5e6, Step: 5e4, Qualifier: "~", Rate: "year"},
		{Type: extract.ValuePercent, Lo: -3.5, Hi: -3.5, Step: 0.1, Qualifier: ">="},
		{Type: extract.ValueMultiple, Lo: 2, Step: 1},
		{Type: extract.ValueDate, From: 20240901, To: 20241231, DatePrecision: "fuzzy"},
		{Type: extract.ValueCount, Lo: -1200, Hi: -1200, Step: 100},
		{Type: extract.ValueLabel, Label: "NASDAQ:MERC"},
		{Type: extract.ValueLabel, Label: `chief "growth" officer, R&D <lab>`}, // escapes: the fallback
		{Type: extract.ValueLabel, Label: "président-directeur général"},
		{Type: extract.ValueMoney, Lo: 1e-7, Hi: 1e21},
		{},
	}
	for _, want := range values {
		b, err := json.Marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		var got extract.Value
		if err := decodeValue(string(b), &got); err != nil || got != want {
			t.Errorf("decodeValue(%s) = %+v, %v; want %+v", b, got, err, want)
		}
	}
	// Spaced JSON, from hand edits or other tools, goes to encoding/json.
	var spaced extract.Value
	if err := decodeValue(`{"type": "money", "lo": 5}`, &spaced); err != nil || spaced.Type != extract.ValueMoney || spaced.Lo != 5 {
		t.Errorf("spaced JSON decoded as %+v, %v", spaced, err)
	}
	for _, bad := range []string{"", "{", `{"lo":x}`, `{"nope":1}`, `[1]`, `{"type":"money",}`, `{"type": "money"}`, `{"lo":true}`} {
		var v extract.Value
		if decodeFlatValue(bad, &v) {
			t.Errorf("decodeFlatValue(%q) accepted it: %+v", bad, v)
		}
	}
}
