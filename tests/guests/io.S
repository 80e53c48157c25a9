/* Real mode: OUT byte, IN word (value from the manager), OUT it back, HLT. */
	.code16
	.text
	.globl _start
_start:
	mov $0x1234, %dx
	mov $0x5a, %al
	out %al, %dx
	mov $0x1235, %dx
	in %dx, %ax
	mov $0x1236, %dx
	out %ax, %dx
	hlt
