package main

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"sync"
)

// version is set at link time by a release build
// (-ldflags "-X main.version=v1.2.3"); otherwise the build info says.
var version = ""

// runVersion prints the module version and the VCS revision the binary was
// built from, as the Go toolchain recorded them.
func runVersion(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "version", "version\n\nPrints the version, the revision it was built from and the Go version.")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	info, _ := debug.ReadBuildInfo()
	fmt.Fprintln(e.stdout, versionLine(info))
	return nil
}

// versionLine is "claimcheck VERSION (revision REV[, modified], TIME) GO".
// A binary built by go install MODULE@VERSION knows its version; one built
// in a clone knows its revision; a test binary knows neither.
func versionLine(info *debug.BuildInfo) string {
	v, goVersion := version, ""
	var rev, at string
	modified := false
	if info != nil {
		goVersion = info.GoVersion
		if v == "" {
			v = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				at = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if v == "" || v == "(devel)" {
		v = "devel"
	}
	line := "claimcheck " + v
	var build []string
	if rev != "" {
		r := "revision " + rev
		if len(rev) > 12 {
			r = "revision " + rev[:12]
		}
		if modified {
			r += ", modified"
		}
		build = append(build, r)
	}
	if at != "" {
		build = append(build, at)
	}
	if len(build) > 0 {
		line += " (" + strings.Join(build, ", ") + ")"
	}
	if goVersion != "" {
		line += " " + goVersion
	}
	return line
}

// buildID names this build in run digests: a new build may extract or
// reconcile differently, so its first run reconciles again and checks
// every fact. The version line alone does not tell builds apart (a build
// outside a repository, or from one with uncommitted changes, says
// "devel"), so the executable's own digest is part of it; an executable
// that cannot be read gives this process a name of its own, which reuses
// nothing another process remembered.
func buildID() string {
	buildOnce.Do(func() {
		info, _ := debug.ReadBuildInfo()
		id := versionLine(info)
		sum, err := executableDigest()
		if err != nil {
			var b [16]byte
			_, _ = rand.Read(b[:])
			sum = "unread-" + hex.EncodeToString(b[:])
		}
		builtAs = id + " " + sum
	})
	return builtAs
}

var (
	buildOnce sync.Once
	builtAs   string
)

// executableDigest is the SHA-256 of the running executable.
func executableDigest() (string, error) {
	path, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
