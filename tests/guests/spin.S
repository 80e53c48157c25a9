/* Spins forever: only a cancel stops it. */
	.code16
	.text
	.globl _start
_start:
	jmp _start
