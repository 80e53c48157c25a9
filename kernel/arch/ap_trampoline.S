/*
 * Application-processor start code.  smp.c copies [ap_trampoline_start,
 * ap_trampoline_end) to AP_TRAMPOLINE_ADDR and fills the parameter block
 * (CR3, stack, entry, argument, EFER) before sending INIT-SIPI-SIPI.
 * The AP arrives in real mode at CS:IP = (AP_TRAMPOLINE_ADDR >> 4):0,
 * enables protected mode, then long mode with the boot CPU's page tables,
 * and calls entry(arg) on its own stack.  Intel SDM Vol. 3A 9.4 (MP
 * initialization) and 9.8.5 (entering IA-32e mode).
 */
#include "arch/boot_defs.h"

#define TRAMP(sym) ((sym) - ap_trampoline_start + AP_TRAMPOLINE_ADDR)

	.section .rodata.ap_trampoline, "a"
	.code16
	.globl ap_trampoline_start
ap_trampoline_start:
	cli
	cld
	xorw %ax, %ax
	movw %ax, %ds
	lgdtl TRAMP(tramp_gdt_desc)
	movl %cr0, %eax
	orl $CR0_PE, %eax
	movl %eax, %cr0
	ljmpl $0x18, $TRAMP(tramp_pm32)

	.code32
tramp_pm32:
	movw $0x10, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	movl %cr4, %eax
	orl $CR4_PAE, %eax
	movl %eax, %cr4
	movl (AP_TRAMPOLINE_ADDR + AP_PARAM_CR3), %eax
	movl %eax, %cr3
	movl $MSR_EFER, %ecx
	movl (AP_TRAMPOLINE_ADDR + AP_PARAM_EFER), %eax
	xorl %edx, %edx
	wrmsr
	movl %cr0, %eax
	orl $(CR0_PG | CR0_WP), %eax
	movl %eax, %cr0
	ljmpl $0x08, $TRAMP(tramp_lm64)

	.code64
tramp_lm64:
	movw $0x10, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	movq (AP_TRAMPOLINE_ADDR + AP_PARAM_STACK), %rsp
	movq (AP_TRAMPOLINE_ADDR + AP_PARAM_ARG), %rdi
	movq (AP_TRAMPOLINE_ADDR + AP_PARAM_ENTRY), %rax
	xorq %rbp, %rbp
	call *%rax
1:	cli
	hlt
	jmp 1b

	.balign 8
tramp_gdt:
	.quad 0
	.quad 0x00af9a000000ffff   /* 0x08: 64-bit code */
	.quad 0x00cf92000000ffff   /* 0x10: data */
	.quad 0x00cf9a000000ffff   /* 0x18: 32-bit code */
tramp_gdt_end:
tramp_gdt_desc:
	.word tramp_gdt_end - tramp_gdt - 1
	.long TRAMP(tramp_gdt)
	.globl ap_trampoline_end
ap_trampoline_end:
