package extract

import (
	"regexp"

	"github.com/claimcheck/claimcheck/rules"
)

// wordClasses are the word classes of the rules (a claim rule's words:)
// that the mechanisms consult by name. The words live in the rule files;
// the code says only where each class is tried.
type wordClasses struct {
	acquireVerb, acquireAny, raise, dealNoun, roundNoun, led, give *regexp.Regexp // investment
	payTo, dealMention, sumRef                                     *regexp.Regexp // investment
	holding, heldIn, holderNoun                                    *regexp.Regexp // stake
	valueVerb, withDebt                                            *regexp.Regexp // valuation
	decline, metric, cagr, benchmark                               *regexp.Regexp // growth
	reach                                                          *regexp.Regexp // market_size
	level                                                          *regexp.Regexp // headcount_change
	ownEvent, dealRef                                              *regexp.Regexp // event_date
	relationship, idiom, followSuit, hypothetical                  *regexp.Regexp // client_change
	appoint, appointed, ledBy, joins                               *regexp.Regexp // role
	privatelyHeld                                                  *regexp.Regexp // ticker
}

// neverMatches stands for a class a user's rule removed: the mechanism
// then reads no text as that class.
var neverMatches = regexp.MustCompile(`[^\s\S]`)

func newWordClasses(set *rules.Set) wordClasses {
	var w wordClasses
	for _, c := range []struct {
		re         **regexp.Regexp
		kind, name string
	}{
		{&w.acquireVerb, "investment", "acquire_verb"}, {&w.acquireAny, "investment", "acquire_any"},
		{&w.raise, "investment", "raise"}, {&w.dealNoun, "investment", "deal_noun"}, {&w.roundNoun, "investment", "round_noun"},
		{&w.led, "investment", "led"}, {&w.give, "investment", "give"}, {&w.payTo, "investment", "pay_to"},
		{&w.dealMention, "investment", "deal_mention"}, {&w.sumRef, "investment", "sum_ref"},
		{&w.holding, "stake", "holding"}, {&w.heldIn, "stake", "held_in"}, {&w.holderNoun, "stake", "holder_noun"},
		{&w.valueVerb, "valuation", "value_verb"}, {&w.withDebt, "valuation", "with_debt"},
		{&w.decline, "growth", "decline"}, {&w.metric, "growth", "metric"}, {&w.cagr, "growth", "cagr"},
		{&w.benchmark, "growth", "benchmark"},
		{&w.reach, "market_size", "reach"},
		{&w.level, "headcount_change", "level"},
		{&w.ownEvent, "event_date", "own_event"}, {&w.dealRef, "event_date", "deal_ref"},
		{&w.relationship, "client_change", "relationship"}, {&w.idiom, "client_change", "idiom"},
		{&w.followSuit, "client_change", "follow_suit"}, {&w.hypothetical, "client_change", "hypothetical"},
		{&w.appoint, "role", "appoint"}, {&w.appointed, "role", "appointed"}, {&w.ledBy, "role", "led_by"}, {&w.joins, "role", "joins"},
		{&w.privatelyHeld, "ticker", "privately_held"},
	} {
		*c.re = neverMatches
		if r, ok := set.ClaimRule(c.kind); ok {
			if p := r.Words[c.name]; p != nil && p.Re != nil {
				*c.re = p.Re
			}
		}
	}
	return w
}
