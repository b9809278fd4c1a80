//go:build amd64 && !purego

#include "textflag.h"

// func gemmPanel(k int, a *float64, rows *[6]int, astep, ablock int, b *float64, ldb int, c *float64, ldc, cblock, nblocks, mr int)
//
// nblocks blocks of 6 rows of op(A) times the k × 8 panel at b: block t
// reads A from a + t·ablock bytes and writes the first mr rows of the
// 6 × 8 result at c + t·cblock bytes. Accumulators Y4…Y15 hold a block (two
// YMM per row); per k, Y0/Y1 are row k of the panel and Y2/Y3 broadcast A's
// entries. Each accumulator lane is one FMA chain in k order from +0, as
// gemmGo computes. The frame holds the A and C block starts.
TEXT ·gemmPanel(SB), NOSPLIT, $16-96
	MOVQ rows+16(FP), AX
	MOVQ 8(AX), R11
	MOVQ 16(AX), R12
	MOVQ 24(AX), R13
	MOVQ 32(AX), R14
	MOVQ 40(AX), BX
	MOVQ astep+24(FP), R8
	MOVQ ldb+48(FP), R9
	SHLQ $3, R9
	MOVQ ldc+64(FP), R10
	SHLQ $3, R10
	MOVQ a+8(FP), SI
	MOVQ SI, 0(SP) // A block start
	MOVQ c+56(FP), DX
	MOVQ DX, 8(SP) // C block start
	MOVQ nblocks+80(FP), AX

gemmPanelblock:
	MOVQ k+0(FP), CX
	MOVQ 0(SP), SI
	MOVQ b+40(FP), DI
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	VXORPD Y8, Y8, Y8
	VXORPD Y9, Y9, Y9
	VXORPD Y10, Y10, Y10
	VXORPD Y11, Y11, Y11
	VXORPD Y12, Y12, Y12
	VXORPD Y13, Y13, Y13
	VXORPD Y14, Y14, Y14
	VXORPD Y15, Y15, Y15

gemmPanelloop:
	VMOVUPD (DI), Y0
	VMOVUPD 32(DI), Y1
	VBROADCASTSD (SI), Y2
	VFMADD231PD Y0, Y2, Y4
	VFMADD231PD Y1, Y2, Y5
	VBROADCASTSD (SI)(R11*1), Y3
	VFMADD231PD Y0, Y3, Y6
	VFMADD231PD Y1, Y3, Y7
	VBROADCASTSD (SI)(R12*1), Y2
	VFMADD231PD Y0, Y2, Y8
	VFMADD231PD Y1, Y2, Y9
	VBROADCASTSD (SI)(R13*1), Y3
	VFMADD231PD Y0, Y3, Y10
	VFMADD231PD Y1, Y3, Y11
	VBROADCASTSD (SI)(R14*1), Y2
	VFMADD231PD Y0, Y2, Y12
	VFMADD231PD Y1, Y2, Y13
	VBROADCASTSD (SI)(BX*1), Y3
	VFMADD231PD Y0, Y3, Y14
	VFMADD231PD Y1, Y3, Y15
	ADDQ R8, SI
	ADDQ R9, DI
	DECQ CX
	JNZ gemmPanelloop

	// Store the first mr rows.
	MOVQ mr+88(FP), CX
	MOVQ 8(SP), DX
	VMOVUPD Y4, (DX)
	VMOVUPD Y5, 32(DX)
	DECQ CX
	JZ gemmPanelnext
	ADDQ R10, DX
	VMOVUPD Y6, (DX)
	VMOVUPD Y7, 32(DX)
	DECQ CX
	JZ gemmPanelnext
	ADDQ R10, DX
	VMOVUPD Y8, (DX)
	VMOVUPD Y9, 32(DX)
	DECQ CX
	JZ gemmPanelnext
	ADDQ R10, DX
	VMOVUPD Y10, (DX)
	VMOVUPD Y11, 32(DX)
	DECQ CX
	JZ gemmPanelnext
	ADDQ R10, DX
	VMOVUPD Y12, (DX)
	VMOVUPD Y13, 32(DX)
	DECQ CX
	JZ gemmPanelnext
	ADDQ R10, DX
	VMOVUPD Y14, (DX)
	VMOVUPD Y15, 32(DX)

