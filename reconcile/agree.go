package reconcile

import "github.com/claimcheck/claimcheck/extract"

// agreement notes, fact by fact, whether every claim states one value:
// claims that agree hold no conflict whatever else they say, so such a
// fact is never read back, which is most of what checking facts costs on
// coverage that mostly agrees. A fact whose amounts the check of running
// totals keeps is read all the same.
type agreement map[string]*factValues

type factValues struct {
	value      extract.Value
	normalized string
	mixed      bool // two claims state different values
	mustRead   bool // keepAmounts must see its claims
}

// note records claim c of the fact key; keeps says whether keepAmounts
// may keep a copy of it.
func (a agreement) note(key string, c *extract.Claim, keeps bool) {
	v := a[key]
	if v == nil {
		a[key] = &factValues{value: c.Value, normalized: c.Normalized, mustRead: keeps}
		return
	}
	v.mixed = v.mixed || v.value != c.Value || v.normalized != c.Normalized
	v.mustRead = v.mustRead || keeps
}

// agrees says whether the fact's claims all state one value and need not
// be read.
func (a agreement) agrees(key string) bool {
	v := a[key]
	return v != nil && !v.mixed && !v.mustRead
}

// mustRead says whether keepAmounts must see the fact's claims.
func (a agreement) mustRead(key string) bool {
	v := a[key]
	return v != nil && v.mustRead
}
