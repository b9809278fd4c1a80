package solvers

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// expRef returns e^x to 200 bits: the Taylor series of x/2^s, |x/2^s| < 2^-8,
// squared s times.
func expRef(x float64) *big.Float {
	const prec = 200
	_, e := math.Frexp(x)
	s := max(e+8, 0)
	y := new(big.Float).SetPrec(prec).SetMantExp(new(big.Float).SetFloat64(x), -s)
	sum := new(big.Float).SetPrec(prec).SetInt64(1)
	term := new(big.Float).SetPrec(prec).SetInt64(1)
	for k := int64(1); k < 40; k++ {
		term.Mul(term, y)
		term.Quo(term, new(big.Float).SetInt64(k))
		sum.Add(sum, term)
	}
	for range s {
		sum.Mul(sum, sum)
	}
	return sum
}

// ulpErr returns |got − ref| in units of the spacing of float64 at ref
// (the subnormal spacing 2^-1074 below the normal range).
func ulpErr(got float64, ref *big.Float) float64 {
	r, _ := ref.Float64()
	_, e := math.Frexp(r)
	ulp := math.Ldexp(1, max(e-53, -1074))
	d := new(big.Float).SetPrec(200).SetFloat64(got)
	d.Sub(d, ref)
	df, _ := d.Float64()
	return math.Abs(df) / ulp
}

// ulpDist returns the number of representable float64 values between a and
// b (0 when equal, including two NaNs); both must have the same sign or be
// zero, which holds for exp.
func ulpDist(a, b float64) uint64 {
	if math.IsNaN(a) && math.IsNaN(b) {
		return 0
	}
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.MaxUint64
	}
	ia, ib := math.Float64bits(a), math.Float64bits(b)
	if ia > ib {
		return ia - ib
	}
	return ib - ia
}

// TestExpFast checks expFast against a 200-bit reference (≤ 1 ulp, edge
// inputs and 4000 random ones over the finite-result range) and against
// math.Exp on the edge inputs (exact special values, both directions of
// overflow and underflow, subnormal results) and on 1.2e6 random inputs over
// the whole range. math.Exp's amd64 assembly is itself only within about
// 1 ulp (it is 1.5 ulp off at x = 0.3490606782038301, where expFast is
// 0.5 ulp off), so the comparison with it allows 2 ulp; and it overflows to
// +Inf early, from about x = 709.4 < ln(MaxFloat64) ≈ 709.78, so where it
// returns +Inf for a finite e^x the reference decides instead.
func TestExpFast(t *testing.T) {
	agrees := func(x float64) bool {
		got, want := expFast(x), math.Exp(x)
		if math.IsInf(want, 1) && !math.IsInf(x, 1) {
			if r, _ := expRef(x).Float64(); !math.IsInf(r, 1) {
				return ulpErr(got, expRef(x)) <= 1
			}
		}
		return ulpDist(got, want) <= 2
	}
	edge := []float64{
		0, math.Copysign(0, -1), 1, -1, 0.5, -0.5, math.Ln2, -math.Ln2,
		1e-300, -1e-300, 0x1p-54, -0x1p-54, 0x1p-55, 5e-324, -5e-324,
		511.9, 512, -512, 700, -700, 709, -709, 709.78, 709.7827128933840, 709.79, 710,
		-708.39, -708.4, -720, -740, -744.44, -745, -745.13, -745.14, -746, 745, -1000, 1000,
		1023.9, 1024, -1024, 1e300, -1e300, math.MaxFloat64, -math.MaxFloat64,
		math.Inf(1), math.Inf(-1), math.NaN(),
	}
	for _, x := range edge {
		got, want := expFast(x), math.Exp(x)
		if !agrees(x) {
			d := ulpDist(got, want)
			t.Errorf("expFast(%v) = %v (%#x), math.Exp = %v (%#x): %d ulp apart", x, got, math.Float64bits(got), want, math.Float64bits(want), d)
		}
	}
	if got := expFast(math.Copysign(0, -1)); got != 1 {
		t.Errorf("expFast(−0) = %v, want 1", got)
	}
	if got := expFast(-1000); got != 0 || math.Signbit(got) {
		t.Errorf("expFast(−1000) = %v, want +0", got)
	}

	rng := rand.New(rand.NewPCG(1, 2))
	refX := append([]float64(nil), edge...)
	for range 4000 {
		refX = append(refX, -745.1+1454.8*rng.Float64())
	}
	for _, x := range refX {
		if math.IsNaN(x) || math.IsInf(x, 0) || x > 709.78 || x < -745.13 {
			continue
		}
		if e := ulpErr(expFast(x), expRef(x)); e > 1 {
			t.Errorf("expFast(%v) = %v is %.3g ulp from e^x, want ≤ 1", x, expFast(x), e)
		}
	}
	gens := []struct {
		name string
		gen  func() float64
	}{
		{"uniform[-746,710]", func() float64 { return -746 + 1456*rng.Float64() }},
		{"uniform[-40,40]", func() float64 { return -40 + 80*rng.Float64() }},
		{"subnormal results [-745.2,-708]", func() float64 { return -745.2 + 37.2*rng.Float64() }},
		{"log-uniform |x| in [2^-60, 2^10]", func() float64 {
			x := math.Ldexp(1+rng.Float64(), -60+rng.IntN(70))
			if rng.IntN(2) == 0 {
				x = -x
			}
			return x
		}},
		{"random bits", func() float64 { return math.Float64frombits(rng.Uint64()) }},
	}
	const perGen = 240_000
	for _, g := range gens {
		var worst uint64
		var worstX float64
		for range perGen {
			x := g.gen()
			if !agrees(x) {
				t.Errorf("%s: expFast(%v) = %v, math.Exp = %v, e^x ≈ %v", g.name, x, expFast(x), math.Exp(x), expRef(x))
				continue
			}
			if d := ulpDist(expFast(x), math.Exp(x)); d > worst && !math.IsInf(math.Exp(x), 1) {
				worst, worstX = d, x
			}
		}
		t.Logf("%s: max %d ulp from math.Exp (at x = %v)", g.name, worst, worstX)
	}
}

