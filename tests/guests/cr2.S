/*
 * 64-bit: OUT the guest's CR2 as two dwords (low, high) to port 0x1240,
 * then write CR2 = 0x123456789000 and HLT.
 */
	.code64
	.text
	.globl _start
_start:
	mov %cr2, %rax
	mov $0x1240, %dx
	out %eax, %dx
	shr $32, %rax
	out %eax, %dx
	movabs $0x123456789000, %rax
	mov %rax, %cr2
	hlt
