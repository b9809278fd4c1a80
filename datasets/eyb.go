package datasets

import (
	"fmt"
	"math"
	"os"
	"slices"
)

// Extended Yale B, Deng Cai's 32×32 version (Section 6.2).
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

// eybRaw is the file as stored: pixels sample-major and labels 1..38.
type eybRaw struct {
	Pixels [][]float64 // Pixels[i] is image i, column-major 32×32
	Labels []int
}

func parseEYBMAT(b []byte) (*eybRaw, error) {
	vars, err := readMAT(b)
	if err != nil {
		return nil, err
	}
	var fea, gnd *matVar
	for i := range vars {
		switch vars[i].Name {
		case "fea":
			fea = &vars[i]
		case "gnd":
			gnd = &vars[i]
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
	return raw, nil
}

func readEYB(path string) (*eybRaw, error) {
	v, err := memoized("eyb", path, func() (any, error) {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		raw, err := parseEYBMAT(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return raw, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*eybRaw), nil
}

func loadEYB(path string, seed uint64) (*Dataset, error) {
	raw, err := readEYB(path)
	if err != nil {
		return nil, err
	}
	// The per-image z-score does not depend on the seed: compute it once.
	v, _ := memoized("eyb-z", path, func() (any, error) { return eybInputs(raw), nil })
	return splitEYB(raw, v.(*eybPrepared), seed), nil
}

// eybPrepared holds z-scored images and one-hot targets, sample-major.
type eybPrepared struct{ rows, ys [][]float64 }

// eybInputs z-scores each image on its own and one-hot codes its label.
func eybInputs(raw *eybRaw) *eybPrepared {
	p := &eybPrepared{rows: make([][]float64, len(raw.Pixels)), ys: make([][]float64, len(raw.Pixels))}
	for i, img := range raw.Pixels {
		mu, sd := meanStd(img)
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
	subjects := 0
	for l := 1; l <= eybClasses; l++ {
		idx := bySubject[l]
		if len(idx) == 0 {
			continue
		}
		subjects++
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
		Name:   "eyb",
		Task:   ClassifyArgmax,
		Train:  gather(train, prep.rows, prep.ys),
		Test:   gather(test, prep.rows, prep.ys),
		Counts: fmt.Sprintf("%d images, %d subjects → %d train / %d test", len(raw.Pixels), subjects, len(train), len(test)),
	}
}
