package reconcile

import "strings"

// Namer is a Source that can list the party names its claims use, with
// how many times each is used, cheaply. Reconciliation then reads a short
// name as the longer name of the corpus it begins ("Calder" as "Calder
// Robotics"), so that articles naming a company differently state one fact.
type Namer interface {
	Names(fn func(name string, uses int) error) error
}

// aliases maps a folded name to the folded name it stands for.
type aliases map[string]string

// buildAliases reads a name as the longer name of the corpus whose first
// words are all of its words, when the corpus names that one at least twice
// as often as every other such name together, and at least half as often
// as the short name itself, or whatever its use when every word it adds is
// one that ends a company's name (orgWords: "Harbor Lane Capital" is
// Harbor Lane's full name, "Calder Robotics Europe" a part of Calder
// Robotics). A name that begins several
// names used alike ("Orbis" of "Orbis Energy" and "Orbis Media") stands for
// none of them: which is meant is not known.
func buildAliases(uses map[string]int, orgWords map[string]bool) aliases {
	folded := map[string]int{}
	for n, k := range uses {
		if f := fold(n); f != "" {
			folded[f] += k
		}
	}
	longer := map[string][]string{}
	for n := range folded {
		words := strings.Fields(n)
		for k := 1; k < len(words); k++ {
			if p := strings.Join(words[:k], " "); folded[p] > 0 {
				longer[p] = append(longer[p], n)
			}
		}
	}
	out := aliases{}
	for short, cands := range longer {
		top, rest := "", 0
		for _, c := range cands {
			switch {
			case top == "":
				top = c
			case folded[c] > folded[top] || folded[c] == folded[top] && c < top:
				rest += folded[top]
				top = c
			default:
				rest += folded[c]
			}
		}
		// A longer name used far less than the short one is a part of it
		// ("Calder Robotics Europe", a unit) or a misreading, not its name.
		if folded[top] >= 2*rest && folded[top] > rest && (2*folded[top] >= folded[short] || allIn(strings.Fields(top)[len(strings.Fields(short)):], orgWords)) {
			out[short] = top
		}
	}
	return out
}

func allIn(words []string, set map[string]bool) bool {
	for _, w := range words {
		if !set[w] {
			return false
		}
	}
	return len(words) > 0
}

// canon is the folded name a party is compared by.
func (r *run) canon(name string) string {
	f := fold(name)
	if l, ok := r.aliases[f]; ok {
		return l
	}
	return f
}

// readNames builds the aliases from a Source that lists its names; others
// are compared by their names as written.
func (r *run) readNames(src Source) error {
	n, ok := src.(Namer)
	if !ok {
		return nil
	}
	uses := map[string]int{}
	if err := n.Names(func(s string, k int) error { uses[s] += k; return nil }); err != nil {
		return err
	}
	orgWords := map[string]bool{}
	if r.opts.Rules != nil {
		for _, w := range r.opts.Rules.Lexicon.OrgWords {
			orgWords[fold(w)] = true
		}
	}
	r.aliases = buildAliases(uses, orgWords)
	return nil
}

// Names lists the subjects and objects of the claims with their uses.
func (m memorySource) Names(fn func(string, int) error) error {
	uses := map[string]int{}
	for i := range m {
		if n := m[i].Subject; n != "" {
			uses[n]++
		}
		if n := m[i].Object; n != "" {
			uses[n]++
		}
	}
	for n, k := range uses {
		if err := fn(n, k); err != nil {
			return err
		}
	}
	return nil
}
