package experiments

// Definition is one experiment of the catalogue, e.g. the Table 3 sweep or the
// Figure 7 parameter study. It is pure data: the pipeline expands it into the
// cross product of its axes, per algorithm, times its trials.
type Definition struct {
	Name  string   `json:"name"`  // unique, e.g. "square-sweep"
	Title string   `json:"title"` // one line for humans
	Items []string `json:"items"` // report items it feeds: "table3", "fig6a", …
	Data  string   `json:"data"`  // square, product, l1radial, l2radial, earthquake, eyb, ptb
	// Samples is the number of training samples for toy tasks (0 = the data
	// set's own split).
	Samples int `json:"samples,omitempty"`
	// Metric names the reported quantity: "train_mse" (approximation error),
	// "test_mse" or "test_acc".
	Metric string `json:"metric"`
	// DataVariant selects a declared variant of the data set, e.g. for eyb
	// "keep-corrupted" (the paper's 2432 images) or "drop-corrupted".
	DataVariant string `json:"data_variant,omitempty"`
	// Select says what the experiment's choices are made on; absent means
	// the paper's rule (on the reported metric itself).
	Select *Selection `json:"select,omitempty"`
	Epochs int        `json:"epochs"`
	Trials int        `json:"trials"`
	// Algorithms lists the columns; each has its own grid, because the paper
	// sweeps sigmoid nets over fewer depths than ReLU nets.
	Algorithms []Algorithm `json:"algorithms"`
	// DependsOn fixes some axes from another experiment's outcome, e.g. the
	// best ADMM (depth, width) of a sweep.
	DependsOn *Dependency `json:"depends_on,omitempty"`
	// Profiles scale this definition; a profile absent here uses the global
	// rule of profiles.json.
	Profiles map[string]Scale `json:"profiles,omitempty"`
	// File is where the definition was read from, for error messages; it
	// is not part of the JSON.
	File string `json:"-"`
	// source is the file's bytes, for Position.
	source []byte
	// NoiseFloor names a reference estimator that needs no net, run per noise
	// level and trial beside the algorithms (learning tasks): "linear" is
	// ordinary least squares on the features, "radial-poly" a least-squares
	// polynomial in ‖x‖² whose degree is chosen on a validation split of the
	// training data (held out like any run's: Select's fraction when the
	// definition selects on validation, else 0.2). Its clean-test MSE is the
	// noise floor a table is read against. Empty means none.
	NoiseFloor string `json:"noise_floor,omitempty"`
}

// Structure is a (depth, width) pair.
type Structure struct {
	Depth int `json:"depth"`
	Width int `json:"width"`
}

// Algorithm is one column of a results table with its grid.
type Algorithm struct {
	Label     string  `json:"label"`     // as the paper prints it: "ADMM (sigmoid)", "SGD (ReLU)", …
	Algorithm string  `json:"algorithm"` // admm, sgd, sgdm, adam
	Act       string  `json:"act"`       // sigmoid, relu, tanh
	Batch     int     `json:"batch,omitempty"`
	LR        float64 `json:"lr,omitempty"`
	LLA       string  `json:"lla,omitempty"` // ADMM: paper or reference (default reference)
	// BetaRule (ADMM) spreads β over the layers instead of using it for
	// every layer: "theorem4" takes β as β_N and sets β_{N−1} = 16 β_N and
	// β_i = β_{N−1} (N n d)^{(N−1−i)/2}, the smallest values condition (23)
	// of Theorem 4 allows with its unspecified constant c̃₁ = 1.
	BetaRule string `json:"beta_rule,omitempty"`
	// Loss (SGD family, classification data) is what the column minimises:
	// "square" (the default, also written "") or "xent", softmax
	// cross-entropy on the logits, the Keras convention the paper's
	// baselines cite (the paper does not say which loss they used).
	Loss string `json:"loss,omitempty"`
	Grid Grid   `json:"grid"`
	// Paper is the (depth, width) the paper reports as this algorithm's best
	// (Tables 3–6, 8–10). Profile thinning always keeps it, so that every
	// profile runs the paper's structure besides its own grid.
	Paper *Structure `json:"paper,omitempty"`
}

