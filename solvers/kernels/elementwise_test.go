package kernels

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

// sigmoidRef returns 1/(1+e^{−u}) to 200 bits.
func sigmoidRef(u float64) *big.Float {
	e := expRef(-u)
	one := new(big.Float).SetPrec(200).SetInt64(1)
	return new(big.Float).SetPrec(200).Quo(one, e.Add(e, one))
}

// TestSigmoidAccuracy bounds SigmoidOne against a 200-bit reference over
// the polynomial range, near 0, and out to where σ underflows.
func TestSigmoidAccuracy(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	tests := []struct {
		name   string
		lo, hi float64
		maxUlp float64
	}{
		{"near zero", -1, 1, 2},
		{"moderate", -40, 40, 2},
		{"fast range", -sigmoidFastLimit, sigmoidFastLimit, 3},
		{"beyond", -744, -sigmoidFastLimit, 3}, // math.Exp's path, subnormal results included
	}
	for _, tc := range tests {
		worst, worstU := 0.0, 0.0
		for range 3000 {
			u := tc.lo + (tc.hi-tc.lo)*rng.Float64()
			if e := ulpErr(SigmoidOne(u), sigmoidRef(u)); e > worst {
				worst, worstU = e, u
			}
		}
		if worst > tc.maxUlp {
			t.Errorf("%s: sigmoid is %.2f ulp off at u = %v, want ≤ %v", tc.name, worst, worstU, tc.maxUlp)
		}
		t.Logf("%s: max %.2f ulp (at u = %v)", tc.name, worst, worstU)
	}
}

// TestSigmoidInto checks the kernel on edge inputs and random ones against
// the 200-bit reference (≤ 3 ulp), with exact special values, in place too.
func TestSigmoidInto(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	src := []float64{0, 1, -1, 36, -36, 40, -40, 511, -511, 600, -600, 704, -704, 710, -710,
		745, -745, 746, -746, 5e-324, 1e-20}
	for range 20_000 {
		src = append(src, -50+100*rng.Float64())
	}
	special := map[float64]float64{math.Inf(1): 1, math.Inf(-1): 0, 800: 1, -800: 0}
	for u := range special {
		src = append(src, u)
	}
	src = append(src, math.NaN())
	dst := make([]float64, len(src))
	SigmoidInto(dst, src)
	for i, u := range src {
		if want, ok := special[u]; ok {
			if dst[i] != want {
				t.Errorf("sigmoid(%v) = %v, want %v", u, dst[i], want)
			}
			continue
		}
		if math.IsNaN(u) {
			if !math.IsNaN(dst[i]) {
				t.Errorf("sigmoid(NaN) = %v, want NaN", dst[i])
			}
			continue
		}
		if e := ulpErr(dst[i], sigmoidRef(u)); e > 3 {
			t.Errorf("sigmoid(%v) = %v is %.2f ulp off", u, dst[i], e)
		}
	}
	cp := append([]float64(nil), src...)
	SigmoidInto(cp, cp)
	for i := range cp {
		if !sameBits(cp[i], dst[i]) {
			t.Fatalf("in-place sigmoid differs at %d: %v vs %v", i, cp[i], dst[i])
		}
	}
}

// kernelInputs draws slices of awkward lengths (empty, shorter than a
// vector block, with a scalar tail) from gen.
func kernelInputs(gen func() float64) [][]float64 {
	var out [][]float64
	for _, n := range []int{0, 1, 3, 4, 5, 7, 8, 1001, 20_000} {
		s := make([]float64, n)
		for i := range s {
			s[i] = gen()
		}
		out = append(out, s)
	}
	return out
}

// sameBits reports whether a and b are the same float64, any NaN matching
// any NaN.
func sameBits(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || (math.IsNaN(a) && math.IsNaN(b))
}

var kernelSpecials = []float64{0, math.Copysign(0, -1), 1e-300, -1e-300, 5e-324, -5e-324,
	703.9999, -703.9999, 704, -704, 745, -745, 800, -800,
	math.Inf(1), math.Inf(-1), math.NaN(), math.MaxFloat64, -math.MaxFloat64}

