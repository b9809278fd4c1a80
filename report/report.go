package report

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/internal/atomicfile"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/report/figure"
)

// Options configure one rendering of the report.
type Options struct {
	Catalogue *experiments.Catalogue
	Profile   string      // name of a profile in Catalogue
	Source    runs.Source // the stored runs of that profile
	Out       string      // output directory (tables/, figures/, README.md, summary.json)
	Commit    string      // git commit the results and code came from, shown in the gallery
	// Unavailable maps a data set name (Definition.Data, a datasets.Name)
	// to the reason it is not available, naming the file to place.
	Unavailable map[string]string
	// Points, when not nil, holds the stored runs of the "points" profile
	// (the paper's structures at the paper's epochs); results tables show
	// them beside the paper's numbers, or say that they are pending.
	Points runs.Source
	// Scatter holds optional raw data for the data maps, by data set name
	// (Fig 16(a) uses datasets.Earthquake's); absent means "data not
	// available".
	Scatter map[string]ScatterData
	// Draw renders a figure to PNG (report/plot.PNG); the report decides
	// what each panel shows, Draw only how it looks.
	Draw func(figure.Figure) ([]byte, error)
	// Data describes the real data sets as they are in the mirror, by
	// name (Definition.Data): Table 7 states the counts, and every table,
	// figure and summary entry made from a subset carries its label.
	Data map[string]DataInfo
}

// DataInfo is what the report states about a real data set.
type DataInfo struct {
	Counts string // e.g. "2432 images, 38 subjects × 64 → 1216 train / 1216 test; …"
	Subset string // e.g. "PTB subset: 5,237 of 14,552 beats"; "" for the whole data set
	// TestClasses counts the test split's samples per class (classification
	// only): the majority-class and chance accuracies come from it.
	TestClasses []int
}

// ScatterData is a 2-D point cloud split into classes, e.g. earthquake
// records by intensity class.
type ScatterData struct {
	Title, XLabel, YLabel string
	Series                []ScatterSeries
}

// ScatterSeries is one class of points.
type ScatterSeries struct {
	Name string
	X, Y []float64
}

// Result tells what Build wrote.
type Result struct {
	Files   []string // paths relative to Out, sorted
	Notices int      // tables and panels rendered as notices instead of results
	// Analysis is what the report found, from which the files were written.
	Analysis *Analysis
}

// builder carries the state of one Build.
type builder struct {
	ctx   context.Context
	opt   Options
	prof  experiments.Profile
	defs  map[string]experiments.Definition
	paper map[string]PaperTable
	// claims is the paper's knowledge: its tables, the claim of each item,
	// and the scorecard's claims (experiments/claims.json).
	claims  *experiments.Claims
	runs    map[string]expRuns
	items   []item
	gallery []galleryEntry
	files   []string
	// points caches the points profile's runs by experiment.
	points map[string][]runs.Labeled
	// curves and pointCurves read the curves of Source's and Points' runs.
	curves, pointCurves *curveCache
	// an is what the items found, which the scorecard's claims read.
	an *Analysis
}

// expRuns is an experiment's runs, or the notice that replaces them.
type expRuns struct {
	def  experiments.Definition
	runs []runs.Labeled
	// refit holds the done runs of the experiment's refit stage
	// (runs.Refits), which retrain its choices on the whole training split.
	refit  []runs.Labeled
	notice string // non-empty: nothing to show, say this instead
	// curves reads the runs' curves (the source lists them without).
	curves *curveCache
}

