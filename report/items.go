package report

import (
	"github.com/admmlab/admmlab/datasets"
	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/solvers"
)

// item is one table or figure of the report, with the paper's claim it
// checks (one sentence from experiments/claims.json, shown in the gallery).
type item struct {
	ID, Title, Claim string
	// analyze computes what the item shows, filling the analysis, and
	// returns the step that writes it (its Markdown or PNG and its gallery
	// entry) from what it found; Build runs every item's analyze, then
	// judges the claims, then runs the writing steps in order.
	analyze func(b *builder, it item) (render func() error, err error)
	// Figures: panels tiled into Cols columns.
	Cols   int
	Panels []panelSpec
	// Exp is the experiment whose runs it shows: the definition that lists
	// the item in its "items" (set when it renders, see resolve). Paper is
	// the paper table a results table is read against when that is not ID
	// (the sensitivity tables).
	Exp   string
	Paper string
}

func resultsItem(id, title string) item {
	return item{ID: id, Title: title, analyze: (*builder).resultsTable}
}

func figItem(id, title string, cols int, panels ...panelSpec) item {
	return item{ID: id, Title: title, Cols: cols, Panels: panels, analyze: (*builder).figure}
}

// writeOnly is an item that finds nothing in its analysis: all of it is
// its writing step, after every item's analysis, the claims and the
// rankings (the scorecard, which writes the latter two).
func writeOnly(render func(b *builder, it item) error) func(b *builder, it item) (func() error, error) {
	return func(b *builder, it item) (func() error, error) {
		return func() error { return render(b, it) }, nil
	}
}

// withClaims returns the items with the paper's knowledge filled in from
// the claims file: each item's claim and the algorithm columns of the
// panels that show only some.
func withClaims(its []item, c *experiments.Claims) []item {
	out := make([]item, len(its))
	for i, it := range its {
		it.Claim = c.Items[it.ID]
		it.Panels = append([]panelSpec(nil), it.Panels...)
		for j := range it.Panels {
			it.Panels[j].Labels = c.PanelLabels[it.Panels[j].ID]
		}
		out[i] = it
	}
	return out
}

