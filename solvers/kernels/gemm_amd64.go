//go:build amd64 && !purego

package kernels

import "golang.org/x/sys/cpu"

//go:generate go run ../internal/genpanels -o gemm_panels_amd64.s

// gemmPanel sets nblocks blocks of 6 × 8 results (its code is generated
// into gemm_panels_amd64.s): block t is rows of op(A) starting at
// byte offset t·ablock from a times the k × 8 panel of B at b (row stride
// ldb elements), and its first mr rows (mr ≤ 6) are stored at
// byte offset t·cblock from c (row stride ldc elements). Row r of a block
// starts rows[r] bytes after the block start and advances astep bytes per k;
// rows past mr must point at real data (Gemm clamps them onto the last row)
// and are computed but not stored. k ≥ 1, nblocks ≥ 1.
//
//go:noescape
func gemmPanel(k int, a *float64, rows *[gemmMR]int, astep, ablock int, b *float64, ldb int, c *float64, ldc, cblock, nblocks, mr int)

// gemmPanel4 is gemmPanel for a panel 4 columns wide.
//
//go:noescape
func gemmPanel4(k int, a *float64, rows *[gemmMR]int, astep, ablock int, b *float64, ldb int, c *float64, ldc, cblock, nblocks, mr int)

// gemmPanel16 is gemmPanel for a panel 16 columns wide, in AVX-512; it
// runs only where vector512 holds.
//
//go:noescape
func gemmPanel16(k int, a *float64, rows *[gemmMR]int, astep, ablock int, b *float64, ldb int, c *float64, ldc, cblock, nblocks, mr int)

// vector512 says whether gemmPanel16 may run: the AVX2 kernels may, and the
// CPU has AVX-512F (cpu.X86.HasAVX512F includes the OS saving the ZMM
// registers). Its results are bit-identical to gemmPanel's: every element is
// the same FMA chain, only more of them per instruction.
var vector512 = VectorKernels && cpu.X86.HasAVX512F

// setVector512 lets tests switch the AVX-512 panels off and on.
func setVector512(on bool) { vector512 = on && VectorKernels && cpu.X86.HasAVX512F }

// transposeBlocks sets dst[j][i] = src[i][j] (row strides ldd and lds
// elements) for i < rows and j < cols, both multiples of 4.
//
//go:noescape
func transposeBlocks(dst *float64, ldd int, src *float64, lds int, rows, cols int)

// sgdStepBlocks does SGDStep's work on the first len(p)&^3 elements and
// returns their number. len(g) ≥ len(p).
//
//go:noescape
func sgdStepBlocks(p, g []float64, lr float64) int
