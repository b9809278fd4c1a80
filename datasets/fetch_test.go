package datasets

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

var payload = bytes.Repeat([]byte("admmlab test payload\n"), 500)

func payloadSum() string {
	s := sha256.Sum256(payload)
	return hex.EncodeToString(s[:])
}

// fetchServer serves the payload in several ways and counts requests.
func fetchServer(t *testing.T) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var hits atomic.Int64
	var flaky atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("/good", func(w http.ResponseWriter, r *http.Request) { hits.Add(1); w.Write(payload) })
	mux.HandleFunc("/wrong", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		bad := append([]byte(nil), payload...)
		bad[10] ^= 1
		w.Write(bad)
	})
	mux.HandleFunc("/missing", func(w http.ResponseWriter, r *http.Request) { hits.Add(1); http.NotFound(w, r) })
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.Redirect(w, r, "/good", http.StatusFound)
	})
	mux.HandleFunc("/cut", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		hj, ok := w.(http.Hijacker)
		if !ok {
			t.Error("server cannot hijack")
			return
		}
		conn, buf, err := hj.Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		buf.WriteString("HTTP/1.1 200 OK\r\nContent-Length: " + strconv.Itoa(len(payload)) + "\r\n\r\n")
		buf.Write(payload[:len(payload)/2])
		buf.Flush()
		conn.Close()
	})
	mux.HandleFunc("/flaky", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if flaky.Add(1) == 1 {
			http.Error(w, "try later", http.StatusServiceUnavailable)
			return
		}
		w.Write(payload)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, &hits
}

func shortBackoff(t *testing.T) {
	old := fetchBackoff
	fetchBackoff = time.Millisecond
	t.Cleanup(func() { fetchBackoff = old })
}

// onlyFile asserts that dir holds exactly the named files (no temporary file left).
func onlyFile(t *testing.T, dir string, names ...string) {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	var got []string
	for _, e := range ents {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(names, ",") {
		t.Errorf("%s holds %v, want %v", dir, got, names)
	}
}

func TestDownload(t *testing.T) {
	shortBackoff(t)
	sum := payloadSum()
	for _, c := range []struct {
		path     string
		sha      string
		size     int64
		ok       bool
		hits     int64
		wantErr  []string
		checksum bool
	}{
		{path: "/good", sha: sum, size: int64(len(payload)), ok: true, hits: 1},
		{path: "/good", ok: true, hits: 1}, // nothing known: accepted as served
		{path: "/moved", sha: sum, size: int64(len(payload)), ok: true, hits: 2},
		{path: "/flaky", sha: sum, ok: true, hits: 2},
		{path: "/wrong", sha: sum, size: int64(len(payload)), hits: 1, checksum: true, wantErr: []string{"expected " + sum, "actual "}},
		{path: "/good", sha: sum, size: int64(len(payload)) - 1, hits: 1, checksum: true, wantErr: []string{"expected 10499 bytes"}},
		{path: "/missing", sha: sum, hits: 1, wantErr: []string{"404"}},
		{path: "/cut", sha: sum, size: int64(len(payload)), hits: int64(fetchAttempts), wantErr: []string{"attempt 4/4"}},
	} {
		srv, hits := fetchServer(t)
		dir := t.TempDir()
		dest := filepath.Join(dir, "sub", "file.bin")
		f := File{Rel: "sub/file.bin", URLs: []string{srv.URL + c.path}, SHA256: c.sha, Size: c.size}
		err := Download(context.Background(), srv.Client(), f, dest)
		if hits.Load() != c.hits {
			t.Errorf("%s: %d requests, want %d", c.path, hits.Load(), c.hits)
		}
		if c.ok {
			if err != nil {
				t.Errorf("%s: %v", c.path, err)
				continue
			}
			got, _ := os.ReadFile(dest)
			if !bytes.Equal(got, payload) {
				t.Errorf("%s: file content differs from the payload", c.path)
			}
			onlyFile(t, filepath.Join(dir, "sub"), "file.bin")
			continue
		}
		if err == nil {
			t.Errorf("%s: no error", c.path)
			continue
		}
		for _, w := range c.wantErr {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q, want %q", c.path, err, w)
			}
		}
		var ce *ChecksumError
		if errors.As(err, &ce) != c.checksum {
			t.Errorf("%s: ChecksumError = %v, want %v (%v)", c.path, !c.checksum, c.checksum, err)
		}
		onlyFile(t, filepath.Join(dir, "sub")) // neither the bad file nor a temporary one
	}
}

