package datasets

// Shape is a data set's size without loading it: what a run's memory
// estimate needs before the run starts.
type Shape struct {
	Train, Test int // samples
	DIn, DOut   int // features, outputs
}

// ShapeOf returns the shape of the named data set; samples is a toy task's
// training size (0: its default). ok is false for an unknown name. The
// real data sets' sizes are those of the copies in SOURCES.md, which their
// loaders check.
func ShapeOf(name Name, samples int) (s Shape, ok bool) {
	if t, ok := toys[name]; ok {
		if samples <= 0 {
			samples = toySamples
		}
		test := samples // approximation: the test part is the training inputs again
		if t.learning {
			test = toyTestSamples
		}
		return Shape{Train: samples, Test: test, DIn: t.d, DOut: 1}, true
	}
	switch name {
	case Earthquake:
		return Shape{Train: eqTrain, Test: eqComplete - eqTrain, DIn: 6, DOut: 1}, true
	case EYB:
		// The 2432-image file with every shot kept, the largest variant: an
		// upper bound for memory estimates (2414 images give 1207/1207).
		return Shape{Train: 1216, Test: 1216, DIn: eybPixels, DOut: eybClasses}, true
	case PTB:
		return Shape{Train: ptbTrain, Test: ptbTotal - ptbTrain, DIn: ptbLen, DOut: 1}, true
	}
	return Shape{}, false
}
