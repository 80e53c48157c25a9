/*
 * Real mode (tests/guests/driver/tests_unmap.c): read the byte at GPA
 * 0x20000 and OUT it (8-bit) to port 0x1240, write 0x5a there, read it back
 * and OUT it, HLT.  The write is at 0x100c.
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
	movb $0x5a, 0		/* 0x100c: c6 06 00 00 5a */
	mov 0, %al		/* 0x1011: a0 00 00 */
	out %al, %dx		/* 0x1014 */
	hlt			/* 0x1015 */
