package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimcheck/claimcheck/store"
	"github.com/claimcheck/claimcheck/store/pgtest"
	"github.com/claimcheck/claimcheck/synth"
)

// mainEnv makes the test binary run as claimcheck itself, so that tests
// can start real worker processes (and kill them).
const mainEnv = "CLAIMCHECK_TEST_AS_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(mainEnv) != "" {
		main()
	}
	pgtest.Main(m)
}

// claimcheckProcess starts claimcheck as a process of its own.
func claimcheckProcess(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), mainEnv+"=1")
	return cmd
}

// contents is what a store holds, run ids aside: the articles with their
// text, the claims, and the findings (ids, evidence, status).
type contents struct {
	Articles int
	Claims   int
	Findings int
	articles any
	claims   any
	findings []string
}

func storeContents(t *testing.T, db string) contents {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	arts, err := st.Articles(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	claims, err := st.Claims(ctx)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := st.Findings(ctx, store.Filter{Status: store.StatusAll})
	if err != nil {
		t.Fatal(err)
	}
	var fs []string
	for _, e := range entries {
		fs = append(fs, fmt.Sprintf("%s %s %s %v %s %s", e.ID, e.Status, e.Evidence, e.Claims, e.Severity, e.Message))
	}
	return contents{len(arts), len(claims), len(entries), arts, claims, fs}
}

func sameContents(t *testing.T, got, want contents) {
	t.Helper()
	if got.Articles != want.Articles || got.Claims != want.Claims || got.Findings != want.Findings {
		t.Fatalf("PostgreSQL holds %d articles, %d claims, %d findings; SQLite %d, %d, %d",
			got.Articles, got.Claims, got.Findings, want.Articles, want.Claims, want.Findings)
	}
	if want.Findings == 0 || want.Claims == 0 {
		t.Fatal("the corpus gave no findings: the comparison proves nothing")
	}
	if !reflect.DeepEqual(got.articles, want.articles) {
		t.Error("articles differ between the engines")
	}
	if !reflect.DeepEqual(got.claims, want.claims) {
		t.Error("claims differ between the engines")
	}
	if !reflect.DeepEqual(got.findings, want.findings) {
		t.Errorf("findings differ:\n%s\nwant\n%s", strings.Join(got.findings, "\n"), strings.Join(want.findings, "\n"))
	}
}

// sqliteReference runs claimcheck once over dir on a SQLite file.
func sqliteReference(t *testing.T, dir string) contents {
	t.Helper()
	db := filepath.Join(t.TempDir(), "ref.db")
	if code, _, errs := claimcheck(t, "run", "--db", db, "--quiet", "--fail-on", "never", dir); code != 0 {
		t.Fatalf("SQLite run: exit %d: %s", code, errs)
	}
	return storeContents(t, db)
}

func synthCorpus(t *testing.T, n int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "news")
	if _, err := synth.Generate(dir, n, 11); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestShardsMatchSQLite: four shard processes at once on PostgreSQL store
// exactly the articles, claims and findings (ids included) of one SQLite
// run; the last shard to finish reconciled, once.
func TestShardsMatchSQLite(t *testing.T) {
	dsn := pgtest.DSN(t)
	dir := synthCorpus(t, 400)
	want := sqliteReference(t, dir)
	var wg sync.WaitGroup
	outs := make([]string, 4)
	errs := make([]error, 4)
	for i := range 4 {
		cmd := claimcheckProcess(t, "run", "--db", dsn, "--shard", fmt.Sprintf("%d/4", i), "--log-format", "json", dir)
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := cmd.CombinedOutput()
			outs[i], errs[i] = string(out), err
		}()
	}
	wg.Wait()
	reconciled := 0
	for i, err := range errs {
		if err != nil {
			t.Fatalf("shard %d/4: %v\n%s", i, err, outs[i])
		}
		for _, line := range strings.Split(strings.TrimSpace(outs[i]), "\n") {
			if !strings.Contains(line, fmt.Sprintf(`"shard":"%d/4"`, i)) {
				t.Errorf("shard %d/4 logged a line without its shard: %s", i, line)
			}
		}
		if strings.Contains(outs[i], `"msg":"reconciled"`) {
			reconciled++
		}
	}
	if reconciled != 1 {
		t.Errorf("%d shards reconciled, want exactly the last one:\n%s", reconciled, strings.Join(outs, "\n"))
	}
	sameContents(t, storeContents(t, dsn), want)
	checkRuns(t, dsn, 4)
}

