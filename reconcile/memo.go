package reconcile

import (
	"crypto/sha256"
	"hash"
	"math"
	"strconv"

	"github.com/claimcheck/claimcheck/extract"
)

// Digest names everything a fact's check reads: the salt (the rules, the
// build), the fact's key, and each of its claims in order, with what the
// corpus around them makes of them (see claimDigest).
type Digest [16]byte

// FactResult is what checking one fact gave: its findings, and the claims
// it put on a conflict's losing side (arithmetic resting on them is not
// reported).
type FactResult struct {
	Findings []Finding `json:"findings,omitempty"`
	Outliers []string  `json:"outliers,omitempty"`
}

// Memo is what a reconciliation learnt of each fact, by digest; a fact
// whose check found nothing maps to nil.
type Memo map[Digest]*FactResult

// MemoStats says how much of a reconciliation its memo spared.
type MemoStats struct {
	Facts    int // facts with claims to compare
	Agreeing int // of them, those whose claims all state one value: nothing to check
	Checked  int // of the others, those checked again: their digest was not in the memo
}

// Incremental is Stream that checks again only the facts whose digest is
// not in prior: a fact whose claims, and whatever else its check reads,
// are as they were when prior was made gives the findings it gave then.
// The findings are those Stream gives; next is the memo of this
// reconciliation's facts, to pass to the next one. salt names what the
// findings depend on besides the claims (the rules' files, the build):
// a memo made under another salt spares nothing.
//
// Checks that read the corpus as a whole (tickers, arithmetic, two people
// in one post) run in full: they are cheap next to the facts.
func Incremental(src Source, opts Options, salt string, prior Memo) (findings []Finding, next Memo, stats MemoStats, err error) {
	m := &memo{salt: salt, prior: prior, next: Memo{}, digests: map[string]Digest{}, reused: map[string]bool{}}
	findings, err = newRun(opts).stream(src, m)
	if err != nil {
		return nil, nil, MemoStats{}, err
	}
	return findings, m.next, m.stats, nil
}

// memo is an incremental reconciliation's state.
type memo struct {
	salt  string
	prior Memo
	next  Memo
	// each group's digest so far, by group key: one digest per fact, not
	// its claims, is held while the claims are read
	digests map[string]Digest
	// groups read only for keepAmounts: their findings were reused
	reused map[string]bool
	stats  MemoStats
	// reused between claims: the digest input, the hash and its sum
	buf  []byte
	hash hash.Hash
	sum  []byte
}

// add folds a claim into its group's digest.
func (m *memo) add(key string, input []byte) {
	d, ok := m.digests[key]
	if m.hash == nil {
		m.hash = sha256.New()
	}
	h := m.hash
	h.Reset()
	if !ok {
		h.Write([]byte(m.salt))
		h.Write([]byte{0})
		h.Write([]byte(key))
	} else {
		h.Write(d[:])
	}
	h.Write(input)
	m.sum = h.Sum(m.sum[:0])
	copy(d[:], m.sum)
	m.digests[key] = d
}

// reuse returns the memo's result for the group when its digest is
// there, noting it in the next memo; read says whether the group must
// still be read (mustRead: keepAmounts must see its amounts) though not
// checked.
func (m *memo) reuse(key string, mustRead bool) (res *FactResult, ok, read bool) {
	m.stats.Facts++
	d := m.digests[key]
	if res, ok = m.prior[d]; !ok {
		m.stats.Checked++
		return nil, false, true
	}
	m.next[d] = res
	if mustRead {
		m.reused[key] = true
		return res, true, true
	}
	return res, true, false
}

// agreed records a fact whose claims all agree: it has no findings and
// needs no check.
func (m *memo) agreed(key string) {
	m.stats.Facts++
	m.stats.Agreeing++
	m.next[m.digests[key]] = nil
}

// check says whether a group read must be checked: whether its findings
// were not reused.
func (m *memo) check(key string) bool { return !m.reused[key] }

// keep records what checking the group gave.
func (m *memo) keep(key string, fs []Finding, outliers []string) {
	var res *FactResult
	if len(fs) > 0 || len(outliers) > 0 {
		res = &FactResult{Findings: fs, Outliers: outliers}
	}
	m.next[m.digests[key]] = res
}

// noteArticle folds an article's grouped claims into their facts'
// digests. It runs once the article's stated ceilings are known.
func (r *run) noteArticle(m *memo, cs []*extract.Claim, version func(string) string) {
	for _, c := range cs {
		k, ok := r.groupKey(c)
		if !ok {
			continue
		}
		v := ""
		if version != nil {
			v = version(c.Article)
		}
		m.buf = r.claimDigest(m.buf[:0], c, v)
		m.add(k, m.buf)
	}
}

// claimDigest appends to b what a fact's check reads of one claim: every
// field of the claim, its article's version (which stands for the
// sentence a first pass leaves out), its parties as the corpus names them,
// whether its article states its amount as a ceiling, and the dates the
// corpus gives its pair's deals.
func (r *run) claimDigest(b []byte, c *extract.Claim, version string) []byte {
	str := func(s string) { b = append(strconv.AppendInt(b, int64(len(s)), 10), ':'); b = append(b, s...) }
	num := func(n int) { b = append(strconv.AppendInt(b, int64(n), 10), ';') }
	flt := func(f float64) { b = append(strconv.AppendUint(b, math.Float64bits(f), 16), ';') }
	flag := func(ok bool) {
		if ok {
			b = append(b, 'T')
		} else {
			b = append(b, 'F')
		}
	}
	str(c.ID)
	str(c.Article)
	str(string(c.Kind))
	str(c.Subject)
	str(c.Object)
	str(c.Normalized)
	str(c.Text)
	str(c.Sentence)
	num(c.Start)
	num(c.End)
	num(c.SentStart)
	num(c.SentEnd)
	flag(c.Hedged)
	str(c.Attribution)
	str(c.Period)
	str(string(c.Status))
	str(string(c.Aspect))
	str(string(c.Component))
	str(c.Event)
	str(c.Published)
	str(c.Round)
	str(c.Plan)
	v := &c.Value
	str(string(v.Type))
	str(v.Currency)
	flt(v.Lo)
	flt(v.Hi)
	flt(v.Step)
	str(v.Qualifier)
	str(v.Rate)
	num(v.From)
	num(v.To)
	str(v.DatePrecision)
	str(v.Label)
	str(version)
	subject, object := r.canon(c.Subject), r.canon(c.Object)
	str(subject)
	str(object)
	flag(r.asCeiling[c.ID])
	pair := [2]string{subject, object}
	for _, days := range [][]int{r.announced[pair], r.closed[pair], r.signed[pair]} {
		num(len(days))
		for _, d := range days {
			num(d)
		}
	}
	return b
}

// keepsAmount says whether keepAmounts keeps a copy of the claim.
func (r *run) keepsAmount(c *extract.Claim) bool {
	return len(r.amounts) > 0 && (isRunningTotal(c) || r.isTrancheAmount(c)) && r.amounts[r.amountKey(c)] != nil
}

// Versioner is a Source that can name the version of an article its
// claims come from (a hash of its file): claims handed over without their
// sentences are then known unchanged by it.
type Versioner interface {
	Version(article string) string
}
