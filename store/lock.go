package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// ErrLocked means another claimcheck process holds the database.
var ErrLocked = errors.New("database in use")

// Lock takes the database's run lock: an advisory lock on <db>.lock, which
// the operating system releases when the holder exits, however it exits,
// so a crashed run never blocks the next. With wait it blocks until the lock
// is free or ctx ends; without, a held lock is an error saying who holds it.
func Lock(ctx context.Context, dbPath string, wait bool) (release func() error, err error) {
	name := dbPath + ".lock"
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", name, err)
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			break
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", name, err)
		}
		if !wait {
			holder, _ := os.ReadFile(name)
			f.Close()
			return nil, fmt.Errorf("%w: another claimcheck run holds %s (%s); wait for it or pass --wait", ErrLocked, name, describeHolder(string(holder)))
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
	_ = f.Truncate(0)
	_, _ = f.WriteAt([]byte(fmt.Sprintf("%d %s\n", os.Getpid(), time.Now().UTC().Format(time.RFC3339))), 0)
	return func() error {
		_ = f.Truncate(0)
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		return f.Close()
	}, nil
}

func describeHolder(s string) string {
	f := strings.Fields(s)
	if len(f) < 2 {
		return "holder unknown"
	}
	if _, err := strconv.Atoi(f[0]); err != nil {
		return "holder unknown"
	}
	return "pid " + f[0] + ", since " + f[1]
}
