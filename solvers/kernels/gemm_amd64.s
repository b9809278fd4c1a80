//go:build amd64 && !purego

#include "textflag.h"

// func transposeBlocks(dst *float64, ldd int, src *float64, lds int, rows, cols int)
//
// dst[j][i] = src[i][j] for i < rows, j < cols (multiples of 4), by 4×4
// blocks: unpack pairs of rows, then swap 128-bit halves.
TEXT ·transposeBlocks(SB), NOSPLIT, $0-48
	MOVQ dst+0(FP), DI
	MOVQ ldd+8(FP), R8
	SHLQ $3, R8
	MOVQ src+16(FP), SI
	MOVQ lds+24(FP), R9
	SHLQ $3, R9
	MOVQ rows+32(FP), R10
	MOVQ cols+40(FP), R11
	XORQ AX, AX

tiloop:
	CMPQ AX, R10
	JGE  tdone
	MOVQ AX, R12
	IMULQ R9, R12
	ADDQ SI, R12          // &src[i][0]
	LEAQ (DI)(AX*8), R13  // &dst[0][i]
	XORQ BX, BX

tjloop:
	CMPQ       BX, R11
	JGE        tjdone
	LEAQ       (R12)(BX*8), R14
	VMOVUPD    (R14), Y0
	ADDQ       R9, R14
	VMOVUPD    (R14), Y1
	ADDQ       R9, R14
	VMOVUPD    (R14), Y2
	ADDQ       R9, R14
	VMOVUPD    (R14), Y3
	VUNPCKLPD  Y1, Y0, Y4
	VUNPCKHPD  Y1, Y0, Y5
	VUNPCKLPD  Y3, Y2, Y6
	VUNPCKHPD  Y3, Y2, Y7
	VPERM2F128 $0x20, Y6, Y4, Y0
	VPERM2F128 $0x20, Y7, Y5, Y1
	VPERM2F128 $0x31, Y6, Y4, Y2
	VPERM2F128 $0x31, Y7, Y5, Y3
	MOVQ       BX, CX
	IMULQ      R8, CX
	ADDQ       R13, CX        // &dst[j][i]
	VMOVUPD    Y0, (CX)
	ADDQ       R8, CX
	VMOVUPD    Y1, (CX)
	ADDQ       R8, CX
	VMOVUPD    Y2, (CX)
	ADDQ       R8, CX
	VMOVUPD    Y3, (CX)
	ADDQ       $4, BX
	JMP        tjloop

tjdone:
	ADDQ $4, AX
	JMP  tiloop

tdone:
	VZEROUPPER
	RET

// func sgdStepBlocks(p, g []float64, lr float64) int
//
// p −= lr·g, the product rounded before the subtraction (no FMA).
TEXT ·sgdStepBlocks(SB), NOSPLIT, $0-64
	MOVQ         p_base+0(FP), DI
	MOVQ         p_len+8(FP), CX
	MOVQ         g_base+24(FP), SI
	ANDQ         $-4, CX
	VBROADCASTSD lr+48(FP), Y1
	XORQ         AX, AX

sloop:
	CMPQ    AX, CX
	JGE     sdone
	VMULPD  (SI)(AX*8), Y1, Y0
	VMOVUPD (DI)(AX*8), Y2
	VSUBPD  Y0, Y2, Y2
	VMOVUPD Y2, (DI)(AX*8)
	ADDQ    $4, AX
	JMP     sloop

sdone:
	VZEROUPPER
	MOVQ AX, ret+56(FP)
	RET