// A failed download never replaces a good file already at the destination.
func TestDownloadKeepsGoodFile(t *testing.T) {
	shortBackoff(t)
	srv, _ := fetchServer(t)
	dir := t.TempDir()
	dest := filepath.Join(dir, "file.bin")
	os.WriteFile(dest, []byte("old good"), 0o644)
	for _, p := range []string{"/cut", "/wrong"} {
		f := File{Rel: "file.bin", URLs: []string{srv.URL + p}, SHA256: payloadSum()}
		if err := Download(context.Background(), srv.Client(), f, dest); err == nil {
			t.Fatalf("%s: no error", p)
		}
		if got, _ := os.ReadFile(dest); string(got) != "old good" {
			t.Errorf("%s: destination now holds %q", p, got)
		}
		onlyFile(t, dir, "file.bin")
	}
}

// Locate: mirror first, then cache, then download; a bad mirror copy is an
// error, a bad cache copy is replaced.
func TestLocate(t *testing.T) {
	shortBackoff(t)
	srv, hits := fetchServer(t)
	mirror, cache := t.TempDir(), t.TempDir()
	f := File{Rel: "set/file.bin", URLs: []string{srv.URL + "/good"}, SHA256: payloadSum(), Size: int64(len(payload))}
	opt := Options{DataDir: mirror, CacheDir: cache, Client: srv.Client()}

	if _, err := Locate(context.Background(), f, opt); !errors.As(err, new(*missingError)) {
		t.Fatalf("offline, nothing present: %v, want missing", err)
	}
	opt.Fetch = true
	p, err := Locate(context.Background(), f, opt)
	if err != nil || p != filepath.Join(cache, "set", "file.bin") || hits.Load() != 1 {
		t.Fatalf("download into cache: %q, %v, %d requests", p, err, hits.Load())
	}
	// A corrupted cache copy (same size) is removed and fetched again.
	bad := append([]byte(nil), payload...)
	bad[0] ^= 1
	os.WriteFile(p, bad, 0o644)
	if p2, err := Locate(context.Background(), f, opt); err != nil || p2 != p || hits.Load() != 2 {
		t.Fatalf("bad cache copy: %q, %v, %d requests", p2, err, hits.Load())
	}
	if got, _ := os.ReadFile(p); !bytes.Equal(got, payload) {
		t.Error("the bad cache copy was not replaced")
	}
	// The mirror wins over the cache, and is verified.
	os.MkdirAll(filepath.Join(mirror, "set"), 0o755)
	os.WriteFile(filepath.Join(mirror, "set", "file.bin"), payload, 0o644)
	if p3, err := Locate(context.Background(), f, opt); err != nil || p3 != filepath.Join(mirror, "set", "file.bin") {
		t.Fatalf("mirror copy: %q, %v", p3, err)
	}
	os.WriteFile(filepath.Join(mirror, "set", "file.bin"), bad, 0o644)
	var ce *ChecksumError
	if _, err := Locate(context.Background(), f, opt); !errors.As(err, &ce) || ce.Expected != payloadSum() {
		t.Fatalf("bad mirror copy: %v, want a ChecksumError", err)
	}
	if _, err := os.Stat(filepath.Join(mirror, "set", "file.bin")); err != nil {
		t.Error("the mirror copy was removed; the mirror is the user's")
	}
}

// A corrupted EYB mirror copy is reported with both hashes.
func TestLoadCorruptMirror(t *testing.T) {
	mirror := t.TempDir()
	os.MkdirAll(filepath.Join(mirror, "eyb"), 0o755)
	for _, c := range []struct{ file, sum string }{
		{"YaleB_32x32.mat", "3fbbda4eb781b9bb28025189677b6727706e114eb0215bbfd718f1f4fcb54b99"},
		// A corrupt 2432-image file is an error, never a reason to fall
		// back to the 2414-image one.
		{"YaleB_32x32_2432.mat", "1e0a49d8bb04c58eac086259250d47fd972331c94c0053dbeacb35a8a38667cf"},
	} {
		os.WriteFile(filepath.Join(mirror, "eyb", c.file), []byte("not a mat file"), 0o644)
		_, err := Load(context.Background(), "eyb", Options{DataDir: mirror, CacheDir: t.TempDir()})
		var ce *ChecksumError
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), c.sum) {
			t.Fatalf("%s: error %v, want a ChecksumError with the expected hash", c.file, err)
		}
	}
	ok, reason := Available("eyb", Options{DataDir: t.TempDir(), CacheDir: t.TempDir()})
	if ok || !strings.Contains(reason, "place YaleB_32x32_2432.mat (sha256 1e0a49d8") || !strings.Contains(reason, "without it, YaleB_32x32.mat would do") {
		t.Errorf("Available = %v, %q", ok, reason)
	}
}
