package report

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"

	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/claimcheck/claimcheck/corpus"
	"github.com/claimcheck/claimcheck/extract"
)

// Source is what the review pages read and change: a database, in claimcheck.
type Source interface {
	Report(ctx context.Context, f Filter) (*Report, error)
	// Article returns the article at path with its text, and its claims.
	Article(ctx context.Context, path string) (*corpus.Article, []extract.Claim, error)
	SetReview(ctx context.Context, findingID, state, note, who string) error
}

// ReviewLog is what a Source that keeps every verdict also offers: the
// verdicts given on each of the findings ids, oldest first, read at once
// however many ids there are. A finding without verdicts has no entry.
type ReviewLog interface {
	ReviewHistories(ctx context.Context, ids []string) (map[string][]Review, error)
}

// ErrNotFound is what a Source wraps for an unknown finding or article.
var ErrNotFound = errors.New("not found")

// ServerOptions configures the review pages.
type ServerOptions struct {
	// Who is recorded as the reviewer of every verdict (serve --user).
	// Empty, each reviewer gives a name with their first verdict, and
	// their browser keeps it.
	Who    string
	Logger *slog.Logger
	// Hosts are the names and addresses the pages answer to besides
	// loopback ones ("localhost", 127.0.0.1, ::1): a request for any other
	// Host is refused, so that a site rebinding its name to this machine
	// cannot read the pages.
	Hosts []string
	// AnyIP answers requests for any IP address: for a server bound to
	// every interface. An address cannot be rebound; a name can.
	AnyIP bool
	// Token, when set, must be given once per browser (a session cookie
	// stands for it after) before any page is shown: for a server that
	// other machines can reach.
	Token string
	// CSRFToken, when set, is the forms' token instead of a random one:
	// several servers behind one address must accept each other's forms.
	CSRFToken string
}

type server struct {
	src      Source
	opts     ServerOptions
	csrf     string
	sessions sessions
}

// NewServer returns the local review pages over src: findings with their
// evidence side by side, articles opened at a claim, and forms to confirm,
// dismiss or reopen a finding. State changes are POSTs carrying a token
// only these pages know; every page forbids framing and foreign scripts.
func NewServer(src Source, opts ServerOptions) (http.Handler, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, err
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	s := &server{src: src, opts: opts, csrf: base64.RawURLEncoding.EncodeToString(b[:]), sessions: newSessions(opts.Token)}
	if opts.CSRFToken != "" {
		s.csrf = opts.CSRFToken
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.list)
	mux.HandleFunc("GET /finding/{id}", s.finding)
	mux.HandleFunc("POST /finding/{id}/review", s.review)
	mux.HandleFunc("GET /article", s.article)
	mux.HandleFunc("GET /login", s.loginPage)
	mux.HandleFunc("POST /login", s.login)
	return s.headers(s.guard(mux)), nil
}

func nonce() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return base64.RawStdEncoding.EncodeToString(b[:])
}

type nonceKey struct{}

// headers sets the security headers every page carries.
func (s *server) headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := nonce()
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-"+n+"'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		// same-origin, not no-referrer: under no-referrer a browser sends
		// "Origin: null" with the pages' own forms, and Origin is how a
		// POST proves it came from these pages.
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), nonceKey{}, n)))
	})
}

func (s *server) page(r *http.Request, rep *Report, f Filter) pageView {
	histories := s.withHistories(r.Context(), rep.Findings)
	p := view(rep)
	p.Server, p.CSRF, p.Filter, p.Flash = true, s.csrf, f, flashOf(r.URL.Query())
	p.Histories = histories
	p.Meanwhile, p.MeanwhileID = meanwhile(r.URL.Query(), rep.Findings)
	p.Reviewer = s.reviewer(r)
	p.AskName = p.Reviewer == ""
	p.Types, p.Kinds = allTypes, allKinds
	p.Nonce, _ = r.Context().Value(nonceKey{}).(string)
	q := r.URL.Query()
	for _, k := range []string{"reviewed", "state", "since", "upto"} {
		q.Del(k)
	}
	p.Return = r.URL.Path
	if len(q) > 0 {
		p.Return += "?" + q.Encode()
	}
	return p
}

