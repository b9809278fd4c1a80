package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/admmlab/admmlab/internal/sharedtest"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"admmlab": func() {
			if exitBeforeRecording(os.Args[1:]) {
				os.Exit(exitFailure)
			}
			codeSalt = saltFromEnv()
			os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
		},
		"waitruns":    func() { os.Exit(waitRunsMain(os.Args[1:])) },
		"archiveflip": func() { os.Exit(archiveFlipMain(os.Args[1:])) },
	})
}

// TestScripts runs the end-to-end CLI scripts in testdata/script. Scripts get
// $SHARED pointing at the workplace's shared/ directory (fixtures and data)
// and $REPO at the repository's root.
func TestScripts(t *testing.T) {
	shared := sharedtest.Dir(t)
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("SHARED", shared)
			env.Setenv("REPO", repo)
			return nil
		},
	})
}

// The README's table of exit codes is the one the code implements.
func TestREADMEExitCodes(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, line := range strings.Split(string(b), "\n") {
		if len(line) > 4 && line[0] == '|' && line[2] >= '0' && line[2] <= '9' && line[3] == ' ' {
			rows = append(rows, line)
		}
	}
	if len(rows) != len(exitCodes) {
		t.Fatalf("README has %d exit-code rows, the code %d:\n%s", len(rows), len(exitCodes), strings.Join(rows, "\n"))
	}
	for i, e := range exitCodes {
		if want := fmt.Sprintf("| %d | %s |", e.code, e.meaning); rows[i] != want {
			t.Errorf("README row %d:\n got %s\nwant %s", i, rows[i], want)
		}
	}
}
