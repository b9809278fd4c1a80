package engine

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/admmlab/admmlab/datasets"
	"github.com/admmlab/admmlab/internal/floor"
	"github.com/admmlab/admmlab/pipeline"
	"github.com/admmlab/admmlab/solvers"
)

// CodeSaltEnv names the test hook that perturbs one family's code
// fingerprint, e.g. ADMMLAB_CODE_SALT="sgd=2", so that end-to-end tests can
// show that changing the SGD code reruns only SGD-family runs without editing
// source. It is never set in normal use.
const CodeSaltEnv = "ADMMLAB_CODE_SALT"

//go:embed *.go
var source embed.FS

// Options configure where data come from.
type Options struct {
	DataDir  string // mirror directory, searched first
	CacheDir string // download cache; "" means the datasets default
	Fetch    bool   // allow downloads from upstream
}

// Engine implements pipeline.Executor.
type Engine struct {
	opt        Options
	engineHash string

	data *dataCache // the data sets loaded for the runs, within a budget

	// alter, when set (tests only), changes each data set after loading,
	// e.g. to relabel its test part.
	alter func(*datasets.Dataset) *datasets.Dataset
}

// New returns an Engine.
func New(opt Options) *Engine {
	return &Engine{opt: opt, engineHash: sourceHash(), data: newDataCache(cacheSets, cacheBytes)}
}

var _ pipeline.Executor = (*Engine)(nil)

