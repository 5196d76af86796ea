package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/claimcheck/claimcheck/store"
)

// conflictDir is a folder of two articles that conflict: one finding.
func conflictDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range map[string]string{
		"a.txt": "Deal\n\nOrbital invested $2 billion in Helix Robotics.\n",
		"b.txt": "Deal\n\nOrbital invested $3 billion in Helix Robotics.\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestQuietRunIsSilent: the README's cron line mails only when something
// is new; a run with nothing new, and one writing its report to a file,
// print nothing at all.
func TestQuietRunIsSilent(t *testing.T) {
	dir := conflictDir(t)
	db := filepath.Join(t.TempDir(), "news.db")
	out := filepath.Join(t.TempDir(), "new.md")
	code, stdout, stderr := claimcheck(t, "run", "--db", db, "--quiet", "--format", "markdown", "-o", out, dir)
	if code != 1 || stdout != "" || stderr != "" {
		t.Errorf("first run with -o: exit %d, stdout %q, stderr %q; want 1 and nothing printed", code, stdout, stderr)
	}
	if b, err := os.ReadFile(out); err != nil || !bytes.Contains(b, []byte("$3 billion")) {
		t.Errorf("report file: %v\n%s", err, b)
	}
	for i := 0; i < 2; i++ { // the second run reconciles, the third skips it
		if code, stdout, stderr = claimcheck(t, "run", "--db", db, "--quiet", dir); code != 0 || stdout != "" || stderr != "" {
			t.Errorf("run with nothing new: exit %d, stdout %q, stderr %q; want 0 and nothing printed", code, stdout, stderr)
		}
	}
	if code, _, stderr = claimcheck(t, "ingest", "--db", db, "--quiet", dir); code != 0 || stderr != "" {
		t.Errorf("ingest --quiet: exit %d, stderr %q", code, stderr)
	}
	// What went wrong is still said.
	if code, _, stderr = claimcheck(t, "run", "--db", db, "--quiet", filepath.Join(dir, "nope")); code != 2 || !strings.Contains(stderr, "nope") {
		t.Errorf("quiet run on a missing folder: exit %d, stderr %q", code, stderr)
	}
}

// jsonLines parses every stderr line as a JSON object.
func jsonLines(t *testing.T, stderr string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimRight(stderr, "\n"), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("stderr line is not JSON: %q", line)
		}
		out = append(out, m)
	}
	return out
}

func logLine(t *testing.T, lines []map[string]any, msg string) map[string]any {
	t.Helper()
	for _, l := range lines {
		if l["msg"] == msg {
			return l
		}
	}
	t.Fatalf("no %q line in %v", msg, lines)
	return nil
}

// number is a log field that must be a JSON number.
func number(t *testing.T, line map[string]any, key string) float64 {
	t.Helper()
	v, ok := line[key].(float64)
	if !ok {
		t.Fatalf("%s: %q is %T %v, want a number", line["msg"], key, line[key], line[key])
	}
	return v
}

// TestJSONLogs: with --log-format json every stderr line is JSON, numbers
// are numbers, and the counts are the report's.
func TestJSONLogs(t *testing.T) {
	dir := conflictDir(t)
	code, stdout, stderr := claimcheck(t, "check", "--log-format", "json", "--format", "json", "../../examples/amazon-anthropic")
	if code != 0 {
		t.Fatalf("check: exit %d: %s", code, stderr)
	}
	var rep jsonReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	ingested := logLine(t, jsonLines(t, stderr), "ingested")
	if n := number(t, ingested, "claims"); int(n) != len(rep.Claims) {
		t.Errorf("log says %v claims, the report lists %d", n, len(rep.Claims))
	}
	number(t, ingested, "seconds")
	if n := number(t, ingested, "files"); int(n) != len(rep.Articles) {
		t.Errorf("log says %v files, the report lists %d articles", n, len(rep.Articles))
	}

	db := filepath.Join(t.TempDir(), "news.db")
	code, stdout, stderr = claimcheck(t, "run", "--db", db, "--log-format", "json", "--format", "json", dir)
	if code != 1 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	done := logLine(t, jsonLines(t, stderr), "run finished")
	if n := number(t, done, "new"); int(n) != len(rep.Findings) || n != 1 {
		t.Errorf("log says %v new, the report shows %d", n, len(rep.Findings))
	}
	for _, k := range []string{"run", "files", "claims", "open", "dismissed", "resolved", "skipped", "errors"} {
		number(t, done, k)
	}
	// A failure under JSON logs is a JSON line too.
	release, err := lockForTest(db)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	code, _, stderr = claimcheck(t, "run", "--db", db, "--log-format", "json", dir)
	if code != 2 {
		t.Fatalf("locked run: exit %d", code)
	}
	lines := jsonLines(t, stderr)
	if len(lines) != 1 || lines[0]["level"] != "ERROR" || !strings.Contains(lines[0]["msg"].(string), "another claimcheck run holds") {
		t.Errorf("locked run under JSON logs: %q", stderr)
	}
}

