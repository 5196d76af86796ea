package main

import (
	"strings"
	"testing"
	"time"

	"github.com/claimcheck/claimcheck/pipeline"
)

// TestProgressLine: a count while the walk finds files, then a bar whose
// total does not move; the line never reaches the terminal's last column.
func TestProgressLine(t *testing.T) {
	var b progressBar
	t0 := time.Unix(0, 0)
	walking := pipeline.Progress{Done: 300, Found: 5000, Bytes: 3e6, Walking: true}
	b.observe(t0, walking)
	if got := b.line(walking, 100); strings.Contains(got, "[") || !strings.Contains(got, "counting files: 5000 found, 300 read") {
		t.Errorf("while walking: %q, want a count and no bar", got)
	}
	p := pipeline.Progress{Done: 1000, Found: 10000, Bytes: 10e6}
	b.observe(t0.Add(time.Second), p)
	got := b.line(p, 100)
	if !strings.HasPrefix(got, "[") || !strings.Contains(got, "1000/10000 files") {
		t.Errorf("total known: %q", got)
	}
	for width := 0; width <= 200; width++ {
		line := b.line(p, width)
		if width > 0 && len(line) >= width {
			t.Errorf("width %d: line of %d columns would wrap: %q", width, len(line), line)
		}
		if width == 0 && line != "" {
			t.Errorf("width 0: %q", line)
		}
	}
	if narrow := b.line(p, 40); strings.Contains(narrow, "[") || !strings.Contains(narrow, "1000/10000") {
		t.Errorf("at 40 columns the bar should give way to the figures: %q", narrow)
	}
}

// TestProgressETA: the ETA follows the recent rate. Unchanged files skip
// by in microseconds; the new ones behind them take real time, and the
// estimate must say so rather than promise the early pace.
func TestProgressETA(t *testing.T) {
	var b progressBar
	t0 := time.Unix(0, 0)
	p := pipeline.Progress{Found: 20000}
	if got := b.line(p, 120); !strings.Contains(got, "ETA --") {
		t.Errorf("no rate yet: %q", got)
	}
	// 10,000 unchanged files in the first second.
	for i := 0; i <= 10; i++ {
		p.Done = i * 1000
		b.observe(t0.Add(time.Duration(i)*100*time.Millisecond), p)
	}
	// Then 100 files a second for 20 seconds.
	for s := 1; s <= 20; s++ {
		p.Done = 10000 + s*100
		b.observe(t0.Add(time.Second+time.Duration(s)*time.Second), p)
	}
	rate, ok := b.rate()
	if !ok || rate < 95 || rate > 105 {
		t.Fatalf("rate %.1f (%v), want about 100 a second", rate, ok)
	}
	// 8,000 left at 100 a second: 80 s.
	if got := b.line(p, 120); !strings.Contains(got, "ETA 1m20s") {
		t.Errorf("ETA: %q, want 1m20s", got)
	}
}
