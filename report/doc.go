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
// (summary.json is Analysis.Summary written out). Build runs in three
// passes: every item's analysis, in order, which fills the Analysis and
// returns the item's writing step; the scorecard's claims, judged from the
// Analysis alone (judgeClaims), never from summary.json or an item's
// state, so that a claim can be judged and tested on an Analysis built by
// hand, and the results tables ranked beside the paper's (rankTables);
// then the writing steps, in order, which write the Markdown, draw
// the PNGs and make the gallery's entries from what the items found. Each
// writer reads the Analysis and nothing of the builder, so it can write
// from a value built by hand: a results table its TableAnalysis.View
// (resultsMarkdown), a figure its FigureAnalysis (figureModel), the LLA
// and tanh tables their Extras (extraMarkdown), the scorecard the Claims
// and Rankings with the paper's tables (scorecardMarkdown), the settings
// tables the definitions and the ChosenScales (settingsMarkdown), and the
// gallery README the Analysis and the entries the items wrote
// (galleryMarkdown).
//
// The package only reads results, through runs.Source and the
// experiments.Catalogue definitions. An experiment without runs, skipped by
// the profile or whose data set is not available renders a notice in place
// of its table or figure panel; nothing here fails because results are
// missing.
package report
