// Package pgtest starts a throwaway PostgreSQL server for tests: initdb
// into a temporary folder, pg_ctl start on a free loopback port, a fresh
// database per test, everything removed when the test binary ends. Tests
// skip when the server's binaries (Debian's postgresql package) are absent,
// unless CLAIMCHECK_REQUIRE_POSTGRES is set, as in CI.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// server is the one server of this test binary.
var (
	once    sync.Once
	srv     *server
	srvErr  error
	absent  bool
	dropped sync.WaitGroup
)

type server struct {
	bin, dir, data string
	port           int
	cred           *syscall.Credential
}

// Main runs the tests, then stops the server if one was started. Call it
// from TestMain.
func Main(m interface{ Run() int }) {
	code := m.Run()
	if srv != nil {
		dropped.Wait()
		srv.stop()
	}
	os.Exit(code)
}

// binDir finds the server's binaries: $CLAIMCHECK_PG_BIN, else the newest
// /usr/lib/postgresql/*/bin.
func binDir() string {
	if d := os.Getenv("CLAIMCHECK_PG_BIN"); d != "" {
		return d
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d
		}
	}
	return ""
}

func version(binDir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return v
}

// DSN returns the URL of a new, empty database on the test server, dropped
// when the test ends. It skips the test when PostgreSQL is not installed.
func DSN(t testing.TB) string {
	t.Helper()
	once.Do(func() { srv, srvErr = start() })
	if absent {
		if os.Getenv("CLAIMCHECK_REQUIRE_POSTGRES") != "" {
			t.Fatal("PostgreSQL is required (CLAIMCHECK_REQUIRE_POSTGRES) but its binaries are absent: apt-get install postgresql")
		}
		t.Skip("PostgreSQL binaries not found (apt-get install postgresql): skipping the PostgreSQL engine")
	}
	if srvErr != nil {
		t.Fatalf("start the test PostgreSQL server: %v", srvErr)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "cc_" + hex.EncodeToString(b[:])
	ctx := context.Background()
	admin := srv.url("postgres")
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatalf("connect to the test server: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	dropped.Add(1)
	t.Cleanup(func() {
		defer dropped.Done()
		conn, err := pgx.Connect(ctx, admin)
		if err != nil {
			return
		}
		defer conn.Close(ctx)
		_, _ = conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	return srv.url(name)
}

func (s *server) url(db string) string {
	return fmt.Sprintf("postgres://claimcheck@127.0.0.1:%d/%s?sslmode=disable", s.port, db)
}

func start() (*server, error) {
	bin := binDir()
	if bin == "" {
		absent = true
		return nil, nil
	}
	dir, err := os.MkdirTemp("", "claimcheck-pg-")
	if err != nil {
		return nil, err
	}
	s := &server{bin: bin, dir: dir, data: filepath.Join(dir, "data")}
	// initdb refuses to run as root: the server runs as the postgres user
	// the package creates.
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("running as root needs the postgres user: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		s.cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		if err := os.Chown(dir, uid, gid); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}
	if out, err := s.run("initdb", "-D", s.data, "-U", "claimcheck", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("initdb: %v\n%s", err, out)
	}
	// Durability is not what the tests check: without fsync the server
	// keeps up with many short-lived databases.
	opts := "-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -k " + dir
	for try := 0; ; try++ {
		s.port, err = freePort()
		if err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		out, err := s.run("pg_ctl", "start", "-w", "-t", "60", "-D", s.data, "-l", filepath.Join(dir, "log"),
			"-o", fmt.Sprintf("-p %d %s", s.port, opts))
		if err == nil {
			return s, nil
		}
		if try == 2 {
			log, _ := os.ReadFile(filepath.Join(dir, "log"))
			os.RemoveAll(dir)
			return nil, fmt.Errorf("pg_ctl start: %v\n%s\n%s", err, out, tail(string(log)))
		}
	}
}

func (s *server) run(name string, args ...string) ([]byte, error) {
	cmd := exec.Command(filepath.Join(s.bin, name), args...)
	cmd.Dir = s.dir
	if s.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: s.cred}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	done := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			if cmd.Process != nil {
				_ = cmd.Process.Kill()
			}
		case <-done:
		}
	}()
	out, err := cmd.CombinedOutput()
	close(done)
	return out, err
}

func (s *server) stop() {
	_, _ = s.run("pg_ctl", "stop", "-D", s.data, "-m", "immediate", "-w")
	os.RemoveAll(s.dir)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func tail(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > 20 {
		lines = lines[len(lines)-20:]
	}
	return strings.Join(lines, "\n")
}
