package main

import (
	"path/filepath"
	"slices"
	"testing"
)

// Every Slurm shard expands the plan itself, so it must get the same
// --trials, and with "archived" the same archive, by an absolute path.
func TestShardSelectionTrials(t *testing.T) {
	arch, err := filepath.Abs("arch")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		trials string
		want   []string
	}{
		{"0", []string{"--profile", "points"}},
		{"3", []string{"--profile", "points", "--trials", "3"}},
		{"archived", []string{"--profile", "points", "--trials", "archived", "--archive", arch}},
	} {
		sel := selection{profile: "points", archive: "arch"}
		if err := sel.trials.Set(tc.trials); err != nil {
			t.Fatalf("--trials %s: %v", tc.trials, err)
		}
		if got := shardSelection(sel); !slices.Equal(got, tc.want) {
			t.Errorf("--trials %s: shard flags %q, want %q", tc.trials, got, tc.want)
		}
	}
}

func TestTrialsFlag(t *testing.T) {
	for _, tc := range []struct {
		in     string
		want   trialsFlag
		wantOK bool
	}{
		{"0", trialsFlag{}, true},
		{"8", trialsFlag{n: 8}, true},
		{"archived", trialsFlag{archived: true}, true},
		{"-1", trialsFlag{}, false},
		{"Archived", trialsFlag{}, false},
		{"", trialsFlag{}, false},
	} {
		var f trialsFlag
		err := f.Set(tc.in)
		if (err == nil) != tc.wantOK || (err == nil && f != tc.want) {
			t.Errorf("Set(%q) = %+v, %v; want %+v, ok %v", tc.in, f, err, tc.want, tc.wantOK)
		}
		if err == nil && f.String() != tc.in {
			t.Errorf("Set(%q).String() = %q", tc.in, f.String())
		}
	}
}
