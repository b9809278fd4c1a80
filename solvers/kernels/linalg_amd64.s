//go:build amd64 && !purego

#include "textflag.h"

// func axpyFMABlocks(alpha float64, x, y []float64) int
//
// y[i] = fma(alpha, x[i], y[i]) over the first len(y)&^3 elements, eight
// at a time, then four; returns their number. Each element is one FMA, as
// axpyFMA computes it. len(x) ≥ len(y).
TEXT ·axpyFMABlocks(SB), NOSPLIT, $0-64
	VBROADCASTSD alpha+0(FP), Y0
	MOVQ         x_base+8(FP), SI
	MOVQ         y_base+32(FP), DI
	MOVQ         y_len+40(FP), CX
	ANDQ         $-4, CX
	MOVQ         CX, DX
	ANDQ         $-8, DX
	XORQ         AX, AX

aloop8:
	CMPQ        AX, DX
	JGE         aloop4
	VMOVUPD     (DI)(AX*8), Y1
	VMOVUPD     32(DI)(AX*8), Y2
	VFMADD231PD (SI)(AX*8), Y0, Y1
	VFMADD231PD 32(SI)(AX*8), Y0, Y2
	VMOVUPD     Y1, (DI)(AX*8)
	VMOVUPD     Y2, 32(DI)(AX*8)
	ADDQ        $8, AX
	JMP         aloop8

aloop4:
	CMPQ        AX, CX
	JGE         adone
	VMOVUPD     (DI)(AX*8), Y1
	VFMADD231PD (SI)(AX*8), Y0, Y1
	VMOVUPD     Y1, (DI)(AX*8)
	ADDQ        $4, AX

adone:
	VZEROUPPER
	MOVQ AX, ret+56(FP)
	RET

// func divBlocks(a []float64, d float64) int
//
// a[i] /= d over the first len(a)&^3 elements; returns their number.
TEXT ·divBlocks(SB), NOSPLIT, $0-40
	MOVQ         a_base+0(FP), DI
	MOVQ         a_len+8(FP), CX
	ANDQ         $-4, CX
	VBROADCASTSD d+24(FP), Y0
	XORQ         AX, AX

dloop:
	CMPQ    AX, CX
	JGE     ddone
	VMOVUPD (DI)(AX*8), Y1
	VDIVPD  Y0, Y1, Y1
	VMOVUPD Y1, (DI)(AX*8)
	ADDQ    $4, AX
	JMP     dloop

ddone:
	VZEROUPPER
	MOVQ AX, ret+32(FP)
	RET