gemmPanelnext:
	MOVQ 0(SP), SI
	ADDQ ablock+32(FP), SI
	MOVQ SI, 0(SP)
	MOVQ 8(SP), DX
	ADDQ cblock+72(FP), DX
	MOVQ DX, 8(SP)
	DECQ AX
	JNZ gemmPanelblock
	VZEROUPPER
	RET

// func gemmPanel4(...): gemmPanel for a panel 4 columns wide (Y0 is row k
// of the panel; Y4, Y6, …, Y14 the accumulators).
TEXT ·gemmPanel4(SB), NOSPLIT, $16-96
	MOVQ rows+16(FP), AX
	MOVQ 8(AX), R11
	MOVQ 16(AX), R12
	MOVQ 24(AX), R13
	MOVQ 32(AX), R14
	MOVQ 40(AX), BX
	MOVQ astep+24(FP), R8
	MOVQ ldb+48(FP), R9
	SHLQ $3, R9
	MOVQ ldc+64(FP), R10
	SHLQ $3, R10
	MOVQ a+8(FP), SI
	MOVQ SI, 0(SP) // A block start
	MOVQ c+56(FP), DX
	MOVQ DX, 8(SP) // C block start
	MOVQ nblocks+80(FP), AX

gemmPanel4block:
	MOVQ k+0(FP), CX
	MOVQ 0(SP), SI
	MOVQ b+40(FP), DI
	VXORPD Y4, Y4, Y4
	VXORPD Y6, Y6, Y6
	VXORPD Y8, Y8, Y8
	VXORPD Y10, Y10, Y10
	VXORPD Y12, Y12, Y12
	VXORPD Y14, Y14, Y14

gemmPanel4loop:
	VMOVUPD (DI), Y0
	VBROADCASTSD (SI), Y2
	VFMADD231PD Y0, Y2, Y4
	VBROADCASTSD (SI)(R11*1), Y3
	VFMADD231PD Y0, Y3, Y6
	VBROADCASTSD (SI)(R12*1), Y2
	VFMADD231PD Y0, Y2, Y8
	VBROADCASTSD (SI)(R13*1), Y3
	VFMADD231PD Y0, Y3, Y10
	VBROADCASTSD (SI)(R14*1), Y2
	VFMADD231PD Y0, Y2, Y12
	VBROADCASTSD (SI)(BX*1), Y3
	VFMADD231PD Y0, Y3, Y14
	ADDQ R8, SI
	ADDQ R9, DI
	DECQ CX
	JNZ gemmPanel4loop

	// Store the first mr rows.
	MOVQ mr+88(FP), CX
	MOVQ 8(SP), DX
	VMOVUPD Y4, (DX)
	DECQ CX
	JZ gemmPanel4next
	ADDQ R10, DX
	VMOVUPD Y6, (DX)
	DECQ CX
	JZ gemmPanel4next
	ADDQ R10, DX
	VMOVUPD Y8, (DX)
	DECQ CX
	JZ gemmPanel4next
	ADDQ R10, DX
	VMOVUPD Y10, (DX)
	DECQ CX
	JZ gemmPanel4next
	ADDQ R10, DX
	VMOVUPD Y12, (DX)
	DECQ CX
	JZ gemmPanel4next
	ADDQ R10, DX
	VMOVUPD Y14, (DX)

gemmPanel4next:
	MOVQ 0(SP), SI
	ADDQ ablock+32(FP), SI
	MOVQ SI, 0(SP)
	MOVQ 8(SP), DX
	ADDQ cblock+72(FP), DX
	MOVQ DX, 8(SP)
	DECQ AX
	JNZ gemmPanel4block
	VZEROUPPER
	RET

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
