package runs

// The losses a definition's column may declare (experiments.Algorithm.Loss)
// and a spec carries (Spec.Loss). The square loss is the default and is
// stored as "" in a spec, so that every run made before the loss became a
// setting keeps its canonical JSON, and so its key.
const (
	// LossSquare is the mean square error on the targets, the loss of the
	// paper's problem (2); ADMM minimises nothing else.
	LossSquare = "square"
	// LossXent is softmax cross-entropy on logits (Keras's
	// categorical_crossentropy; binary_crossentropy for one ±1 output), the
	// classification convention of the Keras baselines the paper cites. SGD
	// family only.
	LossXent = "xent"
)

// Losses lists the values of a column's loss.
var Losses = []string{LossSquare, LossXent}

// SpecLoss is the Spec.Loss of a column declaring loss: "" for the square
// loss (declared or left out), else the loss as written.
func SpecLoss(loss string) string {
	if loss == LossSquare {
		return ""
	}
	return loss
}