// flashOf is the line that confirms a review after its redirect. It is
// built from known words and a checked id, never echoed from the query, so
// a link cannot make the page say something else.
func flashOf(q url.Values) string {
	id, state := q.Get("reviewed"), reviewStates[q.Get("state")]
	if state == "" || !plainID(id) {
		return ""
	}
	if state == "open" {
		return "Finding " + id + " reopened."
	}
	return "Finding " + id + " marked " + state + "."
}

// withHistories gives the findings their verdict histories, read at once,
// and says whether it could. Only a finding with a verdict (its Review has
// a time) has a history: on a page of thousands, mostly unreviewed, few
// ids are asked for.
func (s *server) withHistories(ctx context.Context, fs []Entry) bool {
	log, ok := s.src.(ReviewLog)
	if !ok {
		return false
	}
	var ids []string
	for _, e := range fs {
		if !e.Review.At.IsZero() {
			ids = append(ids, e.ID)
		}
	}
	h, err := log.ReviewHistories(ctx, ids)
	if err != nil {
		// The histories are a view on the verdicts, not the page's
		// purpose: without them the page still serves.
		s.opts.Logger.Error("review page: verdict histories", "err", err)
		return false
	}
	for i := range fs {
		fs[i].History = h[fs[i].ID]
	}
	return true
}

// meanwhile is what was said of the finding just reviewed between the
// reviewer loading the page and posting: the verdicts since..upto of its
// history, as the redirect after the verdict counted them. The query only
// points into the stored history; it supplies no words.
func meanwhile(q url.Values, fs []Entry) ([]Review, string) {
	id := q.Get("reviewed")
	since, err1 := strconv.Atoi(q.Get("since"))
	upto, err2 := strconv.Atoi(q.Get("upto"))
	if !plainID(id) || err1 != nil || err2 != nil || since < 0 || upto <= since {
		return nil, ""
	}
	for _, e := range fs {
		if e.ID == id && upto <= len(e.History) {
			return e.History[since:upto], id
		}
	}
	return nil, ""
}

// plainID reports whether id looks like a finding id: short, letters,
// digits and dashes.
func plainID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// returnTo is where a review form goes back to: the page it was on, when
// that is one of ours; else the list. The id and state ride along for the
// confirmation line, the verdicts given after the page was loaded and
// before this one (since..upto in the finding's history) for a warning, and the
// fragment brings the finding into view.
func returnTo(back, id, state string, since, upto int) string {
	u, err := url.Parse(back)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || !strings.HasPrefix(u.Path, "/") ||
		strings.HasPrefix(back, "//") || strings.ContainsAny(back, "\\\r\n") || (u.Path != "/" && !strings.HasPrefix(u.Path, "/finding/")) {
		u = &url.URL{Path: "/"}
	}
	q := u.Query()
	q.Set("reviewed", id)
	q.Set("state", state)
	q.Del("since")
	q.Del("upto")
	if upto > since {
		q.Set("since", strconv.Itoa(since))
		q.Set("upto", strconv.Itoa(upto))
	}
	return (&url.URL{Path: u.Path, RawQuery: q.Encode(), Fragment: id}).String()
}

