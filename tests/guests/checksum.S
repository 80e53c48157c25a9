/*
 * 32-bit protected mode: FNV-1a (32-bit) over ECX bytes at ESI (both set
 * by the driver), result OUT (32-bit) to port 0x1240, then HLT.
 */
	.code32
	.text
	.globl _start
_start:
	mov $0x811c9dc5, %eax
1:	movzbl (%esi), %ebx
	xor %ebx, %eax
	imul $0x01000193, %eax, %eax
	inc %esi
	dec %ecx
	jnz 1b
	mov $0x1240, %dx
	out %eax, %dx
	hlt
