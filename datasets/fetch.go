package datasets

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/admmlab/admmlab/internal/atomicfile"
)

// Retry policy for downloads; tests shorten the backoff.
var (
	fetchAttempts = 4
	fetchBackoff  = 500 * time.Millisecond
)

// HashFile returns the hex SHA-256 and size of the file at path.
func HashFile(path string) (sum string, size int64, err error) {
	fh, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer fh.Close()
	h := sha256.New()
	n, err := io.Copy(h, fh)
	if err != nil {
		return "", 0, fmt.Errorf("%s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// VerifyFile checks the file at path against f's known size and hash. With
// neither known it only checks that the file is readable.
func VerifyFile(path string, f File) error {
	sum, size, err := HashFile(path)
	if err != nil {
		return err
	}
	return check(path, f, sum, size)
}

// check compares a file's hash and size with what the catalogue says of f.
func check(path string, f File, sum string, size int64) error {
	if f.Size > 0 && size != f.Size {
		return &ChecksumError{File: path, Expected: fmt.Sprintf("%d bytes (sha256 %s)", f.Size, orUnknown(f.SHA256)), Actual: fmt.Sprintf("%d bytes (sha256 %s)", size, sum)}
	}
	if f.SHA256 != "" && sum != f.SHA256 {
		return &ChecksumError{File: path, Expected: f.SHA256, Actual: sum}
	}
	return nil
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// fileSum is a file's hex SHA-256 and size.
type fileSum struct {
	sum  string
	size int64
}

// hashOnce hashes the file at path once per process and version of the
// file (its size and modification time), however many Loads and Digests
// ask, and whether it verifies or not.
func hashOnce(path string) (fileSum, error) {
	v, err := memoized("sha256", path, func() (any, error) {
		sum, size, err := HashFile(path)
		return fileSum{sum, size}, err
	})
	if err != nil {
		return fileSum{}, err
	}
	return v.(fileSum), nil
}

// verifyCached is VerifyFile with the hash taken from hashOnce; it returns
// the file's SHA-256.
func verifyCached(path string, f File) (string, error) {
	fs, err := hashOnce(path)
	if err != nil {
		return "", err
	}
	return fs.sum, check(path, f, fs.sum, fs.size)
}

// permanentError marks a download failure that retrying cannot fix.
type permanentError struct{ err error }

func (e *permanentError) Error() string { return e.err.Error() }
func (e *permanentError) Unwrap() error { return e.err }

// Download fetches f from its URLs into dest. The body goes to a temporary
// file beside dest, is verified (size and SHA-256 where known) and only then
// renamed to dest; on any failure nothing is left at dest or beside it.
// Connection errors, truncated bodies and 5xx answers are retried with
// exponential backoff; 4xx answers and checksum mismatches are not.
// Redirects are followed (the http.Client default).
func Download(ctx context.Context, client *http.Client, f File, dest string) error {
	if len(f.URLs) == 0 {
		return fmt.Errorf("datasets: %s: no download URL known", f.Rel)
	}
	if client == nil {
		client = http.DefaultClient
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return fmt.Errorf("datasets: %w", err)
	}
	var last error
	for _, url := range f.URLs {
		backoff := fetchBackoff
		for attempt := 1; attempt <= fetchAttempts; attempt++ {
			err := downloadOnce(ctx, client, url, f, dest)
			if err == nil {
				return nil
			}
			last = fmt.Errorf("datasets: download %s (attempt %d/%d): %w", url, attempt, fetchAttempts, err)
			var ce *ChecksumError
			var pe *permanentError
			if errors.As(err, &ce) {
				return last // the server serves the wrong bytes; other mirrors are not tried blindly either
			}
			if errors.As(err, &pe) || ctx.Err() != nil || attempt == fetchAttempts {
				break
			}
			select {
			case <-time.After(backoff):
			case <-ctx.Done():
				return fmt.Errorf("datasets: download %s: %w", url, ctx.Err())
			}
			backoff *= 2
		}
	}
	return last
}

func downloadOnce(ctx context.Context, client *http.Client, url string, f File, dest string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return &permanentError{err}
	}
	resp, err := client.Do(req)
	if err != nil {
		return err // connection-level: retryable
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode >= 500:
		return fmt.Errorf("server answered %s", resp.Status)
	case resp.StatusCode != http.StatusOK:
		return &permanentError{fmt.Errorf("server answered %s", resp.Status)}
	}
	out, err := atomicfile.Create(dest, 0o644)
	if err != nil {
		return &permanentError{err}
	}
	defer out.Abort() // nothing is left behind unless it verified and committed
	h := sha256.New()
	body := io.Reader(resp.Body)
	if f.Size > 0 {
		body = io.LimitReader(body, f.Size+1) // a longer body is wrong; no need to read it all
	}
	n, err := io.Copy(io.MultiWriter(out, h), body)
	if err != nil {
		return fmt.Errorf("reading body after %d bytes: %w", n, err)
	}
	if resp.ContentLength >= 0 && n != resp.ContentLength && (f.Size == 0 || n <= f.Size) {
		return fmt.Errorf("body cut after %d of %d bytes", n, resp.ContentLength)
	}
	sum := hex.EncodeToString(h.Sum(nil))
	if f.Size > 0 && n != f.Size {
		return &ChecksumError{File: url, Expected: fmt.Sprintf("%d bytes", f.Size), Actual: fmt.Sprintf("%d bytes or more (sha256 of those %s)", n, sum)}
	}
	if f.SHA256 != "" && sum != f.SHA256 {
		return &ChecksumError{File: url, Expected: f.SHA256, Actual: sum}
	}
	if err := out.Commit(); err != nil {
		return &permanentError{err}
	}
	return nil
}