func (s *server) fail(w http.ResponseWriter, r *http.Request, code int, msg string, err error) {
	if err != nil {
		s.opts.Logger.Error("review page", "path", r.URL.Path, "err", err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	_ = templates.ExecuteTemplate(w, "error.html", map[string]string{"Message": msg})
}

func filterOf(q url.Values) Filter {
	f := Filter{Show: q.Get("show"), Type: q.Get("type"), Kind: q.Get("kind")}
	if CheckShow(f.Show) != nil {
		f.Show = ShowAttention
	}
	return f
}

func (s *server) list(w http.ResponseWriter, r *http.Request) {
	f := filterOf(r.URL.Query())
	// A finding just reviewed stays in view, whatever the filter says, so
	// that the reviewer sees the verdict and note land and can undo them.
	just := r.URL.Query().Get("reviewed")
	if !plainID(just) {
		just = ""
	}
	ask := f
	if just != "" {
		ask.Show = ShowAll
	}
	rep, err := s.src.Report(r.Context(), ask)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "Could not read the findings: see the server's log.", err)
		return
	}
	keep := rep.Findings[:0]
	for _, e := range rep.Findings {
		if f.Match(e) || e.ID == just {
			keep = append(keep, e)
		}
	}
	rep.Findings, rep.Filter = keep, f
	p := s.page(r, rep, f)
	if h, ok := s.src.(RunHistory); ok {
		// The chart is a view on the runs, not the page's purpose: without
		// it the list still serves.
		if runs, err := h.Runs(r.Context(), runsShown); err != nil {
			s.opts.Logger.Error("review page: runs", "err", err)
		} else {
			p.Runs = runsView(runs)
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = templates.ExecuteTemplate(w, "page.html", p)
}

func (s *server) finding(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	rep, err := s.src.Report(r.Context(), Filter{Show: ShowAll})
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "Could not read the findings: see the server's log.", err)
		return
	}
	var keep []Entry
	for _, f := range rep.Findings {
		if f.ID == id {
			keep = append(keep, f)
		}
	}
	if len(keep) == 0 {
		s.fail(w, r, http.StatusNotFound, "No finding "+id+". It may have another id after the rules changed: go back to the list.", nil)
		return
	}
	rep.Findings = keep
	rep.Title = "Finding " + id
	p := s.page(r, rep, Filter{Show: ShowAll})
	p.Single = true
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = templates.ExecuteTemplate(w, "page.html", p)
}

var reviewStates = map[string]string{"confirmed": "confirmed", "confirm": "confirmed", "dismissed": "dismissed",
	"dismiss": "dismissed", "open": "open", "reopen": "open"}

// postedForm reads a POSTed form of at most limit bytes carrying this
// server's form token; false when it answered the request with an error.
func (s *server) postedForm(w http.ResponseWriter, r *http.Request, limit int64) bool {
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, http.StatusBadRequest, "Malformed form.", nil)
		return false
	}
	if subtle.ConstantTimeCompare([]byte(r.PostForm.Get("csrf")), []byte(s.csrf)) != 1 {
		s.fail(w, r, http.StatusForbidden, "This form is stale or came from another site: reload the page and try again.", nil)
		return false
	}
	return true
}

func (s *server) review(w http.ResponseWriter, r *http.Request) {
	if !s.postedForm(w, r, 64<<10) {
		return
	}
	state, ok := reviewStates[r.PostForm.Get("state")]
	if !ok {
		s.fail(w, r, http.StatusBadRequest, "Unknown review state: use the Confirm, Dismiss or Reopen buttons.", nil)
		return
	}
	id := r.PathValue("id")
	note := strings.TrimSpace(r.PostForm.Get("note"))
	who := s.reviewer(r)
	if who == "" {
		if who = cleanName(r.PostForm.Get("reviewer")); who == "" {
			s.fail(w, r, http.StatusBadRequest, "Give your name with your verdict: it is recorded with it.", nil)
			return
		}
		rememberReviewer(w, r, who)
	}
	since, upto := s.verdictsSince(r, id)
	if err := s.src.SetReview(r.Context(), id, state, note, who); err != nil {
		if errors.Is(err, ErrNotFound) {
			s.fail(w, r, http.StatusNotFound, "No finding "+id+".", nil)
			return
		}
		s.fail(w, r, http.StatusInternalServerError, "Could not save the review: see the server's log.", err)
		return
	}
	s.opts.Logger.Info("review", "finding", id, "state", state, "by", who)
	http.Redirect(w, r, returnTo(r.PostForm.Get("return"), id, state, since, upto), http.StatusSeeOther)
}

