/*
 * Real mode, exceptions (tests/guests/driver/tests_exception.c), one entry
 * point per test (the driver sets IP); the driver points IVT entries 6 and
 * 3 at the handlers:
 *   0x1000  DX = 0x1240, UD2 at 0x1003, HLT
 *   0x1080  DX = 0x1240, INT3 at 0x1083, HLT
 *   0x1100  #UD handler: OUT 0x66 (8-bit) to DX, HLT
 *   0x1180  #BP handler: OUT 0x33 (8-bit) to DX, HLT
 */
	.code16
	.text
	.globl _start
_start:
	mov $0x1240, %dx	/* 0x1000: ba 40 12 */
	ud2			/* 0x1003: 0f 0b */
	hlt

	.org 0x80
	mov $0x1240, %dx	/* 0x1080 */
	int3			/* 0x1083: cc */
	hlt

	.org 0x100
ud_handler:
	mov $0x66, %al		/* 0x1100 */
	out %al, %dx
	hlt

	.org 0x180
bp_handler:
	mov $0x33, %al		/* 0x1180 */
	out %al, %dx
	hlt
