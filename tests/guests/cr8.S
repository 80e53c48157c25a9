/*
 * 64-bit: OUT the guest's CR8 (32-bit, port 0x1240), then write CR8 = 9
 * and HLT.
 */
	.code64
	.text
	.globl _start
_start:
	mov %cr8, %rax
	mov $0x1240, %dx
	out %eax, %dx
	mov $9, %eax
	mov %rax, %cr8
	hlt
