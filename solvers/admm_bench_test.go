package solvers

import (
	"testing"
)

// BenchmarkADMMIteration times one ADMM iteration (Algorithm 1, no
// statistics) on the square task: n = 1000, depth 2, width 100, the fixture
// square-L2-w100's data and initial weights. The state is reused across
// iterations, as TrainADMM does.
func BenchmarkADMMIteration(b *testing.B) {
	f := loadFixture(b, "square-L2-w100")
	st, err := newADMMState(f.init.Clone(), Problem{X: f.x, Y: f.y}, ADMMConfig{Lambda: 1e-6})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := st.step(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkADMMIterationStats adds the per-epoch statistics (a forward pass,
// (6), the KKT residuals) that TrainADMM computes when it has an observer.
func BenchmarkADMMIterationStats(b *testing.B) {
	f := loadFixture(b, "square-L2-w100")
	net := f.init.Clone()
	p := Problem{X: f.x, Y: f.y}
	st, err := newADMMState(net, p, ADMMConfig{Lambda: 1e-6})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := st.step(); err != nil {
			b.Fatal(err)
		}
		st.writeBack(net)
		if _, err := st.stats(p); err != nil {
			b.Fatal(err)
		}
	}
}