// Build renders every table and figure into opt.Out. Missing results never
// fail it; only bad options and unwritable output do.
func Build(ctx context.Context, opt Options) (Result, error) {
	if opt.Catalogue == nil {
		return Result{}, errors.New("report: no catalogue")
	}
	if opt.Source == nil {
		return Result{}, errors.New("report: no result source")
	}
	if opt.Out == "" {
		return Result{}, errors.New("report: no output directory")
	}
	if opt.Draw == nil {
		return Result{}, errors.New("report: no figure renderer (Options.Draw)")
	}
	prof, err := opt.Catalogue.Profile(opt.Profile)
	if err != nil {
		return Result{}, fmt.Errorf("report: %w", err)
	}
	claims, err := experiments.PaperClaims()
	if err != nil {
		return Result{}, fmt.Errorf("report: %w", err)
	}
	b := &builder{
		ctx: ctx, opt: opt, prof: prof, paper: claims.Tables, claims: claims, items: withClaims(items, claims),
		defs:   map[string]experiments.Definition{},
		runs:   map[string]expRuns{},
		points: map[string][]runs.Labeled{},
		curves: newCurveCache(ctx, opt.Source, curveBudget),
		an:     newAnalysis(opt.Profile, opt.Commit),
	}
	b.an.Description = prof.Description
	if opt.Points != nil {
		b.pointCurves = newCurveCache(ctx, opt.Points, curveBudget/4)
	}
	for _, d := range opt.Catalogue.Definitions {
		b.defs[d.Name] = d
	}
	b.fillReductions()
	// Every item finds what it shows; the claims are judged from what they
	// found (the analysis) alone, and the results tables ranked beside the
	// paper's; then the items are written, in order.
	renders, err := b.analyzeItems()
	if err != nil {
		return Result{}, err
	}
	if _, n := b.an.Provenance.counts(); len(n) > 0 {
		b.an.Summary.Toolchains = n
	}
	b.an.Claims = judgeClaims(b.an, b.claims)
	recordClaimVerdicts(b.an.Summary, b.an.Claims)
	b.an.Rankings = b.rankTables()
	for i, render := range renders {
		if err := b.step(b.items[i].ID, render); err != nil {
			return Result{}, err
		}
	}
	if err := b.writeSummary(); err != nil {
		return Result{}, err
	}
	if err := b.writeGallery(); err != nil {
		return Result{}, err
	}
	sort.Strings(b.files)
	return Result{Files: b.files, Notices: b.an.Notices, Analysis: b.an}, nil
}

