package slurm

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
)

// Client runs Slurm's commands. The zero value runs them from PATH.
type Client struct {
	// Exec runs name with args and returns its standard output; nil means
	// os/exec. An error carries the command's standard error.
	Exec func(ctx context.Context, name string, args ...string) ([]byte, error)
}

func (c *Client) run(ctx context.Context, name string, args ...string) ([]byte, error) {
	if c.Exec != nil {
		return c.Exec(ctx, name, args...)
	}
	cmd := exec.CommandContext(ctx, name, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = strings.TrimSpace(string(out))
		}
		return out, fmt.Errorf("%s %s: %w: %s", name, strings.Join(args, " "), err, msg)
	}
	return out, nil
}

// Submission is what sbatch is asked for. Empty fields are left to the
// cluster's defaults.
type Submission struct {
	Script      string // path of the batch script
	Array       string // --array, e.g. "1-4" or "2,5"
	JobName     string
	Output      string // --output pattern; its directory must exist
	Chdir       string
	Partition   string
	Time        string // --time, e.g. 12:00:00
	Account     string
	Mem         string // --mem per node, e.g. 4G
	CPUsPerTask int
	Wrap        string // --wrap command instead of Script
	Extra       []string
}

// Args are sbatch's arguments for s.
func (s Submission) Args() []string {
	args := []string{"--parsable"}
	add := func(flag, v string) {
		if v != "" {
			args = append(args, flag+"="+v)
		}
	}
	add("--array", s.Array)
	add("--job-name", s.JobName)
	add("--output", s.Output)
	add("--chdir", s.Chdir)
	add("--partition", s.Partition)
	add("--time", s.Time)
	add("--account", s.Account)
	add("--mem", s.Mem)
	if s.CPUsPerTask > 0 {
		args = append(args, "--cpus-per-task="+strconv.Itoa(s.CPUsPerTask))
	}
	args = append(args, s.Extra...)
	if s.Wrap != "" {
		return append(args, "--wrap", s.Wrap)
	}
	return append(args, s.Script)
}

// Submit runs sbatch and returns the job ID.
func (c *Client) Submit(ctx context.Context, s Submission) (string, error) {
	out, err := c.run(ctx, "sbatch", s.Args()...)
	if err != nil {
		return "", err
	}
	return ParseSubmit(out)
}

// ParseSubmit reads sbatch --parsable's output: "id" or "id;cluster".
func ParseSubmit(out []byte) (string, error) {
	s := strings.TrimSpace(string(out))
	if i := strings.LastIndexByte(s, '\n'); i >= 0 { // warnings before the ID
		s = s[i+1:]
	}
	id, _, _ := strings.Cut(s, ";")
	if _, err := strconv.ParseUint(id, 10, 64); err != nil {
		return "", fmt.Errorf("sbatch --parsable printed %q, want a job ID", strings.TrimSpace(string(out)))
	}
	return id, nil
}

// Cancel runs scancel on the jobs.
func (c *Client) Cancel(ctx context.Context, ids ...string) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := c.run(ctx, "scancel", ids...)
	return err
}

// MaxCPUs returns the most CPUs any node of the partition ("" = every
// partition) has, from sinfo.
func (c *Client) MaxCPUs(ctx context.Context, partition string) (int, error) {
	args := []string{"-h", "-o", "%P|%c|%D|%t"}
	if partition != "" {
		args = append(args, "-p", partition)
	}
	out, err := c.run(ctx, "sinfo", args...)
	if err != nil {
		return 0, err
	}
	return ParseSinfoCPUs(out, partition)
}

// ParseSinfoCPUs reads `sinfo -h -o '%P|%c|%D|%t'` (partition|CPUs per
// node|nodes|state, one line per partition and node kind; CPUs "16+" when
// they differ; fields after the second are ignored) and returns the
// largest CPU count, or an error when no line names the partition.
func ParseSinfoCPUs(out []byte, partition string) (int, error) {
	best := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Split(strings.TrimSpace(line), "|")
		if len(f) < 2 {
			continue
		}
		p, cpus := f[0], f[1]
		p = strings.TrimSuffix(p, "*") // the default partition
		if partition != "" && p != partition {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSuffix(cpus, "+"))
		if err != nil {
			return 0, fmt.Errorf("sinfo: CPUs %q of partition %s: want a number", cpus, p)
		}
		best = max(best, n)
	}
	if best == 0 {
		if partition != "" {
			return 0, fmt.Errorf("sinfo lists no nodes in partition %q", partition)
		}
		return 0, errors.New("sinfo lists no nodes")
	}
	return best, nil
}