// checkRuns: every shard recorded a finished run with its shard, and one
// reconciliation followed them.
func checkRuns(t *testing.T, dsn string, shards int) {
	t.Helper()
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	runs, err := st.Runs(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	done := map[string]bool{}
	for _, r := range runs[1:] {
		if r.Status == store.RunDone {
			done[r.Shard] = true
		}
	}
	if runs[0].Shard != "" || runs[0].Status != store.RunDone || len(done) != shards {
		t.Errorf("runs: last %+v, finished shards %v", runs[0], done)
	}
}

// TestShardKilledAndRerun: a shard's worker killed mid-run (SIGKILL: no
// cleanup) leaves its lock free and its finished batches stored; rerun,
// it ends where an uninterrupted run would have.
func TestShardKilledAndRerun(t *testing.T) {
	dsn := pgtest.DSN(t)
	dir := synthCorpus(t, 1200)
	want := sqliteReference(t, dir)
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()

	victim := claimcheckProcess(t, "run", "--db", dsn, "--shard", "0/2", "--workers", "1", "--quiet", dir)
	if err := victim.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(time.Minute)
	for {
		n, err := st.ArticleCount(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the shard stored nothing in a minute")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := victim.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = victim.Wait()
	stored, _ := st.ArticleCount(ctx)
	runs, _ := st.Runs(ctx, 0)
	if len(runs) != 1 || runs[0].Status != store.RunRunning || stored >= want.Articles/2 {
		t.Fatalf("after the kill: %d articles stored, runs %+v; want part of shard 0 and its run left running", stored, runs)
	}

	for _, shard := range []string{"1/2", "0/2"} {
		if out, err := claimcheckProcess(t, "run", "--db", dsn, "--shard", shard, "--quiet", dir).CombinedOutput(); err != nil {
			t.Fatalf("shard %s: %v\n%s", shard, err, out)
		}
	}
	sameContents(t, storeContents(t, dsn), want)
	runs, _ = st.Runs(ctx, 0)
	if got := runs[len(runs)-1]; got.Status != store.RunInterrupted || got.Shard != "0/2" {
		t.Errorf("the killed run is %+v, want it marked interrupted", got)
	}
	checkRuns(t, dsn, 2)
}

// TestReconcileCommand: shards told not to reconcile leave it to
// 'claimcheck reconcile', which gives the same findings.
func TestReconcileCommand(t *testing.T) {
	dsn := pgtest.DSN(t)
	dir := synthCorpus(t, 150)
	want := sqliteReference(t, dir)
	for _, shard := range []string{"0/2", "1/2"} {
		if code, _, errs := claimcheck(t, "run", "--db", dsn, "--shard", shard, "--no-reconcile", "--quiet", dir); code != 0 {
			t.Fatalf("shard %s: exit %d: %s", shard, code, errs)
		}
	}
	if got := storeContents(t, dsn); got.Findings != 0 {
		t.Fatalf("%d findings before reconciling", got.Findings)
	}
	code, _, errs := claimcheck(t, "reconcile", "--db", dsn, "--fail-on", "new")
	if code != exitFindings || !strings.Contains(errs, "new") {
		t.Fatalf("reconcile: exit %d: %s", code, errs)
	}
	sameContents(t, storeContents(t, dsn), want)
	if code, _, errs := claimcheck(t, "run", "--db", filepath.Join(t.TempDir(), "x.db"), "--shard", "0/2", dir); code != exitError || !strings.Contains(errs, "PostgreSQL") {
		t.Errorf("--shard on SQLite: exit %d: %s", code, errs)
	}
	if code, _, errs := claimcheck(t, "run", "--db", dsn, "--shard", "2/2", dir); code != exitError || !strings.Contains(errs, "0 <= i < n") {
		t.Errorf("--shard 2/2: exit %d: %s", code, errs)
	}
}

// serveProcess starts 'claimcheck serve' on a free port and returns its
// address.
func serveProcess(t *testing.T, dsn, who string) string {
	t.Helper()
	cmd := claimcheckProcess(t, "serve", "--db", dsn, "--addr", "127.0.0.1:0", "--user", who)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/`).FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
		close(addr)
	}()
	select {
	case a, ok := <-addr:
		if !ok {
			t.Fatal("serve exited before listening")
		}
		return a
	case <-time.After(time.Minute):
		t.Fatal("serve did not say where it listens")
	}
	return ""
}

func get(t *testing.T, u string) (int, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestTwoServesKeepBothVerdicts: two serve processes over one PostgreSQL
// database; two editors, one on each, confirm and dismiss the same
// finding at once. Both verdicts are kept in its history, a form from one
// process is accepted by the other, and both answer their probes.
func TestTwoServesKeepBothVerdicts(t *testing.T) {
	dsn := pgtest.DSN(t)
	st, id := runWithFindings(t, dsn, 60)
	ctx := context.Background()
	a, b := serveProcess(t, dsn, "ana"), serveProcess(t, dsn, "ben")
	for _, addr := range []string{a, b} {
		if code, body := get(t, "http://"+addr+"/healthz"); code != 200 || body != "ok\n" {
			t.Errorf("%s /healthz: %d %q", addr, code, body)
		}
		if code, body := get(t, "http://"+addr+"/readyz"); code != 200 || body != "ready\n" {
			t.Errorf("%s /readyz: %d %q", addr, code, body)
		}
	}
	// The token comes from a's page; the form goes to both.
	_, page := get(t, "http://"+a+"/finding/"+id)
	m := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no form token on the finding's page:\n%s", page)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	var wg sync.WaitGroup
	codes := make([]int, 2)
	for i, v := range []struct{ addr, state string }{{a, "dismissed"}, {b, "confirmed"}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := client.PostForm("http://"+v.addr+"/finding/"+id+"/review",
				url.Values{"csrf": {m[1]}, "state": {v.state}, "note": {"by " + v.addr}})
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			codes[i] = resp.StatusCode
		}()
	}
	wg.Wait()
	if codes[0] != http.StatusSeeOther || codes[1] != http.StatusSeeOther {
		t.Fatalf("verdicts answered %v, want 303 for both", codes)
	}
	h, err := st.ReviewHistory(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range h {
		got[r.By] = r.State
	}
	if len(h) != 2 || got["ana"] != "dismissed" || got["ben"] != "confirmed" {
		t.Fatalf("history = %+v, want ana's dismissal and ben's confirmation", h)
	}
	e, err := st.Finding(ctx, id)
	if err != nil || e.Review.By != h[1].By || e.Review.State != h[1].State {
		t.Errorf("finding's review = %+v, %v; want the later verdict %+v", e.Review, err, h[1])
	}
	// Either process's page shows both verdicts in the finding's history.
	for _, addr := range []string{a, b} {
		_, page := get(t, "http://"+addr+"/finding/"+id)
		if !strings.Contains(page, `<details class="history" open><summary>2 verdicts`) ||
			!strings.Contains(page, `dismissed</span> by ana`) || !strings.Contains(page, `confirmed</span> by ben`) {
			t.Errorf("%s: the finding's page does not show both verdicts:\n%s", addr, page)
		}
	}
}

// runWithFindings runs claimcheck over n generated articles into db and
// returns the store, open until the test ends, and a finding's id.
func runWithFindings(t *testing.T, db string, n int) (*store.Store, string) {
	t.Helper()
	if code, _, errs := claimcheck(t, "run", "--db", db, "--quiet", "--fail-on", "never", synthCorpus(t, n)); code != 0 {
		t.Fatalf("run: exit %d: %s", code, errs)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	fs, err := st.Findings(ctx, store.Filter{})
	if err != nil || len(fs) == 0 {
		t.Fatalf("findings: %d, %v", len(fs), err)
	}
	return st, fs[0].ID
}

// factCounts reads how many facts a JSON-logged reconciliation compared,
// how many of them agreed, and how many it checked again.
func factCounts(t *testing.T, log string) (facts, agreeing, checked int) {
	t.Helper()
	for _, line := range strings.Split(log, "\n") {
		var rec struct {
			Msg      string `json:"msg"`
			Facts    *int   `json:"facts"`
			Agreeing *int   `json:"facts_agreeing"`
			Checked  *int   `json:"facts_checked"`
		}
		if json.Unmarshal([]byte(line), &rec) == nil && rec.Msg == "reconciled" && rec.Facts != nil && rec.Agreeing != nil && rec.Checked != nil {
			return *rec.Facts, *rec.Agreeing, *rec.Checked
		}
	}
	t.Fatalf("no reconciled line with fact counts in:\n%s", log)
	return 0, 0, 0
}

// TestShardsReconcileIncrementally: after the shards of a day's changes,
// reconciliation checks again only the facts whose claims changed, and
// the store holds what one SQLite run over the changed corpus gives, ids
// included.
func TestShardsReconcileIncrementally(t *testing.T) {
	dsn := pgtest.DSN(t)
	dir := synthCorpus(t, 200)
	shardsThenReconcile := func(step string) (facts, agreeing, checked int) {
		t.Helper()
		for _, shard := range []string{"0/2", "1/2"} {
			if code, _, errs := claimcheck(t, "run", "--db", dsn, "--shard", shard, "--no-reconcile", "--quiet", dir); code != 0 {
				t.Fatalf("%s: shard %s: exit %d: %s", step, shard, code, errs)
			}
		}
		code, _, errs := claimcheck(t, "reconcile", "--db", dsn, "--log-format", "json", "--fail-on", "never")
		if code != 0 {
			t.Fatalf("%s: reconcile: exit %d: %s", step, code, errs)
		}
		return factCounts(t, errs)
	}
	if facts, agreeing, checked := shardsThenReconcile("first day"); facts == 0 || checked != facts-agreeing {
		t.Fatalf("first day: checked %d of %d facts (%d agreeing), want every disagreeing one", checked, facts, agreeing)
	}
	if _, _, err := synth.Change(dir); err != nil {
		t.Fatal(err)
	}
	if facts, agreeing, checked := shardsThenReconcile("second day"); checked == 0 || checked*4 > facts-agreeing {
		t.Errorf("second day: checked %d of %d facts (%d agreeing), want the few the change touched", checked, facts, agreeing)
	}
	sameContents(t, storeContents(t, dsn), sqliteReference(t, dir))
	if facts, _, checked := shardsThenReconcile("nothing new"); checked != 0 {
		t.Errorf("nothing new: checked %d of %d facts, want none", checked, facts)
	}
}
