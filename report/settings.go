package report

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/solvers"
)

// fmtInts writes a grid compactly: "1–5", "20, 40, …, 100" or a list.
func fmtInts(vs []int) string {
	if len(vs) == 0 {
		return "—"
	}
	if len(vs) >= 3 {
		step := vs[1] - vs[0]
		arith := step > 0
		for i := 2; i < len(vs); i++ {
			arith = arith && vs[i]-vs[i-1] == step
		}
		if arith && step == 1 {
			return fmt.Sprintf("%d–%d", vs[0], vs[len(vs)-1])
		}
		if arith && len(vs) > 4 {
			return fmt.Sprintf("%d, %d, …, %d", vs[0], vs[1], vs[len(vs)-1])
		}
	}
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = fmt.Sprint(v)
	}
	return strings.Join(s, ", ")
}

func fmtFloats(vs []float64) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = fmtG(v)
	}
	return strings.Join(s, ", ")
}

// scaled writes the profile's value with the definition's beside it when
// the profile reduced it.
func scaled(ours, def string) string {
	if ours == def {
		return ours
	}
	return fmt.Sprintf("%s (paper: %s)", ours, def)
}

func union(a []int, b []int) []int {
	m := map[int]bool{}
	for _, v := range append(append([]int(nil), a...), b...) {
		m[v] = true
	}
	var out []int
	for v := range m {
		out = append(out, v)
	}
	sort.Ints(out)
	return out
}

// scaleDependency is the init-scale stage whose choice the algorithm a of
// d takes (its experiment and algorithm label), when it takes one.
func scaleDependency(d experiments.Definition, a experiments.Algorithm) (exp, label string, ok bool) {
	if dep := d.DependsOn; dep != nil && a.Algorithm == solvers.ADMM.String() && slices.Contains(dep.Axes, "init_scale") {
		return dep.Experiment, dep.Algorithm, true
	}
	return "", "", false
}

// initEntry states the inits an algorithm of d runs: its schemes × scales,
// or the scale its dependent study takes from an earlier experiment (as
// the analysis an found it).
func initEntry(an *Analysis, d experiments.Definition, a experiments.Algorithm) string {
	if exp, label, ok := scaleDependency(d, a); ok {
		cs, found := an.ChosenScales[exp][label]
		if !found {
			cs.Notice = "no results yet"
		}
		return initOwner(a) + ": " + scaleText(exp, cs)
	}
	var ins []string
	for _, in := range a.Grid.Init {
		for _, sc := range a.Grid.InitScale {
			ins = append(ins, fmt.Sprintf("%s×%s", in, fmtG(sc)))
		}
	}
	return fmt.Sprintf("%s: %s", initOwner(a), strings.Join(ins, ", "))
}

// settingsRow describes one sweep definition under the profile prof, with
// the init scales the analysis an found chosen.
func settingsRow(an *Analysis, prof experiments.Profile, d experiments.Definition, trainTest string) []string {
	// The pipeline's own scaling, so the table states exactly what ran.
	s := experiments.EffectiveScale(&d, prof)
	sd := experiments.ScaleDefinition(d, s)
	var widths, sigD, reluD []int    // the definition's grids
	var sWidths, sSigD, sReluD []int // as the profile thins them, per algorithm
	var lambdas, betas, sLambdas, sBetas []float64
	var inits, paperPts []string
	var noise, sNoise []float64
	batch, lr, adamLR := "—", "—", "—"
	for i, a := range d.Algorithms {
		sg := sd.Algorithms[i].Grid
		widths = union(widths, a.Grid.Width)
		sWidths = union(sWidths, sg.Width)
		if a.Act == solvers.ReLU.String() {
			reluD = union(reluD, a.Grid.Depth)
			sReluD = union(sReluD, sg.Depth)
		} else {
			sigD = union(sigD, a.Grid.Depth)
			sSigD = union(sSigD, sg.Depth)
		}
		for _, n := range sg.Noise {
			if !slices.Contains(sNoise, n) {
				sNoise = append(sNoise, n)
			}
		}
		switch a.Algorithm {
		case solvers.ADMM.String():
			lambdas, betas = a.Grid.Lambda, a.Grid.Beta
			sLambdas, sBetas = sg.Lambda, sg.Beta
		case solvers.Adam.String():
			adamLR = fmtG(a.LR)
		case solvers.SGD.String(), solvers.SGDM.String():
			lr = fmtG(a.LR) + " × 0.95^⌊epoch/10⌋"
		}
		if a.Batch != 0 {
			batch = fmt.Sprint(a.Batch)
		}
		if entry := initEntry(an, d, a); !slices.Contains(inits, entry) {
			inits = append(inits, entry)
		}
		if pp, ok := experiments.PaperPoint(a, s); ok {
			paperPts = append(paperPts, fmt.Sprintf("%s (%d,%d)", a.Label, pp.Depth, pp.Width))
		}
		for _, n := range a.Grid.Noise {
			if !slices.Contains(noise, n) {
				noise = append(noise, n)
			}
		}
	}
	trials, epochs, samples := sd.Trials, sd.Epochs, sd.Samples
	sampleStr := trainTest
	if d.Samples != 0 {
		sampleStr = scaled(fmt.Sprint(samples), fmt.Sprint(d.Samples))
	}
	if s.Skip {
		sampleStr += " — skipped in this profile"
	}
	return []string{
		d.Name, sampleStr, scaled(fmtFloats(sNoise), fmtFloats(noise)),
		scaled(fmtInts(sWidths), fmtInts(widths)),
		scaled(fmtInts(sSigD), fmtInts(sigD)),
		scaled(fmtInts(sReluD), fmtInts(reluD)),
		scaled(fmt.Sprint(epochs), fmt.Sprint(d.Epochs)),
		scaled(fmt.Sprint(trials), fmt.Sprint(d.Trials)),
		batch, lr, "0.5", adamLR + ", β1 0.9, β2 0.999, ε 1e-8",
		fmt.Sprintf("λ ∈ {%s}, β ∈ {%s}", scaled(fmtFloats(sLambdas), fmtFloats(lambdas)), scaled(fmtFloats(sBetas), fmtFloats(betas))),
		strings.Join(inits, "; "),
		strings.Join(paperPts, ", "),
	}
}