func sourceHash() string {
	names, err := fs.Glob(source, "*.go")
	if err != nil {
		panic(err)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		if strings.HasSuffix(n, "_test.go") {
			continue
		}
		b, _ := source.ReadFile(n)
		h.Write([]byte(n))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// family maps a spec's algorithm to the solver code that computes it.
func family(algorithm string) solvers.Family {
	if algorithm == "admm" {
		return solvers.FamilyADMM
	}
	return solvers.FamilySGD
}

// CodeFingerprint hashes the solver family's source (the floor package's
// for a noise-floor run) and this package's own.
func (e *Engine) CodeFingerprint(spec pipeline.RunSpec) string {
	fam := family(spec.Algorithm)
	h := sha256.New()
	if pipeline.IsFloor(spec.Algorithm) {
		h.Write([]byte("floor:" + floor.Fingerprint()))
	} else {
		h.Write([]byte(solvers.Fingerprint(fam)))
	}
	h.Write([]byte(e.engineHash))
	if salt := codeSalt(fam); salt != "" {
		h.Write([]byte("salt:" + salt))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// codeSalt reads CodeSaltEnv ("sgd=2,admm=x") for one family.
func codeSalt(fam solvers.Family) string {
	for _, kv := range strings.Split(os.Getenv(CodeSaltEnv), ",") {
		if k, v, ok := strings.Cut(kv, "="); ok && k == string(fam) {
			return v
		}
	}
	return ""
}

func toMat(p datasets.Part, x bool) *mat.Dense {
	if p.N == 0 {
		return nil
	}
	if x {
		return mat.NewDense(p.DIn, p.N, p.X)
	}
	return mat.NewDense(p.DOut, p.N, p.Y)
}

func task(t datasets.Task) solvers.Task {
	switch t {
	case datasets.ClassifySign:
		return solvers.ClassifySign
	case datasets.ClassifyArgmax:
		return solvers.ClassifyArgmax
	}
	return solvers.Regression
}

// Execute trains one net as spec says.
func (e *Engine) Execute(ctx context.Context, spec pipeline.RunSpec) (pipeline.Result, error) {
	ds, err := e.load(ctx, spec)
	if err != nil {
		return pipeline.Result{}, err
	}
	train, val, err := e.split(spec, ds)
	if err != nil {
		return pipeline.Result{}, err
	}
	if pipeline.IsFloor(spec.Algorithm) {
		return noiseFloor(spec, ds, train, val)
	}
	prob := solvers.Problem{
		X: toMat(train, true), Y: toMat(train, false),
		TestX: toMat(ds.Test, true), TestY: toMat(ds.Test, false),
		Task: task(ds.Task),
	}
	act, err := solvers.ParseActivation(spec.Act)
	if err != nil {
		return pipeline.Result{}, fmt.Errorf("spec field act: %w", err)
	}
	scheme, err := solvers.ParseInitScheme(spec.Init)
	if err != nil {
		return pipeline.Result{}, fmt.Errorf("spec field init: %w", err)
	}
	sizes := make([]int, 0, spec.Depth+2)
	sizes = append(sizes, ds.Train.DIn)
	for i := 0; i < spec.Depth; i++ {
		sizes = append(sizes, spec.Width)
	}
	sizes = append(sizes, ds.Train.DOut)

	// One stream per run, derived from the whole spec: initialisation first,
	// then (SGD family) the minibatch shuffles.
	seed := spec.Seed()
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	net := solvers.Init(scheme, sizes, act, spec.InitScale, rng)

	rec := newRecorder()
	rec.net = net
	observe := rec.observe
	if val.N > 0 {
		observe = rec.validating(net, toMat(val, true), toMat(val, false), prob.Task)
		rec.sizes = map[string]float64{"fit_n": float64(train.N), "validation_n": float64(val.N)}
	}
	switch spec.Algorithm {
	case "admm":
		lla, perr := solvers.ParseLLA(spec.LLA)
		if perr != nil {
			return pipeline.Result{}, fmt.Errorf("spec field lla: %w", perr)
		}
		beta, berr := betas(spec, sizes, train.N)
		if berr != nil {
			return pipeline.Result{}, berr
		}
		err = solvers.TrainADMM(ctx, net, prob, solvers.ADMMConfig{Lambda: spec.Lambda, Beta: beta, LLA: lla, Iters: spec.Epochs}, observe)
	case "sgd", "sgdm", "adam":
		method, perr := solvers.ParseSGDMethod(spec.Algorithm)
		if perr != nil {
			return pipeline.Result{}, perr
		}
		cfg := solvers.NewSGDConfig(method, spec.Batch, spec.Epochs)
		cfg.LR = spec.LR
		err = solvers.TrainSGD(ctx, net, prob, cfg, rng, observe)
	default:
		return pipeline.Result{}, fmt.Errorf("spec field algorithm: unknown %q", spec.Algorithm)
	}
	var div *solvers.DivergedError
	switch {
	case errors.As(err, &div):
		res := rec.result()
		res.Diverged, res.DivergedEpoch = true, div.Epoch
		return res, nil
	case err != nil:
		return pipeline.Result{}, err
	}
	return rec.result(), nil
}

// split holds out the spec's validation share of the training samples
// (datasets.HoldOut: stratified by class, the same samples for every run of
// a trial); without one, val is empty and every training sample is fitted.
func (e *Engine) split(spec pipeline.RunSpec, ds *datasets.Dataset) (train, val datasets.Part, err error) {
	if spec.Validation <= 0 {
		return ds.Train, datasets.Part{}, nil
	}
	if train, val, err = datasets.HoldOut(ds.Train, ds.Task, spec.Validation, validationSeed(spec)); err != nil {
		return train, val, fmt.Errorf("spec field validation: %s: %w", spec.Data, err)
	}
	return train, val, nil
}

// betas spreads the spec's β over the N = len(sizes)−1 layers: the same
// value everywhere, or under BetaRule "theorem4" the growth of condition
// (23) of Theorem 4 with c̃₁ = 1: β_N = β, β_{N−1} = 16 β_N and, for
// i = 1 … N−2, β_i = β_{N−1} (N n d)^{(N−1−i)/2} with n samples and d inputs.
func betas(spec pipeline.RunSpec, sizes []int, n int) ([]float64, error) {
	N := len(sizes) - 1
	beta := make([]float64, N)
	switch spec.BetaRule {
	case "":
		for i := range beta {
			beta[i] = spec.Beta
		}
	case "theorem4":
		beta[N-1] = spec.Beta
		beta[N-2] = 16 * spec.Beta
		for i := 1; i <= N-2; i++ {
			beta[i-1] = beta[N-2] * math.Pow(float64(N*n*sizes[0]), float64(N-1-i)/2)
		}
	default:
		return nil, fmt.Errorf("spec field beta_rule: unknown %q, want theorem4 or nothing", spec.BetaRule)
	}
	return beta, nil
}

// Toolchain names what, besides the source, could decide a run's
// floating-point results: the Go release, the platform, the instruction-set
// level it was compiled for and the BLAS that is linked (for OpenBLAS its
// version and the core type it picked). The solvers' results depend on none
// but the Go release (solvers.TestSolverBits holds them to the same bits
// across the others); the key records them all the same, so that a store is
// never reused by a build that was not checked.
func (e *Engine) Toolchain() string {
	return pipeline.DefaultToolchain() + archLevel() + " blas=" + solvers.BLASBackend
}

// archLevel returns " GOAMD64=v1" (or the GOARM64, … setting of the build),
// or "" when the binary does not say.
func archLevel() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	for _, s := range info.Settings {
		if s.Key == "GO"+strings.ToUpper(runtime.GOARCH) {
			return " " + s.Key + "=" + s.Value
		}
	}
	return ""
}