// TestSigmoidKernelsAgree checks that SigmoidInto (the vector kernel where
// this CPU has one) and the scalar SigmoidOne give the same bits for every
// input, including blocks where one lane leaves the fast range: results
// must not depend on the machine.
func TestSigmoidKernelsAgree(t *testing.T) {
	if !VectorKernels {
		t.Log("no vector kernels on this CPU or build; checking the scalar path only")
	}
	rng := rand.New(rand.NewPCG(5, 6))
	tests := []struct {
		name string
		gen  func() float64
	}{
		{"unit", func() float64 { return -1 + 2*rng.Float64() }},
		{"wide", func() float64 { return -60 + 120*rng.Float64() }},
		{"fast range", func() float64 { return -704 + 1408*rng.Float64() }},
		{"mixed", func() float64 {
			if rng.IntN(8) == 0 {
				return kernelSpecials[rng.IntN(len(kernelSpecials))]
			}
			return rng.NormFloat64() * 10
		}},
	}
	for _, tc := range tests {
		for _, src := range kernelInputs(tc.gen) {
			dst := make([]float64, len(src))
			SigmoidInto(dst, src)
			for i, u := range src {
				if want := SigmoidOne(u); !sameBits(dst[i], want) {
					t.Fatalf("%s, n=%d: SigmoidInto(%v)[%d] = %v (%#x), SigmoidOne = %v (%#x)", tc.name,
						len(src), u, i, dst[i], math.Float64bits(dst[i]), want, math.Float64bits(want))
				}
			}
		}
	}
}

// TestReLUKernelsAgree holds ReLUBiasInto and ReLUMaskInto to their
// definitions, max(z+b, 0) and "keep d where a > 0", bit for bit.
func TestReLUKernelsAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	gen := func() float64 {
		if rng.IntN(6) == 0 {
			return kernelSpecials[rng.IntN(len(kernelSpecials))]
		}
		return rng.NormFloat64()
	}
	for _, b := range []float64{0, math.Copysign(0, -1), 0.3, -0.3} {
		for _, z := range kernelInputs(gen) {
			got := append([]float64(nil), z...)
			ReLUBiasInto(got, b)
			for i, v := range z {
				if want := max(v+b, 0); !sameBits(got[i], want) {
					t.Fatalf("b=%v, n=%d: relu(%v+b) = %v (%#x), want %v (%#x)", b, len(z), v,
						got[i], math.Float64bits(got[i]), want, math.Float64bits(want))
				}
			}
		}
	}
	for _, a := range kernelInputs(gen) {
		for i := range a {
			a[i] = max(a[i], 0) // what a ReLU layer holds, NaN included
		}
		d := make([]float64, len(a))
		for i := range d {
			d[i] = gen()
		}
		got := append([]float64(nil), d...)
		ReLUMaskInto(got, a)
		for i := range d {
			want := 0.0
			if a[i] > 0 || (math.IsNaN(a[i]) && math.Float64bits(a[i])>>63 == 0) {
				want = d[i]
			}
			if !sameBits(got[i], want) {
				t.Fatalf("n=%d: mask(d=%v, a=%v) = %v, want %v", len(a), d[i], a[i], got[i], want)
			}
		}
	}
}

func BenchmarkSigmoid(b *testing.B) {
	src := make([]float64, 1000)
	for i := range src {
		src[i] = -8 + 16*float64(i)/1000
	}
	dst := make([]float64, len(src))
	b.Run("math.Exp", func(b *testing.B) {
		for b.Loop() {
			for i, u := range src {
				dst[i] = 1 / (1 + math.Exp(-u))
			}
		}
	})
	b.Run("SigmoidInto", func(b *testing.B) {
		for b.Loop() {
			SigmoidInto(dst, src)
		}
	})
	b.Run("SigmoidOne", func(b *testing.B) {
		for b.Loop() {
			for i, u := range src {
				dst[i] = SigmoidOne(u)
			}
		}
	})
}
