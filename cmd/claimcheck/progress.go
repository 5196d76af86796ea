package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/claimcheck/claimcheck/pipeline"
)

// progress returns what draws an ingest's progress on stderr, or nil when
// nothing should be drawn: stderr is no terminal (a pipe, a log file, cron),
// the terminal cannot move the cursor (TERM=dumb), under CI, with --quiet
// or with JSON logs.
func progress(e *env) func(pipeline.Progress) {
	f, ok := e.stderr.(*os.File)
	if e.quiet || e.jsonLog || !ok || !term.IsTerminal(int(f.Fd())) || os.Getenv("CI") != "" || os.Getenv("TERM") == "dumb" {
		return nil
	}
	bar := &progressBar{}
	last := time.Time{}
	return func(p pipeline.Progress) {
		now := time.Now()
		bar.observe(now, p)
		if now.Sub(last) < 100*time.Millisecond {
			return
		}
		last = now
		width, _, err := term.GetSize(int(f.Fd()))
		if err != nil || width <= 0 {
			width = 80
		}
		fmt.Fprint(f, "\r"+bar.line(p, width)+"\033[K")
	}
}

// clearProgress wipes the progress line, when one was drawn.
func clearProgress(e *env, draw func(pipeline.Progress)) {
	if draw != nil {
		fmt.Fprint(e.stderr, "\r\033[K")
	}
}

// progressBar turns the pipeline's reports into one line. While the walk
// is still finding files it shows a count, not a bar: a bar against a
// total that keeps growing would move backwards. The ETA comes from the
// rate over the last rateWindow, so that a run that started on unchanged
// files (skipped in microseconds) does not promise a finish it cannot keep.
type progressBar struct {
	samples []progressSample
}

type progressSample struct {
	at   time.Time
	done int
}

const rateWindow = 10 * time.Second

func (b *progressBar) observe(now time.Time, p pipeline.Progress) {
	b.samples = append(b.samples, progressSample{now, p.Done})
	cut := 0
	for cut < len(b.samples)-2 && now.Sub(b.samples[cut+1].at) >= rateWindow {
		cut++
	}
	b.samples = b.samples[cut:]
}

// rate is files a second over the window; ok is false until the window
// spans long enough to say.
func (b *progressBar) rate() (float64, bool) {
	if len(b.samples) < 2 {
		return 0, false
	}
	first, last := b.samples[0], b.samples[len(b.samples)-1]
	span := last.at.Sub(first.at).Seconds()
	if span < 0.5 {
		return 0, false
	}
	return float64(last.done-first.done) / span, true
}

// line is the progress line for a terminal width columns wide: it never
// reaches the last column, so it never wraps, and the bar shrinks (or goes)
// to make room for the figures.
func (b *progressBar) line(p pipeline.Progress, width int) string {
	mb := fmt.Sprintf("%.1f MB", float64(p.Bytes)/1e6)
	var text string
	rate, known := b.rate()
	if p.Walking {
		text = fmt.Sprintf("counting files: %d found, %d read, %s", p.Found, p.Done, mb)
		return fit(text, width)
	}
	eta := "ETA --"
	if known && rate > 0 {
		eta = "ETA " + roundETA(time.Duration(float64(p.Found-p.Done)/rate*float64(time.Second)))
	}
	figures := fmt.Sprintf(" %d/%d files  %.0f/s  %s  %s", p.Done, p.Found, rate, mb, eta)
	barWidth := width - 1 - len(figures) - 2
	if barWidth > 40 {
		barWidth = 40
	}
	if barWidth < 10 {
		return fit(strings.TrimSpace(figures), width)
	}
	filled := 0
	if p.Found > 0 {
		filled = barWidth * min(p.Done, p.Found) / p.Found
	}
	return "[" + strings.Repeat("=", filled) + strings.Repeat(" ", barWidth-filled) + "]" + figures
}

// fit cuts a line to width-1 columns (the line is ASCII).
func fit(s string, width int) string {
	if width < 2 {
		return ""
	}
	if len(s) > width-1 {
		return s[:width-1]
	}
	return s
}

func roundETA(d time.Duration) string {
	switch {
	case d < time.Minute:
		return d.Round(time.Second).String()
	case d < time.Hour:
		return d.Round(10 * time.Second).String()
	}
	return d.Round(time.Minute).String()
}