// lossNote says which loss the settings table's experiments minimise: the
// square loss, except the columns that declare cross-entropy.
func lossNote(defs []experiments.Definition) string {
	var xent []string
	for _, d := range defs {
		for _, a := range d.Algorithms {
			if a.Loss == runs.LossXent {
				xent = append(xent, fmt.Sprintf("%s of %s", a.Label, d.Name))
			}
		}
	}
	if len(xent) == 0 {
		return "square loss everywhere."
	}
	return "square loss everywhere (ADMM always), except the columns " + strings.Join(xent, ", ") +
		", which minimise softmax cross-entropy on the logits (Keras's classification convention); their MSEs are read on the predicted probabilities."
}

// initOwner names who uses an init in the settings table: ADMM, or the SGD
// family as a whole.
func initOwner(a experiments.Algorithm) string {
	if a.Algorithm == solvers.ADMM.String() {
		return "ADMM"
	}
	return "SGD family"
}

var settingsHeader = "| experiment | samples | noise variance | widths | depths (sigmoid) | depths (ReLU) | epochs | trials | batch | lr (SGD, SGDM) | SGDM momentum | Adam | ADMM | init (scheme×scale) | paper's best (d,w), always run |\n" +
	"|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"

// settingsRows are the rows of a settings table: per task, the
// experiment and its train/test split.
type settingsRows []struct{ exp, task, trainTest string }

// settingsTable finds the init scales a settings table states (those its
// studies chose among them) into the analysis, and returns the step that
// writes the table from the definitions and the analysis.
func (b *builder) settingsTable(it item, title string, rows settingsRows) (func() error, error) {
	for _, r := range rows {
		d := b.defs[r.exp]
		for _, a := range d.Algorithms {
			if exp, label, ok := scaleDependency(d, a); ok {
				b.findScale(exp, label)
			}
		}
	}
	return func() error {
		text := settingsMarkdown(b.an, b.defs, b.prof, title, rows)
		rel := "tables/" + it.ID + ".md"
		if err := b.write(rel, []byte(text)); err != nil {
			return err
		}
		// The README links the settings rather than repeating them: they
		// are the definitions, which no result changes.
		brief := map[string]string{}
		for _, p := range strings.Split(text, "\n\n") {
			brief[strings.TrimSpace(p)] = ""
		}
		b.gallery = append(b.gallery, galleryEntry{item: it, File: rel, Text: text, VerdictInBody: true, Brief: brief,
			Link: "Every setting, each reduction beside the paper's value"})
		return nil
	}, nil
}

// settingsMarkdown is a settings table: the definitions of rows under the
// profile prof, with the init scales the analysis an found chosen.
func settingsMarkdown(an *Analysis, defs map[string]experiments.Definition, prof experiments.Profile, title string, rows settingsRows) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "# %s\n\nRendered from the experiment definitions under profile `%s`: %s. "+
		"Where the profile reduces a setting, the paper's value follows in parentheses.\n\n", title, prof.Name, prof.Description)
	sb.WriteString("| task |" + settingsHeader[1:strings.Index(settingsHeader, "\n")+1])
	sb.WriteString("|---" + settingsHeader[strings.Index(settingsHeader, "\n")+1:])
	var ds []experiments.Definition
	for _, r := range rows {
		d, ok := defs[r.exp]
		if !ok {
			fmt.Fprintf(&sb, "| %s | %s |%s\n", r.task, "not defined in the catalogue", strings.Repeat(" |", 14))
			continue
		}
		ds = append(ds, d)
		cols := settingsRow(an, prof, d, r.trainTest)
		for i := range cols {
			cols[i] = mdEscape(cols[i])
		}
		fmt.Fprintf(&sb, "| %s | %s |\n", r.task, strings.Join(cols, " | "))
	}
	sb.WriteString("\nLoss: " + lossNote(ds) + " SGD-family lr decays by 0.95 every 10 epochs; SGDM momentum 0.5 and the Adam constants are fixed in the solvers.\n")
	return sb.String()
}

