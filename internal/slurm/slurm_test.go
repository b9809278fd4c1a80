package slurm

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// Recorded on the single-node Slurm of scripts/slurm_single_node.sh
// (slurm-wlm 22.05): scontrol-running.txt (array 1-3, task 3 pending),
// scontrol-cancelled.txt (the same after scancel), scontrol-done.txt (an
// array whose tasks exited 2 and 1), sinfo.txt. That cluster runs without
// accounting, so sacct.txt and scontrol-pending-range.txt are written after
// the documented formats (sacct -P; a throttled array's pending range).
func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseScontrol(t *testing.T) {
	for _, tc := range []struct {
		file string
		want []Task
	}{
		{"scontrol-running.txt", []Task{
			{Index: 3, State: "PENDING", Reason: "None"},
			{Index: 2, State: "RUNNING", Reason: "None", Node: "vm"},
			{Index: 1, State: "RUNNING", Reason: "None", Node: "vm"},
		}},
		{"scontrol-cancelled.txt", []Task{
			{Index: 3, State: "CANCELLED", Reason: "None"},
			{Index: 2, State: "CANCELLED", Reason: "None", Signal: 15, Node: "vm"},
			{Index: 1, State: "CANCELLED", Reason: "None", Signal: 15, Node: "vm"},
		}},
		{"scontrol-done.txt", []Task{
			{Index: 2, State: "FAILED", Reason: "NonZeroExitCode", ExitCode: 2, Node: "vm"},
			{Index: 1, State: "FAILED", Reason: "NonZeroExitCode", ExitCode: 1, Node: "vm"},
		}},
		{"scontrol-pending-range.txt", []Task{
			{Index: 2, State: "PENDING", Reason: "JobArrayTaskLimit"},
			{Index: 3, State: "PENDING", Reason: "JobArrayTaskLimit"},
			{Index: 4, State: "PENDING", Reason: "JobArrayTaskLimit"},
			{Index: 5, State: "PENDING", Reason: "JobArrayTaskLimit"},
			{Index: 1, State: "RUNNING", Reason: "None", Node: "vm"},
		}},
	} {
		got, err := ParseScontrol(readFixture(t, tc.file))
		if err != nil {
			t.Errorf("%s: %v", tc.file, err)
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tc.file, got, tc.want)
		}
	}
	if _, err := ParseScontrol([]byte("JobId=3 ArrayTaskId=1\n")); err == nil {
		t.Error("a line without JobState parsed")
	}
}

func TestParseSacct(t *testing.T) {
	got, err := ParseSacct(readFixture(t, "sacct.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Task{
		{Index: 1, State: "COMPLETED", Node: "node01"},
		{Index: 2, State: "FAILED", ExitCode: 1, Node: "node02"},
		{Index: 3, State: "TIMEOUT", Node: "node01"},
		{Index: 4, State: "CANCELLED", Signal: 15, Node: "node03"},
		{Index: 5, State: "PENDING", Node: "None assigned"},
		{Index: 6, State: "PENDING", Node: "None assigned"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("\n got %+v\nwant %+v", got, want)
	}
	var done []bool
	for _, task := range got {
		done = append(done, task.Done())
	}
	if want := []bool{true, true, true, true, false, false}; !reflect.DeepEqual(done, want) {
		t.Errorf("Done: got %v, want %v", done, want)
	}
}

func TestRanges(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []int
		back string
	}{
		{"3", []int{3}, "3"},
		{"1-4", []int{1, 2, 3, 4}, "1-4"},
		{"1,3-5", []int{1, 3, 4, 5}, "1,3-5"},
		{"1-7%2", []int{1, 2, 3, 4, 5, 6, 7}, "1-7"},
		{"1-7:3", []int{1, 4, 7}, "1,4,7"},
	} {
		got, err := ParseRange(tc.in)
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParseRange(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
		if back := FormatRange(got); back != tc.back {
			t.Errorf("FormatRange(%v) = %q, want %q", got, back, tc.back)
		}
	}
	for _, bad := range []string{"", "a", "5-2", "1-4:0"} {
		if _, err := ParseRange(bad); err == nil {
			t.Errorf("ParseRange(%q) accepted", bad)
		}
	}
}

func TestParseSubmit(t *testing.T) {
	for in, want := range map[string]string{"42\n": "42", "42;cluster1\n": "42", "sbatch: warning: x\n43\n": "43"} {
		if got, err := ParseSubmit([]byte(in)); err != nil || got != want {
			t.Errorf("ParseSubmit(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseSubmit([]byte("Submitted batch job 5\n")); err == nil {
		t.Error("non-parsable output accepted")
	}
}

func TestParseSinfoCPUs(t *testing.T) {
	if n, err := ParseSinfoCPUs(readFixture(t, "sinfo.txt"), ""); err != nil || n != 2 {
		t.Errorf("recorded sinfo: %d, %v; want 2", n, err)
	}
	out := []byte("main*|16|4|idle\ngpu|64+|2|mix\n")
	for part, want := range map[string]int{"": 64, "main": 16, "gpu": 64} {
		if n, err := ParseSinfoCPUs(out, part); err != nil || n != want {
			t.Errorf("partition %q: %d, %v; want %d", part, n, err, want)
		}
	}
	if _, err := ParseSinfoCPUs(out, "bigmem"); err == nil || !strings.Contains(err.Error(), `"bigmem"`) {
		t.Errorf("unknown partition: %v", err)
	}
}

// The client passes the submission's fields to sbatch and falls back from
// scontrol to sacct for a job scontrol no longer knows.
func TestClient(t *testing.T) {
	var calls []string
	c := &Client{Exec: func(_ context.Context, name string, args ...string) ([]byte, error) {
		calls = append(calls, name+" "+strings.Join(args, " "))
		switch name {
		case "sbatch":
			return []byte("12\n"), nil
		case "scontrol":
			return nil, errors.New("scontrol show job -o 12: exit status 1: slurm_load_jobs error: Invalid job id specified")
		case "sacct":
			return []byte("12_1|COMPLETED|0:0|n1\n"), nil
		}
		return nil, errors.New("unexpected " + name)
	}}
	id, err := c.Submit(context.Background(), Submission{Script: "s.sh", Array: "2", JobName: "x", CPUsPerTask: 4, Partition: "p", Mem: "2G"})
	if err != nil || id != "12" {
		t.Fatalf("Submit: %q, %v", id, err)
	}
	tasks, err := c.Tasks(context.Background(), id)
	if err != nil || len(tasks) != 1 || tasks[0].State != "COMPLETED" {
		t.Fatalf("Tasks: %+v, %v", tasks, err)
	}
	want := []string{
		"sbatch --parsable --array=2 --job-name=x --partition=p --mem=2G --cpus-per-task=4 s.sh",
		"scontrol show job -o 12",
		"sacct -n -P -X -j 12 -o JobID,State,ExitCode,NodeList",
	}
	if !reflect.DeepEqual(calls, want) {
		t.Errorf("calls:\n got %q\nwant %q", calls, want)
	}
}

func TestParseJobIDs(t *testing.T) {
	got := ParseJobIDs([]byte("57\n57\n59\n\n"))
	if want := []string{"57", "59"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := ParseJobIDs(nil); len(got) != 0 {
		t.Errorf("empty output: %q", got)
	}
}
