package report

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// A finding's timeline: each side's articles as dots on a row of their
// own, placed by publication date, labelled by outlet, the sides with
// less support than another marked as outliers. Drawn as inline SVG laid
// out here and written by html/template, which escapes every label.

const (
	tlWidth    = 420 // viewBox units; the figure scales to its box, narrow so that its text stays legible on a phone
	tlPad      = 14
	tlRowH     = 58
	tlTop      = 4
	tlAxisH    = 26
	tlUndatedW = 64 // the column at the right for articles without a date
	tlMaxDots  = 40 // per side; the rest are counted in its label
)

type tlDot struct {
	X, Y             int
	LabelY           int
	Label            string // the outlet, shortened
	Anchor           string // the label's text-anchor: kept inside the figure at its edges
	Title            string // what a pointer or screen reader gets: value, outlet, title, date
	Outlier, Undated bool
}

type tlRow struct {
	Y, LineY int
	Label    string
	Outlier  bool
}

type tlTick struct {
	X      int
	Label  string
	Anchor string // text-anchor
}

type timelineView struct {
	W, H    int
	AxisY   int
	PlotX0  int
	PlotX1  int
	Rows    []tlRow
	Dots    []tlDot
	Ticks   []tlTick
	Undated int // x of the undated column's label; 0 when none
	LineX1  int // where the rows' lines end
	Summary string
}

// timeline lays out f's sides against their articles' dates; nil for a
// finding without two sides, or without a dated article to place.
func timeline(f Entry, arts map[string]*corpusArticle) *timelineView {
	if len(f.Sides) < 2 {
		return nil
	}
	best := 0
	for _, s := range f.Sides {
		best = max(best, support(s.Sources, len(s.Articles)))
	}
	var lo, hi time.Time
	dated, undated := 0, 0
	for _, s := range f.Sides {
		for _, p := range s.Articles {
			a := arts[p]
			if a == nil || a.Published.IsZero() {
				undated++
				continue
			}
			d := a.Published.UTC()
			if dated == 0 || d.Before(lo) {
				lo = d
			}
			if dated == 0 || d.After(hi) {
				hi = d
			}
			dated++
		}
	}
	if dated == 0 {
		return nil
	}
	v := &timelineView{W: tlWidth, PlotX0: tlPad, PlotX1: tlWidth - tlPad, LineX1: tlWidth - tlPad}
	if undated > 0 {
		v.PlotX1 -= tlUndatedW
		v.Undated = tlWidth - tlPad - tlUndatedW/2 + 6
	}
	span := hi.Sub(lo)
	xOf := func(d time.Time) int {
		if span <= 0 {
			return (v.PlotX0 + v.PlotX1) / 2
		}
		return v.PlotX0 + int(float64(v.PlotX1-v.PlotX0)*float64(d.Sub(lo))/float64(span))
	}
	var outliers []string
	for i, s := range f.Sides {
		top := tlTop + i*tlRowH
		row := tlRow{Y: top + 12, LineY: top + 32, Outlier: support(s.Sources, len(s.Articles)) < best}
		row.Label = s.Value + " · " + plural(len(s.Articles), "article")
		if row.Outlier {
			row.Label += " · outlier"
			outliers = append(outliers, s.Value)
		}
		if extra := len(s.Articles) - tlMaxDots; extra > 0 {
			row.Label += fmt.Sprintf(" (%d not drawn)", extra)
		}
		v.Rows = append(v.Rows, row)
		type placed struct {
			x    int
			path string
		}
		var dots []placed
		for j, p := range s.Articles {
			if j == tlMaxDots {
				break
			}
			x := v.Undated - 6
			if a := arts[p]; a != nil && !a.Published.IsZero() {
				x = xOf(a.Published.UTC())
			}
			dots = append(dots, placed{x, p})
		}
		sort.SliceStable(dots, func(a, b int) bool { return dots[a].x < dots[b].x })
		lastLabel := -1000
		below := true
		for _, d := range dots {
			a := arts[d.path]
			dot := tlDot{X: d.x, Y: row.LineY, Outlier: row.Outlier, Undated: a == nil || a.Published.IsZero()}
			outlet, when, title := "", "undated", ShowPath(d.path)
			if a != nil {
				outlet = a.Source
				if !dot.Undated {
					when = shortDate(a)
				}
				if a.Title != "" {
					title = a.Title
				}
			}
			if outlet == "" {
				outlet = baseName(ShowPath(d.path))
			}
			dot.Title = s.Value + " — " + outlet + ", " + title + ", " + when
			// Labels that would overlap alternate above and below the
			// line, and a third close by is left to the dot's title.
			if d.x-lastLabel >= 84 {
				below, lastLabel = true, d.x
				dot.Label = shorten(outlet, 12)
			} else if below {
				below, lastLabel = false, d.x
				dot.Label = shorten(outlet, 12)
			}
			dot.Anchor = "middle"
			switch {
			case d.x < tlPad+40:
				dot.Anchor = "start"
			case d.x > tlWidth-tlPad-40:
				dot.Anchor = "end"
			}
			dot.LabelY = row.LineY + 17
			if !below {
				dot.LabelY = row.LineY - 9
			}
			v.Dots = append(v.Dots, dot)
		}
	}
	v.AxisY = tlTop + len(f.Sides)*tlRowH + 4
	v.H = v.AxisY + tlAxisH
	layout := "2006-01-02"
	if span > 3*365*24*time.Hour {
		layout = "2006"
	}
	v.Ticks = append(v.Ticks, tlTick{X: v.PlotX0, Label: lo.Format(layout), Anchor: "start"})
	if span > 0 {
		if mid := lo.Add(span / 2); v.PlotX1-v.PlotX0 > 280 {
			v.Ticks = append(v.Ticks, tlTick{X: (v.PlotX0 + v.PlotX1) / 2, Label: mid.Format(layout), Anchor: "middle"})
		}
		v.Ticks = append(v.Ticks, tlTick{X: v.PlotX1, Label: hi.Format(layout), Anchor: "end"})
	}
	v.Summary = fmt.Sprintf("Timeline of %s published %s to %s", plural(dated+undated, "article"), lo.Format("2006-01-02"), hi.Format("2006-01-02"))
	if len(outliers) > 0 {
		v.Summary += "; outliers: " + strings.Join(outliers, ", ")
	}
	return v
}