func (b *builder) table2(it item) (func() error, error) {
	return b.settingsTable(it, it.Title, settingsRows{
		{"square-sweep", "approximation: x² on [-1,1]", ""},
		{"product-sweep", "approximation: uv on [-1,1]²", ""},
		{"l1radial-sweep", "learning: (‖x‖₁ − 1)₊ on [0.75,1.125]²", ""},
		{"l2radial-sweep", "learning: g(‖x‖²) on [-1,1]²", ""},
	})
}

func (b *builder) table7(it item) (func() error, error) {
	return b.settingsTable(it, it.Title, settingsRows{
		{"earthquake-sweep", "Earthquake (paper: 4173 / 4000)", b.dataSplit("earthquake-sweep")},
		{"eyb-sweep", "Extended Yale B (paper: 2432 / 2432; text: half/half)", b.dataSplit("eyb-sweep")},
		{"ptb-sweep", "PTB ECG (paper: 7000 / 7552)", b.dataSplit("ptb-sweep")},
	})
}

// dataSplit states what an experiment's runs read: the counts of the file
// in the mirror (which file, which split, which variant), or the data set's
// own split when the report was not told, and the validation hold-out.
func (b *builder) dataSplit(exp string) string {
	d := b.defs[exp]
	out := "data set's split"
	if info, ok := b.opt.Data[d.Data]; ok {
		out = info.Counts
	}
	if runs.SelectsOnValidation(d) {
		out += fmt.Sprintf("; %.0f%% of the training split held out per trial (stratified) to choose λ, structure, init scale and epoch on", 100*d.Select.Fraction)
	}
	return out
}

// findScale finds which init scale the experiment exp chose for label,
// on which error, and what every candidate scored (Tables 2 and 7), into
// the analysis (ChosenScales, InitScales) and summary.json. Under the
// validation rule (the learning tasks' init-scale stages) the scores are
// the mean validation MSE at each candidate's chosen epoch, and the test
// set plays no part.
func (b *builder) findScale(exp, label string) {
	if b.an.ChosenScales[exp] == nil {
		b.an.ChosenScales[exp] = map[string]ChosenScale{}
	}
	e := b.experiment(exp)
	if e.notice != "" {
		b.an.ChosenScales[exp][label] = ChosenScale{Notice: "no results yet"}
		return
	}
	var cells []cell
	for _, c := range cellsOfDef(e.runs, e.def, e.curves) {
		if c.Label == label {
			cells = append(cells, c)
		}
	}
	best, _, ok := chooseCell(cells, e.def.Metric)
	if !ok {
		b.an.ChosenScales[exp][label] = ChosenScale{Notice: "no finite result"}
		return
	}
	on, st := best.chosenOn()
	cs := ChosenScale{Init: best.Cfg.Init, Scale: best.Cfg.InitScale, Depth: best.Cfg.Depth, Width: best.Cfg.Width, On: on}
	for _, c := range cells {
		_, v := c.chosenOn()
		cs.Scores = append(cs.Scores, ScaleScore{c.Cfg.InitScale, v.Mean})
		b.an.Summary.addExact(fmt.Sprintf("table2/%s/%s/init_scale=%s/%s", exp, label, fmtG(c.Cfg.InitScale), on), v.Mean, sortedIDs(c))
		b.an.initScale(exp, label, c.Cfg.InitScale, v)
	}
	b.an.Summary.addExact(fmt.Sprintf("table2/%s/%s/init_scale", exp, label), best.Cfg.InitScale, sortedIDs(best))
	b.an.Summary.addStat(fmt.Sprintf("table2/%s/%s/chosen_on_%s", exp, label, on), st)
	b.an.ChosenScales[exp][label] = cs
}

// scaleText says which init scale the experiment exp chose (cs), on
// which error, and what every candidate scored.
func scaleText(exp string, cs ChosenScale) string {
	if cs.Notice != "" {
		return fmt.Sprintf("scale chosen by %s (%s)", exp, cs.Notice)
	}
	var per []string
	for _, sc := range cs.Scores {
		per = append(per, fmt.Sprintf("×%s %s", fmtG(sc.Scale), fmtVal(cs.On, sc.Value)))
	}
	return fmt.Sprintf("%s×%s, chosen by %s at (%d,%d) on the %s (%s)", cs.Init, fmtG(cs.Scale), exp,
		cs.Depth, cs.Width, axisLabel(cs.On), strings.Join(per, ", "))
}
