package solvers

// InitScheme names one of the weight initialisations of the paper's Section
// 5.1 (package nn documents and draws them). Biases are always zero.
type InitScheme int

const (
	LeCunUnif  InitScheme = iota + 1 // W ~ U[−√(3/fan_in), √(3/fan_in)]
	LeCunGauss                       // W ~ N(0, 1/fan_in)
	OrthUnif                         // orthonormalised U[−1, 1] draw
	OrthGauss                        // orthonormalised N(0, 1) draw
	Xavier                           // uniform Glorot
	MSRA                             // the paper's MSRA: variance 2/d_l (fan-out)
	MSRAFanIn                        // He et al.'s fan-in rule; not one of the paper's six
)

var initSchemes = table[InitScheme]{what: "init scheme", typ: "InitScheme", entries: []entry[InitScheme]{
	{LeCunUnif, "lecun-unif"}, {LeCunGauss, "lecun-gauss"}, {OrthUnif, "orth-unif"},
	{OrthGauss, "orth-gauss"}, {Xavier, "xavier"}, {MSRA, "msra"}, {MSRAFanIn, "msra-fanin"},
}}

// AllInitSchemes lists every scheme ParseInitScheme accepts: the paper's six
// in the paper's order, then MSRAFanIn.
func AllInitSchemes() []InitScheme { return initSchemes.all() }

// PaperInitSchemes lists the paper's six schemes in the paper's order, the
// ones an experiment definition may name.
func PaperInitSchemes() []InitScheme {
	return []InitScheme{LeCunUnif, LeCunGauss, OrthUnif, OrthGauss, Xavier, MSRA}
}

// ParseInitScheme maps "lecun-unif", "lecun-gauss", "orth-unif",
// "orth-gauss", "xavier", "msra" or "msra-fanin" to an InitScheme.
func ParseInitScheme(s string) (InitScheme, error) { return initSchemes.parse(s) }

func (s InitScheme) String() string { return initSchemes.name(s) }
