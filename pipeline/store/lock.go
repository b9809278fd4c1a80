package store

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/rogpeppe/go-internal/lockedfile"
)

// Lock is the advisory lock that makes one invocation at a time the writer
// of a store. It is a lockedfile lock on "<store>.lock", whose content names
// the holder for the message the next invocation prints.
type Lock struct {
	f *lockedfile.File
}

// LockedError says that another process holds the store.
type LockedError struct {
	Store  string
	Holder string // "pid 123 on host since …", or "" when unknown
}

func (e *LockedError) Error() string {
	msg := fmt.Sprintf("store %s is in use by another admmlab", e.Store)
	if e.Holder != "" {
		msg += " (" + e.Holder + ")"
	}
	return msg + "; wait for it to finish, or use another --store"
}

// AcquireLock takes the store's lock, waiting at most wait for another
// holder to let go.
func AcquireLock(store string, wait time.Duration) (*Lock, error) {
	path := store + ".lock"
	type result struct {
		f   *lockedfile.File
		err error
	}
	ch := make(chan result, 1)
	var mu sync.Mutex
	abandoned := false
	go func() {
		f, err := lockedfile.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o666)
		mu.Lock()
		defer mu.Unlock()
		if abandoned {
			// Acquired after the caller gave up: let go at once.
			if err == nil {
				f.Close()
			}
			return
		}
		ch <- result{f, err}
	}()
	if wait <= 0 {
		wait = 200 * time.Millisecond // an uncontended flock takes microseconds
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case r := <-ch:
		if r.err != nil {
			return nil, fmt.Errorf("locking store %s: %w", store, r.err)
		}
		host, _ := os.Hostname()
		r.f.Truncate(0)
		fmt.Fprintf(r.f, "pid %d on %s since %s\n", os.Getpid(), host, time.Now().UTC().Format(time.RFC3339))
		return &Lock{r.f}, nil
	case <-timer.C:
		mu.Lock()
		abandoned = true
		mu.Unlock()
		select {
		case r := <-ch: // won the race after all
			if r.err == nil {
				r.f.Close()
			}
		default:
		}
		// The holder's note is read without the lock: flock is advisory.
		b, _ := os.ReadFile(path)
		return nil, &LockedError{Store: store, Holder: strings.TrimSpace(string(b))}
	}
}

// Release lets go of the lock.
func (l *Lock) Release() error { return l.f.Close() }
