/*
 * VM entry and exit (Intel SDM Vol. 3C 27 "VM entries", 28.5 "loading host
 * state").
 *
 * int vmx_enter(uint64_t gprs[16], int launched)
 *   Loads the guest's general registers (all but RSP, which is in the
 *   VMCS) from gprs[] in x86 encoding order and executes VMRESUME
 *   (launched != 0) or VMLAUNCH.  Returns 0 after a VM exit with the
 *   guest's registers stored back into gprs[], or 1 if the instruction
 *   failed (VMfailValid/VMfailInvalid: read VMCS_INSTRUCTION_ERROR).
 * The VMCS's HOST_RIP must be vmx_exit_landing; HOST_RSP is written here.
 */
#include "hv/vmx/vmcs_fields.h"

	.text
	.globl vmx_enter
vmx_enter:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	pushq %rdi                     /* gprs pointer, found again at exit */
	movq $VMCS_HOST_RSP, %rax
	vmwrite %rsp, %rax
	jbe 2f
	movl %esi, %eax                /* launched? (flags kept through the movs) */
	testl %eax, %eax
	movq 0*8(%rdi), %rax
	movq 1*8(%rdi), %rcx
	movq 2*8(%rdi), %rdx
	movq 3*8(%rdi), %rbx
	movq 5*8(%rdi), %rbp
	movq 6*8(%rdi), %rsi
	movq 8*8(%rdi), %r8
	movq 9*8(%rdi), %r9
	movq 10*8(%rdi), %r10
	movq 11*8(%rdi), %r11
	movq 12*8(%rdi), %r12
	movq 13*8(%rdi), %r13
	movq 14*8(%rdi), %r14
	movq 15*8(%rdi), %r15
	movq 7*8(%rdi), %rdi
	jnz 1f
	vmlaunch
	jmp 2f
1:	vmresume
2:	/* VMfail: back to the caller with 1. */
	popq %rdi
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	movl $1, %eax
	ret

	.globl vmx_exit_landing
vmx_exit_landing:
	pushq %rdi                     /* guest RDI */
	movq 8(%rsp), %rdi             /* gprs pointer */
	movq %rax, 0*8(%rdi)
	movq %rcx, 1*8(%rdi)
	movq %rdx, 2*8(%rdi)
	movq %rbx, 3*8(%rdi)
	movq %rbp, 5*8(%rdi)
	movq %rsi, 6*8(%rdi)
	movq %r8, 8*8(%rdi)
	movq %r9, 9*8(%rdi)
	movq %r10, 10*8(%rdi)
	movq %r11, 11*8(%rdi)
	movq %r12, 12*8(%rdi)
	movq %r13, 13*8(%rdi)
	movq %r14, 14*8(%rdi)
	movq %r15, 15*8(%rdi)
	popq 7*8(%rdi)
	popq %rdi
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	xorl %eax, %eax
	ret