// TestReportFileHonoursUmask: -o writes a file with the mode any new file
// gets under the umask, through a temporary file renamed into place.
func TestReportFileHonoursUmask(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		umask int
		want  os.FileMode
	}{{0o022, 0o644}, {0o002, 0o664}, {0o077, 0o600}} {
		old := syscall.Umask(tc.umask)
		out := filepath.Join(dir, "report-"+tc.want.String()+".html")
		code, _, stderr := claimcheck(t, "check", "--quiet", "--format", "html", "-o", out, "../../examples/amazon-anthropic")
		syscall.Umask(old)
		if code != 0 {
			t.Fatalf("check: exit %d: %s", code, stderr)
		}
		info, err := os.Stat(out)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != tc.want {
			t.Errorf("umask %03o: report mode %v, want %v", tc.umask, info.Mode().Perm(), tc.want)
		}
	}
	// Rewriting a file keeps the mode it was given.
	out := filepath.Join(dir, "kept.txt")
	if err := os.WriteFile(out, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	os.Chmod(out, 0o640)
	if code, _, stderr := claimcheck(t, "check", "--quiet", "-o", out, "../../examples/amazon-anthropic"); code != 0 {
		t.Fatalf("check: %s", stderr)
	}
	if info, _ := os.Stat(out); info.Mode().Perm() != 0o640 {
		t.Errorf("rewritten report mode %v, want its own 0640", info.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
	// A report that cannot be written leaves the old file whole.
	if code, _, _ := claimcheck(t, "check", "--quiet", "--format", "nope", "-o", out, "../../examples/amazon-anthropic"); code != 2 {
		t.Errorf("bad format: exit %d", code)
	}
	if b, _ := os.ReadFile(out); !bytes.Contains(b, []byte("findings")) {
		t.Errorf("the earlier report was lost: %q", b)
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		code, out, _ := claimcheck(t, args...)
		if code != 0 || !strings.HasPrefix(out, "claimcheck ") || !strings.Contains(out, runtime.Version()) {
			t.Errorf("%v: exit %d, %q", args, code, out)
		}
	}
	_, help, _ := claimcheck(t, "help")
	for _, want := range []string{"\n  version ", "\n  completion "} {
		if !strings.Contains(help, want) {
			t.Errorf("help does not list %q:\n%s", strings.TrimSpace(want), help)
		}
	}
	info := &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Path: "github.com/claimcheck/claimcheck", Version: "v1.4.0"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.time", Value: "2026-12-01T10:00:00Z"}, {Key: "vcs.modified", Value: "true"}}}
	if got, want := versionLine(info), "claimcheck v1.4.0 (revision 0123456789ab, modified, 2026-12-01T10:00:00Z) go1.26.0"; got != want {
		t.Errorf("versionLine = %q, want %q", got, want)
	}
	info = &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}}
	if got, want := versionLine(info), "claimcheck devel go1.26.0"; got != want {
		t.Errorf("versionLine = %q, want %q", got, want)
	}
}