// analyzeItems runs every item's analysis, in order, and returns the
// steps that write them.
func (b *builder) analyzeItems() ([]func() error, error) {
	renders := make([]func() error, len(b.items))
	for i, it := range b.items {
		err := b.step(it.ID, func() error {
			var err error
			renders[i], err = it.analyze(b, it)
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return renders, nil
}

// step runs one step of item id, unless the context is done, and fails on
// its error or a curve that could not be read.
func (b *builder) step(id string, run func() error) error {
	if err := b.ctx.Err(); err != nil {
		return err
	}
	if err := run(); err != nil {
		return fmt.Errorf("report: %s: %w", id, err)
	}
	for _, cc := range []*curveCache{b.curves, b.pointCurves} {
		if cc != nil && cc.err != nil {
			return fmt.Errorf("report: %s: reading curves: %w", id, cc.err)
		}
	}
	return nil
}

// write stores a file under Out atomically and remembers it.
func (b *builder) write(rel string, data []byte) error {
	if err := atomicfile.WriteFile(filepath.Join(b.opt.Out, rel), data, 0o644); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	b.files = append(b.files, rel)
	return nil
}

// experiment returns the runs of the named experiment, or a notice saying
// why there is nothing to show. Lookups are cached.
func (b *builder) experiment(name string) expRuns {
	if e, ok := b.runs[name]; ok {
		return e
	}
	e := b.loadExperiment(name)
	b.runs[name] = e
	return e
}

// experimentFor is experiment for the item or panel id, whose notice names
// the item when no definition lists it.
func (b *builder) experimentFor(id, name string) expRuns {
	e := b.experiment(name)
	if name == "" {
		e.notice = fmt.Sprintf("no experiment of the catalogue lists %s (or its figure) in its \"items\"", id)
	}
	return e
}

func (b *builder) loadExperiment(name string) expRuns {
	d, ok := b.defs[name]
	if !ok {
		return expRuns{notice: "no experiment of the catalogue lists this item (or its figure) in its \"items\""}
	}
	e := expRuns{def: d, curves: b.curves}
	if experiments.EffectiveScale(&d, b.prof).Skip {
		e.notice = fmt.Sprintf("experiment %q is skipped in profile %q", name, b.prof.Name)
		return e
	}
	labeled, err := b.opt.Source.ExperimentRuns(b.ctx, name)
	if err != nil {
		e.notice = fmt.Sprintf("results of experiment %q could not be read: %v", name, err)
		return e
	}
	var done []runs.Labeled
	for _, r := range labeled {
		if r.Status == "" || r.Status == runs.StatusDone {
			done = append(done, r)
		}
	}
	// Stored runs are shown whatever the data's availability now: they are
	// the results. A missing data set explains why there are none.
	if reason, ok := b.opt.Unavailable[d.Data]; ok && len(done) == 0 {
		e.notice = dataNotice(reason)
		return e
	}
	if len(done) == 0 && strings.HasPrefix(b.opt.Unavailable[d.Data], "unusable") {
		e.notice = b.opt.Unavailable[d.Data]
		return e
	}
	if len(done) == 0 {
		e.notice = fmt.Sprintf("no stored runs of experiment %q for profile %q: run `admmlab run --profile %s` first", name, b.prof.Name, b.prof.Name)
		return e
	}
	e.runs = done
	b.an.Provenance.add(done)
	if runs.Refits(d) {
		e.refit = b.doneRuns(runs.RefitName(name))
		b.an.Provenance.add(e.refit)
	}
	return e
}

// doneRuns lists the done runs of a stage the report reads beside an
// experiment (its refit stage): none when they cannot be read, which the
// table then says as "refit pending".
func (b *builder) doneRuns(name string) []runs.Labeled {
	labeled, err := b.opt.Source.ExperimentRuns(b.ctx, name)
	if err != nil {
		return nil
	}
	var done []runs.Labeled
	for _, r := range labeled {
		if r.Status == "" || r.Status == runs.StatusDone {
			done = append(done, r)
		}
	}
	return done
}

// subset returns the subset label of an experiment's data set, or "".
func (b *builder) subset(exp string) string {
	if d, ok := b.defs[exp]; ok {
		return b.opt.Data[d.Data].Subset
	}
	return ""
}

// labelOrder is the order of the definition's algorithm columns.
func labelOrder(d experiments.Definition) []string {
	var ls []string
	for _, a := range d.Algorithms {
		ls = append(ls, a.Label)
	}
	return ls
}

// dataNotice prefixes a data set's unavailability reason once.
func dataNotice(reason string) string {
	if strings.HasPrefix(reason, "data not available") {
		return reason
	}
	return "data not available: " + reason
}

// resolve names the experiment that feeds a report item: the definition
// whose Items lists the panel's own ID ("fig16c"), else its figure's
// ("fig16"); "" when none does. The link is declared once, in the
// definitions. Definitions are searched by name, so the choice is
// deterministic.
func (b *builder) resolve(id string) string {
	names := make([]string, 0, len(b.defs))
	for n := range b.defs {
		names = append(names, n)
	}
	sort.Strings(names)
	parent := strings.TrimRight(id, "abcdefgh")
	if parent == id || !strings.ContainsAny(parent[len(parent)-1:], "0123456789") {
		parent = ""
	}
	for _, want := range []string{id, parent} {
		if want == "" {
			continue
		}
		for _, n := range names {
			if slices.Contains(b.defs[n].Items, want) {
				return n
			}
		}
	}
	return ""
}

// fillReductions records, for every panel of the report, how the runs
// behind it fall short of the paper's settings (panelReductions).
func (b *builder) fillReductions() {
	for _, it := range b.items {
		for _, ps := range it.Panels {
			b.an.Reductions[ps.ID] = b.panelReductions(ps.ID)
		}
	}
}

// panelReductions says how the runs behind a figure panel fall short of
// the paper's settings under this profile (see reductions); a panel that
// reads a sweep's dependent study reads that study's experiment.
func (b *builder) panelReductions(panelID string) string {
	for _, it := range b.items {
		for _, ps := range it.Panels {
			if ps.ID != panelID {
				continue
			}
			d, ok := b.defs[b.resolve(ps.ID)]
			if !ok {
				return ""
			}
			return b.reductions(d, 0, true)
		}
	}
	return ""
}
