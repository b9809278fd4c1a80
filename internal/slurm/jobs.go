package slurm

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// Task is one array task of a job (or the job itself, Index 0, when it is
// not an array).
type Task struct {
	Index    int    // array task ID
	State    string // Slurm's job state: PENDING, RUNNING, COMPLETED, FAILED, TIMEOUT, …
	ExitCode int    // the batch script's exit status
	Signal   int    // the signal that ended it, 0 if none
	Reason   string // why it is pending or how it ended
	Node     string
}

// Done reports whether the task has ended, for good or ill.
func (t Task) Done() bool {
	switch t.State {
	case "PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "SUSPENDED", "REQUEUED", "REQUEUE_FED", "REQUEUE_HOLD",
		"RESIZING", "SIGNALING", "STAGE_OUT", "STOPPED", "RESV_DEL_HOLD":
		return false
	}
	return true
}

func (t Task) String() string {
	s := fmt.Sprintf("task %d %s", t.Index, t.State)
	if t.Done() && (t.ExitCode != 0 || t.Signal != 0) {
		s += fmt.Sprintf(" (exit %d:%d)", t.ExitCode, t.Signal)
	}
	if t.Reason != "" && t.Reason != "None" {
		s += " (" + t.Reason + ")"
	}
	return s
}

// Tasks reports the tasks of a job: scontrol knows a job until MinJobAge
// after it ends, sacct afterwards (where accounting is on). A job neither
// knows yields no tasks and no error.
func (c *Client) Tasks(ctx context.Context, jobID string) ([]Task, error) {
	out, err := c.run(ctx, "scontrol", "show", "job", "-o", jobID)
	if err == nil {
		return ParseScontrol(out)
	}
	if !strings.Contains(err.Error(), "Invalid job id") {
		return nil, err
	}
	out, serr := c.run(ctx, "sacct", "-n", "-P", "-X", "-j", jobID, "-o", "JobID,State,ExitCode,NodeList")
	if serr != nil {
		return nil, nil // neither knows it: accounting is off and the job is long gone
	}
	return ParseSacct(out)
}

// ParseScontrol reads `scontrol show job -o ID`: one line per task, or one
// line for a range of pending tasks (ArrayTaskId=2-5%2), which it expands.
func ParseScontrol(out []byte) ([]Task, error) {
	var tasks []Task
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		f := fields(line)
		t := Task{State: f["JobState"], Reason: f["Reason"], Node: f["NodeList"]}
		if t.State == "" {
			return nil, fmt.Errorf("scontrol show job: no JobState in %q", line)
		}
		var err error
		if t.ExitCode, t.Signal, err = parseExit(f["ExitCode"]); err != nil {
			return nil, fmt.Errorf("scontrol show job: %v", err)
		}
		idx := []int{0}
		if r, ok := f["ArrayTaskId"]; ok {
			if idx, err = ParseRange(r); err != nil {
				return nil, fmt.Errorf("scontrol show job: ArrayTaskId: %v", err)
			}
		}
		for _, i := range idx {
			t.Index = i
			tasks = append(tasks, t)
		}
	}
	return tasks, nil
}

// fields splits scontrol's one-line "Key=Value Key=Value" records. Values
// hold no spaces in the keys read here.
func fields(line string) map[string]string {
	m := map[string]string{}
	for _, kv := range strings.Fields(line) {
		if k, v, ok := strings.Cut(kv, "="); ok {
			if _, seen := m[k]; !seen {
				m[k] = v
			}
		}
	}
	return m
}

// ParseSacct reads `sacct -n -P -X -o JobID,State,ExitCode,NodeList`:
// "123_4|COMPLETED|0:0|node1"; "CANCELLED by 0" keeps its first word; a
// pending range "123_[2-5]" expands.
func ParseSacct(out []byte) ([]Task, error) {
	var tasks []Task
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Split(line, "|")
		if len(f) < 3 {
			return nil, fmt.Errorf("sacct: line %q: want JobID|State|ExitCode|NodeList", line)
		}
		t := Task{State: strings.Fields(f[1] + " ")[0]}
		if len(f) > 3 {
			t.Node = f[3]
		}
		var err error
		if t.ExitCode, t.Signal, err = parseExit(f[2]); err != nil {
			return nil, fmt.Errorf("sacct: %v", err)
		}
		idx := []int{0}
		if _, r, ok := strings.Cut(f[0], "_"); ok {
			if idx, err = ParseRange(strings.Trim(r, "[]")); err != nil {
				return nil, fmt.Errorf("sacct: JobID %s: %v", f[0], err)
			}
		}
		for _, i := range idx {
			t.Index = i
			tasks = append(tasks, t)
		}
	}
	return tasks, nil
}

func parseExit(s string) (code, sig int, err error) {
	if s == "" {
		return 0, 0, nil
	}
	a, b, _ := strings.Cut(s, ":")
	if code, err = strconv.Atoi(a); err == nil && b != "" {
		sig, err = strconv.Atoi(b)
	}
	if err != nil {
		return 0, 0, fmt.Errorf("exit code %q: want code:signal", s)
	}
	return code, sig, nil
}

// ParseRange expands an array index list: "3", "1-4", "1,3-5", "1-7%2"
// (the %limit is dropped), "1-9:2" (a step).
func ParseRange(s string) ([]int, error) {
	s, _, _ = strings.Cut(s, "%")
	var out []int
	for _, part := range strings.Split(s, ",") {
		lohi, stepS, hasStep := strings.Cut(part, ":")
		loS, hiS, isRange := strings.Cut(lohi, "-")
		lo, err := strconv.Atoi(loS)
		if err != nil {
			return nil, fmt.Errorf("array range %q: want n, n-m, n-m:step or lists of them", s)
		}
		hi, step := lo, 1
		if isRange {
			if hi, err = strconv.Atoi(hiS); err != nil || hi < lo {
				return nil, fmt.Errorf("array range %q: want n-m with n ≤ m", s)
			}
		}
		if hasStep {
			if step, err = strconv.Atoi(stepS); err != nil || step < 1 {
				return nil, fmt.Errorf("array range %q: step must be ≥ 1", s)
			}
		}
		for i := lo; i <= hi; i += step {
			out = append(out, i)
		}
	}
	return out, nil
}

// FormatRange writes indices (ascending) as sbatch's --array list, runs of
// consecutive indices as n-m.
func FormatRange(idx []int) string {
	var parts []string
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && idx[j+1] == idx[j]+1 {
			j++
		}
		if j == i {
			parts = append(parts, strconv.Itoa(idx[i]))
		} else {
			parts = append(parts, fmt.Sprintf("%d-%d", idx[i], idx[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}

// JobsNamed lists the IDs of the (array) jobs called name that Slurm still
// knows, in any state: a caller that submitted a job and was killed before
// it noted the ID finds it again by its unique name.
func (c *Client) JobsNamed(ctx context.Context, name string) ([]string, error) {
	out, err := c.run(ctx, "squeue", "-h", "--states=all", "-n", name, "-o", "%F")
	if err != nil {
		return nil, err
	}
	return ParseJobIDs(out), nil
}

// ParseJobIDs reads one job ID a line (squeue -o %F: an array's tasks all
// print the array's ID) and returns each once, in order.
func ParseJobIDs(out []byte) []string {
	var ids []string
	seen := map[string]bool{}
	for _, f := range strings.Fields(string(out)) {
		if _, err := strconv.ParseUint(f, 10, 64); err == nil && !seen[f] {
			seen[f] = true
			ids = append(ids, f)
		}
	}
	return ids
}
