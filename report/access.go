package report

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// The review pages' trust boundary. A page on another site can make a
// browser send requests here, and, by rebinding its own name to this
// machine's address, read the answers as its own (DNS rebinding). So the
// pages answer only to the names they were told or to loopback ones;
// every POST must come from these pages (Origin), carry their form token,
// and, on a server others can reach, a session won with the access token.

const (
	sessionCookie  = "claimcheck_session"
	reviewerCookie = "claimcheck_reviewer"
	sessionTTL     = 12 * time.Hour
	maxNameRunes   = 80
)

// loginFailDelay slows guessing; tests shorten it.
var loginFailDelay = time.Second

// NewToken returns a fresh access token: 32 random bytes, URL-safe.
func NewToken() (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b[:]), nil
}

// IsLoopback reports whether host (a name or an address, without port)
// can only mean this machine.
func IsLoopback(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// hostOnly is the host of a Host header, without its port, lower case.
func hostOnly(hostport string) string {
	h := hostport
	if host, _, err := net.SplitHostPort(hostport); err == nil {
		h = host
	}
	return strings.TrimSuffix(strings.ToLower(strings.Trim(h, "[]")), ".")
}

// allowedHost reports whether a request naming host may be answered.
func (s *server) allowedHost(hostport string) bool {
	h := hostOnly(hostport)
	if h == "" {
		return false
	}
	if IsLoopback(h) {
		return true
	}
	for _, a := range s.opts.Hosts {
		if hostOnly(a) == h {
			return true
		}
	}
	// An address cannot be rebound to another machine; only a name can.
	return s.opts.AnyIP && net.ParseIP(h) != nil
}

// sameOrigin reports whether a POST comes from these pages: its Origin
// (or, from a browser that sends none, its Referer) names the host the
// request was sent to. A request with neither comes from no browser page.
func sameOrigin(r *http.Request) bool {
	if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
		return false
	}
	from := r.Header.Get("Origin")
	if from == "" {
		from = r.Header.Get("Referer")
		if from == "" {
			return true
		}
	}
	u, err := url.Parse(from)
	if err != nil || from == "null" || (u.Scheme != "http" && u.Scheme != "https") {
		return false
	}
	return strings.EqualFold(u.Host, r.Host)
}

// guard refuses what the trust boundary does not allow, before any page
// is built.
func (s *server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.allowedHost(r.Host) {
			s.opts.Logger.Warn("review page: refused a request for another host", "host", r.Host, "path", r.URL.Path)
			s.fail(w, r, http.StatusMisdirectedRequest, "This review page does not answer to that name: open it at the address the server printed.", nil)
			return
		}
		if r.Method == http.MethodPost && !sameOrigin(r) {
			s.fail(w, r, http.StatusForbidden, "This form came from another site: open the review page and try again.", nil)
			return
		}
		if s.opts.Token != "" && r.URL.Path != "/login" && !s.sessions.valid(r) {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/login", http.StatusSeeOther)
				return
			}
			s.fail(w, r, http.StatusUnauthorized, "Sign in first: open the review page and give the access token.", nil)
			return
		}
		next.ServeHTTP(w, r)
	})
}

type loginView struct {
	CSRF, Message, Nonce string
}

func (s *server) loginPage(w http.ResponseWriter, r *http.Request) {
	if s.opts.Token == "" {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	s.renderLogin(w, http.StatusOK, "")
}

func (s *server) renderLogin(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	_ = templates.ExecuteTemplate(w, "login.html", loginView{CSRF: s.csrf, Message: msg})
}

// login trades the access token for a session cookie. The token is
// compared in constant time through its digest (equal lengths, so the
// comparison says nothing of its length either), and a wrong one costs a
// second.
func (s *server) login(w http.ResponseWriter, r *http.Request) {
	if s.opts.Token == "" {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	if !s.postedForm(w, r, 16<<10) {
		return
	}
	given := sha256.Sum256([]byte(strings.TrimSpace(r.PostForm.Get("token"))))
	want := sha256.Sum256([]byte(s.opts.Token))
	if subtle.ConstantTimeCompare(given[:], want[:]) != 1 {
		s.opts.Logger.Warn("review page: wrong access token", "remote", r.RemoteAddr)
		time.Sleep(loginFailDelay)
		s.renderLogin(w, http.StatusUnauthorized, "That is not the access token: it was printed when the server started.")
		return
	}
	id, err := s.sessions.start()
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "Could not start a session: see the server's log.", err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: id, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode,
		Secure: r.TLS != nil, MaxAge: int(sessionTTL / time.Second)})
	s.opts.Logger.Info("review page: signed in", "remote", r.RemoteAddr)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// sessions are the browsers that gave the access token. A session is a
// signed expiry, not a server-side entry: every replica of the page that
// shares the token (CLAIMCHECK_TOKEN) honours a session another started,
// and a new token ends every session.
type sessions struct {
	key []byte // derived from the token
}

func newSessions(token string) sessions {
	k := sha256.Sum256([]byte("claimcheck session\x00" + token))
	return sessions{key: k[:]}
}

func (ss sessions) sign(msg string) string {
	m := hmac.New(sha256.New, ss.key)
	m.Write([]byte(msg))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func (ss sessions) start() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	msg := strconv.FormatInt(time.Now().Add(sessionTTL).Unix(), 10) + "." + base64.RawURLEncoding.EncodeToString(b[:])
	return msg + "." + ss.sign(msg), nil
}

func (ss sessions) valid(r *http.Request) bool {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return false
	}
	i := strings.LastIndexByte(c.Value, '.')
	if i < 0 {
		return false
	}
	msg, mac := c.Value[:i], c.Value[i+1:]
	if !hmac.Equal([]byte(mac), []byte(ss.sign(msg))) {
		return false
	}
	exp, err := strconv.ParseInt(msg[:max(0, strings.IndexByte(msg, '.'))], 10, 64)
	return err == nil && time.Now().Unix() < exp
}

// reviewer is who the verdicts of request r are recorded as: the server's
// reviewer (serve --user), else the name this browser gave.
func (s *server) reviewer(r *http.Request) string {
	if s.opts.Who != "" {
		return s.opts.Who
	}
	c, err := r.Cookie(reviewerCookie)
	if err != nil {
		return ""
	}
	name, err := url.QueryUnescape(c.Value)
	if err != nil {
		return ""
	}
	return cleanName(name)
}

// rememberReviewer keeps the name a reviewer gave for a year, in their
// browser only.
func rememberReviewer(w http.ResponseWriter, r *http.Request, name string) {
	http.SetCookie(w, &http.Cookie{Name: reviewerCookie, Value: url.QueryEscape(name), Path: "/", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil, MaxAge: 365 * 24 * 3600})
}

// cleanName is a reviewer's name as recorded: spaces collapsed, no control
// characters, at most maxNameRunes; "" when nothing usable is left.
func cleanName(s string) string {
	s = strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == unicode.ReplacementChar {
			return ' '
		}
		return r
	}, s)), " ")
	if r := []rune(s); len(r) > maxNameRunes {
		s = strings.TrimSpace(string(r[:maxNameRunes]))
	}
	return s
}
