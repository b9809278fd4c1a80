package runs

// DataInfo is what `admmlab run` saw of a real data set when its runs ran,
// recorded in the store so that a report states it whatever data directory
// it is rendered with: the counts (file names relative to the data
// directory), the subset caveat, why the files could not be used, and for a
// data set drawn as a map its points by class.
type DataInfo struct {
	Data    string `json:"data"`
	Variant string `json:"variant,omitempty"`
	// Counts is e.g. "2432 images, 38 subjects … (read from YaleB_32x32_2432.mat)".
	Counts string `json:"counts,omitempty"`
	// Subset is e.g. "PTB subset: 5,237 of 14,552 beats"; "" for the whole data set.
	Subset string `json:"subset,omitempty"`
	// Unusable says why present files could not be used (a checksum
	// mismatch), with paths under the data directory written <data-dir>/.
	Unusable string `json:"unusable,omitempty"`
	// Map holds the points of a data set the report draws as a map
	// (earthquake: city longitude and latitude by intensity class).
	Map []DataClass `json:"map,omitempty"`
	// TestClasses counts the test split's samples per class of a
	// classification data set (one draw of the split, trial seed 0's
	// loader seed: the report's majority-class and chance lines); empty for
	// a regression.
	TestClasses []int `json:"test_classes,omitempty"`
}

// DataClass is one class of a map's points.
type DataClass struct {
	Name string    `json:"name"`
	X    []float64 `json:"x"`
	Y    []float64 `json:"y"`
}