// Grid holds the axes. An empty axis is an error unless the dependency
// supplies it (depth and width); single-valued axes are how constants are
// written.
type Grid struct {
	Depth     Ints      `json:"depth,omitempty"`
	Width     Ints      `json:"width,omitempty"`
	Lambda    []float64 `json:"lambda,omitempty"` // ADMM only
	Beta      []float64 `json:"beta,omitempty"`   // ADMM only
	Init      []string  `json:"init"`
	InitScale []float64 `json:"init_scale"`
	Noise     []float64 `json:"noise"`
	// TrainFraction lists shares of a real data set's training split to
	// train on, each in (0, 1] (a learning curve; runs.Spec.TrainFraction).
	// 1 is the whole split, the same run as a definition without the axis;
	// left out, only the whole split runs.
	TrainFraction []float64 `json:"train_fraction,omitempty"`
	// Extra lists (depth, width) points run besides the depth × width cross
	// product. Definitions leave it empty; profile scaling fills it with the
	// paper's structure when thinning dropped it from the cross product.
	Extra []Structure `json:"extra,omitempty"`
}

// Selection is how an experiment chooses its configuration (the grid
// point: structure, λ, init scale, …) and its stopping epoch.
//
// On "test" (the default) takes, per algorithm, the configuration with the
// best mean metric at its best epoch: the paper's tables, and an optimistic
// estimate when the metric is read on test data.
//
// On "validation" holds out Fraction of the training set (stratified by
// class, deterministic per trial, the same for every algorithm of a trial),
// trains on the rest, and chooses the configuration and the stopping epoch
// on the mean validation curve (val_acc for accuracy, val_mse otherwise);
// the test metric is then reported at that choice, never used for it.
//
// Refit (validation only) then trains each algorithm's chosen configuration
// again, once per trial, on the whole training split, and reports its test
// metric at the chosen epoch: the paper trains on the whole training half,
// and the held-out model's number stays reported beside it.
//
// Each (refit only) is for a study whose every configuration is a result
// of its own (noise levels, λ × β, initialisations): each configuration's
// stopping epoch is chosen on its own validation curve, and every
// configuration is refitted, not only each algorithm's best. The test set
// then chooses nothing, not even the epoch a study's point is read at.
type Selection struct {
	On       string  `json:"on"`                 // "test" or "validation"
	Fraction float64 `json:"fraction,omitempty"` // validation: share of the training set held out, in (0, 0.5]
	Refit    bool    `json:"refit,omitempty"`    // validation: retrain the choice on the whole training split
	Each     bool    `json:"each,omitempty"`     // refit: every configuration, each at its own epoch
}

// Dependency says "take these axes from the best configuration that
// Algorithm reached in Experiment". Best is by that experiment's Selection:
// the lowest mean of its metric over trials (highest for accuracy), or the
// best mean validation curve. The axes that
// belong to one training method (init, init_scale, lambda, beta) replace
// only the columns of the same algorithm as the chosen configuration: an
// init scale chosen for ADMM says nothing about SGD.
type Dependency struct {
	Experiment string   `json:"experiment"`
	Algorithm  string   `json:"algorithm"` // the Label in that experiment
	Axes       []string `json:"axes"`      // e.g. ["depth", "width"]
}

// Scale is how a profile shrinks an experiment. Zero fields keep the
// definition's value.
type Scale struct {
	Trials int `json:"trials,omitempty"`
	Epochs int `json:"epochs,omitempty"`
	// MaxDepth, MaxWidth and MaxPoints thin the grid: MaxDepth and MaxWidth
	// drop larger values (keeping at least the smallest), then MaxPoints keeps
	// at most that many evenly spaced values of each numeric axis (always the
	// first and last). Init schemes are never thinned.
	MaxDepth  int `json:"max_depth,omitempty"`
	MaxWidth  int `json:"max_width,omitempty"` // drops widths above it
	MaxPoints int `json:"max_points,omitempty"`
	// MaxHyperPoints, when set, replaces MaxPoints on the λ, β, init-scale
	// and noise axes: a hyperparameter grid widened until its validation
	// choice is interior must keep its interior under thinning, while the
	// structures (depth × width, which multiply every algorithm's cost)
	// stay thinned to MaxPoints.
	MaxHyperPoints int `json:"max_hyper_points,omitempty"`
	// Samples overrides the toy training-set size.
	Samples int `json:"samples,omitempty"`
	// Skip leaves the experiment out of this profile entirely; the report says so.
	Skip bool `json:"skip,omitempty"`
	// PaperOnly runs every algorithm at its paper structure alone (the
	// "points" profile); definitions that declare no paper structure are
	// left out, and so are their dependents.
	PaperOnly bool `json:"paper_only,omitempty"`
}

// Profile is a global scaling rule, applied to every definition that does not
// override it.
type Profile struct {
	Name        string `json:"name"`
	Description string `json:"description"` // stated in the report: what this profile reduces
	Scale
}
