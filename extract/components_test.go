package extract

import (
	"testing"
	"time"
)

// TestComponents checks the part of a deal each figure is, including
// figures that must stay plain next to a cue meant for another.
func TestComponents(t *testing.T) {
	x := builtinExtractor(t)
	tests := []struct {
		in, text  string
		component Component
		status    Status
	}{
		{"The accord has two phases: an immediate $5bn infusion and a potential $20bn expansion.", "$5bn", ComponentPlain, StatusActual},
		{"The accord has two phases: an immediate $5bn infusion and a potential $20bn expansion.", "a potential $20bn", ComponentContingent, StatusConditional},
		{"Orbital Systems paid $2 billion upfront, with up to $1 billion more tied to sales milestones.", "$2 billion", ComponentUpfront, StatusActual},
		{"Orbital Systems paid $2 billion upfront, with up to $1 billion more tied to sales milestones.", "up to $1 billion", ComponentContingent, StatusConditional},
		{"Halden Bio will acquire Pinecrest Software for $42 per share.", "$42 per share", ComponentPerShare, StatusActual},
		{"Orbital Systems agreed to invest up to $4 billion in Vega Robotics, with $1.25 billion committed initially and the rest contingent on milestones.", "$1.25 billion", ComponentPlain, StatusActual},
		{"Halden Bio will pay $3 billion for Pinecrest Software if regulators approve the deal.", "$3 billion", ComponentPlain, StatusActual},
		{"Orbital Systems invested a further $2 billion in Vega Robotics, bringing its total to $6 billion.", "$6 billion", ComponentCumulative, StatusActual},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			cs := mustExtract(t, x, "a.txt", tc.in, time.Time{})
			for _, c := range cs {
				if c.Text != tc.text {
					continue
				}
				if c.Component != tc.component || c.Status != tc.status {
					t.Errorf("component %q status %q, want %q %q", c.Component, c.Status, tc.component, tc.status)
				}
				return
			}
			t.Errorf("no claim at %q:%s", tc.text, describeAll(cs))
		})
	}
}
