//go:build amd64 && !purego

package kernels

import "golang.org/x/sys/cpu"

// VectorKernels says whether the AVX2 kernels may run: they need AVX2 and
// FMA (and an OS that saves the YMM registers, which cpu.X86.HasAVX2
// implies). It is a variable so that tests can compare both paths.
var VectorKernels = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// sigmoidBlocks sets dst[i] = sigmoidPoly(src[i]) four elements at a time
// over the first len(src)&^3 elements, and stops before the first block of
// four that holds an input outside the fast range (|u| ≥ sigmoidFastLimit
// or NaN). It returns the number of elements done, a multiple of 4.
// len(dst) ≥ len(src).
//
//go:noescape
func sigmoidBlocks(dst, src []float64, k *sigmoidConstTable) int

// reluBiasBlocks does ReLUBiasInto's work on the first len(z)&^3 elements
// and returns their number.
//
//go:noescape
func reluBiasBlocks(z []float64, b float64) int

// reluMaskBlocks does ReLUMaskInto's work on the first len(d)&^3 elements
// and returns their number. len(a) ≥ len(d).
//
//go:noescape
func reluMaskBlocks(d, a []float64) int