// TestHelpListsOnlyUsedFlags: a command's help lists the flags it acts on,
// not every flag some command takes.
func TestHelpListsOnlyUsedFlags(t *testing.T) {
	tests := []struct {
		cmd        string
		has, lacks []string
	}{
		{"check", []string{"-rules", "-tickers", "-workers", "-quiet", "-color", "-fail-on-findings"}, []string{"-db", "-wait"}},
		{"run", []string{"-db", "-wait", "-fail-on", "-quiet", "-log-format", "-color"}, []string{"-fail-on-findings"}},
		{"report", []string{"-db", "-show", "-all", "-color", "-tickers"}, []string{"-workers", "-max-bytes", "-rules", "-wait"}},
		{"serve", []string{"-addr", "-user", "-allow-remote", "-host"}, []string{"-workers", "-rules", "-max-bytes", "-color"}},
		{"rules", []string{"-rules"}, []string{"-workers", "-tickers", "-quiet", "-log-format", "-max-bytes"}},
		{"review", []string{"-db", "-by", "-note"}, []string{"-workers", "-rules"}},
	}
	for _, tc := range tests {
		code, _, help := claimcheck(t, tc.cmd, "--help")
		if code != 0 {
			t.Errorf("%s --help: exit %d", tc.cmd, code)
		}
		for _, f := range tc.has {
			if !strings.Contains(help, "  "+f+" ") && !strings.Contains(help, "  "+f+"\n") {
				t.Errorf("%s --help lacks %s:\n%s", tc.cmd, f, help)
			}
		}
		for _, f := range tc.lacks {
			if strings.Contains(help, "  "+f+" ") || strings.Contains(help, "  "+f+"\n") {
				t.Errorf("%s --help lists %s, which it does not use", tc.cmd, f)
			}
		}
	}
}

func TestColor(t *testing.T) {
	const esc = "\x1b["
	if _, out, _ := claimcheck(t, "check", "--quiet", "--color", "always", "../../examples/amazon-anthropic"); !strings.Contains(out, esc) {
		t.Error("--color always: no color")
	}
	t.Setenv("NO_COLOR", "1")
	if _, out, _ := claimcheck(t, "check", "--quiet", "--color", "always", "../../examples/amazon-anthropic"); !strings.Contains(out, esc) {
		t.Error("--color always must win over NO_COLOR")
	}
	for _, mode := range []string{"never", "auto"} {
		if _, out, _ := claimcheck(t, "check", "--quiet", "--color", mode, "../../examples/amazon-anthropic"); strings.Contains(out, esc) {
			t.Errorf("--color %s on a buffer: colored", mode)
		}
	}
	if code, _, errs := claimcheck(t, "check", "--color", "rainbow", "../../examples/amazon-anthropic"); code != 2 || !strings.Contains(errs, "auto, always, never") {
		t.Errorf("--color rainbow: exit %d %s", code, errs)
	}
	// auto on a terminal: colored unless NO_COLOR or TERM=dumb.
	tty := openPTY(t)
	t.Setenv("NO_COLOR", "")
	t.Setenv("TERM", "xterm-256color")
	if !useColor("auto", tty, false) {
		t.Error("auto did not color a terminal")
	}
	if useColor("auto", tty, true) {
		t.Error("auto colored a report written to a file")
	}
	t.Setenv("NO_COLOR", "1")
	if useColor("auto", tty, false) {
		t.Error("auto colored a terminal under NO_COLOR")
	}
	t.Setenv("NO_COLOR", "")
	t.Setenv("TERM", "dumb")
	if useColor("auto", tty, false) {
		t.Error("auto colored a terminal under TERM=dumb")
	}
	if !useColor("always", io.Discard, true) || useColor("never", tty, false) {
		t.Error("always and never are not what they say")
	}
}

