/*
 * Boot entry: the image is entered in 32-bit protected mode with paging off,
 * either by a multiboot2 loader (GRUB: EAX = 0x36d76289, EBX = boot
 * information) or by a PVH loader (QEMU -kernel: EBX = hvm_start_info).
 * We build an identity map of the first 4 GiB with 2 MiB pages, enter long
 * mode and call boot_main(kind, info) on the boot stack.
 *
 * References: Multiboot2 specification section 3.1 (header), Xen
 * arch/x86 PVH boot ABI (XEN_ELFNOTE_PHYS32_ENTRY), Intel SDM Vol. 3A
 * section 9.8.5 "Initializing IA-32e Mode".
 */
#include "arch/boot_defs.h"

#define MB2_MAGIC        0xe85250d6
#define MB2_ARCH_I386    0
#define MB2_LOADER_MAGIC 0x36d76289

	.section .multiboot2, "a"
	.balign 8
mb2_header:
	.long MB2_MAGIC
	.long MB2_ARCH_I386
	.long mb2_header_end - mb2_header
	.long -(MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	/* end tag */
	.word 0, 0
	.long 8
mb2_header_end:

	/* PVH entry point note (type 18 = XEN_ELFNOTE_PHYS32_ENTRY). */
	.section .note.Xen, "a", @note
	.balign 4
	.long 4                 /* name size */
	.long 8                 /* descriptor size */
	.long 18                /* type */
	.asciz "Xen"
	.balign 4
	.quad pvh_entry32
	.balign 4

	.section .boot.text, "ax"
	.code32
	.globl _start32
_start32:
	/* multiboot2 entry (ELF e_entry) */
	cli
	cld
	cmpl $MB2_LOADER_MAGIC, %eax
	jne no_loader
	movl $BOOT_KIND_MULTIBOOT2, %esi
	jmp common32

	.globl pvh_entry32
pvh_entry32:
	cli
	cld
	movl $BOOT_KIND_PVH, %esi

common32:
	movl $(boot_stack_top), %esp
	movl %esi, boot_kind_saved
	movl %ebx, boot_info_saved

	/* Long mode available?  CPUID 0x80000001 EDX bit 29. */
	movl $0x80000000, %eax
	cpuid
	cmpl $0x80000001, %eax
	jb no_long_mode
	movl $0x80000001, %eax
	cpuid
	btl $29, %edx
	jnc no_long_mode
	movl %edx, ext_features_saved

	/* PML4[0] -> PDPT, PDPT[0..3] -> PD[0..3]. */
	movl $boot_pdpt, %eax
	orl $(PTE_P | PTE_W), %eax
	movl %eax, boot_pml4

	xorl %ecx, %ecx
1:	movl %ecx, %eax
	shll $12, %eax
	addl $boot_pd, %eax
	orl $(PTE_P | PTE_W), %eax
	movl %eax, boot_pdpt(, %ecx, 8)
	incl %ecx
	cmpl $4, %ecx
	jne 1b

	/* 2048 PDEs of 2 MiB each cover 0..4 GiB. */
	xorl %ecx, %ecx
2:	movl %ecx, %eax
	shll $21, %eax
	orl $(PTE_P | PTE_W | PTE_PS), %eax
	movl %eax, boot_pd(, %ecx, 8)
	movl %ecx, %eax
	shrl $11, %eax          /* high dword: bits 32+ of the address */
	movl %eax, boot_pd + 4(, %ecx, 8)
	incl %ecx
	cmpl $2048, %ecx
	jne 2b

	/* CR4.PAE, CR3, EFER.LME (+NXE when supported), CR0.PG|WP. */
	movl %cr4, %eax
	orl $CR4_PAE, %eax
	movl %eax, %cr4
	movl $boot_pml4, %eax
	movl %eax, %cr3
	movl $MSR_EFER, %ecx
	rdmsr
	orl $EFER_LME, %eax
	btl $20, ext_features_saved
	jnc 3f
	orl $EFER_NXE, %eax
3:	wrmsr
	movl %cr0, %eax
	orl $(CR0_PG | CR0_WP | CR0_PE), %eax
	movl %eax, %cr0

	lgdt boot_gdt_desc
	ljmp $BOOT_CS64, $long_mode_entry

no_loader:
	/* Not multiboot2 and not the PVH entry: nothing we can trust. */
no_long_mode:
	movl $no_lm_msg, %esi
4:	lodsb
	testb %al, %al
	jz 5f
	movw $0x3f8, %dx
	outb %al, %dx
	movw $0xe9, %dx
	outb %al, %dx
	jmp 4b
5:	hlt
	jmp 5b

	.code64
long_mode_entry:
	movw $BOOT_DS, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	xorw %ax, %ax
	movw %ax, %fs
	movw %ax, %gs
	movq $boot_stack_top, %rsp
	xorq %rbp, %rbp
	movl boot_kind_saved, %edi
	movl boot_info_saved, %esi
	call boot_main
6:	cli
	hlt
	jmp 6b

	.section .boot.data, "aw"
	.balign 8
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff   /* 0x08: 64-bit code */
	.quad 0x00cf92000000ffff   /* 0x10: data */
boot_gdt_end:
boot_gdt_desc:
	.word boot_gdt_end - boot_gdt - 1
	.long boot_gdt
boot_kind_saved:
	.long 0
boot_info_saved:
	.long 0
ext_features_saved:
	.long 0
no_lm_msg:
	.asciz "unihv: boot failed: no multiboot2/PVH loader or no long mode\n"

	.section .bss
	.balign 4096
	.globl boot_pml4
boot_pml4:
	.skip 4096
boot_pdpt:
	.skip 4096
	.globl boot_pd
boot_pd:
	.skip 4 * 4096
	.balign 16
boot_stack:
	.skip BOOT_STACK_SIZE
	.globl boot_stack_top
boot_stack_top:
