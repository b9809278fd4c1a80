// Package report renders every table and figure of Zeng, Lin, Yao and Zhou,
// "On ADMM in Deep Learning" (JMLR 2021) from stored runs: Markdown tables
// beside the paper's own numbers (experiments/claims.json, transcribed by hand),
// figures described as data (report/figure) and drawn to PNG by the caller's
// Options.Draw (report/plot), a gallery README and a machine-readable
// summary.json that Diff compares between commits.
//
// What the items find is an Analysis: each results table's chosen cells
// and the rule that chose them, its contests on the paper's winner, the
// panels' findings, and every reported number under its summary.json key
// (summary.json is Analysis.Summary written out). Build renders the items
// in order, each filling the Analysis as it computes; the scorecard's
// claims are then judged from the Analysis alone (judgeClaims), never from
// summary.json or an item's state, so a claim can be judged and tested on
// an Analysis built by hand; the items that show the judged claims (the
// scorecard) render last.
//
// The package only reads results, through runs.Source and the
// experiments.Catalogue definitions. An experiment without runs, skipped by
// the profile or whose data set is not available renders a notice in place
// of its table or figure panel; nothing here fails because results are
// missing.
package report