// openPTY opens the far end of a new pseudo-terminal: a terminal for
// isTerminal.
func openPTY(t *testing.T) *os.File {
	t.Helper()
	ptmx, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	t.Cleanup(func() { ptmx.Close() })
	if err := unix.IoctlSetPointerInt(int(ptmx.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Skipf("unlock pty: %v", err)
	}
	n, err := unix.IoctlGetInt(int(ptmx.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Skipf("pty number: %v", err)
	}
	pts, err := os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("open pty: %v", err)
	}
	t.Cleanup(func() { pts.Close() })
	return pts
}

// TestCompletion loads each shell's script where the shell is installed;
// bash's is driven as bash drives it.
func TestCompletion(t *testing.T) {
	for _, sh := range []string{"bash", "zsh", "fish"} {
		code, script, errs := claimcheck(t, "completion", sh)
		if code != 0 || !strings.Contains(script, "fail-on") || !strings.Contains(script, "allow-remote") {
			t.Fatalf("completion %s: exit %d %s\n%s", sh, code, errs, script)
		}
		if _, err := exec.LookPath(sh); err != nil {
			t.Logf("%s not installed: its script is not loaded", sh)
			continue
		}
		if out, err := exec.Command(sh, "-n", "-c", script).CombinedOutput(); err != nil {
			t.Errorf("%s script does not parse: %v\n%s", sh, err, out)
		}
	}
	if _, err := exec.LookPath("fish"); err == nil {
		_, script, _ := claimcheck(t, "completion", "fish")
		f := filepath.Join(t.TempDir(), "claimcheck.fish")
		os.WriteFile(f, []byte(script), 0o644)
		out, err := exec.Command("fish", "-c", "source "+f+`; complete -C "claimcheck run --fail"; complete -C "claimcheck rules --w"`).CombinedOutput()
		if err != nil || !strings.HasPrefix(string(out), "--fail-on\t") || strings.Count(string(out), "\n") != 1 {
			t.Errorf("fish completes run --fail and rules --w to %q (%v); want --fail-on alone", out, err)
		}
	}
	if code, _, _ := claimcheck(t, "completion", "tcsh"); code != 2 {
		t.Errorf("completion tcsh: exit %d, want 2", code)
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash not installed")
	}
	_, script, _ := claimcheck(t, "completion", "bash")
	complete := func(words ...string) string {
		t.Helper()
		prog := script + "\nCOMP_WORDS=(" + shellWords(words) + ")\nCOMP_CWORD=" + strconv.Itoa(len(words)-1) + "\n_claimcheck\necho \"${COMPREPLY[*]}\"\n"
		out, err := exec.Command("bash", "-c", prog).CombinedOutput()
		if err != nil {
			t.Fatalf("bash: %v\n%s", err, out)
		}
		return strings.TrimSpace(string(out))
	}
	if got := complete("claimcheck", "ver"); got != "version" {
		t.Errorf("claimcheck ver<TAB> = %q", got)
	}
	if got := complete("claimcheck", "run", "--fail"); got != "--fail-on" {
		t.Errorf("claimcheck run --fail<TAB> = %q", got)
	}
	if got := complete("claimcheck", "check", "--fail"); got != "--fail-on-findings" {
		t.Errorf("claimcheck check --fail<TAB> = %q", got)
	}
	if got := complete("claimcheck", "run", "--color", ""); got != "auto always never" {
		t.Errorf("claimcheck run --color <TAB> = %q", got)
	}
	if got := complete("claimcheck", "completion", "z"); got != "zsh" {
		t.Errorf("claimcheck completion z<TAB> = %q", got)
	}
	if got := complete("claimcheck", "rules", "--w"); got != "" {
		t.Errorf("claimcheck rules --w<TAB> = %q: rules takes no --workers", got)
	}
}

func shellWords(ws []string) string {
	var q []string
	for _, w := range ws {
		q = append(q, "'"+strings.ReplaceAll(w, "'", `'\''`)+"'")
	}
	return strings.Join(q, " ")
}

// TestSkipsAreTold: a symbolic link loop and a broken link are named on
// stderr like an unreadable file, and the run record counts every skip
// apart from the errors.
func TestSkipsAreTold(t *testing.T) {
	dir := conflictDir(t)
	if err := os.Symlink(dir, filepath.Join(dir, "loop")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "gone.txt"), filepath.Join(dir, "dangling.txt")); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "photo.jpg"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644)
	db := filepath.Join(t.TempDir(), "news.db")
	code, _, stderr := claimcheck(t, "run", "--db", db, dir)
	if code != 1 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"path=loop", "symbolic link loop", "path=dangling.txt", "file=empty.txt", "3 skipped, 1 errors"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "photo.jpg") {
		t.Errorf("a file of another kind is skipped by design, not told:\n%s", stderr)
	}
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	last, ok, err := st.LastRun(context.Background())
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	if last.Stats.Skipped != 3 || last.Stats.Errors != 1 {
		t.Errorf("run record: %d skipped, %d errors; want 3 and 1", last.Stats.Skipped, last.Stats.Errors)
	}
}

