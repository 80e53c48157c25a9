/*
 * Real mode (tests/guests/driver/tests_unmap.c, unmap_running): spin
 * reading the byte at GPA 0x20000 while it is 0xa1, no exits in the loop;
 * then OUT the byte seen (8-bit) to port 0x1240 and HLT.  The read is at
 * 0x1008.
 */
	.code16
	.text
	.globl _start
_start:
	mov $0x2000, %ax	/* 0x1000 */
	mov %ax, %ds		/* 0x1003 */
	mov $0x1240, %dx	/* 0x1005 */
1:	mov 0, %al		/* 0x1008: a0 00 00 */
	cmp $0xa1, %al
	je 1b
	out %al, %dx
	hlt
