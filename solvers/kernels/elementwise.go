package kernels

import "math"

// Elementwise kernels shared by ADMM and the SGD family, vectorised with
// AVX2 and FMA where the CPU has them (elementwise_amd64.s) and written in
// Go otherwise. Each vector kernel computes the same sequence of correctly
// rounded operations as its scalar twin here, FMAs included (math.FMA is
// exact by definition), so results are bit-identical on every machine and a
// cluster may mix CPUs freely. TestSigmoidKernelsAgree and
// TestReLUKernelsAgree hold them to that.

// The sigmoid σ(u) = 1/(1+e^{−u}). e^x, x = −u, is reduced to x = k·ln2 + r
// with |r| ≤ ln2/2 (Cody–Waite), and e^r is its Taylor polynomial of degree
// 13, whose truncation error (|r|^14/14! < 5e-18) is below an ulp. The
// table-free form keeps the vector kernel free of gathers. Inputs with
// |u| ≥ sigmoidFastLimit or NaN, where 2^k could leave the normal range, go
// one at a time through SigmoidOne, which needs no math.Exp: Go's amd64 Exp
// overflows early (it returns +Inf at 709.44 < ln(MaxFloat64) = 709.78) and
// would turn σ's subnormal values into 0.

// sigmoidFastLimit bounds the polynomial path: |x| < 704 gives |k| ≤ 1016,
// so 2^k and e^x are normal.
const sigmoidFastLimit = 704

const (
	sigLog2e  = 0x1.71547652b82fep0 // log₂e
	sigShift  = 0x1.8p52            // rounds to an integer and keeps k in the low bits
	sigLn2Hi  = 0x1.62e42feep-1     // ln2 to 33 bits: k·ln2hi is exact for |k| < 2^20
	sigLn2Lo  = 0x1.a39ef35793c76p-33
	sigDegree = 13
)

// sigTaylor[j] = 1/j!, rounded to float64.
var sigTaylor = func() (c [sigDegree + 1]float64) {
	f := 1.0
	for j := range c {
		if j > 0 {
			f *= float64(j) // exact: 13! < 2^53
		}
		c[j] = 1 / f
	}
	return c
}()

// sigmoidPoly is σ(u) for |u| < sigmoidFastLimit, the scalar twin of the
// vector kernel: change one and the other must change with it.
func sigmoidPoly(u float64) float64 {
	k, p := expReduce(-u)
	scale := math.Float64frombits((k + 1023) << 52)
	// The conversion keeps the product rounded: with GOAMD64=v3 the
	// compiler would otherwise fuse 1 + p·scale into an FMA, which the
	// vector kernel does not do.
	return 1 / (1 + float64(p*scale))
}

// expReduce returns k (as the low bits of a uint64) and p ≈ e^r with
// e^x = 2^k·e^r, for |x| < 746.
func expReduce(x float64) (k uint64, p float64) {
	kd := math.FMA(x, sigLog2e, sigShift)
	k = math.Float64bits(kd)
	kd -= sigShift
	r := math.FMA(kd, -sigLn2Hi, x)
	r = math.FMA(kd, -sigLn2Lo, r)
	p = sigTaylor[sigDegree]
	for j := sigDegree - 1; j >= 0; j-- {
		p = math.FMA(p, r, sigTaylor[j])
	}
	return k, p
}

// SigmoidOne is σ(u) for any u.
func SigmoidOne(u float64) float64 {
	switch {
	case math.Abs(u) < sigmoidFastLimit:
		return sigmoidPoly(u)
	case u >= sigmoidFastLimit: // e^{−u} < 2^-1015: 1 + e^{−u} rounds to 1
		return 1
	case u < -746: // σ(u) < e^u < 2^-1076 rounds to 0
		return 0
	case u <= -sigmoidFastLimit:
		// σ(u) = e^u/(1+e^u), and 1 + e^u rounds to 1. e^u = 2^k·p with
		// 2^k below the normal range: p·2^(k+64) is exact, and the final
		// ·2^-64 rounds once into the subnormals.
		k, p := expReduce(u)
		return p * math.Float64frombits((k+1023+64)<<52) * 0x1p-64
	}
	return u // NaN
}

// SigmoidInto sets dst = σ(src) elementwise; dst and src may alias.
func SigmoidInto(dst, src []float64) {
	dst = dst[:len(src)]
	i, blocks := 0, len(src)&^3
	if VectorKernels {
		for i < blocks {
			i += sigmoidBlocks(dst[i:blocks], src[i:blocks], &sigmoidConsts)
			if i < blocks { // a block with a lane out of the fast range
				for j := i; j < i+4; j++ {
					dst[j] = SigmoidOne(src[j])
				}
				i += 4
			}
		}
	}
	for ; i < len(src); i++ {
		dst[i] = SigmoidOne(src[i])
	}
}

