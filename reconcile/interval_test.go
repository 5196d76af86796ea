package reconcile

import (
	"testing"

	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/rules"
)

func money(lo, step float64, q string) extract.Value {
	return extract.Value{Type: extract.ValueMoney, Currency: "USD", Lo: lo, Hi: lo, Step: step, Qualifier: q}
}

func TestIntervalsMeet(t *testing.T) {
	date := func(from, to int) extract.Value {
		return extract.Value{Type: extract.ValueDate, From: from, To: to}
	}
	day := func(d int) extract.Value {
		return extract.Value{Type: extract.ValueDate, From: d, To: d, DatePrecision: "day"}
	}
	tests := []struct {
		name string
		a, b extract.Value
		meet bool
	}{
		{"$15 billion vs $14.3 billion", money(15e9, 1e9, ""), money(14.3e9, 1e8, ""), false},
		{"$14 billion vs $14.3 billion (rounding)", money(14e9, 1e9, ""), money(14.3e9, 1e8, ""), true},
		{"over $29 billion vs $29 billion", money(29e9, 1e9, ">"), money(29e9, 1e9, ""), true},
		{"over $29 billion vs $14.3 billion", money(29e9, 1e9, ">"), money(14.3e9, 1e8, ""), false},
		{"$2.8 billion vs $2.75 billion", money(2.8e9, 1e8, ""), money(2.75e9, 1e7, ""), true},
		{"$2.5 billion vs $2.75 billion", money(2.5e9, 1e8, ""), money(2.75e9, 1e7, ""), false},
		{"$2 billion vs $3 billion (they only touch at 2.5)", money(2e9, 1e9, ""), money(3e9, 1e9, ""), false},
		{"$14.5 billion vs $15 billion", money(14.5e9, 1e8, ""), money(15e9, 1e9, ""), true},
		{"about $350 vs $380", money(350, 1, "~"), money(380, 1, ""), true},
		{"about $350 vs $400", money(350, 1, "~"), money(400, 1, ""), false},
		{"up to $4 billion vs $4 billion", money(4e9, 1e9, "<="), money(4e9, 1e9, ""), true},
		{"up to $4 billion vs $8 billion", money(4e9, 1e9, "<="), money(8e9, 1e9, ""), false},
		{"more than 400 cut vs about 350 cut", extract.Value{Type: extract.ValueCount, Lo: -400, Hi: -400, Step: 1, Qualifier: ">"},
			extract.Value{Type: extract.ValueCount, Lo: -350, Hi: -350, Step: 1, Qualifier: "~"}, false},
		{"more than 400 cut vs 450 cut", extract.Value{Type: extract.ValueCount, Lo: -400, Hi: -400, Step: 1, Qualifier: ">"},
			extract.Value{Type: extract.ValueCount, Lo: -450, Hi: -450, Step: 1}, true},
		{"late 2024 vs June 2025", date(20240901, 20241231), date(20250601, 20250630), false},
		{"2025 vs June 2025", date(20250101, 20251231), date(20250601, 20250630), true},
		{"Q2 2025 vs June 2025", date(20250401, 20250630), date(20250601, 20250630), true},
		// "late Thursday" in one time zone is early Friday in another.
		{"Oct 12 vs Oct 13", day(20231012), day(20231013), true},
		{"Oct 31 vs Nov 1", day(20231031), day(20231101), true},
		{"Oct 12 vs Oct 14", day(20231012), day(20231014), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, b := ValueInterval(tc.a, DefaultTolerance), ValueInterval(tc.b, DefaultTolerance)
			if got := a.Meets(b); got != tc.meet {
				t.Errorf("%+v meets %+v = %v, want %v", a, b, got, tc.meet)
			}
			if got := b.Meets(a); got != tc.meet {
				t.Errorf("not symmetric: %+v meets %+v = %v", b, a, got)
			}
		})
	}
}

func TestTitlesCompatible(t *testing.T) {
	tests := []struct {
		a, b string
		ok   bool
	}{
		{"ceo", "ceo", true},
		{"ceo", "cfo", false},
		{"cto", "ceo", false},
		{"chairman and ceo", "ceo", true},
		{"chairman and ceo", "chairman", true},
		{"chairman and ceo", "cfo", false},
		{"president", "ceo", true},
		{"co-founder and cto", "ceo", false},
		{"founder", "cto", true},
	}
	set, err := rules.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	p := postsOf(set)
	for _, tc := range tests {
		if got := p.titlesCompatible(tc.a, tc.b); got != tc.ok {
			t.Errorf("titlesCompatible(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.ok)
		}
	}
}

func TestBuildAliases(t *testing.T) {
	// A full name used less than its short form is still its name when
	// the words it adds are words that end a company's name ("Capital"),
	// never when they name a part of it ("Europe").
	orgWords := map[string]bool{"robotics": true, "capital": true, "software": true, "energy": true, "media": true}
	a := buildAliases(map[string]int{"Calder": 2, "Calder Robotics": 6, "Calder Robotics Europe": 1,
		"Orbis": 1, "Orbis Energy": 3, "Orbis Media": 2,
		"Pinecrest": 1, "Pinecrest Software": 4, "Pinecrest Launches": 1, "Vega Robotics": 3,
		"Harbor Lane": 9, "Harbor Lane Capital": 2, "Quill": 9, "Quill Europe": 2}, orgWords)
	want := map[string]string{"calder": "calder robotics", "pinecrest": "pinecrest software", "harbor lane": "harbor lane capital"}
	if len(a) != len(want) {
		t.Fatalf("aliases = %v, want %v", a, want)
	}
	for k, v := range want {
		if a[k] != v {
			t.Errorf("alias of %q = %q, want %q", k, a[k], v)
		}
	}
}
