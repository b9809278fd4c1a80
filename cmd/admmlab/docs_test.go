package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The documents give the full profile's size as plan counts it: every
// "about N runs" or "~N runs" said of the full profile is within 1 % of
// plan's distinct runs.
func TestDocumentedFullProfileSize(t *testing.T) {
	var out, errb bytes.Buffer
	store := filepath.Join(t.TempDir(), "none.db")
	if rc := run([]string{"plan", "--profile", "full", "-q", "--store", store, "--data-dir", t.TempDir()}, &out, &errb); rc != exitOK {
		t.Fatalf("plan --profile full: exit %d: %s", rc, errb.String())
	}
	m := regexp.MustCompile(`(?m)^total: (\d+) distinct runs`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no total in plan's output:\n%s", out.String())
	}
	planned, _ := strconv.Atoi(m[1])
	mention := regexp.MustCompile(`full[^.]*?(?:about|~)\s*([\d,]+)\s+(?:distinct\s+)?runs`)
	found := 0
	for _, doc := range []string{"../../README.md", "../../deploy/README.md", "../../deploy/k8s/pvc.yaml"} {
		b, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.ReplaceAll(strings.ReplaceAll(string(b), "\n# ", " "), "\n", " ")
		for _, mm := range mention.FindAllStringSubmatch(text, -1) {
			found++
			n, _ := strconv.Atoi(strings.ReplaceAll(mm[1], ",", ""))
			if d := float64(n-planned) / float64(planned); d > 0.01 || d < -0.01 {
				t.Errorf("%s: %q, plan counts %d distinct runs", doc, mm[0], planned)
			}
		}
	}
	if found < 3 {
		t.Errorf("found %d mentions of the full profile's size, want at least 3 (README, deploy/README, pvc.yaml)", found)
	}
}