// sigmoidConstTable is the sigmoid kernel's constants, each repeated in the
// four lanes of a YMM register; the offsets are fixed in
// elementwise_amd64.s.
type sigmoidConstTable [8 + sigDegree - 1][4]float64

// sigmoidConsts: sign mask, fast limit, log₂e, shift, −ln2hi, −ln2lo, 1,
// the integer 1023, then 1/13!, 1/12!, …, 1/2! (1/1! = 1/0! = 1 reuse the 1).
var sigmoidConsts = func() (t sigmoidConstTable) {
	vals := []float64{
		math.Float64frombits(1 << 63), sigmoidFastLimit, sigLog2e, sigShift,
		-sigLn2Hi, -sigLn2Lo, 1, math.Float64frombits(1023),
	}
	for j := sigDegree; j >= 2; j-- {
		vals = append(vals, sigTaylor[j])
	}
	for i, v := range vals {
		t[i] = [4]float64{v, v, v, v}
	}
	return t
}()

// ReLUBiasInto sets z = max(z + b, 0) elementwise, with Go's max: NaN stays
// NaN (so divergence still shows in the loss) and −0 becomes +0.
func ReLUBiasInto(z []float64, b float64) {
	i := 0
	if VectorKernels {
		i = reluBiasBlocks(z, b)
	}
	// max compiles without a branch (a branch on the sign of random
	// pre-activations mispredicts half the time).
	for ; i < len(z); i++ {
		z[i] = max(z[i]+b, 0)
	}
}

// ReLUMaskInto sets d = d ⊙ ReLU′ given a = ReLU(·): d[i] is kept where
// a[i] > 0 (or a positive NaN, whose loss is NaN already) and zeroed where
// a[i] is +0. len(a) ≥ len(d).
func ReLUMaskInto(d, a []float64) {
	a = a[:len(d)]
	i := 0
	if VectorKernels {
		i = reluMaskBlocks(d, a)
	}
	// Branch-free: the mask is all ones iff a's bits, as an int64, are > 0.
	for ; i < len(d); i++ {
		x := int64(math.Float64bits(a[i]))
		mask := uint64((-x & ^x) >> 63)
		d[i] = math.Float64frombits(math.Float64bits(d[i]) & mask)
	}
}

// SumSq returns ‖a‖²_F of a flat slice.
func SumSq(a []float64) float64 { return dot(a, a) }

// dot returns ⟨a, b⟩ of flat slices. Four partial sums keep the adds
// independent (one sum is bound by the add's latency); the order is fixed,
// and each product is rounded on its own (no compiler may fuse it into an
// FMA), so the result is too.
func dot(a, b []float64) float64 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += float64(a[i] * b[i])
		s1 += float64(a[i+1] * b[i+1])
		s2 += float64(a[i+2] * b[i+2])
		s3 += float64(a[i+3] * b[i+3])
	}
	for ; i < len(a); i++ {
		s0 += float64(a[i] * b[i])
	}
	return (s0 + s1) + (s2 + s3)
}

// TanhInto sets dst = tanh(src) elementwise; dst and src may alias. It is
// TanhOne per element: Go's math.Tanh goes through math.Exp, whose amd64
// assembly uses FMAs only where the CPU has them, so its bits depend on
// the machine.
func TanhInto(dst, src []float64) {
	dst = dst[:len(src)]
	for i, u := range src {
		dst[i] = TanhOne(u)
	}
}

// Coefficients of the rational approximation of tanh on |x| < 0.625, the
// same as Go's math.Tanh (Cephes).
var (
	tanhP = [...]float64{-9.64399179425052238628e-1, -9.92877231001918586564e1, -1.61468768441708447952e3}
	tanhQ = [...]float64{1.12811678491632931402e2, 2.23548839060100448583e3, 4.84406305325125486048e3}
)

// TanhOne is tanh(x) by Go's math.Tanh algorithm, with e^{2|x|} from
// expReduce and every product rounded on its own, so that it is the same
// sequence of correctly rounded operations on every machine.
func TanhOne(x float64) float64 {
	const maxLog = 8.8029691931113054295988e+01 // log(2**127)
	z := math.Abs(x)
	switch {
	case z > 0.5*maxLog:
		if x < 0 {
			return -1
		}
		return 1
	case z >= 0.625:
		k, p := expReduce(2 * z)
		s := float64(p * math.Float64frombits((k+1023)<<52))
		z = 1 - 2/(s+1)
		if x < 0 {
			z = -z
		}
	default:
		if x == 0 {
			return x
		}
		s := float64(x * x)
		num := float64(tanhP[0]*s) + tanhP[1]
		num = float64(num*s) + tanhP[2]
		den := s + tanhQ[0]
		den = float64(den*s) + tanhQ[1]
		den = float64(den*s) + tanhQ[2]
		z = x + float64(x*s)*num/den
	}
	return z
}
