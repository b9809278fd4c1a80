package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/internal/engine"
	"github.com/admmlab/admmlab/internal/gitrev"
	"github.com/admmlab/admmlab/pipeline"
	"github.com/admmlab/admmlab/pipeline/estimate"
	"github.com/admmlab/admmlab/pipeline/progress"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
	"github.com/admmlab/admmlab/solvers"
)

func init() {
	register(&command{name: "run", summary: "run the experiments' pending runs into the store", run: runRun})
}

// selection holds the flags that choose what to plan, shared by run, plan
// and explain.
type selection struct {
	stderr                                     io.Writer // for warnings
	profile, store, defs, dataDir, only, shard string
	archive                                    string
	fetch                                      bool
	shardI, shardN                             int
	trials                                     trialsFlag
}

func (s *selection) register(fs *flag.FlagSet, stderr io.Writer) {
	s.stderr = stderr
	fs.StringVar(&s.profile, "profile", "quick", "run profile: smoke, quick, points or full (experiments/profiles.json)")
	fs.StringVar(&s.store, "store", "results/runs.db", "SQLite run store")
	fs.StringVar(&s.defs, "defs", "", "catalogue directory (defs/*.json, profiles.json) instead of the built-in one")
	fs.StringVar(&s.dataDir, "data-dir", os.Getenv("ADMMLAB_DATA_DIR"), "data directory (default $ADMMLAB_DATA_DIR)")
	fs.BoolVar(&s.fetch, "fetch", false, "let the engine download missing data sets")
	fs.StringVar(&s.only, "only", "", "comma-separated experiments to select (their dependencies come along)")
	fs.StringVar(&s.shard, "shard", "", "i/n: only the runs of shard i of n (by run ID)")
	fs.Var(&s.trials, "trials", "at most `N` trials per configuration (0: the profile's), e.g. --profile points --trials 3; or \"archived\": each experiment's trials as --archive holds them, and only the experiments it holds")
	fs.StringVar(&s.archive, "archive", defaultArchive, "run archive: --trials archived reads it, and plan says why a pending run it holds was not imported (e.g. archived under other code)")
}

// plan loads and validates the catalogue; any problem with it is a usage
// error, reported before anything runs.
func (s *selection) plan() (*pipeline.Plan, error) {
	if err := checkDataDir(s.dataDir, s.fetch); err != nil {
		return nil, err
	}
	if s.shard != "" {
		var err error
		if s.shardI, s.shardN, err = pipeline.ParseShard(s.shard); err != nil {
			return nil, usageErrorf("flag --shard: %v", err)
		}
	}
	cat, err := loadCatalogue(s.defs, s.stderr)
	if err != nil {
		return nil, err
	}
	if s.trials.n > 0 {
		cat.CapTrials(s.profile, s.trials.n)
	}
	var only []string
	if s.only != "" {
		only = strings.Split(s.only, ",")
	}
	if s.trials.archived {
		if only, err = capAsArchived(cat, s.profile, s.archive, only, s.stderr); err != nil {
			return nil, err
		}
	}
	p, err := estimate.Admit(cat, s.profile, only)
	if err != nil {
		return nil, usageErrorf("%v", err)
	}
	return p, nil
}

// checkDataDir refuses a --data-dir that does not exist (exit 2), unless
// --fetch may fill it: a typo must not silently skip every real data set.
func checkDataDir(dir string, fetch bool) error {
	if dir == "" || fetch {
		return nil
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return usageErrorf("flag --data-dir: %v (give an existing directory, or --fetch to download into it)", err)
	}
	if !fi.IsDir() {
		return usageErrorf("flag --data-dir: %s is not a directory", dir)
	}
	return nil
}

// sourceDefs is the catalogue in a checkout, relative to its root.
const sourceDefs = "experiments"

// loadCatalogue loads the catalogue of --defs, or the one built into the
// binary. Run from a checkout whose experiments/ differs from the built-in
// catalogue (definitions edited since the binary was built), it says so:
// the binary still uses its built-in definitions.
func loadCatalogue(dir string, stderr io.Writer) (*experiments.Catalogue, error) {
	cat, err := experiments.Load(dir)
	if err != nil {
		return nil, usageErrorf("%v", err)
	}
	if dir != "" {
		return cat, nil
	}
	if fi, err := os.Stat(filepath.Join(sourceDefs, "defs")); err != nil || !fi.IsDir() {
		return cat, nil
	}
	if differ, err := experiments.DiffBuiltin(sourceDefs); err == nil && len(differ) > 0 {
		fmt.Fprintf(stderr, "admmlab: warning: %s/ on disk differs from the definitions built into this binary (%s);\n"+
			"  this binary uses its built-in ones: rebuild it (make build), or pass --defs %s to use those on disk\n",
			sourceDefs, strings.Join(differ, ", "), sourceDefs)
	}
	return cat, nil
}

// codeSalt is engine.Options.CodeSalt for every executor this process
// makes: nil, except in the test binary, whose end-to-end scripts set it
// (ADMMLAB_CODE_SALT, read in main_test.go) to stand for changed code.
var codeSalt map[solvers.Family]string

func (s *selection) executor() pipeline.Executor {
	return engine.New(engine.Options{DataDir: s.dataDir, Fetch: s.fetch, CodeSalt: codeSalt})
}

