package kernels

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

// randGeneral returns an r×c matrix with row stride c+pad, the padding
// filled with NaN so that reading it shows up in the result.
func randGeneral(rng *rand.Rand, r, c, pad int) blas64.General {
	g := blas64.General{Rows: r, Cols: c, Stride: c + pad, Data: make([]float64, r*(c+pad))}
	for i := range g.Data {
		g.Data[i] = math.NaN()
	}
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			g.Data[i*g.Stride+j] = rng.NormFloat64()
		}
	}
	return g
}

// TestGemm checks Gemm against OpenBLAS or gonum (to rounding) and against
// its Go twin (bit for bit; with the AVX-512 panels too where the CPU has
// them), over shapes with ragged edges, fewer than one
// register block of rows or columns, strided views and both orientations.
func TestGemm(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	tests := []struct{ m, n, k int }{
		{100, 50, 100}, {100, 100, 50}, {1, 50, 100}, {100, 50, 1}, {6, 8, 3}, {5, 8, 7},
		{7, 9, 13}, {13, 17, 1}, {3, 3, 3}, {100, 7, 50}, {1, 1, 1}, {12, 1000, 100}, {2, 16, 0},
		// Several bands of rows (a band holds 256 KiB of A: 60 rows at k = 500).
		{500, 50, 500}, {131, 20, 1000}, {65, 9, 4000},
		// 16-wide AVX-512 panels where the CPU has them, with 8-, 4- and
		// overlapping tails.
		{6, 16, 5}, {30, 24, 40}, {7, 29, 33}, {19, 36, 11},
	}
	for _, tc := range tests {
		for _, transA := range []bool{false, true} {
			for _, pad := range []int{0, 3} {
				var a blas64.General
				if transA {
					a = randGeneral(rng, tc.k, tc.m, pad)
				} else {
					a = randGeneral(rng, tc.m, tc.k, pad)
				}
				b := randGeneral(rng, tc.k, tc.n, pad)
				got, twin, ref := randGeneral(rng, tc.m, tc.n, pad), randGeneral(rng, tc.m, tc.n, pad), randGeneral(rng, tc.m, tc.n, pad)
				Gemm(transA, a, b, got)
				gemmGo(transA, a, b, twin)
				tA := blas.NoTrans
				if transA {
					tA = blas.Trans
				}
				if tc.k > 0 {
					blas64.Gemm(tA, blas.NoTrans, 1, a, b, 0, ref)
				} else { // BLAS rejects the empty shapes; the product is 0
					for i := 0; i < tc.m; i++ {
						clear(ref.Data[i*ref.Stride : i*ref.Stride+tc.n])
					}
				}
				for i := 0; i < tc.m; i++ {
					for j := 0; j < tc.n; j++ {
						g, w, r := got.Data[i*got.Stride+j], twin.Data[i*twin.Stride+j], ref.Data[i*ref.Stride+j]
						if math.Float64bits(g) != math.Float64bits(w) {
							t.Fatalf("%+v transA=%v pad=%d: c[%d][%d] = %v, Go twin %v", tc, transA, pad, i, j, g, w)
						}
						if math.Abs(g-r) > 1e-12*(1+math.Abs(r))*float64(tc.k+1) {
							t.Fatalf("%+v transA=%v pad=%d: c[%d][%d] = %v, BLAS %v", tc, transA, pad, i, j, g, r)
						}
					}
				}
				// The padding of c is never written.
				for i := 0; i < tc.m && pad > 0; i++ {
					for j := tc.n; j < got.Stride; j++ {
						if !math.IsNaN(got.Data[i*got.Stride+j]) {
							t.Fatalf("%+v transA=%v: Gemm wrote c's padding at row %d", tc, transA, i)
						}
					}
				}
			}
		}
	}
}

func TestSGDStepKernel(t *testing.T) {
	rng := rand.New(rand.NewPCG(27, 28))
	for _, n := range []int{0, 1, 3, 4, 5, 101, 10_000} {
		p, g := make([]float64, n), make([]float64, n)
		for i := range p {
			p[i], g[i] = rng.NormFloat64(), rng.NormFloat64()
		}
		got := append([]float64(nil), p...)
		SGDStep(got, g, 0.1)
		for i := range p {
			want := p[i] - float64(0.1*g[i])
			if math.Float64bits(got[i]) != math.Float64bits(want) {
				t.Fatalf("n=%d: p[%d] = %v, want %v", n, i, got[i], want)
			}
		}
	}
}

func TestTransposeInto(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	for _, s := range [][2]int{{1, 1}, {100, 50}, {9, 17}, {1, 33}} {
		src := randGeneral(rng, s[0], s[1], 2)
		dst := randGeneral(rng, s[1], s[0], 1)
		TransposeInto(dst, src)
		for i := 0; i < s[0]; i++ {
			for j := 0; j < s[1]; j++ {
				if dst.Data[j*dst.Stride+i] != src.Data[i*src.Stride+j] {
					t.Fatalf("%v: dst[%d][%d] ≠ src[%d][%d]", s, j, i, i, j)
				}
			}
		}
	}
}

// BenchmarkGemm compares the kernel with the BLAS this build links on the
// SGD benchmark's shapes and on the wide ADMM iteration's.
func BenchmarkGemm(b *testing.B) {
	rng := rand.New(rand.NewPCG(25, 26))
	for _, s := range []struct {
		name    string
		m, n, k int
		transA  bool
	}{{"forward-100x50x100", 100, 50, 100, false}, {"dA-100x50x100-T", 100, 50, 100, true},
		{"dW-100x100x50", 100, 100, 50, false}, {"eval-100x1000x100", 100, 1000, 100, false},
		// The wide ADMM iteration's products at (2,300), n = 1000: W·Ṽ, E·Ṽᵀ, Wᵀ·Z.
		{"wide-WV-300x1000x301", 300, 1000, 301, false}, {"wide-EVt-300x301x1000", 300, 301, 1000, false},
		{"wide-WtZ-300x1000x300-T", 300, 1000, 300, true}} {
		var a blas64.General
		if s.transA {
			a = randGeneral(rng, s.k, s.m, 0)
		} else {
			a = randGeneral(rng, s.m, s.k, 0)
		}
		x, c := randGeneral(rng, s.k, s.n, 0), randGeneral(rng, s.m, s.n, 0)
		flops := float64(2 * s.m * s.n * s.k)
		b.Run(s.name+"/own", func(b *testing.B) {
			for b.Loop() {
				Gemm(s.transA, a, x, c)
			}
			b.ReportMetric(flops*float64(b.N)/float64(b.Elapsed().Nanoseconds()), "GFLOP/s")
		})
		tA := blas.NoTrans
		if s.transA {
			tA = blas.Trans
		}
		b.Run(s.name+"/"+BLASBackend, func(b *testing.B) {
			for b.Loop() {
				blas64.Gemm(tA, blas.NoTrans, 1, a, x, 0, c)
			}
			b.ReportMetric(flops*float64(b.N)/float64(b.Elapsed().Nanoseconds()), "GFLOP/s")
		})
	}
}

// TestGemmAVX512Agrees runs TestGemm's comparison with the AVX-512 panels
// switched off, so that a machine with AVX-512 checks both vector paths
// against the Go twin.
func TestGemmAVX512Agrees(t *testing.T) {
	if !vector512 {
		t.Skip("no AVX-512 kernels on this CPU or build")
	}
	setVector512(false)
	defer setVector512(true)
	TestGemm(t)
}
