package datasets

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/admmlab/admmlab/solvers"
)

// Extended Yale B, 32×32 (Section 6.2). Two files: the 2432-image one (38
// subjects × 64, the paper's count; it has a variable isbad marking Yale's
// 18 corrupted, nearly black shots) and, when it is absent, Deng Cai's
// 2414-image file (the same images without the 18). The variant says what
// happens to the 18: EYBKeepCorrupted (the paper's 2432) or EYBDropCorrupted
// (2414, the same rows as Cai's file).
//
// Preprocessing, as the paper's text says:
//   - per subject, the images are split at random (from the seed) into two
//     halves, one for training and one for testing. A subject with an odd
//     number of images gives its extra image to training and test in turn:
//     the first odd subject (in label order) to training, the next to test,
//     and so on, so that the totals stay as even as they can be (with the
//     2414-image file: 1207 / 1207);
//   - each image is z-scored on its own (its 1024 pixels' mean and
//     population standard deviation);
//   - labels 1..38 become one-hot targets over 38 classes (ClassifyArgmax).

const (
	eybPixels  = 1024
	eybClasses = 38
)

// The EYB variants (Options.Variant): what happens to the 18 corrupted
// shots, optionally followed by "+" and a pixel scaling other than the
// paper's per-image z-score: "+feature-z" (each pixel z-scored with the
// training split's mean and standard deviation) or "+unit" (pixels / 255).
const (
	EYBKeepCorrupted = "keep-corrupted"
	EYBDropCorrupted = "drop-corrupted"
)

// eybVariants lists every EYB variant, the default first.
var eybVariants = []string{
	EYBKeepCorrupted, EYBDropCorrupted,
	EYBKeepCorrupted + "+feature-z", EYBKeepCorrupted + "+unit",
	EYBDropCorrupted + "+feature-z", EYBDropCorrupted + "+unit",
}

// eybRaw is the file as stored: pixels sample-major and labels 1..38.
type eybRaw struct {
	Pixels [][]float64 // Pixels[i] is image i, column-major 32×32
	Labels []int
	Bad    []bool // Yale's corrupted shots; nil when the file has no isbad
}

func parseEYBMAT(b []byte) (*eybRaw, error) {
	vars, err := readMAT(b)
	if err != nil {
		return nil, err
	}
	var fea, gnd, isbad *matVar
	for i := range vars {
		switch vars[i].Name {
		case "fea":
			fea = &vars[i]
		case "gnd":
			gnd = &vars[i]
		case "isbad":
			isbad = &vars[i]
		}
	}
	if fea == nil || gnd == nil {
		return nil, fmt.Errorf("MAT-file: need variables fea and gnd, found %d variables", len(vars))
	}
	if fea.Cols != eybPixels {
		return nil, fmt.Errorf("MAT-file: fea is %dx%d, want n×%d", fea.Rows, fea.Cols, eybPixels)
	}
	n := fea.Rows
	if gnd.Rows*gnd.Cols != n || (gnd.Rows != 1 && gnd.Cols != 1) {
		return nil, fmt.Errorf("MAT-file: gnd is %dx%d, want %dx1 to match fea", gnd.Rows, gnd.Cols, n)
	}
	raw := &eybRaw{Pixels: make([][]float64, n), Labels: make([]int, n)}
	for i := 0; i < n; i++ {
		img := make([]float64, eybPixels)
		for k := range img {
			img[k] = fea.Data[k*n+i] // fea is column-major: element (i,k)
		}
		raw.Pixels[i] = img
		l := gnd.Data[i]
		if l != math.Trunc(l) || l < 1 || l > eybClasses {
			return nil, fmt.Errorf("MAT-file: gnd(%d) = %v, want an integer label in 1..%d", i+1, l, eybClasses)
		}
		raw.Labels[i] = int(l)
	}
	if isbad != nil {
		if isbad.Rows*isbad.Cols != n || (isbad.Rows != 1 && isbad.Cols != 1) {
			return nil, fmt.Errorf("MAT-file: isbad is %dx%d, want %dx1 to match fea", isbad.Rows, isbad.Cols, n)
		}
		raw.Bad = make([]bool, n)
		for i, v := range isbad.Data[:n] {
			if v != 0 && v != 1 {
				return nil, fmt.Errorf("MAT-file: isbad(%d) = %v, want 0 or 1", i+1, v)
			}
			raw.Bad[i] = v == 1
		}
	}
	return raw, nil
}

func readEYB(path string) (*eybRaw, error) {
	return readOnce("eyb", path, parseEYBMAT)
}

