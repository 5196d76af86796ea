package reconcile

import (
	"strings"
	"testing"

	"github.com/claimcheck/claimcheck/extract"
)

// amount is an investment claim of Orbital in Helix Robotics as the
// extraction side gives it, with its deal fields.
type amount struct {
	article, published string
	lo                 float64
	step               float64
	qualifier          string
	component          string
	aspect             extract.Aspect
	status             extract.Status
}

func amountClaims(as []amount) []extract.Claim {
	var out []extract.Claim
	for i, a := range as {
		v := extract.Value{Type: extract.ValueMoney, Currency: "EUR", Lo: a.lo, Hi: a.lo, Step: a.step, Qualifier: a.qualifier}
		c := extract.Claim{ID: extract.ClaimID(a.article, extract.KindInvestment, i, i+1), Article: a.article,
			Kind: extract.KindInvestment, Subject: "Orbital", Object: "Helix Robotics", Sentence: a.article + " sentence " + string(rune('a'+i)),
			Start: i, End: i + 1, Published: a.published, Value: v, Component: extract.Component(a.component), Aspect: a.aspect, Status: a.status}
		c.Normalized = extract.Normalize(v)
		c.Text = DisplayValue(v)
		out = append(out, c)
	}
	return out
}

// TestDealComponents: amounts of different parts of a deal never conflict;
// two statements of one part do.
func TestDealComponents(t *testing.T) {
	tests := []struct {
		name string
		in   []amount
		want string // the message of the one finding, in part; empty for none
	}{
		{"contingent payments beside the price", []amount{
			{"a.txt", "2024-10-15", 8.7e9, 1e8, "", "", "", ""},
			{"a.txt", "2024-10-15", 1.2e9, 1e8, "<=", "contingent", extract.AspectBound, ""},
			{"b.txt", "2024-10-16", 8.7e9, 1e8, "", "upfront", "", ""},
			{"b.txt", "2024-10-16", 1.2e9, 1e8, "<=", "contingent", "", ""},
		}, ""},
		{"the upfront price stated two ways", []amount{
			{"a.txt", "2024-10-15", 8.7e9, 1e8, "", "upfront", "", ""},
			{"b.txt", "2024-10-16", 7.8e9, 1e8, "", "", "", ""},
		}, "€7.8 billion"},
		{"amounts invested before, ten times apart", []amount{
			{"a.txt", "2026-04", 80e9, 1e9, "", "prior_cumulative", "", ""},
			{"a.txt", "2026-04", 5e9, 1e9, "", "upfront", "", ""},
			{"b.txt", "2026-04", 8e9, 1e9, "", "prior_cumulative", "", ""},
			{"b.txt", "2026-04", 5e9, 1e9, "", "upfront", "", ""},
		}, "both: the amount invested before, in articles of April 2026"},
		{"contingent ceilings ten times apart", []amount{
			{"a.txt", "2026-04", 200e9, 1e9, "<=", "contingent", "", ""},
			{"b.txt", "2026-04-21", 20e9, 1e9, "<=", "contingent", "", ""},
			{"c.txt", "2026-04-22", 20e9, 1e9, "<=", "contingent", "", ""},
		}, "up to €200 billion (1 article) vs up to €20 billion (2 articles)"},
		{"a price expected and a price stated", []amount{
			{"a.txt", "2024-10-15", 8.7e9, 1e8, "", "", "", extract.StatusExpected},
			{"b.txt", "2024-10-16", 7.8e9, 1e8, "", "", "", ""},
		}, "€7.8 billion"},
		{"conditional payments against contingent ones", []amount{
			{"a.txt", "2026-04", 200e9, 1e9, "<=", "contingent", "", ""},
			{"b.txt", "2026-04-21", 20e9, 1e9, "", "contingent", "", extract.StatusConditional},
		}, "€20 billion"},
		{"ceilings far apart, one beside a first payment: one finding", []amount{
			{"a.txt", "2026-04", 200e9, 1e9, "<=", "", "", ""},
			{"b.txt", "2026-04-21", 20e9, 1e9, "<=", "", "", ""},
			{"c.txt", "2026-04-22", 20e9, 1e9, "<=", "", "", ""},
			{"c.txt", "2026-04-22", 5e9, 1e9, "", "", "", ""},
		}, "up to €200 billion (1 article) vs €5 billion / up to €20 billion (2 articles)"},
		{"equity value and enterprise value", []amount{
			{"a.txt", "2022-01-18", 75.3e9, 1e8, "", "equity_value", "", ""},
			{"b.txt", "2022-01-18", 68.7e9, 1e8, "", "enterprise_value", "", ""},
		}, ""},
		{"a termination fee and the price", []amount{
			{"a.txt", "2022-01-18", 2e9, 1e9, "", "termination_fee", "", ""},
			{"b.txt", "2022-01-18", 68.7e9, 1e8, "", "", "", ""},
		}, ""},
		{"talks and the agreed price", []amount{
			{"a.txt", "2023-01-10", 10e9, 1e9, "", "", "", extract.StatusTalks},
			{"b.txt", "2023-01-23", 13e9, 1e9, "", "", "", ""},
		}, ""},
		{"a tranche and the running total", []amount{
			{"a.txt", "2024-03-27", 2.75e9, 1e7, "", "", extract.AspectTranche, ""},
			{"b.txt", "2024-03-28", 4e9, 1e9, "", "", extract.AspectTotal, ""},
		}, ""},
		{"a financing and the price", []amount{
			{"a.txt", "2025-07-09", 5e9, 1e9, "", "financing", "", ""},
			{"b.txt", "2025-07-09", 8.7e9, 1e8, "", "", "", ""},
		}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantOne(t, Reconcile(amountClaims(tc.in), Options{}), tc.want)
		})
	}
}

