/*
 * 64-bit enlightenments (tests/guests/driver/tests_enlight.c, long mode
 * from gt_setup_long_mode, loaded at 0x1000, VP index 2).  All values go
 * out 32-bit to port 0x1240, 64-bit ones low half first.  The guest sets
 * up its own GDT and IDT: vector 13 (#GP) reports to port 0x1241 its error
 * code, then RIP minus R15 (the guest loads R15 with the address of the
 * instruction it expects to fault: 0 = no RIP advance), skips the 2-byte
 * RDMSR/WRMSR and returns; any other exception OUTs its vector to port
 * 0x1242 and halts.  Guest pages used: 0x14000 hypercall page, 0x15000
 * reference TSC page, 0x16000 hypercall output, 0x16800 input.
 *
 * Order (the driver checks each value):
 *   CPUID 0x40000000..0x4000000B: EAX EBX ECX EDX each
 *   GUEST_OS_ID, HYPERCALL (both 0)
 *   HYPERCALL = 0x14001 with GUEST_OS_ID 0: reads 0x14000
 *   GUEST_OS_ID = OSID: reads OSID
 *   HYPERCALL = 0x7f000001 (unmapped) #GP; = 2^39 | 1 (beyond) #GP;
 *   HYPERCALL reads 0x14000; = 0x14ffd (RsvdP set): reads 0x14001
 *   CALL the page: GetPartitionId -> status; XMM-fast
 *     TranslateVirtualAddress -> status (ACCESS_DENIED, not #UD)
 *   GUEST_OS_ID = 0: HYPERCALL reads 0x14000
 *   GUEST_OS_ID = OSID, HYPERCALL = 0x14003 (locked): reads 0x14003;
 *   = 0: still 0x14003; GUEST_OS_ID = 0: still 0x14003; CALL -> status
 *   VP_INDEX; WRMSR VP_INDEX #GP; RDMSR RESET #GP (no AccessResetReg);
 *   0x400000FE read #GP, write #GP; EOI write #GP; SVERSION write #GP
 *   TIME_REF_COUNT t1, busy loop, t2; WRMSR TIME_REF_COUNT #GP
 *   VP_RUNTIME r1, busy loop, r2, then TIME_REF_COUNT; WRMSR VP_RUNTIME #GP
 *   TSC_FREQUENCY, APIC_FREQUENCY; WRMSR TSC_FREQUENCY #GP
 *   REFERENCE_TSC (0); = 0x15fff: reads 0x15001
 *   from the page: TscSequence, time1; TIME_REF_COUNT m1; busy loop;
 *   time2; TIME_REF_COUNT m2
 *   REFERENCE_TSC = 0: reads 0
 *   HLT
 */
#define PORT 0x1240
#define OSID 0x8100123456789abc
#define HC_PAGE 0x14000
#define TSC_PAGE 0x15000

	.code64
	.text
	.globl _start

	/* OUT the 64-bit value in RAX (clobbers RAX, DX). */
	.macro out64
	mov $PORT, %dx
	out %eax, %dx
	shr $32, %rax
	out %eax, %dx
	.endm

	.macro out64r reg
	mov \reg, %rax
	out64
	.endm

	/* RAX = RDMSR(msr) as one 64-bit value (clobbers RCX, RDX). */
	.macro rd msr
	mov $\msr, %ecx
	rdmsr
	shl $32, %rdx
	or %rdx, %rax
	.endm

	/* WRMSR(msr, 64-bit value) (clobbers RAX, RCX, RDX). */
	.macro wr msr, value
	mov $\msr, %ecx
	movabs $\value, %rax
	mov %rax, %rdx
	shr $32, %rdx
	wrmsr
	.endm

	/* The next instruction must #GP. */
	.macro gp insn
	lea 8f(%rip), %r15
8:	\insn
	.endm

	.macro busy n
	mov $\n, %ecx
7:	dec %ecx
	jnz 7b
	.endm

	/* RAX = status of a call through the hypercall page. */
	.macro hcall control, in_gpa, out_gpa
	mov $\control, %ecx
	mov $\in_gpa, %edx
	mov $\out_gpa, %r8d
	mov $HC_PAGE, %eax
	call *%rax
	.endm

_start:
	/* IDT: vector 13 -> gp_handler, the others -> their stub. */
	lea idt(%rip), %rdi
	xor %ecx, %ecx
1:	lea stubs(%rip), %rax
	mov %ecx, %edx
	shl $4, %edx
	add %rdx, %rax
	cmp $13, %ecx
	jne 2f
	lea gp_handler(%rip), %rax
2:	mov %eax, %edx
	and $0xffff, %edx
	or $0x00080000, %edx		/* selector 0x08 */
	mov %rax, %rsi
	shr $16, %rsi
	shl $48, %rsi			/* offset 31:16 */
	or %rsi, %rdx
	movabs $0x00008e0000000000, %rsi /* present, 64-bit interrupt gate */
	or %rsi, %rdx
	mov %rdx, (%rdi)
	movq $0, 8(%rdi)
	add $16, %rdi
	inc %ecx
	cmp $32, %ecx
	jb 1b
	lgdt gdt_desc(%rip)
	lidt idt_desc(%rip)

	/* CPUID 0x40000000..0x4000000B. */
	mov $0x40000000, %esi
