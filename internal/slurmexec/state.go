package slurmexec

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// slurmState is what `run --executor slurm` keeps in its work directory
// (state.json) so that, killed and started again, it finds the jobs it
// submitted: per round, the shard count and every job (array) it submitted
// with the shards each covers. It is written atomically (a temporary file
// renamed over the old one) after each submission and each merge.
type slurmState struct {
	Version int           `json:"version"`
	Store   string        `json:"store"`     // absolute path of the main store
	Profile string        `json:"profile"`   // with Selection: what the rounds run
	Select  string        `json:"selection"` // the shards' selection flags
	Rounds  []*slurmRound `json:"rounds"`
}

type slurmRound struct {
	Round  int        `json:"round"`
	Shards int        `json:"shards"`
	Jobs   []slurmJob `json:"jobs"`
	// Merged is set once every shard's store is merged into the main
	// store; Failed lists shards given up on (their retries spent).
	Merged bool  `json:"merged"`
	Failed []int `json:"failed,omitempty"`
}

type slurmJob struct {
	ID     string `json:"id"`
	Shards []int  `json:"shards"` // the array indices, = shard numbers
}

const slurmStateVersion = 1

// loadSlurmState reads dir/state.json; a missing file is a new state. A
// state of another store, profile or selection is refused: the rounds'
// shard stores would not belong to this run.
func loadSlurmState(dir string, want slurmState) (*slurmState, error) {
	path := filepath.Join(dir, "state.json")
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		want.Version = slurmStateVersion
		return &want, nil
	}
	if err != nil {
		return nil, err
	}
	var st slurmState
	if err := json.Unmarshal(b, &st); err != nil {
		return nil, fmt.Errorf("%s: %v (remove it, or the whole work directory, to start afresh)", path, err)
	}
	if st.Version != slurmStateVersion {
		return nil, fmt.Errorf("%s: version %d, this admmlab writes %d (remove the work directory to start afresh)", path, st.Version, slurmStateVersion)
	}
	if st.Store != want.Store || st.Profile != want.Profile || st.Select != want.Select {
		return nil, fmt.Errorf("%s belongs to another run (store %s, profile %s, %s; this one: store %s, profile %s, %s): "+
			"pass another --work-dir, or remove this one once its jobs are done", path, st.Store, st.Profile, st.Select, want.Store, want.Profile, want.Select)
	}
	return &st, nil
}

// save writes the state atomically.
func (s *slurmState) save(dir string) error {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "state-*.json.tmp")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(append(b, '\n'))
	serr := tmp.Sync()
	if err := errors.Join(werr, serr, tmp.Close()); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing %s: %w", tmp.Name(), err)
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, "state.json"))
}

// open is the last round when it is not merged yet.
func (s *slurmState) open() *slurmRound {
	if n := len(s.Rounds); n > 0 && !s.Rounds[n-1].Merged {
		return s.Rounds[n-1]
	}
	return nil
}

// latest maps each shard to the job that ran it last (the last retry).
func (r *slurmRound) latest() map[int]string {
	m := map[int]string{}
	for _, j := range r.Jobs {
		for _, i := range j.Shards {
			m[i] = j.ID
		}
	}
	return m
}

// attempts counts the jobs a shard was submitted in.
func (r *slurmRound) attempts(shard int) int {
	n := 0
	for _, j := range r.Jobs {
		if slices.Contains(j.Shards, shard) {
			n++
		}
	}
	return n
}

// roundDir is where a round's script, shard stores and logs live.
func roundDir(work string, round int) string {
	return filepath.Join(work, fmt.Sprintf("round-%d", round))
}

func shardStore(work string, round, shard int) string {
	return filepath.Join(roundDir(work, round), fmt.Sprintf("shard-%d.db", shard))
}

func shardLog(work string, round, shard int, job string) string {
	return filepath.Join(roundDir(work, round), "logs", fmt.Sprintf("shard-%d-job-%s.out", shard, job))
}

// shQuote quotes s for sh.
func shQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// writeShardScript writes a round's batch script: array task i runs shard
// i of the round's n shards (n written in, not taken from the array's size,
// so that a resubmitted task runs the same shard) into its own store, on
// the main store as a read-only base.
func writeShardScript(path, bin string, n, cpus int, store, baseStore string, selArgs []string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "#!/bin/sh\n# Written by admmlab run --executor slurm: array task i runs shard i of %d.\n", n)
	fmt.Fprintf(&b, "set -u\ni=${SLURM_ARRAY_TASK_ID:?run as an array job: sbatch --array=1-%d}\n", n)
	args := []string{shQuote(bin), "run", "--store", shQuote(store) + `"$i".db`, "--base", shQuote(baseStore),
		"--shard", `"$i"/` + fmt.Sprint(n), "-j", fmt.Sprint(cpus)}
	for _, a := range selArgs {
		args = append(args, shQuote(a))
	}
	fmt.Fprintf(&b, "exec %s\n", strings.Join(args, " "))
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(b.String()), 0o755); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
