// Package experiments holds the paper's catalogue of tables and figures as
// data: one JSON definition per experiment under defs/, embedded into the
// binary, and the run profiles (smoke, quick, full) that scale them.
//
// Nothing here runs anything. The pipeline package expands definitions into
// run specs, resolves dependencies between them and schedules the runs.
package experiments