3:	mov %esi, %eax
	xor %ecx, %ecx
	cpuid
	mov %edx, %edi
	mov $PORT, %dx
	out %eax, %dx
	mov %ebx, %eax
	out %eax, %dx
	mov %ecx, %eax
	out %eax, %dx
	mov %edi, %eax
	out %eax, %dx
	inc %esi
	cmp $0x4000000c, %esi
	jb 3b

	/* GUEST_OS_ID and the hypercall page. */
	rd 0x40000000
	out64
	rd 0x40000001
	out64
	wr 0x40000001, 0x14001
	rd 0x40000001
	out64
	wr 0x40000000, OSID
	rd 0x40000000
	out64
	mov $0x40000001, %ecx
	mov $0x7f000001, %eax
	xor %edx, %edx
	gp wrmsr
	mov $0x40000001, %ecx
	mov $1, %eax
	mov $0x80, %edx			/* GPA 2^39 */
	gp wrmsr
	rd 0x40000001
	out64
	wr 0x40000001, 0x14ffd
	rd 0x40000001
	out64
	hcall 0x46, 0x16800, 0x16000	/* GetPartitionId */
	mov $PORT, %dx
	out %eax, %dx
	hcall 0x10052, 0, 0		/* TranslateVirtualAddress, XMM fast */
	mov $PORT, %dx
	out %eax, %dx
	wr 0x40000000, 0
	rd 0x40000001
	out64
	wr 0x40000000, OSID
	wr 0x40000001, 0x14003		/* enable + locked */
	rd 0x40000001
	out64
	wr 0x40000001, 0
	rd 0x40000001
	out64
	wr 0x40000000, 0
	rd 0x40000001
	out64
	hcall 0x46, 0x16800, 0x16000
	mov $PORT, %dx
	out %eax, %dx

	/* VP_INDEX, RESET, unknown and unimplemented MSRs. */
	rd 0x40000002
	out64
	mov $0x40000002, %ecx
	mov $5, %eax
	xor %edx, %edx
	gp wrmsr
	mov $0x40000003, %ecx
	gp rdmsr
	mov $0x400000fe, %ecx
	gp rdmsr
	mov $0x400000fe, %ecx
	xor %eax, %eax
	gp wrmsr
	mov $0x40000070, %ecx		/* EOI */
	gp wrmsr
	mov $0x40000081, %ecx		/* SVERSION: read-only */
	gp wrmsr

	/* TIME_REF_COUNT. */
	rd 0x40000020
	mov %rax, %r12
	busy 100000
	rd 0x40000020
	mov %rax, %r13
	out64r %r12
	out64r %r13
	mov $0x40000020, %ecx
	gp wrmsr

	/* VP_RUNTIME. */
	rd 0x40000010
	mov %rax, %r12
	busy 100000
	rd 0x40000010
	mov %rax, %r13
	rd 0x40000020
	mov %rax, %r14
	out64r %r12
	out64r %r13
	out64r %r14
	mov $0x40000010, %ecx
	gp wrmsr

	/* Frequencies. */
	rd 0x40000022
	out64
	rd 0x40000023
	out64
	mov $0x40000022, %ecx
	gp wrmsr

	/* Reference TSC page. */
	rd 0x40000021
	out64
	wr 0x40000021, 0x15fff
	rd 0x40000021
	out64
	call ref_read
	mov %rax, %r12
	mov %esi, %r13d
	rd 0x40000020
	mov %rax, %r14
	busy 100000
	call ref_read
	mov %rax, %rbx
	rd 0x40000020
	mov %rax, %r11
	mov %r13d, %eax
	mov $PORT, %dx
	out %eax, %dx
	out64r %r12
	out64r %r14
	out64r %rbx
	out64r %r11
	wr 0x40000021, 0
	rd 0x40000021
	out64
	hlt

/* RAX = reference time from the page, ESI = its TscSequence (clobbers
 * RCX, RDX, R9). */
ref_read:
1:	mov TSC_PAGE, %esi
	mov TSC_PAGE + 8, %rcx
	mov TSC_PAGE + 16, %r9
	rdtsc
	shl $32, %rdx
	or %rdx, %rax
	mul %rcx
	lea (%rdx,%r9), %rax
	cmp TSC_PAGE, %esi
	jne 1b
	ret

gp_handler:
	push %rax
	push %rdx
	mov $0x1241, %dx
	mov 16(%rsp), %eax		/* error code */
	out %eax, %dx
	mov 24(%rsp), %rax		/* RIP */
	sub %r15, %rax
	out %eax, %dx
	addq $2, 24(%rsp)
	pop %rdx
	pop %rax
	add $8, %rsp
	iretq

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

	.balign 16
gdt:
	.quad 0
	.quad 0x00af9b000000ffff	/* 0x08: 64-bit code */
	.quad 0x00cf93000000ffff	/* 0x10: data */
gdt_desc:
	.word 3 * 8 - 1
	.quad gdt
	.balign 16
idt:
	.fill 32 * 16, 1, 0
idt_desc:
	.word 32 * 16 - 1
	.quad idt