func runRun(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("run", stderr)
	var sel selection
	sel.register(fs, stderr)
	jobs := fs.Int("j", runtime.NumCPU(), "runs in parallel")
	failFast := fs.Bool("fail-fast", false, "stop at the first failed run (default: keep going, record it, retry next time)")
	lockWait := fs.Duration("lock-wait", 0, "how long to wait for another admmlab holding the store (0: fail at once)")
	base := fs.String("base", "", "read-only `store` whose done runs count as cached (a cluster shard's merged store); new runs go to --store only")
	executor := fs.String("executor", "local", "where runs run: local, or slurm (array jobs, one per dependency stage; see the -slurm flags below and deploy/README.md)")
	var sf slurmFlags
	sf.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected arguments %q", fs.Args())
	}
	if err := boundJobs(jobs, stderr); err != nil {
		return err
	}
	if err := sf.check(fs, *executor, sel, *base); err != nil {
		return err
	}
	p, err := sel.plan()
	if err != nil {
		return err
	}
	if *executor == "slurm" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		return runSlurm(ctx, sel, sf, p, *lockWait, stderr)
	}
	baseIx, closeBase, err := readBase(*base, sel.store)
	if err != nil {
		return err
	}
	defer closeBase()
	estimate.SpareProcessor(*jobs)
	release, err := lockStore(sel.store, *lockWait)
	if err != nil {
		return err
	}
	defer release()
	st, err := store.Open(sel.store)
	if err != nil {
		return inputErrorf("%v", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	host, _ := os.Hostname()
	prog := progress.New(stderr, progress.IsTerminal(stderr))
	prog.SetPrice(modelPrice(sel, p, host))
	r := &pipeline.Runner{Store: st, Exec: sel.executor(), Opt: pipeline.Options{
		Jobs: *jobs, FailFast: *failFast, Shard: sel.shardI, Shards: sel.shardN,
		Host: host, Commit: gitrev.Commit("."), Observer: prog,
		Memory: estimate.Memory{}, MemoryLimit: estimate.MachineMemory(),
	}, Base: baseIx}
	fmt.Fprintf(stderr, "profile %s, store %s, %d experiments, -j %d%s\n", p.Profile, sel.store, len(p.Experiments), *jobs, shardNote(sel))
	for _, name := range p.Skipped {
		fmt.Fprintf(stderr, "%s: left out by profile %s\n", name, p.Profile)
	}
	start := time.Now()
	sum, runErr := r.Run(ctx, p)
	prog.Stop()
	if err := pipeline.RecordDataInfo(ctx, st, p, sel.dataDir); err != nil && runErr == nil && ctx.Err() == nil {
		runErr = err
	}
	if sum != nil {
		sum.Print(stderr)
	}
	if sum != nil && sum.Total.Waiting > 0 {
		fmt.Fprintln(stderr, pipeline.WaitingNote(sum.Total.Waiting, sel.shardN > 0))
	}
	if err := st.Close(); err != nil && runErr == nil {
		runErr = fmt.Errorf("closing store %s after %s: %w", sel.store, time.Since(start).Round(time.Millisecond), err)
	}
	if errors.Is(runErr, pipeline.ErrDataUnusable) {
		return &exitError{exitInput, runErr} // everything else ran; exit 3 as data verify does
	}
	return runErr
}

// boundJobs refuses a non-positive -j (exit 2) and clamps one above
// estimate.MaxJobs to that bound, saying so in one line.
func boundJobs(jobs *int, stderr io.Writer) error {
	if *jobs < 1 {
		return usageErrorf("flag -j: %d, want ≥ 1", *jobs)
	}
	if bound := estimate.MaxJobs(); *jobs > bound {
		fmt.Fprintf(stderr, "admmlab: -j %d clamped to %d (%d cores × %d; more workers would only queue for them)\n", *jobs, bound, runtime.NumCPU(), estimate.JobsPerCore)
		*jobs = bound
	}
	return nil
}

func shardNote(s selection) string {
	if s.shardN == 0 {
		return ""
	}
	return fmt.Sprintf(", shard %d/%d", s.shardI, s.shardN)
}

// lockStore takes the store's writer lock, waiting at most wait, and maps
// "held by another admmlab" to exit code 4. Every verb that writes a store
// goes through it.
func lockStore(path string, wait time.Duration) (release func() error, err error) {
	// The verb means to write the store: its directory is made here, so that
	// a missing one is made rather than reported through the lock file.
	if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
		return nil, inputErrorf("store %s: %v", path, err)
	}
	lock, err := store.AcquireLock(path, wait)
	var le *store.LockedError
	if errors.As(err, &le) {
		return nil, &exitError{exitLocked, err}
	}
	if err != nil {
		return nil, inputErrorf("%v", err)
	}
	return lock.Release, nil
}

// modelPrice prices a run as plan does (the cost model, calibrated on the
// store's runs of the profile on this host, the real data sets sized as
// the data directory holds them): the progress ETA of a run with no
// similar run to go by. The data sets are loaded and the store read on the
// first call, when the first such run is queued (never, when every run has
// a similar one stored); the loaders keep what they read for the runs.
func modelPrice(sel selection, p *pipeline.Plan, host string) func(runs.Spec) time.Duration {
	var once sync.Once
	var c estimate.Calibration
	var ok bool
	return func(s runs.Spec) time.Duration {
		once.Do(func() {
			shapes := estimate.DataShapes(context.Background(), p, sel.dataDir)
			var err error
			c, err = estimate.CalibrateStore(sel.store, p.Profile, host, shapes)
			ok = err == nil
		})
		if !ok {
			return 0
		}
		return time.Duration(c.CPUSeconds([]runs.Spec{s}) * float64(time.Second))
	}
}
