/* Real mode: HLT at 0x1000, then OUT 0x42 to port 0x1241 (at 0x1006), HLT at 0x1007. */
	.code16
	.text
	.globl _start
_start:
	hlt
	mov $0x1241, %dx
	mov $0x42, %al
	out %al, %dx
	hlt
