package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/claimcheck/claimcheck/corpus"
	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/reconcile"
)

// spread is a finding four outlets agree on and one contradicts, over a
// few months, one article undated.
func spread() (Entry, map[string]*corpusArticle) {
	day := func(m, d int) time.Time { return time.Date(2024, time.Month(m), d, 9, 0, 0, 0, time.UTC) }
	arts := map[string]*corpusArticle{
		"t/a.txt": {Path: "t/a.txt", Source: "Wire", Title: "A", Published: day(1, 10), Precision: corpus.PrecisionDay},
		"t/b.txt": {Path: "t/b.txt", Source: "The Ledger", Title: "B", Published: day(2, 1), Precision: corpus.PrecisionDay},
		"t/c.txt": {Path: "t/c.txt", Source: "Daily <b>Bugle</b>", Title: "C", Published: day(4, 30), Precision: corpus.PrecisionDay},
		"t/d.txt": {Path: "t/d.txt", Title: "D"},
		"t/e.txt": {Path: "t/e.txt", Source: "Outlier Weekly", Title: "E", Published: day(3, 15), Precision: corpus.PrecisionDay},
	}
	f := Entry{Status: "open", Finding: reconcile.Finding{ID: "f-t", Type: reconcile.TypeConflict, Kind: extract.KindInvestment, Subject: "Orbital",
		Sides: []reconcile.Side{{Value: "$2 billion", Articles: []string{"t/c.txt", "t/a.txt", "t/b.txt", "t/d.txt"}, Sources: 4},
			{Value: "$9 billion", Articles: []string{"t/e.txt"}, Sources: 1}}}}
	return f, arts
}

func TestTimelineLayout(t *testing.T) {
	f, arts := spread()
	v := timeline(f, arts)
	if v == nil {
		t.Fatal("no timeline")
	}
	if len(v.Rows) != 2 || v.Rows[0].Outlier || !v.Rows[1].Outlier || !strings.Contains(v.Rows[1].Label, "outlier") {
		t.Errorf("rows %+v: the side with one source of five is the outlier", v.Rows)
	}
	x := map[string]int{}
	for _, d := range v.Dots {
		x[d.Title[strings.Index(d.Title, "— ")+len("— "):]] = d.X
		if d.X < 0 || d.X > v.W || d.Y <= 0 || d.Y >= v.AxisY {
			t.Errorf("dot %+v outside the figure", d)
		}
		if strings.Contains(d.Title, "Outlier Weekly") != d.Outlier {
			t.Errorf("dot %q: outlier %v", d.Title, d.Outlier)
		}
	}
	if len(v.Dots) != 5 {
		t.Fatalf("%d dots, want one per article", len(v.Dots))
	}
	wire, ledger, bugle, outlier, undated := x["Wire, A, 2024-01-10"], x["The Ledger, B, 2024-02-01"], x["Daily <b>Bugle</b>, C, 2024-04-30"], x["Outlier Weekly, E, 2024-03-15"], x["d.txt, D, undated"]
	if !(wire < ledger && ledger < outlier && outlier < bugle && bugle < undated) {
		t.Errorf("dots not in date order, undated last: %v", x)
	}
	if wire != v.PlotX0 || bugle != v.PlotX1 {
		t.Errorf("the first and last dates do not span the plot: %d..%d, plot %d..%d", wire, bugle, v.PlotX0, v.PlotX1)
	}
	if len(v.Ticks) < 2 || v.Ticks[0].Label != "2024-01-10" || v.Ticks[len(v.Ticks)-1].Label != "2024-04-30" || v.Undated == 0 {
		t.Errorf("ticks %+v, undated column %d", v.Ticks, v.Undated)
	}

	single := f
	single.Sides = single.Sides[:1]
	if timeline(single, arts) != nil {
		t.Error("a timeline for a finding with one side")
	}
	if timeline(f, map[string]*corpusArticle{}) != nil {
		t.Error("a timeline without a dated article")
	}
}

// TestTimelineInHTML: the report draws each finding's timeline as inline
// SVG, labels escaped, nothing fetched.
func TestTimelineInHTML(t *testing.T) {
	f, arts := spread()
	r := &Report{Findings: []Entry{f}}
	for _, a := range arts {
		r.Articles = append(r.Articles, *a)
	}
	var b bytes.Buffer
	if err := HTML(&b, r); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{`<figure class="timeline"><svg viewBox="0 0 420 `, `class="tl-dot tl-outlier"`, "$9 billion · 1 article · outlier",
		"Daily &lt;b&gt;Bugle&lt;/b&gt;", "2024-01-10", "undated"} {
		if !strings.Contains(page, want) {
			t.Errorf("the report lacks %s", want)
		}
	}
	if strings.Contains(page, "<b>Bugle") {
		t.Error("an outlet's markup became markup")
	}
}

func TestRunsChart(t *testing.T) {
	c := runsView([]RunPoint{{ID: 3, New: 1, Resolved: 2}, {ID: 2}, {ID: 1, New: 4}})
	if c == nil || len(c.Bars) != 3 {
		t.Fatalf("chart %+v", c)
	}
	if c.Bars[0].Label != "1" || c.Bars[2].Label != "3" || c.Bars[0].X >= c.Bars[2].X {
		t.Errorf("runs not oldest first, left to right: %+v", c.Bars)
	}
	if c.Bars[0].NewH <= c.Bars[2].NewH || c.Bars[2].ResH <= 0 || c.Bars[1].NewH != 0 || c.Bars[0].NewY+c.Bars[0].NewH != c.BaseY {
		t.Errorf("bar heights do not follow the counts: %+v", c.Bars)
	}
	if runsView(nil) != nil {
		t.Error("a chart without runs")
	}
	src := newFake()
	cl := newServerClient(t, src)
	if _, page := cl.get("/"); !strings.Contains(page, `<figure class="runs">`) || !strings.Contains(page, "run 3: 1 new, 2 resolved") {
		t.Error("the review page's front page has no chart of findings per run")
	}
	if _, page := cl.get("/finding/f-1"); strings.Contains(page, `<figure class="runs">`) {
		t.Error("a finding's page charts the runs")
	}
}