// TestSigmoidInto checks the inlined kernel against Activation.F: at most
// 4 ulp apart (the two exps may differ by 2 ulp, which 1/(1+e) passes on
// where e ≫ 1, plus a rounding of each division), with equal special values.
func TestSigmoidInto(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	src := []float64{0, 1, -1, 36, -36, 40, -40, 511, -511, 600, -600, 710, -710, 746, -746,
		math.Inf(1), math.Inf(-1), math.NaN(), 5e-324, 1e-20}
	for range 100_000 {
		src = append(src, -50+100*rng.Float64())
	}
	dst := make([]float64, len(src))
	sigmoidInto(dst, src)
	for i, u := range src {
		want := Sigmoid.F(u)
		if d := ulpDist(dst[i], want); d > 4 {
			t.Errorf("sigmoid(%v) = %v, want %v (%d ulp apart)", u, dst[i], want, d)
		}
	}
	// In place, as activateInto uses it.
	cp := append([]float64(nil), src...)
	sigmoidInto(cp, cp)
	for i := range cp {
		if math.Float64bits(cp[i]) != math.Float64bits(dst[i]) {
			t.Fatalf("in-place sigmoid differs at %d: %v vs %v", i, cp[i], dst[i])
		}
	}
}

func BenchmarkExp(b *testing.B) {
	src := make([]float64, 1000)
	for i := range src {
		src[i] = -8 + 16*float64(i)/1000
	}
	dst := make([]float64, len(src))
	b.Run("math.Exp-sigmoid", func(b *testing.B) {
		for b.Loop() {
			for i, u := range src {
				dst[i] = 1 / (1 + math.Exp(-u))
			}
		}
	})
	b.Run("sigmoidInto", func(b *testing.B) {
		for b.Loop() {
			sigmoidInto(dst, src)
		}
	})
}
