package runs

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/admmlab/admmlab/solvers"
)

// RunID hashes a key's components into the run's ID.
func RunID(k Key) string {
	h := sha256.New()
	for _, c := range []string{k.SpecHash, k.CodeFingerprint, k.DataDigest, k.Toolchain} {
		h.Write([]byte(c))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Describe renders a spec on one line for listings.
func Describe(s Spec) string {
	var b strings.Builder
	if IsFloor(s.Algorithm) {
		fmt.Fprintf(&b, "%s %s noise=%g samples=%d", s.Data, s.Algorithm, s.Noise, s.Samples)
		if s.Validation > 0 {
			fmt.Fprintf(&b, " validation=%g", s.Validation)
		}
		fmt.Fprintf(&b, " trial=%d", s.Trial)
		return b.String()
	}
	fmt.Fprintf(&b, "%s %s %s depth=%d width=%d", s.Data, s.Algorithm, s.Act, s.Depth, s.Width)
	if s.Algorithm == solvers.ADMM.String() {
		fmt.Fprintf(&b, " λ=%g β=%g lla=%s", s.Lambda, s.Beta, s.LLA)
	} else {
		fmt.Fprintf(&b, " batch=%d lr=%g", s.Batch, s.LR)
		if s.Loss != "" {
			fmt.Fprintf(&b, " loss=%s", s.Loss)
		}
	}
	fmt.Fprintf(&b, " init=%s×%g noise=%g epochs=%d", s.Init, s.InitScale, s.Noise, s.Epochs)
	if s.FullEpochs > 0 {
		fmt.Fprintf(&b, "/%d", s.FullEpochs) // stopped early: epochs=8/2000
	}
	if s.Samples > 0 {
		fmt.Fprintf(&b, " samples=%d", s.Samples)
	}
	if s.DataVariant != "" {
		fmt.Fprintf(&b, " variant=%s", s.DataVariant)
	}
	if s.Validation > 0 {
		fmt.Fprintf(&b, " validation=%g", s.Validation)
	}
	if s.TrainFraction > 0 {
		fmt.Fprintf(&b, " train_fraction=%g", s.TrainFraction)
	}
	if s.BetaRule != "" {
		fmt.Fprintf(&b, " beta_rule=%s", s.BetaRule)
	}
	fmt.Fprintf(&b, " trial=%d", s.Trial)
	return b.String()
}
