package main

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"
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

// buildID names this build in run digests: a new build may extract
// differently, so its first run reconciles again.
func buildID() string {
	info, _ := debug.ReadBuildInfo()
	return versionLine(info)
}
