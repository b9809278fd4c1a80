//go:build amd64 && !purego

#include "textflag.h"

// func linGradBlocks(e, lam, s, v, res []float64, beta, inv float64, tanh, update bool) (n int, check, maxB float64)
//
// Four elements at a time, each with the operations of the Go loops in
// their order, every one rounded. With update, first updateMultipliers':
// res = s − v, lam = lam + β·res, and check accumulates (lam − lam) +
// (v − v), 0 for finite values and NaN from the first ±Inf or NaN on.
// Then linGrad's at lam (the updated one with update):
//	max(|v − lam·inv|), e = (lam + β·(s − v)) · (s·(1 − s))   (sigmoid)
//	                    e = (lam + β·(s − v)) · (1 − s·s)     (tanh)
// β·(s − v) is β·res, the same rounded product. The maximum of finite
// values does not depend on the order it is taken in. res is not touched
// without update.
TEXT ·linGradBlocks(SB), NOSPLIT, $0-168
	MOVQ         e_base+0(FP), R10
	MOVQ         lam_base+24(FP), R8
	MOVQ         s_base+48(FP), SI
	MOVQ         s_len+56(FP), CX
	MOVQ         v_base+72(FP), R9
	MOVQ         res_base+96(FP), DI
	VBROADCASTSD beta+120(FP), Y10
	VBROADCASTSD inv+128(FP), Y11
	MOVBLZX      tanh+136(FP), BX
	MOVBLZX      update+137(FP), DX
	MOVQ         $0x3FF0000000000000, AX
	MOVQ         AX, X12
	VBROADCASTSD X12, Y12                  // 1
	MOVQ         $0x7FFFFFFFFFFFFFFF, AX
	MOVQ         AX, X14
	VBROADCASTSD X14, Y14                  // |·| mask
	VXORPD       Y13, Y13, Y13             // running maximum
	VXORPD       Y15, Y15, Y15             // finiteness check
	ANDQ         $-4, CX
	XORQ         AX, AX

gloop:
	CMPQ    AX, CX
	JGE     gdone
	VMOVUPD (SI)(AX*8), Y0 // s
	VMOVUPD (R9)(AX*8), Y1 // v
	VMOVUPD (R8)(AX*8), Y2 // lam
	VSUBPD  Y1, Y0, Y3     // s − v
	VMULPD  Y10, Y3, Y4    // β·(s − v)
	TESTQ   DX, DX
	JZ      glin
	VMOVUPD Y3, (DI)(AX*8) // res
	VADDPD  Y4, Y2, Y2     // lam + β·res
	VMOVUPD Y2, (R8)(AX*8)
	VSUBPD  Y2, Y2, Y8
	VADDPD  Y8, Y15, Y15
	VSUBPD  Y1, Y1, Y8
	VADDPD  Y8, Y15, Y15

glin:
	VMULPD Y11, Y2, Y5 // lam·inv
	VSUBPD Y5, Y1, Y5  // v − lam·inv
	VANDPD Y14, Y5, Y5
	VMAXPD Y13, Y5, Y13
	VADDPD Y4, Y2, Y6  // lam + β·(s − v)
	TESTQ  BX, BX
	JNZ    gtanh
	VSUBPD Y0, Y12, Y7 // 1 − s
	VMULPD Y7, Y0, Y7  // s·(1 − s)
	JMP    gstore

gtanh:
	VMULPD Y0, Y0, Y7  // s·s
	VSUBPD Y7, Y12, Y7 // 1 − s·s

gstore:
	VMULPD  Y7, Y6, Y6
	VMOVUPD Y6, (R10)(AX*8)
	ADDQ    $4, AX
	JMP     gloop

gdone:
	VEXTRACTF128 $1, Y15, X0
	VADDPD       X0, X15, X0
	VPERMILPD    $1, X0, X1
	VADDSD       X1, X0, X0
	VEXTRACTF128 $1, Y13, X2
	VMAXPD       X2, X13, X2
	VPERMILPD    $1, X2, X3
	VMAXSD       X3, X2, X2
	VZEROUPPER
	MOVQ         AX, n+144(FP)
	MOVSD        X0, check+152(FP)
	MOVSD        X2, maxB+160(FP)
	RET

// func vRHSBlocks(r, lam, s []float64, beta float64, sub bool) int
//
// Four elements at a time, t = lam + β·s (each rounded), then r = r + t,
// or r = t − r when sub.
TEXT ·vRHSBlocks(SB), NOSPLIT, $0-96
	MOVQ         r_base+0(FP), DI
	MOVQ         r_len+8(FP), CX
	MOVQ         lam_base+24(FP), R8
	MOVQ         s_base+48(FP), SI
	VBROADCASTSD beta+72(FP), Y10
	MOVBLZX      sub+80(FP), BX
	ANDQ         $-4, CX
	XORQ         AX, AX

rloop:
	CMPQ    AX, CX
	JGE     rdone
	VMULPD  (SI)(AX*8), Y10, Y0 // β·s
	VADDPD  (R8)(AX*8), Y0, Y0  // lam + β·s
	VMOVUPD (DI)(AX*8), Y1
	TESTQ   BX, BX
	JNZ     rsub
	VADDPD  Y0, Y1, Y0          // r + t
	JMP     rstore

rsub:
	VSUBPD Y1, Y0, Y0 // t − r

rstore:
	VMOVUPD Y0, (DI)(AX*8)
	ADDQ    $4, AX
	JMP     rloop

rdone:
	VZEROUPPER
	MOVQ AX, ret+88(FP)
	RET

// func subDivBlocks(v, r []float64, d float64) int
//
// Four elements at a time, v = (r − v)/d.
TEXT ·subDivBlocks(SB), NOSPLIT, $0-64
	MOVQ         v_base+0(FP), DI
	MOVQ         v_len+8(FP), CX
	MOVQ         r_base+24(FP), SI
	VBROADCASTSD d+48(FP), Y10
	ANDQ         $-4, CX
	XORQ         AX, AX

sloop:
	CMPQ    AX, CX
	JGE     sdone
	VMOVUPD (SI)(AX*8), Y0
	VSUBPD  (DI)(AX*8), Y0, Y0 // r − v
	VDIVPD  Y10, Y0, Y0
	VMOVUPD Y0, (DI)(AX*8)
	ADDQ    $4, AX
	JMP     sloop

sdone:
	VZEROUPPER
	MOVQ AX, ret+56(FP)
	RET

// func shiftScaleSubBlocks(z, e []float64, nb, c float64) int
//
// Four elements at a time, z = c·(z + nb) − e, the product rounded before
// the subtraction.
TEXT ·shiftScaleSubBlocks(SB), NOSPLIT, $0-72
	MOVQ         z_base+0(FP), DI
	MOVQ         z_len+8(FP), CX
	MOVQ         e_base+24(FP), SI
	VBROADCASTSD nb+48(FP), Y10
	VBROADCASTSD c+56(FP), Y11
	ANDQ         $-4, CX
	XORQ         AX, AX

zloop:
	CMPQ    AX, CX
	JGE     zdone
	VADDPD  (DI)(AX*8), Y10, Y0 // z + nb
	VMULPD  Y11, Y0, Y0         // c·(z + nb)
	VSUBPD  (SI)(AX*8), Y0, Y0  // − e
	VMOVUPD Y0, (DI)(AX*8)
	ADDQ    $4, AX
	JMP     zloop

zdone:
	VZEROUPPER
	MOVQ AX, ret+64(FP)
	RET
