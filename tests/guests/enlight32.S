/*
 * 32-bit protected-mode enlightenments (tests/guests/driver/tests_enlight.c,
 * loaded at 0x1000; the driver picks the entry point).  Values go out
 * 32-bit to port 0x1240.  The guest loads its own GDT and IDT: #GP
 * (vector 13) OUTs to port 0x1241 its error code, then EIP minus EDI (EDI
 * = the instruction expected to fault: 0 = no EIP advance), skips the
 * 2-byte RDMSR/WRMSR and returns; other vectors OUT the vector to 0x1242
 * and halt.
 *
 * 0x1000, default privileges: GUEST_OS_ID = 0x00010a0000004000, hypercall
 *   page at GPA 0x6000, CALL it with the 32-bit convention (control EDX:EAX
 *   = GetPartitionId, input EBX:ECX = 0x5800, output EDI:ESI = 0x5000):
 *   OUT EAX, EDX of the result; OUT VP_INDEX; HLT.
 * 0x1200, privileges without AccessHypercallMsrs but with AccessResetReg:
 *   OUT CPUID 0x40000003 EAX; RDMSR HYPERCALL, WRMSR HYPERCALL, WRMSR and
 *   RDMSR GUEST_OS_ID all #GP; OUT VP_INDEX; OUT RDMSR RESET (0); WRMSR
 *   RESET = 1 (the manager's MSR intercept, at 0x12xx); WRMSR RESET = 0
 *   (ignored); OUT 0x5a5a; HLT.
 */
#define PORT 0x1240

	.code32
	.text
	.globl _start

	.macro gp insn
	mov $8f, %edi
8:	\insn
	.endm

_start:
	call setup
	mov $0x40000000, %ecx
	mov $0x00004000, %eax
	mov $0x00010a00, %edx
	wrmsr
	mov $0x40000001, %ecx
	mov $0x6001, %eax
	xor %edx, %edx
	wrmsr
	mov $0x46, %eax			/* GetPartitionId */
	xor %edx, %edx
	xor %ebx, %ebx
	mov $0x5800, %ecx
	xor %edi, %edi
	mov $0x5000, %esi
	mov $0x6000, %ebp
	call *%ebp
	mov %edx, %ebx
	mov $PORT, %dx
	out %eax, %dx
	mov %ebx, %eax
	out %eax, %dx
	mov $0x40000002, %ecx
	rdmsr
	mov $PORT, %dx
	out %eax, %dx
	hlt

	.org 0x200
privileges:
	call setup
	mov $0x40000003, %eax
	cpuid
	mov $PORT, %dx
	out %eax, %dx
	mov $0x40000001, %ecx
	gp rdmsr
	mov $0x40000001, %ecx
	mov $0x6001, %eax
	xor %edx, %edx
	gp wrmsr
	mov $0x40000000, %ecx
	mov $1, %eax
	gp wrmsr
	mov $0x40000000, %ecx
	gp rdmsr
	mov $0x40000002, %ecx
	rdmsr
	mov $PORT, %dx
	out %eax, %dx
	mov $0x40000003, %ecx
	rdmsr
	mov $PORT, %dx
	out %eax, %dx
	mov $0x40000003, %ecx
	mov $1, %eax
	xor %edx, %edx
	wrmsr				/* to the manager */
	mov $0x40000003, %ecx
	xor %eax, %eax
	xor %edx, %edx
	wrmsr
	mov $0x5a5a, %eax
	mov $PORT, %dx
	out %eax, %dx
	hlt

/* GDT (0x08 code, 0x10 data: the selectors already loaded) and an IDT of
 * 32 interrupt gates. */
setup:
	mov $idt, %edi
	xor %ecx, %ecx
1:	mov %ecx, %eax
	shl $4, %eax
	add $stubs, %eax
	cmp $13, %ecx
	jne 2f
	mov $gp_handler, %eax
2:	mov %eax, %edx
	and $0xffff, %edx
	or $0x00080000, %edx		/* selector 0x08 */
	mov %edx, (%edi)
	and $0xffff0000, %eax
	or $0x8e00, %eax		/* present, 32-bit interrupt gate */
	mov %eax, 4(%edi)
	add $8, %edi
	inc %ecx
	cmp $32, %ecx
	jb 1b
	lgdt gdt_desc
	lidt idt_desc
	ret

gp_handler:
	push %eax
	push %edx
	mov $0x1241, %dx
	mov 8(%esp), %eax		/* error code */
	out %eax, %dx
	mov 12(%esp), %eax		/* EIP */
	sub %edi, %eax
	out %eax, %dx
	addl $2, 12(%esp)
	pop %edx
	pop %eax
	add $4, %esp
	iret

unexpected:
	mov $0x1242, %dx
	out %eax, %dx
	hlt
	jmp unexpected

	.balign 16
stubs:
	.set vector, 0
	.rept 32
	.balign 16
	mov $vector, %eax
	jmp unexpected
	.set vector, vector + 1
	.endr

	.balign 8
gdt:
	.quad 0
	.quad 0x00cf9b000000ffff	/* 0x08: 32-bit code */
	.quad 0x00cf93000000ffff	/* 0x10: data */
gdt_desc:
	.word 3 * 8 - 1
	.long gdt
	.balign 8
idt:
	.fill 32 * 8, 1, 0
idt_desc:
	.word 32 * 8 - 1
	.long idt