// support is a side's weight: its independent sources, else its articles.
func support(sources, articles int) int {
	if sources > 0 {
		return sources
	}
	return articles
}

func baseName(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[i+1:]
	}
	return p
}

// shorten keeps the first n characters of s, marking a cut with "…".
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// RunPoint is one recorded run, for the review page's chart of findings
// new and resolved per run.
type RunPoint struct {
	ID            int64
	Started       time.Time
	New, Resolved int
}

// RunHistory is what a Source that records runs also offers: the latest
// limit runs, newest first.
type RunHistory interface {
	Runs(ctx context.Context, limit int) ([]RunPoint, error)
}

// runsShown is how many runs the chart draws.
const runsShown = 30

type runBar struct {
	X, W          int
	NewY, NewH    int
	ResY, ResH    int
	New, Resolved int
	Label         string // the run id, under its bars when there is room
	Title         string
}

type runChart struct {
	W, H, BaseY int
	X1          int // where the base line ends
	Bars        []runBar
	Summary     string
	MaxLabel    string
}

// runsView draws findings new (up) and resolved (down) per run, oldest
// first; nil without a run.
func runsView(runs []RunPoint) *runChart {
	if len(runs) == 0 {
		return nil
	}
	if len(runs) > runsShown {
		runs = runs[:runsShown]
	}
	runs = append([]RunPoint(nil), runs...)
	sort.Slice(runs, func(i, j int) bool { return runs[i].ID < runs[j].ID })
	peak := 1
	totalNew, totalRes := 0, 0
	for _, r := range runs {
		peak = max(peak, r.New, r.Resolved)
		totalNew += r.New
		totalRes += r.Resolved
	}
	const w, half, pad = tlWidth, 40, 16
	c := &runChart{W: w, X1: w - pad, H: 2*half + 2*pad + 14, BaseY: pad + half, MaxLabel: fmt.Sprint(peak)}
	slot := (w - 2*pad) / runsShown
	x0 := w - pad - slot*len(runs) // newest at the right, as on a calendar
	for i, r := range runs {
		b := runBar{X: x0 + i*slot + slot/6, W: max(2, slot*2/3), New: r.New, Resolved: r.Resolved}
		b.NewH = r.New * half / peak
		b.NewY = c.BaseY - b.NewH
		b.ResY = c.BaseY
		b.ResH = r.Resolved * half / peak
		if len(runs) <= 12 || i%5 == 0 || i == len(runs)-1 {
			b.Label = fmt.Sprint(r.ID)
		}
		b.Title = fmt.Sprintf("run %d", r.ID)
		if !r.Started.IsZero() {
			b.Title += ", " + r.Started.UTC().Format("2006-01-02 15:04")
		}
		b.Title += fmt.Sprintf(": %d new, %d resolved", r.New, r.Resolved)
		c.Bars = append(c.Bars, b)
	}
	c.Summary = fmt.Sprintf("Findings per run, the last %s: %d new, %d resolved", plural(len(runs), "run"), totalNew, totalRes)
	return c
}