// TestExpectedDates: an expected date is compared with expectations stated
// about the same time, never with the date the event happened.
func TestExpectedDates(t *testing.T) {
	date := func(id, article, published string, from, to int, prec string, status extract.Status) extract.Claim {
		v := extract.Value{Type: extract.ValueDate, From: from, To: to, DatePrecision: prec}
		c := extract.Claim{ID: id, Article: article, Kind: extract.KindEventDate, Subject: "Orbital", Object: "Helix Robotics",
			Event: "closed", Status: status, Published: published, Sentence: id, Value: v, Period: extract.Normalize(v)}
		c.Normalized = c.Period
		return c
	}
	h1 := func(id, article, published string) extract.Claim {
		return date(id, article, published, 20250101, 20250630, "half", extract.StatusForecast)
	}
	tests := []struct {
		name string
		in   []extract.Claim
		want string
	}{
		{"one expectation stated two ways", []extract.Claim{h1("a", "a.txt", "2024-10-15"),
			date("b", "b.txt", "2025-02-12", 20250901, 20250930, "month", extract.StatusForecast)}, "both: expected, in articles of October 2024 to February 2025"},
		{"an expectation that slipped", []extract.Claim{
			date("a", "a.txt", "2022-01-18", 20220701, 20230630, "fuzzy", extract.StatusForecast),
			date("b", "b.txt", "2023-05-02", 20231001, 20231031, "month", extract.StatusForecast)}, ""},
		{"an expectation and the event", []extract.Claim{h1("a", "a.txt", "2024-10-15"),
			date("b", "b.txt", "2025-07-09", 20250708, 20250708, "day", extract.StatusActual)}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantOne(t, Reconcile(tc.in, Options{}), tc.want)
		})
	}
}

// TestUndatedSideIsLessSure: a side resting only on an undated article,
// read as of the other side's time, lowers the finding's severity.
func TestUndatedSideIsLessSure(t *testing.T) {
	dated := Reconcile(amountClaims([]amount{{"a.txt", "2024-05-02", 2e9, 1e9, "", "", "", ""}, {"b.txt", "2024-05-03", 3e9, 1e9, "", "", "", ""}}), Options{})
	undated := Reconcile(amountClaims([]amount{{"a.txt", "2024-05-02", 2e9, 1e9, "", "", "", ""}, {"b.txt", "", 3e9, 1e9, "", "", "", ""}}), Options{})
	if len(dated) != 1 || len(undated) != 1 {
		t.Fatalf("findings: %d dated, %d with an undated side; want 1 each", len(dated), len(undated))
	}
	if dated[0].Severity != SeverityHigh || undated[0].Severity != SeverityMedium {
		t.Errorf("severity %s with both dated, %s with an undated side; want high, medium", dated[0].Severity, undated[0].Severity)
	}
}

// wantOne checks that findings hold one finding whose message says want,
// or none when want is empty.
func wantOne(t *testing.T, got []Finding, want string) {
	t.Helper()
	if want == "" {
		for _, f := range got {
			t.Errorf("unexpected %s: %s", f.Type, f.Message)
		}
		return
	}
	if len(got) != 1 || !strings.Contains(got[0].Message, want) {
		var ms []string
		for _, f := range got {
			ms = append(ms, f.Message)
		}
		t.Errorf("findings %q, want one saying %q", ms, want)
	}
}
