package solvers

// LLA selects the constants h_i^k and μ_j^k of ADMM's local linear
// approximation (16)–(17) used by the hidden-layer W-updates (19) and the
// V-updates (20).
type LLA int

const (
	// LLAReference takes h = μ = ‖B‖max, the largest absolute entry of
	// B = V − Λ/β, as the authors' published code does. The golden
	// trajectories in shared/fixtures/admm-reference follow it.
	LLAReference LLA = iota + 1
	// LLAPaper takes h = μ = 𝕃(‖B‖max) of equation (18),
	// 𝕃(c) = 2 L2 (L0 + c) + 2 L1², with the activation's bounds.
	LLAPaper
)

var llas = table[LLA]{what: "LLA variant", typ: "LLA", entries: []entry[LLA]{
	{LLAPaper, "paper"}, {LLAReference, "reference"},
}}

// AllLLAs lists both variants: paper, then reference.
func AllLLAs() []LLA { return llas.all() }

// ParseLLA maps "paper" or "reference" to an LLA.
func ParseLLA(s string) (LLA, error) { return llas.parse(s) }

func (l LLA) String() string { return llas.name(l) }

// BetaRule says how ADMM's penalty β is spread over the layers.
type BetaRule int

const (
	// BetaSame gives every layer the same β; it is spelled "" (no rule).
	BetaSame BetaRule = iota
	// BetaTheorem4 grows β towards the input as condition (23) of
	// Theorem 4 asks, from β_N = β.
	BetaTheorem4
)

var betaRules = table[BetaRule]{what: "beta rule", typ: "BetaRule", entries: []entry[BetaRule]{
	{BetaSame, ""}, {BetaTheorem4, "theorem4"},
}}

// AllBetaRules lists both rules: the same β everywhere, then Theorem 4's.
func AllBetaRules() []BetaRule { return betaRules.all() }

// ParseBetaRule maps "" or "theorem4" to a BetaRule.
func ParseBetaRule(s string) (BetaRule, error) { return betaRules.parse(s) }

func (r BetaRule) String() string { return betaRules.name(r) }
