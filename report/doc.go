// Package report renders every table and figure of Zeng, Lin, Yao and Zhou,
// "On ADMM in Deep Learning" (JMLR 2021) from stored runs: Markdown tables
// beside the paper's own numbers (experiments/claims.json, transcribed by hand),
// figures described as data (report/figure) and drawn to PNG by the caller's
// Options.Draw (report/plot), a gallery README and a machine-readable
// summary.json that Diff compares between commits.
//
// The package only reads results, through runs.Source and the
// experiments.Catalogue definitions. An experiment without runs, skipped by
// the profile or whose data set is not available renders a notice in place
// of its table or figure panel; nothing here fails because results are
// missing.
package report
