// Package experiments holds the paper's catalogue of tables and figures as
// data: one JSON definition per experiment under defs/, embedded into the
// binary, and the run profiles (smoke, quick, points, full) that scale them.
//
// Each results-table algorithm declares the (depth, width) the paper reports
// as its best (Algorithm.Paper); every profile runs it besides its own grid,
// and the points profile runs nothing else. Learning tasks declare a noise
// floor (Definition.NoiseFloor), a reference estimator run per noise level
// and trial beside the nets. A column may declare the loss its SGD-family
// solver minimises (Algorithm.Loss: the square loss, or softmax
// cross-entropy on classification data), and a definition that chooses on
// a validation split may refit its choices on the whole training split
// (Selection.Refit).
//
// Nothing here runs anything. The pipeline package expands definitions into
// run specs, resolves dependencies between them and schedules the runs.
package experiments
