/*
 * Real mode, one entry point per memory test (the driver sets IP):
 *   0x1000 read the byte at GPA 0x20000 (DS = 0x2000), OUT it to 0x1240, HLT
 *   0x1020 write 0x77 to GPA 0x20000, HLT
 *   0x1040 read GPA 0x20000, OUT it to 0x1240, write 0x77 there, HLT
 *   0x1060 far jump to 0x2000:0000 (GPA 0x20000)
 * The faulting instructions are at fixed addresses: 0x1005 (read),
 * 0x1025 (write), 0x104c (write after the read, whose OUT is at 0x104b).
 */
	.code16
	.text
	.globl _start
_start:
	mov $0x2000, %ax
	mov %ax, %ds
	mov 0, %al		/* 0x1005: a0 00 00 */
	mov $0x1240, %dx
	out %al, %dx
	hlt

	.org 0x20
	mov $0x2000, %ax
	mov %ax, %ds
	movb $0x77, 0		/* 0x1025: c6 06 00 00 77 */
	hlt

	.org 0x40
	mov $0x2000, %ax
	mov %ax, %ds
	mov 0, %al		/* 0x1045 */
	mov $0x1240, %dx
	out %al, %dx
	movb $0x77, 0		/* 0x104c */
	hlt

	.org 0x60
	ljmp $0x2000, $0	/* 0x1060 */
