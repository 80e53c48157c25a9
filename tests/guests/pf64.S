/*
 * 64-bit, #PF (tests/guests/driver/tests_exception.c): write a byte to GVA
 * 0x40001234, which the identity tables (first GiB only) leave
 * non-present.  The faulting MOV is at 0x100a.
 */
	.code64
	.text
	.globl _start
_start:
	movabs $0x40001234, %rax	/* 0x1000: 48 b8 ... (10 bytes) */
	movb $0x5a, (%rax)		/* 0x100a: c6 00 5a */
	hlt
