/* 64-bit: read the dword at GVA 0x40000000, OUT it (32-bit) to port 0x1240, HLT. */
	.code64
	.text
	.globl _start
_start:
	mov 0x40000000, %eax
	mov $0x1240, %dx
	out %eax, %dx
	hlt