// verdictsSince counts the verdicts on a finding when its form was
// rendered (the form's "seen") and now, just before this one is recorded:
// those between were given, by someone else or in another tab, after the
// reviewer loaded the page. Last write wins, so the new verdict is recorded anyway; the page
// it returns to says what it came after. 0, 0 when unknown.
func (s *server) verdictsSince(r *http.Request, id string) (since, upto int) {
	seen, err := strconv.Atoi(r.PostForm.Get("seen"))
	log, ok := s.src.(ReviewLog)
	if err != nil || seen < 0 || !ok {
		return 0, 0
	}
	h, err := log.ReviewHistories(r.Context(), []string{id})
	if err != nil {
		s.opts.Logger.Error("review: verdict history", "finding", id, "err", err)
		return 0, 0
	}
	return seen, len(h[id])
}

// segment is a piece of an article's text, highlighted when it is a claim.
type segment struct {
	Text   string
	Claim  bool
	Anchor string   // "span-START": the target of a link to the claim
	Also   []string // anchors of claims that overlap this one, which share its mark
	Kind   string
}

type articleView struct {
	Article  *corpus.Article
	Paras    [][]segment
	Nonce    string
	Claims   int
	Warnings []string
}

func (s *server) article(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Query().Get("path")
	a, all, err := s.src.Article(r.Context(), path)
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			s.fail(w, r, http.StatusNotFound, "No article "+path+" in the database.", nil)
			return
		}
		s.fail(w, r, http.StatusInternalServerError, "Could not read the article: see the server's log.", err)
		return
	}
	var claims []extract.Claim
	for _, c := range all {
		if c.Article == a.Path && contractKinds[c.Kind] {
			claims = append(claims, c)
		}
	}
	v := articleView{Article: a, Paras: highlight(a.Text, claims), Claims: len(claims), Warnings: a.Warnings}
	v.Nonce, _ = r.Context().Value(nonceKey{}).(string)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = templates.ExecuteTemplate(w, "article.html", v)
}

// highlight cuts an article's text into paragraphs of plain and claim
// segments, for html/template to escape piece by piece. Every claim gets
// an anchor "span-START"; a claim overlapping an earlier one shares its
// mark. Spans outside the text are left out.
func highlight(text string, claims []extract.Claim) [][]segment {
	return highlightAs(text, claims, "")
}

// highlightAs is highlight with anchors "PREFIXspan-START", for a page that
// holds more than one article.
func highlightAs(text string, claims []extract.Claim, prefix string) [][]segment {
	claims = append([]extract.Claim(nil), claims...)
	sort.SliceStable(claims, func(i, j int) bool {
		if claims[i].Start != claims[j].Start {
			return claims[i].Start < claims[j].Start
		}
		return claims[i].End > claims[j].End // the wider mark first
	})
	var paras [][]segment
	var cur []segment
	pos := 0
	last := -1 // index in cur of the last mark, while it is the paragraph's
	seen := map[int]bool{}
	emit := func(upto int) {
		for pos < upto {
			nl := strings.Index(text[pos:upto], "\n\n")
			if nl < 0 {
				cur = append(cur, segment{Text: text[pos:upto]})
				pos = upto
				break
			}
			if nl > 0 {
				cur = append(cur, segment{Text: text[pos : pos+nl]})
			}
			paras = append(paras, cur)
			cur, last = nil, -1
			pos += nl + 2
		}
	}
	for i := range claims {
		c := &claims[i]
		if c.Start < 0 || c.End > len(text) || c.Start >= c.End || seen[c.Start] {
			continue
		}
		seen[c.Start] = true
		anchor := prefix + "span-" + itoa(c.Start)
		if c.Start < pos {
			if last >= 0 {
				cur[last].Also = append(cur[last].Also, anchor)
			}
			continue
		}
		emit(c.Start)
		cur = append(cur, segment{Text: text[c.Start:c.End], Claim: true, Anchor: anchor, Kind: string(c.Kind)})
		last = len(cur) - 1
		pos = c.End
	}
	emit(len(text))
	if len(cur) > 0 {
		paras = append(paras, cur)
	}
	return paras
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
