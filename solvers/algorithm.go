package solvers

// Algorithm names a training method of the paper's comparisons.
type Algorithm int

const (
	ADMM Algorithm = iota + 1 // the gradient-free ADMM of Algorithm 1 (package admm)
	SGD                       // plain minibatch SGD (package sgd)
	SGDM                      // SGD with heavy-ball momentum
	Adam                      // Kingma & Ba
)

var algorithms = table[Algorithm]{what: "algorithm", typ: "Algorithm", entries: []entry[Algorithm]{
	{ADMM, "admm"}, {SGD, "sgd"}, {SGDM, "sgdm"}, {Adam, "adam"},
}}

// AllAlgorithms lists every algorithm: ADMM, SGD, SGDM, Adam.
func AllAlgorithms() []Algorithm { return algorithms.all() }

// ParseAlgorithm maps "admm", "sgd", "sgdm" or "adam" to an Algorithm.
func ParseAlgorithm(s string) (Algorithm, error) { return algorithms.parse(s) }

func (a Algorithm) String() string { return algorithms.name(a) }

// Family groups the algorithms that share an implementation package, and so
// a code fingerprint.
type Family int

const (
	FamilyADMM Family = iota + 1 // package admm
	FamilySGD                    // package sgd: SGD, SGDM and Adam by backpropagation
)

var families = table[Family]{what: "solver family", typ: "Family", entries: []entry[Family]{
	{FamilyADMM, "admm"}, {FamilySGD, "sgd"},
}}

// AllFamilies lists every family: ADMM, then the SGD family.
func AllFamilies() []Family { return families.all() }

// ParseFamily maps "admm" or "sgd" to a Family.
func ParseFamily(s string) (Family, error) { return families.parse(s) }

func (f Family) String() string { return families.name(f) }

// Family returns the family whose package implements a.
func (a Algorithm) Family() Family {
	if a == ADMM {
		return FamilyADMM
	}
	return FamilySGD
}
