package engine

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"

	"gonum.org/v1/gonum/mat"

	"github.com/admmlab/admmlab/datasets"
	"github.com/admmlab/admmlab/internal/floor"
	"github.com/admmlab/admmlab/pipeline"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/admm"
	"github.com/admmlab/admmlab/solvers/kernels"
	"github.com/admmlab/admmlab/solvers/nn"
	"github.com/admmlab/admmlab/solvers/sgd"
)

//go:embed *.go
var source embed.FS

// Options configure where data come from.
type Options struct {
	DataDir  string // mirror directory, searched first
	CacheDir string // download cache; "" means the datasets default
	Fetch    bool   // allow downloads from upstream
	// CodeSalt is added to a family's code fingerprint, so that tests can
	// stand for changed solver code (e.g. {FamilySGD: "2"} reruns only the
	// SGD family) without editing source. Nil in normal use.
	CodeSalt map[solvers.Family]string
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

// sourceHash hashes this package's own non-test source, once per process.
var sourceHash = sync.OnceValue(func() string { return solvers.SourceFingerprint(source) })

// familyFingerprint returns the code fingerprint of the package that
// implements fam (each computed once per process by its package).
func familyFingerprint(fam solvers.Family) string {
	if fam == solvers.FamilyADMM {
		return admm.Fingerprint()
	}
	return sgd.Fingerprint()
}

// CodeFingerprint hashes the solver family's source (its package's and those
// of the packages it builds on; the floor package's for a noise-floor run)
// and this package's own.
func (e *Engine) CodeFingerprint(spec runs.Spec) string {
	h := sha256.New()
	// Everything but ADMM counts as the SGD family for the test salt, as it
	// always has (noise-floor runs included).
	fam := solvers.FamilySGD
	alg, err := solvers.ParseAlgorithm(spec.Algorithm)
	switch {
	case runs.IsFloor(spec.Algorithm):
		h.Write([]byte("floor:" + floor.Fingerprint()))
	case err != nil:
		// Never run: Execute reports the unknown name. The key still differs
		// from every real algorithm's.
		h.Write([]byte("unknown algorithm:" + spec.Algorithm))
	default:
		fam = alg.Family()
		h.Write([]byte(familyFingerprint(fam)))
	}
	h.Write([]byte(e.engineHash))
	if salt := e.opt.CodeSalt[fam]; salt != "" {
		h.Write([]byte("salt:" + salt))
	}
	return hex.EncodeToString(h.Sum(nil))
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

// Execute trains one net as spec says.
func (e *Engine) Execute(ctx context.Context, spec runs.Spec) (runs.Result, error) {
	ds, train, val, err := e.parts(ctx, spec)
	if err != nil {
		return runs.Result{}, err
	}
	if runs.IsFloor(spec.Algorithm) {
		return noiseFloor(spec, ds, train, val)
	}
	prob := nn.Problem{
		X: toMat(train, true), Y: toMat(train, false),
		TestX: toMat(ds.Test, true), TestY: toMat(ds.Test, false),
		Task: ds.Task,
	}
	alg, err := solvers.ParseAlgorithm(spec.Algorithm)
	if err != nil {
		return runs.Result{}, fmt.Errorf("spec field algorithm: %w", err)
	}
	act, err := solvers.ParseActivation(spec.Act)
	if err != nil {
		return runs.Result{}, fmt.Errorf("spec field act: %w", err)
	}
	scheme, err := solvers.ParseInitScheme(spec.Init)
	if err != nil {
		return runs.Result{}, fmt.Errorf("spec field init: %w", err)
	}
	loss, err := lossOf(spec, alg)
	if err != nil {
		return runs.Result{}, err
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
	net := nn.Init(scheme, sizes, act, spec.InitScale, rng)

	rec := newRecorder()
	rec.net = net
	observe := rec.observe
	if val.N > 0 {
		observe = rec.validating(net, toMat(val, true), toMat(val, false), prob.Task, loss)
		rec.sizes = map[string]float64{"fit_n": float64(train.N), "validation_n": float64(val.N)}
	}
	switch alg.Family() {
	case solvers.FamilyADMM:
		lla, perr := solvers.ParseLLA(spec.LLA)
		if perr != nil {
			return runs.Result{}, fmt.Errorf("spec field lla: %w", perr)
		}
		beta, berr := betas(spec, sizes, train.N)
		if berr != nil {
			return runs.Result{}, berr
		}
		err = admm.TrainADMM(ctx, net, prob, admm.ADMMConfig{Lambda: spec.Lambda, Beta: beta, LLA: lla, Iters: spec.Epochs}, observe)
	default:
		cfg := sgd.NewSGDConfig(alg, spec.Batch, spec.Epochs)
		cfg.LR, cfg.Loss = spec.LR, loss
		err = sgd.TrainSGD(ctx, net, prob, cfg, rng, observe)
	}
	var div *nn.DivergedError
	switch {
	case errors.As(err, &div):
		res := rec.result()
		res.Diverged, res.DivergedEpoch = true, div.Epoch
		return res, nil
	case err != nil:
		return runs.Result{}, err
	}
	return rec.result(), nil
}

// split holds out the spec's validation share of the training samples
// (datasets.HoldOut: stratified by class, the same samples for every run of
// a trial); without one, val is empty and every training sample is fitted.
//
// A learning curve's point (TrainFraction) first keeps its share of the
// training split (datasets.Subsample, per trial), and holds out from that.
func (e *Engine) split(spec runs.Spec, ds *datasets.Dataset) (train, val datasets.Part, err error) {
	whole := ds.Train
	if spec.TrainFraction > 0 {
		if whole, err = datasets.Subsample(ds.Train, ds.Task, spec.TrainFraction, subsampleSeed(spec)); err != nil {
			return train, val, fmt.Errorf("spec field train_fraction: %s: %w", spec.Data, err)
		}
	}
	if spec.Validation <= 0 {
		return whole, datasets.Part{}, nil
	}
	if train, val, err = datasets.HoldOut(whole, ds.Task, spec.Validation, validationSeed(spec)); err != nil {
		return train, val, fmt.Errorf("spec field validation: %s: %w", spec.Data, err)
	}
	return train, val, nil
}

// betas spreads the spec's β over the N = len(sizes)−1 layers: the same
// value everywhere, or under BetaRule "theorem4" the growth of condition
// (23) of Theorem 4 with c̃₁ = 1: β_N = β, β_{N−1} = 16 β_N and, for
// i = 1 … N−2, β_i = β_{N−1} (N n d)^{(N−1−i)/2} with n samples and d inputs.
func betas(spec runs.Spec, sizes []int, n int) ([]float64, error) {
	N := len(sizes) - 1
	beta := make([]float64, N)
	rule, err := solvers.ParseBetaRule(spec.BetaRule)
	if err != nil {
		return nil, fmt.Errorf("spec field beta_rule: %w", err)
	}
	switch rule {
	case solvers.BetaSame:
		for i := range beta {
			beta[i] = spec.Beta
		}
	case solvers.BetaTheorem4:
		beta[N-1] = spec.Beta
		beta[N-2] = 16 * spec.Beta
		for i := 1; i <= N-2; i++ {
			beta[i-1] = beta[N-2] * math.Pow(float64(N*n*sizes[0]), float64(N-1-i)/2)
		}
	}
	return beta, nil
}

// lossOf is the loss spec trains alg on: the square loss unless an
// SGD-family spec says xent (the definitions' validation refuses it
// elsewhere; a spec made by hand is refused here).
func lossOf(spec runs.Spec, alg solvers.Algorithm) (sgd.Loss, error) {
	switch {
	case spec.Loss == "":
		return sgd.Square, nil
	case spec.Loss == runs.LossXent && alg.Family() == solvers.FamilySGD:
		return sgd.CrossEntropy, nil
	case spec.Loss == runs.LossXent:
		return 0, fmt.Errorf("spec field loss: %q is for the SGD family, not %s", spec.Loss, alg)
	}
	return 0, fmt.Errorf("spec field loss: unknown %q, want %q or nothing (square)", spec.Loss, runs.LossXent)
}

// Toolchain names what, besides the source, could decide a run's
// floating-point results: the Go release, the platform, the instruction-set
// level it was compiled for and the BLAS that is linked (for OpenBLAS its
// version and the core type it picked). The solvers' results depend on none
// but the Go release (TestSolverBits of package solvers holds them to the same bits
// across the others); the key records them all the same, so that a store is
// never reused by a build that was not checked.
func (e *Engine) Toolchain() string {
	return pipeline.DefaultToolchain() + archLevel() + " blas=" + kernels.BLASBackend
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
