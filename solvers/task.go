package solvers

// Task says how targets are coded and how predictions are scored. Its values
// are part of every data digest (package datasets hashes them): never
// renumber them.
type Task int

const (
	// Regression: real targets, scored by mean squared error.
	Regression Task = iota
	// ClassifySign: one output with targets ±1; predict by sign.
	ClassifySign
	// ClassifyArgmax: one-hot targets over d_N classes; predict by argmax.
	ClassifyArgmax
)

var tasks = table[Task]{what: "task", typ: "Task", entries: []entry[Task]{
	{Regression, "regression"}, {ClassifySign, "classify-sign"}, {ClassifyArgmax, "classify-argmax"},
}}

// AllTasks lists every task: regression, classify-sign, classify-argmax.
func AllTasks() []Task { return tasks.all() }

// ParseTask maps "regression", "classify-sign" or "classify-argmax" to a Task.
func ParseTask(s string) (Task, error) { return tasks.parse(s) }

func (t Task) String() string { return tasks.name(t) }

// Names returns the spellings of vs, in order: the lists a validator
// accepts, for instance Names(AllAlgorithms()).
func Names[T interface {
	~int
	String() string
}](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.String()
	}
	return out
}
