/*
 * Interrupt and exception entry.  Every vector pushes (error code or 0) and
 * its number, then isr_common saves the general registers and the x87/SSE
 * state (the image may use SSE anywhere, see docs/build.md) and calls
 * interrupt_dispatch(struct interrupt_frame *).
 */
	.text

/* Vectors that push a hardware error code (Intel SDM Vol. 3A 6.15). */
#define HAS_ERROR_CODE(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

	.altmacro
	.macro isr_stub v
	.balign 16
isr_stub_\v:
	.if HAS_ERROR_CODE(\v)
	.else
	pushq $0
	.endif
	pushq $\v
	jmp isr_common
	.endm

	.set vec, 0
	.rept 256
	isr_stub %vec
	.set vec, vec + 1
	.endr

isr_common:
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	cld
	movq %rsp, %rbx
	subq $512, %rsp
	andq $-16, %rsp
	fxsave64 (%rsp)
	movq %rbx, %rdi
	call interrupt_dispatch
	fxrstor64 (%rsp)
	movq %rbx, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
	addq $16, %rsp
	iretq

	.macro stub_addr v
	.quad isr_stub_\v
	.endm

	.section .rodata
	.balign 8
	.globl isr_stub_table
isr_stub_table:
	.set vec, 0
	.rept 256
	stub_addr %vec
	.set vec, vec + 1
	.endr
