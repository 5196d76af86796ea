package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
)

// Kind is what a claim is about; the set is fixed by the report contract.
type Kind string

// The claim kinds of the report contract.
const (
	KindInvestment      Kind = "investment"
	KindStake           Kind = "stake"
	KindValuation       Kind = "valuation"
	KindEventDate       Kind = "event_date"
	KindTicker          Kind = "ticker"
	KindRevenue         Kind = "revenue"
	KindRole            Kind = "role"
	KindClientChange    Kind = "client_change"
	KindMarketSize      Kind = "market_size"
	KindHeadcountChange Kind = "headcount_change"
	KindGrowth          Kind = "growth"
)

// Kinds lists every kind in report order.
var Kinds = []Kind{KindInvestment, KindStake, KindValuation, KindEventDate, KindTicker,
	KindRevenue, KindRole, KindClientChange, KindMarketSize, KindHeadcountChange, KindGrowth}

// ValueType says which fields of a Value are meaningful.
type ValueType string

// Value types.
const (
	ValueMoney    ValueType = "money"    // Currency, Lo, Hi, Step, Qualifier, Rate
	ValuePercent  ValueType = "percent"  // Lo, Hi, Step, Qualifier
	ValueMultiple ValueType = "multiple" // Lo (the factor), Step
	ValueDate     ValueType = "date"     // From, To, DatePrecision
	ValueCount    ValueType = "count"    // Lo (signed), Step, Qualifier
	ValueLabel    ValueType = "label"    // Label: a ticker, a client change, a role
	// ValuePerShare is what a rule declares to claim money stated per share
	// (a Value of type money with Rate "share"); no Value has this type.
	ValuePerShare ValueType = "per_share"
)

// Value is a figure as the article wrote it: the stated number or range plus
// what its wording allows (the unit of its last digit, a qualifier), so that
// reconciliation can compare intervals rather than strings.
type Value struct {
	Type      ValueType `json:"type"`
	Currency  string    `json:"currency,omitempty"`  // ISO 4217
	Lo        float64   `json:"lo,omitempty"`        // the stated amount, or a range's lower bound
	Hi        float64   `json:"hi,omitempty"`        // equal to Lo unless a range
	Step      float64   `json:"step,omitempty"`      // unit of the last stated digit: $15 billion → 1e9, $14.3 billion → 1e8
	Qualifier string    `json:"qualifier,omitempty"` // ">", ">=", "<", "<=", "~" or empty
	Rate      string    `json:"rate,omitempty"`      // "year" for "$200 million a year"
	// Dates are inclusive civil-day bounds written as YYYYMMDD numbers, so they
	// order as integers: late 2024 is From 20240901, To 20241231.
	From          int    `json:"from,omitempty"`
	To            int    `json:"to,omitempty"`
	DatePrecision string `json:"date_precision,omitempty"` // year, half, quarter, fuzzy, month, day
	Label         string `json:"label,omitempty"`
}

// Status says whether a figure is a fact or something less.
type Status string

// Statuses; the empty status is an actual figure.
const (
	StatusActual   Status = ""
	StatusTarget   Status = "target"
	StatusForecast Status = "forecast"
	StatusProposed Status = "proposed"
	StatusTalks    Status = "talks"
	// An expected figure is one the parties say will happen ("is expected
	// to pay"); a conditional one depends on what may not ("tied to
	// milestones", "the remaining $20 billion is conditional").
	StatusExpected    Status = "expected"
	StatusConditional Status = "conditional"
)

// Component says which part of a deal a figure is: the money paid at
// once, what depends on milestones, a running total, a price per share.
// The empty component is the deal's amount as stated.
type Component string

// Components of a deal.
const (
	ComponentPlain           Component = ""
	ComponentUpfront         Component = "upfront"
	ComponentContingent      Component = "contingent" // milestones, earn-outs, contingent value rights
	ComponentCumulative      Component = "cumulative" // the total invested to date
	ComponentPriorCumulative Component = "prior_cumulative"
	ComponentPackageTotal    Component = "package_total" // every part of one deal together
	ComponentPerShare        Component = "per_share"
	ComponentEquityValue     Component = "equity_value"
	ComponentEnterpriseValue Component = "enterprise_value" // debt included
	ComponentTerminationFee  Component = "termination_fee"
	ComponentFinancing       Component = "financing"
)

// Aspect scopes a figure inside one deal: the valuation before or after it,
// one tranche or the running total.
type Aspect string

// Aspects; the empty aspect is the plain figure.
const (
	AspectPlain   Aspect = ""
	AspectBefore  Aspect = "before"
	AspectAfter   Aspect = "after"
	AspectTranche Aspect = "tranche"
	AspectTotal   Aspect = "total"
	AspectInitial Aspect = "initial"
	AspectBound   Aspect = "bound" // "up to $4 billion" as a commitment ceiling
)

// Claim is one fact stated by one article, with the evidence that shows it.
type Claim struct {
	ID          string    `json:"id"`
	Article     string    `json:"article"` // the article's Path
	Kind        Kind      `json:"kind"`
	Subject     string    `json:"subject"`
	Object      string    `json:"object,omitempty"`
	Normalized  string    `json:"normalized"`
	Text        string    `json:"text"`     // the value as written, Text == article.Text[Start:End]
	Sentence    string    `json:"sentence"` // the whole sentence
	Start       int       `json:"start"`
	End         int       `json:"end"`
	SentStart   int       `json:"sentence_start"`
	SentEnd     int       `json:"sentence_end"`
	Hedged      bool      `json:"hedged"`
	Attribution string    `json:"attribution,omitempty"`
	Period      string    `json:"period,omitempty"` // the year or date the figure is for: "2024", "2025-06"
	Status      Status    `json:"status,omitempty"`
	Aspect      Aspect    `json:"aspect,omitempty"`
	Component   Component `json:"component,omitempty"`
	Event       string    `json:"event,omitempty"`     // for event_date: announced, closed, founded, launched, approved
	Published   string    `json:"published,omitempty"` // the article's publication date, YYYY-MM-DD, when known
	// Round is the round of a deal the claim's clause names: "series c",
	// "seed", "tranche second", "2019". Claims naming different rounds are
	// different deals.
	Round string `json:"round,omitempty"`
	// Plan is the plan a headcount change belongs to, by its cause:
	// "integration: Vega Systems", "restructuring: 2026-05".
	Plan  string `json:"plan,omitempty"`
	Value Value  `json:"value"`
	// Refs are the references in the sentence read as the claim's parties
	// ("its": Mercor), when the sentence does not name them.
	Refs []Ref `json:"refs,omitempty"`
}

// ClaimID is the id of the claim of kind k at [start, end) of the article at
// path: stable while the article's text is.
func ClaimID(path string, k Kind, start, end int) string {
	h := sha256.New()
	h.Write([]byte(path))
	h.Write([]byte{0})
	h.Write([]byte(k))
	h.Write([]byte{0})
	h.Write([]byte(strconv.Itoa(start) + ":" + strconv.Itoa(end)))
	return "c-" + hex.EncodeToString(h.Sum(nil)[:6])
}
