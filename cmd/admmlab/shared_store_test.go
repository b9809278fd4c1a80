package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// Two users of one store in a sticky shared directory (the documented
// cluster workflow): user B runs plan, report, store check and merge from
// user A's store; A's next run succeeds, and no file of B's is left beside
// the store. It needs root to act as two users (CI runs as root) and
// setpriv; it skips only without them.
func TestSharedStoreTwoUsers(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to act as two users")
	}
	setpriv, err := exec.LookPath("setpriv")
	if err != nil {
		t.Skip("needs setpriv (util-linux)")
	}
	const uidA, uidB = 65532, 65534
	base, err := os.MkdirTemp("", "admmlab-two-users-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(base) })
	mkdir := func(path string, mode os.FileMode, uid int) string {
		if err := os.MkdirAll(path, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chown(path, uid, uid); err != nil {
			t.Fatal(err)
		}
		return path
	}
	mkdir(base, 0o755, 0)
	shared := mkdir(filepath.Join(base, "shared"), 0o777|os.ModeSticky, 0)
	homeA := mkdir(filepath.Join(base, "a"), 0o755, uidA)
	homeB := mkdir(filepath.Join(base, "b"), 0o755, uidB)
	bin := filepath.Join(base, "admmlab") // the test binary acts as admmlab under this name (TestMain)
	copyFile(t, os.Args[0], bin, 0o755)
	defs := mkdir(filepath.Join(base, "defs"), 0o755, 0)
	writeFile(t, filepath.Join(defs, "profiles.json"), `[{"name": "quick", "description": "t"}]`)
	mkdir(filepath.Join(defs, "defs"), 0o755, 0)
	sweep := func(widths string) {
		writeFile(t, filepath.Join(defs, "defs", "sweep.json"), `{"name": "sweep", "title": "t", "items": ["table3"], "data": "square", "samples": 10,
 "metric": "train_mse", "epochs": 2, "trials": 1,
 "algorithms": [{"label": "A", "algorithm": "sgd", "act": "relu", "batch": 5, "lr": 0.1,
   "grid": {"depth": [1], "width": [`+widths+`], "init": ["msra"], "init_scale": [1], "noise": [0]}}]}`)
	}
	sweep("2, 3")
	storeA := filepath.Join(shared, "runs.db")
	as := func(uid int, home string, args ...string) string {
		t.Helper()
		cmd := exec.Command(setpriv, append([]string{"--reuid=" + strconv.Itoa(uid), "--regid=" + strconv.Itoa(uid), "--clear-groups", bin}, args...)...)
		cmd.Dir = home
		cmd.Env = []string{"HOME=" + home, "XDG_CACHE_HOME=" + filepath.Join(home, "cache"), "PATH=" + os.Getenv("PATH"), "ADMMLAB_DATA_DIR="}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("uid %d: admmlab %s: %v\n%s", uid, strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	as(uidA, homeA, "run", "--defs", defs, "--store", storeA, "-j", "1")

	out := as(uidB, homeB, "plan", "--defs", defs, "--store", storeA)
	if !strings.Contains(out, "2 cached, 0 pending") {
		t.Errorf("uid B's plan:\n%s\nwant both runs cached", out)
	}
	as(uidB, homeB, "report", "--defs", defs, "--store", storeA, "--out", filepath.Join(homeB, "report"))
	if out := as(uidB, homeB, "store", "check", "--store", storeA); !strings.Contains(out, "integrity_check: ok") {
		t.Errorf("uid B's store check: %s", out)
	}
	if out := as(uidB, homeB, "merge", "--store", filepath.Join(homeB, "merged.db"), storeA); !strings.Contains(out, "2") {
		t.Errorf("uid B's merge: %s", out)
	}
	assertNoFilesOf(t, shared, uidB)

	sweep("2, 3, 4")
	if out := as(uidA, homeA, "run", "--defs", defs, "--store", storeA, "-j", "1"); !strings.Contains(out, "ran 1, cached 2") {
		t.Errorf("uid A's next run:\n%s\nwant one new run beside the two cached", out)
	}
	assertNoFilesOf(t, shared, uidB)
}

func assertNoFilesOf(t *testing.T, dir string, uid int) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		fi, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		if st, ok := fi.Sys().(*syscall.Stat_t); ok && int(st.Uid) == uid {
			t.Errorf("%s is left beside the store, owned by uid %d", e.Name(), uid)
		}
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyFile(t *testing.T, from, to string, mode os.FileMode) {
	t.Helper()
	src, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
}
