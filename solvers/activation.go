package solvers

// Activation names a hidden-layer nonlinearity; package nn evaluates it.
type Activation int

const (
	Sigmoid Activation = iota + 1
	ReLU
	Tanh
)

var activations = table[Activation]{what: "activation", typ: "Activation", entries: []entry[Activation]{
	{Sigmoid, "sigmoid"}, {ReLU, "relu"}, {Tanh, "tanh"},
}}

// AllActivations lists every activation: sigmoid, ReLU, tanh.
func AllActivations() []Activation { return activations.all() }

// ParseActivation maps "sigmoid", "relu" or "tanh" to an Activation.
func ParseActivation(s string) (Activation, error) { return activations.parse(s) }

func (a Activation) String() string { return activations.name(a) }
