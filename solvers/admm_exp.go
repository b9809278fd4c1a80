package solvers

import (
	"math"
	"math/big"
)

// A table-driven exp for the sigmoid kernel. One ADMM iteration evaluates
// σ about 3·width·n times, and math.Exp (an assembly routine behind a call
// that cannot be inlined) was a third of the iteration. The algorithm is the
// one of ARM's optimized-routines and musl: with N = 128,
//
//	x = (k·N + i)·ln2/N + r,  |r| ≤ ln2/(2N),
//	exp(x) = 2^k · 2^(i/N) · (1 + tail_i + r + C2 r² + … + C5 r⁵),
//
// where 2^(i/N) is stored rounded (H_i) with its relative rounding error
// tail_i, so the only rounding errors are those of the short polynomial and
// the final scale + scale·tmp. The published bound is 0.511 ulp in the
// normal range; TestExpFast checks ≤ 1 ulp against math.Exp (itself < 1 ulp)
// over random and edge inputs, including subnormal results.
//
// The computation is plain float64 arithmetic with no data-dependent
// reassociation, so a given binary gives bit-identical results run to run.

const (
	expTableBits = 7
	expN         = 1 << expTableBits
	expInvLn2N   = 0x1.71547652b82fep0 * expN
	expNegLn2hiN = -0x1.62e42fefa0000p-8
	expNegLn2loN = -0x1.cf79abc9e3b3ap-47
	expShift     = 0x1.8p52
	expC2        = 0x1.ffffffffffdbdp-2
	expC3        = 0x1.555555555543cp-3
	expC4        = 0x1.55555cf172b91p-5
	expC5        = 0x1.1111167a4d017p-7
)

// expTab holds, for i < N, tab[i][0] = bits of tail_i and tab[i][1] = bits of
// H_i minus i<<45 (the exponent contribution i/N, which the caller adds back
// through ki<<45 together with k).
var expTab = makeExpTable()

// makeExpTable computes 2^(i/N) to 256 bits (seven square roots of 2, then
// powers) and splits each into its nearest float64 H and relative tail.
func makeExpTable() [expN][2]uint64 {
	const prec = 256
	root := new(big.Float).SetPrec(prec).SetInt64(2)
	for j := 0; j < expTableBits; j++ {
		root.Sqrt(root)
	}
	var tab [expN][2]uint64
	v := new(big.Float).SetPrec(prec).SetInt64(1)
	for i := 0; i < expN; i++ {
		h, _ := v.Float64()
		t := new(big.Float).SetPrec(prec).SetFloat64(h)
		t.Sub(v, t)
		t.Quo(t, new(big.Float).SetPrec(prec).SetFloat64(h))
		tf, _ := t.Float64()
		tab[i][0] = math.Float64bits(tf)
		tab[i][1] = math.Float64bits(h) - uint64(i)<<(52-expTableBits)
		v.Mul(v, root)
	}
	return tab
}

// expFast returns e^x with an error below 1 ulp over the whole float64
// range, with math.Exp's special values (+Inf, 0, NaN).
func expFast(x float64) float64 {
	abstop := uint32(math.Float64bits(x)>>52) & 0x7ff
	if abstop-0x3c9 >= 0x408-0x3c9 { // |x| < 2^-54 or |x| ≥ 512 or NaN
		if abstop-0x3c9 >= 0x80000000 { // tiny: avoids a spurious 1+r rounding
			return 1 + x
		}
		if abstop >= 0x409 { // |x| ≥ 1024, ±Inf, NaN
			switch {
			case math.IsNaN(x):
				return x
			case x > 0:
				return math.Inf(1)
			default:
				return 0
			}
		}
		return expLarge(x)
	}
	return expCore(x)
}

// expCore is exp for 2^-54 ≤ |x| < 512, where the scale 2^k is normal.
func expCore(x float64) float64 {
	kd := expInvLn2N*x + expShift
	ki := math.Float64bits(kd)
	kd -= expShift
	r := x + kd*expNegLn2hiN + kd*expNegLn2loN
	e := &expTab[ki%expN]
	tail := math.Float64frombits(e[0])
	sbits := e[1] + ki<<(52-expTableBits)
	r2 := r * r
	tmp := tail + r + r2*(expC2+r*expC3) + r2*r2*(expC4+r*expC5)
	scale := math.Float64frombits(sbits)
	return scale + scale*tmp
}

// expLarge is exp for 512 ≤ |x| < 1024, where 2^k may overflow the exponent
// field or the result may be subnormal.
func expLarge(x float64) float64 {
	kd := expInvLn2N*x + expShift
	ki := math.Float64bits(kd)
	kd -= expShift
	r := x + kd*expNegLn2hiN + kd*expNegLn2loN
	e := &expTab[ki%expN]
	tail := math.Float64frombits(e[0])
	sbits := e[1] + ki<<(52-expTableBits)
	r2 := r * r
	tmp := tail + r + r2*(expC2+r*expC3) + r2*r2*(expC4+r*expC5)
	if ki&0x80000000 == 0 {
		// k > 0: the exponent of scale may have overflowed by ≤ 460.
		scale := math.Float64frombits(sbits - 1009<<52)
		return 0x1p1009 * (scale + scale*tmp)
	}
	// k < 0: compute in the normal range and scale down once, so the
	// subnormal result is rounded only once (up to the hi/lo correction).
	scale := math.Float64frombits(sbits + 1022<<52)
	y := scale + scale*tmp
	if y < 1 {
		lo := scale - y + scale*tmp
		hi := 1 + y
		lo = 1 - hi + y + lo
		y = (hi + lo) - 1
		if y == 0 {
			y = 0 // not −0
		}
	}
	return 0x1p-1022 * y
}

// sigmoidInto sets dst = 1/(1+e^{−src}) elementwise (dst and src may alias),
// with expCore inlined by hand for the common |u| < 512 range.
func sigmoidInto(dst, src []float64) {
	dst = dst[:len(src)]
	for i, u := range src {
		x := -u
		abstop := uint32(math.Float64bits(x)>>52) & 0x7ff
		if abstop-0x3c9 >= 0x408-0x3c9 {
			dst[i] = 1 / (1 + expFast(x))
			continue
		}
		kd := expInvLn2N*x + expShift
		ki := math.Float64bits(kd)
		kd -= expShift
		r := x + kd*expNegLn2hiN + kd*expNegLn2loN
		e := &expTab[ki%expN]
		tail := math.Float64frombits(e[0])
		sbits := e[1] + ki<<(52-expTableBits)
		r2 := r * r
		tmp := tail + r + r2*(expC2+r*expC3) + r2*r2*(expC4+r*expC5)
		scale := math.Float64frombits(sbits)
		dst[i] = 1 / (1 + (scale + scale*tmp))
	}
}
