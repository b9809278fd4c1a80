package nn

import (
	"math"
	"math/rand/v2"
	"slices"

	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/kernels"
	"gonum.org/v1/gonum/mat"
)

// The schemes of solvers.InitScheme, from the paper's Section 5.1, draw
// weights as follows; biases are always zero.
//
// Below W_l is d_l×d_{l−1}, fan_in = d_{l−1}, fan_out = d_l, and N is the
// number of weight layers (hidden layers + 1).
//
//	LeCunUnif   W ~ U[−√(3/fan_in), √(3/fan_in)]              (variance 1/fan_in)
//	LeCunGauss  W ~ N(0, 1/fan_in)
//	OrthUnif    orthonormalised U[−1, 1] draw (see below)
//	OrthGauss   orthonormalised N(0, 1) draw
//	Xavier      W ~ U[−√(6/(fan_in+fan_out)), +√(6/(fan_in+fan_out))]
//	            (uniform Glorot, variance 2/(fan_in+fan_out))
//	MSRA        hidden layers l < N: W ~ N(0, 2/d_l); output layer: W ~ N(0, 1/d_N)
//	MSRAFanIn   hidden layers l < N: W ~ N(0, 2/fan_in); output layer: N(0, 1/fan_in)
//
// MSRA follows the paper's text and the authors' init_scheme.m verbatim: the
// variance divides by d_l, the layer's own width (its fan-out), and the
// linear output layer gets 1/d_N. For the equal-width hidden layers of the
// paper this coincides with He et al.'s fan-in rule; it differs for the first
// and the last layer. MSRAFanIn is He et al.'s forward (fan-in) rule, kept
// for comparison; it is not one of the paper's six.
//
// Orthogonal schemes (Saxe et al.) draw a d_l×d_{l−1} matrix A i.i.d. and
// replace it by an orthonormal factor of the same shape, as the authors'
// code does with Matlab's orth: if d_l ≥ d_{l−1} (tall or square) W has
// orthonormal columns, WᵀW = I, from the thin QR factorisation A = QR; if
// d_l < d_{l−1} (wide) W has orthonormal rows, WWᵀ = I, from the QR of Aᵀ.
// Columns of Q are multiplied by sign(R_jj) so that the factor is unique
// (for a Gaussian draw this makes W Haar distributed on the Stiefel manifold).
//
// Every weight is finally multiplied by the scale passed to Init (the
// authors' code uses a scale factor, 8 in its MSRA demos; 1 is the plain
// scheme).
//
// Init returns a net with layer sizes d_0, …, d_N = sizes, hidden activation
// act, weights drawn by scheme and multiplied by scale, and zero biases. It
// panics if sizes has fewer than two entries or a non-positive entry, or the
// scheme is unknown (programmer errors; parse user input first).
func Init(scheme solvers.InitScheme, sizes []int, act solvers.Activation, scale float64, rng *rand.Rand) *Net {
	if len(sizes) < 2 {
		panic("nn: Init needs at least input and output sizes")
	}
	for _, d := range sizes {
		if d <= 0 {
			panic("nn: Init with a non-positive layer size")
		}
	}
	if !slices.Contains(solvers.AllInitSchemes(), scheme) {
		panic("nn: invalid init scheme")
	}
	nl := len(sizes) - 1
	net := &Net{Hidden: act, W: make([]*mat.Dense, nl), B: make([]*mat.VecDense, nl)}
	for l := 0; l < nl; l++ {
		fanIn, fanOut := sizes[l], sizes[l+1]
		last := l == nl-1
		w := mat.NewDense(fanOut, fanIn, nil)
		data := w.RawMatrix().Data
		switch scheme {
		case solvers.LeCunUnif:
			fillUniform(data, math.Sqrt(3/float64(fanIn)), rng)
		case solvers.LeCunGauss:
			fillNormal(data, math.Sqrt(1/float64(fanIn)), rng)
		case solvers.Xavier:
			fillUniform(data, math.Sqrt(6/float64(fanIn+fanOut)), rng)
		case solvers.MSRA:
			v := 2 / float64(fanOut)
			if last {
				v = 1 / float64(fanOut)
			}
			fillNormal(data, math.Sqrt(v), rng)
		case solvers.MSRAFanIn:
			v := 2 / float64(fanIn)
			if last {
				v = 1 / float64(fanIn)
			}
			fillNormal(data, math.Sqrt(v), rng)
		case solvers.OrthUnif:
			fillUniform(data, 1, rng)
			orthonormalise(w)
		case solvers.OrthGauss:
			fillNormal(data, 1, rng)
			orthonormalise(w)
		}
		if scale != 1 {
			w.Scale(scale, w)
		}
		net.W[l] = w
		net.B[l] = mat.NewVecDense(fanOut, nil)
	}
	return net
}

// fillUniform fills x with i.i.d. U[−a, a] draws.
func fillUniform(x []float64, a float64, rng *rand.Rand) {
	for i := range x {
		x[i] = a * (2*rng.Float64() - 1)
	}
}

// fillNormal fills x with i.i.d. N(0, sd²) draws.
func fillNormal(x []float64, sd float64, rng *rand.Rand) {
	for i := range x {
		x[i] = sd * rng.NormFloat64()
	}
}

// orthonormalise replaces w (r×c) by the orthonormal factor Q of its thin
// QR factorisation w = QR with R's diagonal positive (unique for a w of full
// rank): orthonormal columns when r ≥ c, orthonormal rows (via the QR of wᵀ)
// when r < c.
func orthonormalise(w *mat.Dense) {
	r, c := w.Dims()
	if r >= c {
		t := mat.NewDense(c, r, nil)
		kernels.TransposeDense(t, w)
		orthonormalRows(t)
		kernels.TransposeDense(w, t)
		return
	}
	q := mat.DenseCopyOf(w)
	orthonormalRows(q)
	w.Copy(q)
}

// orthonormalRows orthonormalises the rows of q (k×m, k ≤ m) in order by
// modified Gram–Schmidt with one reorthogonalisation pass ("twice is
// enough"), which gives the Q of the QR factorisation of qᵀ with R's diagonal
// positive. It is written with FMADot and AxpyFMA rather than through a BLAS,
// whose bits depend on the CPU. A row that vanishes (rank deficiency, which
// random inits meet with probability 0) is left as zeros.
func orthonormalRows(q *mat.Dense) {
	raw := q.RawMatrix()
	row := func(i int) []float64 { return raw.Data[i*raw.Stride : i*raw.Stride+raw.Cols] }
	for j := 0; j < raw.Rows; j++ {
		v := row(j)
		for pass := 0; pass < 2; pass++ {
			for k := 0; k < j; k++ {
				qk := row(k)
				kernels.AxpyFMA(-kernels.FMADot(qk, v), qk, v)
			}
		}
		norm := math.Sqrt(kernels.FMADot(v, v))
		if !(norm > 0) {
			clear(v)
			continue
		}
		for i := range v {
			v[i] /= norm
		}
	}
}