// syncBuffer is a buffer a server goroutine writes while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeRemoteNeedsToken: an address other machines reach is refused
// without --allow-remote; with it, an access token is printed once.
func TestServeRemoteNeedsToken(t *testing.T) {
	db := filepath.Join(t.TempDir(), "news.db")
	if code, _, errs := claimcheck(t, "ingest", "--db", db, "--quiet", conflictDir(t)); code != 0 {
		t.Fatal(errs)
	}
	code, _, errs := claimcheck(t, "serve", "--db", db, "--addr", "0.0.0.0:0")
	if code != 2 || !strings.Contains(errs, "--allow-remote") {
		t.Errorf("serve on every interface without --allow-remote: exit %d: %s", code, errs)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var stderr syncBuffer
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"serve", "--db", db, "--addr", "0.0.0.0:0", "--allow-remote"}, io.Discard, &stderr)
	}()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(stderr.String(), "review page on") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("serve: exit %d: %s", code, stderr.String())
	}
	out := stderr.String()
	if !strings.Contains(out, "access token") || strings.Count(out, "\n  ") != 1 {
		t.Errorf("serve --allow-remote must print one access token:\n%s", out)
	}
}

// TestNonUTF8FileNames: a Latin-1 file name shows escaped in the text
// report, and the JSON report keeps its bytes to find the file by.
func TestNonUTF8FileNames(t *testing.T) {
	dir := conflictDir(t)
	name := "caf\xe9.txt"
	if err := os.Rename(filepath.Join(dir, "b.txt"), filepath.Join(dir, name)); err != nil {
		t.Skipf("this file system refuses a Latin-1 name: %v", err)
	}
	_, text, _ := claimcheck(t, "check", "--quiet", dir)
	if !strings.Contains(text, `    caf\xe9.txt — `) || strings.Contains(text, name) {
		t.Errorf("text report does not show the name escaped:\n%s", text)
	}
	_, out, _ := claimcheck(t, "check", "--quiet", "--format", "json", dir)
	var rep struct {
		Articles []struct {
			Path      string `json:"path"`
			PathBytes []byte `json:"path_bytes"`
		} `json:"articles"`
		Claims []struct {
			Article string `json:"article"`
		} `json:"claims"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, a := range rep.Articles {
		if a.Path != `caf\xe9.txt` {
			if a.PathBytes != nil {
				t.Errorf("%s: path_bytes on a UTF-8 name", a.Path)
			}
			continue
		}
		found = true
		if string(a.PathBytes) != name {
			t.Errorf("path_bytes %q, want the name's bytes %q", a.PathBytes, name)
		}
		if _, err := os.Stat(filepath.Join(dir, string(a.PathBytes))); err != nil {
			t.Errorf("path_bytes does not lead to the file: %v", err)
		}
	}
	if !found {
		t.Fatalf("no article shown as caf\\xe9.txt:\n%s", out)
	}
	cited := false
	for _, c := range rep.Claims {
		cited = cited || c.Article == `caf\xe9.txt`
	}
	if !cited {
		t.Error("no claim cites the article by the path the article list shows")
	}
}

// Two builds that print one version line are still two builds to the
// run digests: the executable's digest is part of the build's name.
func TestBuildIDNamesTheExecutable(t *testing.T) {
	sum, err := executableDigest()
	if err != nil {
		t.Fatal(err)
	}
	id := buildID()
	if !strings.HasSuffix(id, " "+sum) || len(sum) != 64 {
		t.Errorf("buildID() = %q, want the executable's digest %s in it", id, sum)
	}
	if buildID() != id {
		t.Error("buildID changes within one process")
	}
}
