/*
 * Real mode (tests/guests/driver/tests_unmap.c): read the byte at GPA
 * 0x20000 (DS = 0x2000), OUT it (8-bit) to port 0x1240, read it again, OUT
 * it again, HLT.  The second read is at 0x100c.
 */
	.code16
	.text
	.globl _start
_start:
	mov $0x2000, %ax	/* 0x1000 */
	mov %ax, %ds		/* 0x1003 */
	mov $0x1240, %dx	/* 0x1005 */
	mov 0, %al		/* 0x1008: a0 00 00 */
	out %al, %dx		/* 0x100b */
	mov 0, %al		/* 0x100c: a0 00 00 */
	out %al, %dx		/* 0x100f */
	hlt			/* 0x1010 */
