package main

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/internal/dirsnap"
	"github.com/admmlab/admmlab/report"
	"golang.org/x/sys/unix"
)

// With --out on a full 2 MB tmpfs, report fails with exit 1 and the
// previous report's files are byte-identical afterwards. Mounting needs
// root (CI runs as root).
func TestReportFullDisk(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a tmpfs needs root")
	}
	dir := t.TempDir()
	mnt := filepath.Join(dir, "out")
	os.Mkdir(mnt, 0o755)
	if b, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, b)
	}
	defer exec.Command("umount", mnt).Run()
	defs := filepath.Join(dir, "defs")
	os.MkdirAll(filepath.Join(defs, "defs"), 0o755)
	writeFile(t, filepath.Join(defs, "profiles.json"), `[{"name": "quick", "description": "t"}]`)
	sweep := func(widths string) {
		writeFile(t, filepath.Join(defs, "defs", "sweep.json"), `{"name": "sweep", "title": "t", "items": ["table3"], "data": "square", "samples": 10,
 "metric": "train_mse", "epochs": 2, "trials": 1,
 "algorithms": [{"label": "A", "algorithm": "sgd", "act": "relu", "batch": 5, "lr": 0.1,
   "grid": {"depth": [1], "width": [`+widths+`], "init": ["msra"], "init_scale": [1], "noise": [0]}}]}`)
	}
	cli := func(want int, args ...string) {
		t.Helper()
		var o, e bytes.Buffer
		if rc := run(args, &o, &e); rc != want {
			t.Fatalf("admmlab %s: exit %d, want %d\n%s%s", strings.Join(args, " "), rc, want, o.String(), e.String())
		}
	}
	t.Setenv("ADMMLAB_DATA_DIR", "")
	store := filepath.Join(dir, "runs.db")
	sweep("2")
	cli(0, "run", "--defs", defs, "--store", store, "-j", "1")
	cli(0, "report", "--defs", defs, "--store", store, "--out", mnt)
	before := dirsnap.Snapshot(t, mnt, "filler")
	sweep("2, 3")
	cli(0, "run", "--defs", defs, "--store", store, "-j", "1")
	elsewhere := filepath.Join(dir, "elsewhere")
	cli(0, "report", "--defs", defs, "--store", store, "--out", elsewhere)
	if maps.Equal(before, dirsnap.Snapshot(t, elsewhere, "")) {
		t.Fatal("the second report renders the same files as the first: the test would prove nothing")
	}
	// Fill the tmpfs, leaving room for about half of the new report, so
	// that a render into --out itself would replace some files and fail
	// on the rest.
	var need int64
	filepath.WalkDir(elsewhere, func(path string, d fs.DirEntry, err error) error {
		if fi, ierr := d.Info(); err == nil && ierr == nil && !d.IsDir() {
			need += (fi.Size() + 4095) / 4096 * 4096
		}
		return err
	})
	var st unix.Statfs_t
	if err := unix.Statfs(mnt, &st); err != nil {
		t.Fatal(err)
	}
	free := int64(st.Bavail) * int64(st.Bsize)
	if err := os.WriteFile(filepath.Join(mnt, "filler"), make([]byte, max(0, free-need/2)), 0o644); err != nil {
		t.Fatal(err)
	}
	cli(1, "report", "--defs", defs, "--store", store, "--out", mnt)
	if after := dirsnap.Snapshot(t, mnt, "filler"); !maps.Equal(before, after) {
		t.Errorf("the failed report changed the previous one:\nbefore %v\nafter  %v", before, after)
	}
	if m, _ := filepath.Glob(filepath.Join(mnt, report.StagePrefix+"*")); len(m) > 0 {
		t.Errorf("staging directories left: %v", m)
	}
}
