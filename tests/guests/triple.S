/* Real mode: load an IDT with limit 0, then INT3: #GP, #DF, triple fault. */
	.code16
	.text
	.globl _start
_start:
	lidt idt0
	int3
	hlt
idt0:
	.word 0
	.long 0
