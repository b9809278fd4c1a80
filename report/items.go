package report

import (
	"github.com/admmlab/admmlab/datasets"
	"github.com/admmlab/admmlab/solvers"
)

// item is one table or figure of the report, with the paper's claim it
// checks (one sentence, shown in the gallery).
type item struct {
	ID, Title, Claim string
	render           func(b *builder, it item) error
	// Figures: panels tiled into Cols columns.
	Cols   int
	Panels []panelSpec
	// Results tables: the sweep experiment, and the paper table it is read
	// against when that is not ID (the sensitivity tables).
	Exp   string
	Paper string
}

func resultsItem(id, title, exp, claim string) item {
	return item{ID: id, Title: title, Claim: claim, Exp: exp, render: (*builder).resultsTable}
}

func figItem(id, title, claim string, cols int, panels ...panelSpec) item {
	return item{ID: id, Title: title, Claim: claim, Cols: cols, Panels: panels, render: (*builder).figure}
}

// items is the report in the order of the paper, then what goes beyond it.
var items = []item{
	{ID: "table2", Title: "Table 2: settings of the toy simulations", Claim: "The toy tasks are run on the widths, depths, epochs and optimiser settings of Table 2.", render: (*builder).table2},
	figItem("fig2", "Figure 2: the cons of SGD and pros of ADMM on sigmoid nets", "Sigmoid′ vanishes outside a narrow band, and ADMM (sigmoid) approximates x² better than SGD (ReLU) and SGD (sigmoid).", 3,
		panelSpec{ID: "fig2a", Title: "(a) sigmoid and ReLU", kind: pkActivation},
		panelSpec{ID: "fig2b", Title: "(b) derivative of sigmoid", kind: pkDerivative},
		panelSpec{ID: "fig2c", Title: "(c) training error on x²", kind: pkCurves, Exp: "square-curves", Curve: "train_mse",
			Labels: []string{"ADMM (sigmoid)", "SGD (ReLU)", "SGD (sigmoid)"}}),
	figItem("fig4", "Figure 4: gradient vanishing of SGD and saturation-avoidance of ADMM", "On a deep sigmoid net SGD's per-layer gradient norms vanish towards the input, while ADMM's per-layer updates do not.", 2,
		panelSpec{ID: "fig4a", Title: "(a) SGD (sigmoid): gradient norm per layer", kind: pkLayerNorms, Exp: "saturation", Labels: []string{"SGD (sigmoid)"}},
		panelSpec{ID: "fig4b", Title: "(b) ADMM (sigmoid): update norm per layer", kind: pkLayerNorms, Exp: "saturation", Labels: []string{"ADMM (sigmoid)"}},
		panelSpec{ID: "fig4c", Title: "(c) SGD (sigmoid), relative to ‖W_i‖", kind: pkLayerNorms, Exp: "saturation", Labels: []string{"SGD (sigmoid)"}, Relative: true},
		panelSpec{ID: "fig4d", Title: "(d) ADMM (sigmoid), relative to ‖W_i‖", kind: pkLayerNorms, Exp: "saturation", Labels: []string{"ADMM (sigmoid)"}, Relative: true}),
	resultsItem("table3", "Table 3: approximating x²", "square-sweep", "ADMM (sigmoid) approximates x² to about 1e-9 at depth 2, better than every SGD-type method."),
	figItem("fig6", "Figure 6: approximation error vs depth, x²", "ADMM (sigmoid) reaches high precision with fewer layers than the ReLU methods.", 2,
		panelSpec{ID: "fig6a", Title: "(a) ReLU nets", kind: pkDepth, Exp: "square-sweep", Act: solvers.ReLU.String()},
		panelSpec{ID: "fig6b", Title: "(b) sigmoid nets", kind: pkDepth, Exp: "square-sweep", Act: solvers.Sigmoid.String()}),
	figItem("fig7", "Figure 7: ADMM parameters and initialisation, x²", "λ = 1e-6 with β = 1 is (near) best, and ADMM works for every initialisation scheme.", 2,
		panelSpec{ID: "fig7a", Title: "(a) λ × β", kind: pkParams, Exp: "square-params"},
		panelSpec{ID: "fig7b", Title: "(b) initialisation", kind: pkInits, Exp: "square-inits"}),
	resultsItem("table4", "Table 4: approximating uv", "product-sweep", "ADMM (sigmoid) approximates the product gate to about 1e-9 at depth 2, better than every SGD-type method."),
	figItem("fig8", "Figure 8: approximation error vs depth, uv", "The optimal depth of ADMM (sigmoid) for the product gate is 2.", 2,
		panelSpec{ID: "fig8a", Title: "(a) ReLU nets", kind: pkDepth, Exp: "product-sweep", Act: solvers.ReLU.String()},
		panelSpec{ID: "fig8b", Title: "(b) sigmoid nets", kind: pkDepth, Exp: "product-sweep", Act: solvers.Sigmoid.String()}),
	figItem("fig9", "Figure 9: ADMM parameters and initialisation, uv", "(λ, β) = (1e-6, 1) is good, and all schemes work (LeCun slightly worse).", 2,
		panelSpec{ID: "fig9a", Title: "(a) λ × β", kind: pkParams, Exp: "product-params"},
		panelSpec{ID: "fig9b", Title: "(b) initialisation", kind: pkInits, Exp: "product-inits"}),
	resultsItem("table5", "Table 5: learning the L1 radial function (noise variance 0.1)", "l1radial-sweep", "ADMM (sigmoid) has the lowest test error (1.69e-5) with depth 4, far shallower than the ReLU nets."),
	figItem("fig10", "Figure 10: test error vs depth, L1 radial", "SGD (sigmoid) gets worse with depth while ADMM (sigmoid) improves up to depth 5.", 2,
		panelSpec{ID: "fig10a", Title: "(a) ReLU nets", kind: pkDepth, Exp: "l1radial-sweep", Act: solvers.ReLU.String()},
		panelSpec{ID: "fig10b", Title: "(b) sigmoid nets", kind: pkDepth, Exp: "l1radial-sweep", Act: solvers.Sigmoid.String()}),
	figItem("fig11", "Figure 11: ADMM parameters and initialisation, L1 radial", "(λ, β) = (1e-6, 1) is effective and ADMM works for all schemes.", 2,
		panelSpec{ID: "fig11a", Title: "(a) λ × β", kind: pkParams, Exp: "l1radial-params"},
		panelSpec{ID: "fig11b", Title: "(b) initialisation, ADMM and the SGD family", kind: pkInits, Exp: "l1radial-inits"}),
	figItem("fig12", "Figure 12: robustness to noise, L1 radial", "The training error follows the noise level while the test error grows much more slowly.", 2,
		panelSpec{ID: "fig12a", Title: "(a) training error", kind: pkNoise, Exp: "l1radial-noise", Metric: "train_mse"},
		panelSpec{ID: "fig12b", Title: "(b) test error", kind: pkNoise, Exp: "l1radial-noise", Metric: "test_mse"}),
	{ID: "table5s", Title: "Table 5, sensitivity: L1 radial at noise variance 0.01, every algorithm at the paper's structure", Exp: "l1radial-noise001", Paper: "table5", render: (*builder).resultsTable,
		Claim: "(Not in the paper.) If the paper's \"0.1 Gaussian noise\" was a standard deviation (variance 0.01), its Table 5 numbers should sit nearer this run's noise floor."},
	resultsItem("table6", "Table 6: learning the L2 radial function (noise variance 0.1)", "l2radial-sweep", "ADMM (sigmoid) has the lowest test error (9.28e-6) with depth 5."),
	figItem("fig13", "Figure 13: test error vs depth, L2 radial", "ReLU nets need about 10 layers, ADMM-trained sigmoid nets about 5.", 2,
		panelSpec{ID: "fig13a", Title: "(a) ReLU nets", kind: pkDepth, Exp: "l2radial-sweep", Act: solvers.ReLU.String()},
		panelSpec{ID: "fig13b", Title: "(b) sigmoid nets", kind: pkDepth, Exp: "l2radial-sweep", Act: solvers.Sigmoid.String()}),
	figItem("fig14", "Figure 14: ADMM parameters and initialisation, L2 radial", "(λ, β) = (1e-6, 1) is effective and ADMM works for all schemes.", 2,
		panelSpec{ID: "fig14a", Title: "(a) λ × β", kind: pkParams, Exp: "l2radial-params"},
		panelSpec{ID: "fig14b", Title: "(b) initialisation", kind: pkInits, Exp: "l2radial-inits"}),
	figItem("fig15", "Figure 15: robustness to noise, L2 radial", "As for L1: the test error grows much more slowly than the noise variance.", 2,
		panelSpec{ID: "fig15a", Title: "(a) training error", kind: pkNoise, Exp: "l2radial-noise", Metric: "train_mse"},
		panelSpec{ID: "fig15b", Title: "(b) test error", kind: pkNoise, Exp: "l2radial-noise", Metric: "test_mse"}),
	{ID: "table6s", Title: "Table 6, sensitivity: L2 radial at noise variance 0.01, every algorithm at the paper's structure", Exp: "l2radial-noise001", Paper: "table6", render: (*builder).resultsTable,
		Claim: "(Not in the paper.) If the paper's \"0.1 Gaussian noise\" was a standard deviation (variance 0.01), its Table 6 numbers should sit nearer this run's noise floor."},
	{ID: "table7", Title: "Table 7: settings of the real-data experiments", Claim: "The real data sets are run on the splits, widths, depths and settings of Table 7.", render: (*builder).table7},
	resultsItem("table8", "Table 8: earthquake intensity", "earthquake-sweep", "ADMM (sigmoid) is within 0.05 points of the best (Adam) and beats SGD (sigmoid) clearly."),
	figItem("fig16", "Figure 16: earthquake intensity", "SGD (sigmoid) degrades beyond depth 5 while ADMM does not; λ = 1e-6 is best; ADMM is stable to initialisation.", 2,
		panelSpec{ID: "fig16a", Title: "(a) the data", kind: pkScatter, Data: string(datasets.Earthquake)},
		panelSpec{ID: "fig16b", Title: "(b) depth", kind: pkDepth, Exp: "earthquake-sweep"},
		panelSpec{ID: "fig16c", Title: "(c) λ (and β)", kind: pkParams, Exp: "earthquake-params"},
		panelSpec{ID: "fig16d", Title: "(d) initialisation", kind: pkInits, Exp: "earthquake-inits"}),
	resultsItem("table9", "Table 9: extended Yale B", "eyb-sweep", "ADMM (sigmoid) has the best test accuracy (98.93%) with the smallest width (60)."),
	figItem("fig17", "Figure 17: extended Yale B", "ADMM is accurate for most widths and stable to initialisation.", 2,
		panelSpec{ID: "fig17a", Title: "(a) width", kind: pkWidth, Exp: "eyb-sweep"},
		panelSpec{ID: "fig17b", Title: "(b) initialisation", kind: pkInits, Exp: "eyb-inits"}),
	resultsItem("table10", "Table 10: PTB diagnostic ECG", "ptb-sweep", "ADMM (sigmoid) is within 0.03 points of the best (Adam) with depth 4 against 7–8 for the ReLU nets."),
	figItem("fig18", "Figure 18: PTB diagnostic ECG", "Beyond depth 8 all methods degrade; ADMM is stable to initialisation.", 2,
		panelSpec{ID: "fig18a", Title: "(a) depth", kind: pkDepth, Exp: "ptb-sweep"},
		panelSpec{ID: "fig18b", Title: "(b) initialisation", kind: pkInits, Exp: "ptb-inits"}),
	figItem("theorem3", "Theorem 3 made visible: a two-hidden-layer sigmoid net approximating ReLU", "For every ε ∈ (0, 1/2) a sigmoid net with 2 hidden layers approximates ReLU to within O(ε) away from 0.", 2,
		panelSpec{ID: "theorem3a", Title: "(a) the net h_ε and ReLU on [-1, 1]", kind: pkTheorem3Curves},
		panelSpec{ID: "theorem3b", Title: "(b) error vs ε", kind: pkTheorem3Error}),
	figItem("theorem4", "Theorem 4 made visible: ADMM's O(1/K) rate", "min over the first K iterations of the KKT residual decays like O(1/K) when (λ, β) meet condition (23), and the limit satisfies every constraint.", 3,
		panelSpec{ID: "theorem4a", Title: "(a) min over k ≤ K of the KKT residual²", kind: pkConvKKT, Exp: "admm-convergence"},
		panelSpec{ID: "theorem4b", Title: "(b) constraint violation per layer", kind: pkConvViolation, Exp: "admm-convergence"},
		panelSpec{ID: "theorem4c", Title: "(c) cumulative Σ over k ≤ K of the KKT residual²", kind: pkConvUpdates, Exp: "admm-convergence"}),
	{ID: "lla-ablation", Title: "LLA constant: the paper's 𝕃 of (18) against the authors' code (max|B|)", Exp: "lla-ablation", Claim: "(Not in the paper.) The local linear approximation constant as stated and as coded give the same accuracy.", render: (*builder).summaryTable},
	{ID: "tanh", Title: "ADMM on tanh nets (Remark 2)", Exp: "tanh", Claim: "(Remark 2) The ADMM analysis covers other smooth activations such as tanh.", render: (*builder).summaryTable},
	{ID: "scorecard", Title: "Reproduction scorecard: every number of Tables 3–10", Claim: "Each paper number beside ours, their ratio, and whether the paper's ranking of algorithms holds.", render: (*builder).scorecard},
}
