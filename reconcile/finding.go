package reconcile

import "github.com/claimcheck/claimcheck/extract"

// Type is what sort of problem a finding reports; fixed by the report contract.
type Type string

// Finding types.
const (
	TypeConflict         Type = "conflict"
	TypeUnverifiedTicker Type = "unverified_ticker"
	TypeInconsistent     Type = "inconsistent"
)

// Severity ranks findings for an editor's attention.
type Severity string

// Severities, most urgent first.
const (
	SeverityHigh   Severity = "high"
	SeverityMedium Severity = "medium"
	SeverityLow    Severity = "low"
)

// Side is one of the incompatible values of a finding, with the claims that
// state it.
type Side struct {
	Value    string   `json:"value"`    // as an editor reads it: "$15 billion"
	Claims   []string `json:"claims"`   // claim ids
	Articles []string `json:"articles"` // article paths, one each
	Sources  int      `json:"sources"`  // independent sources: syndicated copies count once
	Hedged   bool     `json:"hedged"`   // every claim on this side is hedged
}

// Finding is one problem an editor should look at, with every claim it rests on.
type Finding struct {
	ID          string       `json:"id"`
	Type        Type         `json:"type"`
	Kind        extract.Kind `json:"kind"`
	Subject     string       `json:"subject"`
	Object      string       `json:"object,omitempty"`
	Severity    Severity     `json:"severity"`
	Claims      []string     `json:"claims"`
	Message     string       `json:"message"`
	Sides       []Side       `json:"sides,omitempty"`
	Fingerprint string       `json:"fingerprint"`       // the fact and its sides' values: stable across runs
	Evidence    string       `json:"evidence_hash"`     // the claim ids: changes when an article joins a side
	Checked     string       `json:"checked,omitempty"` // for tickers: the listing and its date
}