func loadEYB(path string, seed uint64, variant string) (*Dataset, error) {
	raw, err := readEYB(path)
	if err != nil {
		return nil, err
	}
	if variant == "" {
		variant = EYBKeepCorrupted
	}
	corrupted, pixels, _ := strings.Cut(variant, "+")
	note := fmt.Sprintf("Cai's file, without Yale's 18 corrupted shots (variant %s has none to keep)", variant)
	if raw.Bad != nil {
		bad := 0
		for _, b := range raw.Bad {
			if b {
				bad++
			}
		}
		note = fmt.Sprintf("%d of them Yale's corrupted shots, kept (variant %s)", bad, variant)
		if corrupted == EYBDropCorrupted {
			note = fmt.Sprintf("Yale's %d corrupted shots dropped from %d (variant %s)", bad, len(raw.Labels), variant)
			v, _ := memoized("eyb-drop", path, func() (any, error) { return raw.drop(), nil })
			raw = v.(*eybRaw)
		}
	}
	// The per-image scaling does not depend on the seed: compute it once.
	v, _ := memoized("eyb-in-"+variant, path, func() (any, error) { return eybInputs(raw, pixels), nil })
	ds := splitEYB(raw, v.(*eybPrepared), seed)
	switch pixels {
	case "feature-z":
		zscoreFeatures(&ds.Train, &ds.Test)
		note += "; pixels z-scored per feature (training statistics)"
	case "unit":
		note += "; pixels / 255"
	}
	ds.Counts += "; " + note
	return ds, nil
}

// drop returns the images that are not marked bad.
func (r *eybRaw) drop() *eybRaw {
	out := &eybRaw{}
	for i, b := range r.Bad {
		if !b {
			out.Pixels = append(out.Pixels, r.Pixels[i])
			out.Labels = append(out.Labels, r.Labels[i])
		}
	}
	return out
}

// eybPrepared holds z-scored images and one-hot targets, sample-major.
type eybPrepared struct{ rows, ys [][]float64 }

// eybInputs z-scores each image on its own (pixels "", the paper's), or
// scales it to [0,1] ("unit"), or leaves it raw for a per-feature z-score
// after the split ("feature-z"), and one-hot codes its label.
func eybInputs(raw *eybRaw, pixels string) *eybPrepared {
	p := &eybPrepared{rows: make([][]float64, len(raw.Pixels)), ys: make([][]float64, len(raw.Pixels))}
	for i, img := range raw.Pixels {
		mu, sd := meanStd(img)
		switch pixels {
		case "unit":
			mu, sd = 0, 255
		case "feature-z":
			mu, sd = 0, 1
		}
		z := make([]float64, len(img))
		for k, v := range img {
			z[k] = (v - mu) / sd
		}
		p.rows[i] = z
		y := make([]float64, eybClasses)
		y[raw.Labels[i]-1] = 1
		p.ys[i] = y
	}
	return p
}

// splitEYB draws the per-subject halves.
func splitEYB(raw *eybRaw, prep *eybPrepared, seed uint64) *Dataset {
	bySubject := make([][]int, eybClasses+1)
	for i, l := range raw.Labels {
		bySubject[l] = append(bySubject[l], i)
	}
	rng := newRNG(seed, streamSplit)
	var train, test []int
	extraToTrain := true
	subjects, each := 0, -1 // each: images per subject when all agree, else 0
	for l := 1; l <= eybClasses; l++ {
		idx := bySubject[l]
		if len(idx) == 0 {
			continue
		}
		subjects++
		switch each {
		case -1:
			each = len(idx)
		case len(idx):
		default:
			each = 0
		}
		half := len(idx) / 2
		if len(idx)%2 == 1 {
			if extraToTrain {
				half++
			}
			extraToTrain = !extraToTrain
		}
		perm := rng.Perm(len(idx))
		for k, p := range perm {
			if k < half {
				train = append(train, idx[p])
			} else {
				test = append(test, idx[p])
			}
		}
	}
	slices.Sort(train)
	slices.Sort(test)
	return &Dataset{
		Name:   EYB,
		Task:   solvers.ClassifyArgmax,
		Train:  gather(train, prep.rows, prep.ys),
		Test:   gather(test, prep.rows, prep.ys),
		Counts: fmt.Sprintf("%d images, %s → %d train / %d test", len(raw.Pixels), perSubject(subjects, each), len(train), len(test)),
	}
}

// perSubject writes "38 subjects × 64" when every subject has each images,
// else "38 subjects".
func perSubject(subjects, each int) string {
	if each > 0 {
		return fmt.Sprintf("%d subjects × %d", subjects, each)
	}
	return fmt.Sprintf("%d subjects", subjects)
}