// items is the report in the order of the paper, then what goes beyond it.
var items = []item{
	{ID: "table2", Title: "Table 2: settings of the toy simulations", analyze: (*builder).table2},
	figItem("fig2", "Figure 2: the cons of SGD and pros of ADMM on sigmoid nets", 3,
		panelSpec{ID: "fig2a", Title: "(a) sigmoid and ReLU", kind: pkActivation},
		panelSpec{ID: "fig2b", Title: "(b) derivative of sigmoid", kind: pkDerivative},
		panelSpec{ID: "fig2c", Title: "(c) training error on x²", kind: pkCurves, Curve: "train_mse"}),
	figItem("fig4", "Figure 4: gradient vanishing of SGD and saturation-avoidance of ADMM", 2,
		panelSpec{ID: "fig4a", Title: "(a) SGD (sigmoid): gradient norm per layer", kind: pkLayerNorms},
		panelSpec{ID: "fig4b", Title: "(b) ADMM (sigmoid): update norm per layer", kind: pkLayerNorms},
		panelSpec{ID: "fig4c", Title: "(c) SGD (sigmoid), relative to ‖W_i‖", kind: pkLayerNorms, Relative: true},
		panelSpec{ID: "fig4d", Title: "(d) ADMM (sigmoid), relative to ‖W_i‖", kind: pkLayerNorms, Relative: true}),
	resultsItem("table3", "Table 3: approximating x²"),
	figItem("fig6", "Figure 6: approximation error vs depth, x²", 2,
		panelSpec{ID: "fig6a", Title: "(a) ReLU nets", kind: pkDepth, Act: solvers.ReLU.String()},
		panelSpec{ID: "fig6b", Title: "(b) sigmoid nets", kind: pkDepth, Act: solvers.Sigmoid.String()}),
	figItem("fig7", "Figure 7: ADMM parameters and initialisation, x²", 2,
		panelSpec{ID: "fig7a", Title: "(a) λ × β", kind: pkParams},
		panelSpec{ID: "fig7b", Title: "(b) initialisation", kind: pkInits}),
	resultsItem("table4", "Table 4: approximating uv"),
	figItem("fig8", "Figure 8: approximation error vs depth, uv", 2,
		panelSpec{ID: "fig8a", Title: "(a) ReLU nets", kind: pkDepth, Act: solvers.ReLU.String()},
		panelSpec{ID: "fig8b", Title: "(b) sigmoid nets", kind: pkDepth, Act: solvers.Sigmoid.String()}),
	figItem("fig9", "Figure 9: ADMM parameters and initialisation, uv", 2,
		panelSpec{ID: "fig9a", Title: "(a) λ × β", kind: pkParams},
		panelSpec{ID: "fig9b", Title: "(b) initialisation", kind: pkInits}),
	resultsItem("table5", "Table 5: learning the L1 radial function (noise variance 0.1)"),
	figItem("fig10", "Figure 10: test error vs depth, L1 radial", 2,
		panelSpec{ID: "fig10a", Title: "(a) ReLU nets", kind: pkDepth, Act: solvers.ReLU.String()},
		panelSpec{ID: "fig10b", Title: "(b) sigmoid nets", kind: pkDepth, Act: solvers.Sigmoid.String()}),
	figItem("fig11", "Figure 11: ADMM parameters and initialisation, L1 radial", 2,
		panelSpec{ID: "fig11a", Title: "(a) λ × β", kind: pkParams},
		panelSpec{ID: "fig11b", Title: "(b) initialisation, ADMM and the SGD family", kind: pkInits}),
	figItem("fig12", "Figure 12: robustness to noise, L1 radial", 2,
		panelSpec{ID: "fig12a", Title: "(a) training error", kind: pkNoise, Metric: "train_mse"},
		panelSpec{ID: "fig12b", Title: "(b) test error", kind: pkNoise, Metric: "test_mse"}),
	{ID: "table5s", Title: "Table 5, sensitivity: L1 radial at noise variance 0.01, every algorithm at the paper's structure", Paper: "table5", analyze: (*builder).resultsTable},
	resultsItem("table6", "Table 6: learning the L2 radial function (noise variance 0.1)"),
	figItem("fig13", "Figure 13: test error vs depth, L2 radial", 2,
		panelSpec{ID: "fig13a", Title: "(a) ReLU nets", kind: pkDepth, Act: solvers.ReLU.String()},
		panelSpec{ID: "fig13b", Title: "(b) sigmoid nets", kind: pkDepth, Act: solvers.Sigmoid.String()}),
	figItem("fig14", "Figure 14: ADMM parameters and initialisation, L2 radial", 2,
		panelSpec{ID: "fig14a", Title: "(a) λ × β", kind: pkParams},
		panelSpec{ID: "fig14b", Title: "(b) initialisation", kind: pkInits}),
	figItem("fig15", "Figure 15: robustness to noise, L2 radial", 2,
		panelSpec{ID: "fig15a", Title: "(a) training error", kind: pkNoise, Metric: "train_mse"},
		panelSpec{ID: "fig15b", Title: "(b) test error", kind: pkNoise, Metric: "test_mse"}),
	{ID: "table6s", Title: "Table 6, sensitivity: L2 radial at noise variance 0.01, every algorithm at the paper's structure", Paper: "table6", analyze: (*builder).resultsTable},
	{ID: "table7", Title: "Table 7: settings of the real-data experiments", analyze: (*builder).table7},
	resultsItem("table8", "Table 8: earthquake intensity"),
	figItem("fig16", "Figure 16: earthquake intensity", 2,
		panelSpec{ID: "fig16a", Title: "(a) the data", kind: pkScatter, Data: string(datasets.Earthquake)},
		panelSpec{ID: "fig16b", Title: "(b) depth", kind: pkDepth},
		panelSpec{ID: "fig16c", Title: "(c) λ (and β)", kind: pkParams},
		panelSpec{ID: "fig16d", Title: "(d) initialisation", kind: pkInits}),
	resultsItem("table9", "Table 9: extended Yale B"),
	figItem("fig17", "Figure 17: extended Yale B", 2,
		panelSpec{ID: "fig17a", Title: "(a) width", kind: pkWidth},
		panelSpec{ID: "fig17b", Title: "(b) initialisation", kind: pkInits},
		panelSpec{ID: "fig17c", Title: "(c) validation over λ (not in the paper)", kind: pkLambda}),
	resultsItem("table10", "Table 10: PTB diagnostic ECG"),
	figItem("fig18", "Figure 18: PTB diagnostic ECG", 2,
		panelSpec{ID: "fig18a", Title: "(a) depth", kind: pkDepth},
		panelSpec{ID: "fig18b", Title: "(b) initialisation", kind: pkInits},
		panelSpec{ID: "fig18c", Title: "(c) validation over λ (not in the paper)", kind: pkLambda},
		panelSpec{ID: "fig18d", Title: "(d) learning curve at the paper's structures (not in the paper)", kind: pkLearningCurve},
		panelSpec{ID: "fig18e", Title: "(e) λ × β (not in the paper)", kind: pkParams}),
	figItem("theorem3", "Theorem 3 made visible: a two-hidden-layer sigmoid net approximating ReLU", 2,
		panelSpec{ID: "theorem3a", Title: "(a) the net h_ε and ReLU on [-1, 1]", kind: pkTheorem3Curves},
		panelSpec{ID: "theorem3b", Title: "(b) error vs ε", kind: pkTheorem3Error}),
	figItem("theorem4", "Theorem 4 made visible: ADMM's O(1/K) rate", 3,
		panelSpec{ID: "theorem4a", Title: "(a) min over k ≤ K of the KKT residual²", kind: pkConvKKT},
		panelSpec{ID: "theorem4b", Title: "(b) constraint violation per layer", kind: pkConvViolation},
		panelSpec{ID: "theorem4c", Title: "(c) cumulative Σ over k ≤ K of the KKT residual²", kind: pkConvUpdates}),
	{ID: "lla-ablation", Title: "LLA constant: the paper's 𝕃 of (18) against the authors' code (max|B|)", analyze: (*builder).summaryTable},
	{ID: "tanh", Title: "ADMM on tanh nets (Remark 2)", analyze: (*builder).summaryTable},
	{ID: "scorecard", Title: "Reproduction scorecard: every number of Tables 3–10", analyze: writeOnly((*builder).scorecard)},
}
