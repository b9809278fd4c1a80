//go:build amd64 && !purego

#include "textflag.h"

// func sigmoidBlocks(dst, src []float64, k *sigmoidConstTable) int
//
// The vector twin of sigmoidPoly (elementwise.go), operation for operation.
// Offsets into k (32 bytes per constant): 0x000 sign mask, 0x020 fast limit,
// 0x040 log₂e, 0x060 shift, 0x080 −ln2hi, 0x0a0 −ln2lo, 0x0c0 1.0,
// 0x0e0 int64 1023, 0x100 + 0x20·(13−j) for 1/j!, j = 13…2.
TEXT ·sigmoidBlocks(SB), NOSPLIT, $0-64
	MOVQ dst_base+0(FP), DI
	MOVQ src_base+24(FP), SI
	MOVQ src_len+32(FP), CX
	MOVQ k+48(FP), R8
	ANDQ $-4, CX
	XORQ AX, AX
	VMOVUPD 0x000(R8), Y8  // sign mask
	VMOVUPD 0x020(R8), Y9  // fast limit
	VMOVUPD 0x040(R8), Y10 // log₂e
	VMOVUPD 0x060(R8), Y11 // shift
	VMOVUPD 0x0c0(R8), Y12 // 1.0
	VMOVUPD 0x0e0(R8), Y13 // 1023

loop:
	CMPQ AX, CX
	JGE  done
	VMOVUPD (SI)(AX*8), Y0

	// Stop before a block with |u| ≥ limit or NaN (LT_OQ is false for NaN).
	VANDNPD   Y0, Y8, Y1
	VCMPPD    $0x11, Y9, Y1, Y2
	VMOVMSKPD Y2, DX
	CMPQ      DX, $15
	JNE       done

	VXORPD Y8, Y0, Y0 // x = −u

	// kd = fma(x, log₂e, shift); Y3 keeps its bits (k in the low bits).
	VMOVAPD     Y10, Y3
	VFMADD213PD Y11, Y0, Y3
	VSUBPD      Y11, Y3, Y4 // kd −= shift

	// r = fma(kd, −ln2hi, x); r = fma(kd, −ln2lo, r)
	VFMADD231PD 0x080(R8), Y4, Y0
	VFMADD231PD 0x0a0(R8), Y4, Y0

	// p = 1/13!; p = fma(p, r, 1/j!) for j = 12…0.
	VMOVUPD     0x100(R8), Y5
	VFMADD213PD 0x120(R8), Y0, Y5
	VFMADD213PD 0x140(R8), Y0, Y5
	VFMADD213PD 0x160(R8), Y0, Y5
	VFMADD213PD 0x180(R8), Y0, Y5
	VFMADD213PD 0x1a0(R8), Y0, Y5
	VFMADD213PD 0x1c0(R8), Y0, Y5
	VFMADD213PD 0x1e0(R8), Y0, Y5
	VFMADD213PD 0x200(R8), Y0, Y5
	VFMADD213PD 0x220(R8), Y0, Y5
	VFMADD213PD 0x240(R8), Y0, Y5
	VFMADD213PD 0x260(R8), Y0, Y5
	VFMADD213PD Y12, Y0, Y5 // 1/1!
	VFMADD213PD Y12, Y0, Y5 // 1/0!

	// scale = 2^k from the bits (ki + 1023) << 52.
	VPADDQ Y13, Y3, Y3
	VPSLLQ $52, Y3, Y3

	// σ = 1 / (1 + p·scale)
	VMULPD Y3, Y5, Y5
	VADDPD Y12, Y5, Y5
	VDIVPD Y5, Y12, Y6
	VMOVUPD Y6, (DI)(AX*8)
	ADDQ $4, AX
	JMP  loop

done:
	VZEROUPPER
	MOVQ AX, ret+56(FP)
	RET

// func reluBiasBlocks(z []float64, b float64) int
//
// z = max(z + b, 0) with Go's max: VMAXPD(0, t) returns t when t is NaN or
// ±0, and adding +0 then turns −0 into +0.
TEXT ·reluBiasBlocks(SB), NOSPLIT, $0-40
	MOVQ         z_base+0(FP), DI
	MOVQ         z_len+8(FP), CX
	ANDQ         $-4, CX
	VBROADCASTSD b+24(FP), Y1
	VXORPD       Y2, Y2, Y2
	XORQ         AX, AX

rbloop:
	CMPQ    AX, CX
	JGE     rbdone
	VADDPD  (DI)(AX*8), Y1, Y0
	VMAXPD  Y0, Y2, Y0
	VADDPD  Y2, Y0, Y0
	VMOVUPD Y0, (DI)(AX*8)
	ADDQ    $4, AX
	JMP     rbloop

rbdone:
	VZEROUPPER
	MOVQ AX, ret+32(FP)
	RET

// func reluMaskBlocks(d, a []float64) int
//
// d = d where a's bits, as an int64, are > 0, else +0.
TEXT ·reluMaskBlocks(SB), NOSPLIT, $0-56
	MOVQ  d_base+0(FP), DI
	MOVQ  d_len+8(FP), CX
	MOVQ  a_base+24(FP), SI
	ANDQ  $-4, CX
	VPXOR Y2, Y2, Y2
	XORQ  AX, AX

rmloop:
	CMPQ     AX, CX
	JGE      rmdone
	VMOVDQU  (SI)(AX*8), Y0
	VPCMPGTQ Y2, Y0, Y1
	VANDPD   (DI)(AX*8), Y1, Y1
	VMOVUPD  Y1, (DI)(AX*8)
	ADDQ     $4, AX
	JMP      rmloop

rmdone:
	VZEROUPPER
	MOVQ AX, ret+48(FP)
	RET
