/*
 * SynIC and synthetic timers (tests/guests/driver/tests_synic.c; long mode
 * from gt_setup_long_mode, loaded at 0x1000).  Own GDT and IDT: vector 13
 * (#GP) OUTs its error code to 0x1251 and skips the 2-byte RDMSR/WRMSR;
 * vector 0x50 (SINT2) counts at FLAGS (all) and FLAGS+4 (timer messages),
 * logs the first 4 message types at FLAGS+8, copies a TimerExpired slot's
 * first 40 bytes to LAST, sets the slot's MessageType to NONE and writes
 * EOM.  SIM page at 0x17000.
 *
 * Order:
 *   OUT SVERSION (0x1250); WRMSR SVERSION #GP; WRMSR SINT2 = 5 #GP;
 *   OUT SINT2 (0x1250)
 *   SCONTROL = 1, SIMP = 0x17001, SINT2 = 0x50; STI; OUT SINT2 to 0x1252
 *     (the manager posts two messages to SINT2 meanwhile); spin (bounded)
 *     until FLAGS >= 2; OUT FLAGS to 0x1253
 *   STIMER0_COUNT = 10000, STIMER0_CONFIG = Enable | Periodic | SINT2;
 *   spin reading TIME_REF_COUNT for 50 ms; STIMER0_CONFIG = 0; CLI;
 *   OUT FLAGS+4, then the window (100 ns) to 0x1254
 *   WRMSR STIMER0_CONFIG = DirectMode #GP; HLT
 */
#define PORT 0x1250
#define GP_PORT 0x1251
#define FLAGS 0x19000
#define LAST 0x19100
#define IDT 0x1c000
#define SIM 0x17000
#define SLOT2 (SIM + 2 * 256)

	.code64
	.text
	.globl _start

	.macro wr msr, lo, hi=0
	mov $\msr, %ecx
	mov $\lo, %eax
	mov $\hi, %edx
	wrmsr
	.endm

_start:
	lgdt gdtr
	lea handler13(%rip), %rax
	mov $IDT + 13 * 16, %rdi
	call set_gate
	lea handler50(%rip), %rax
	mov $IDT + 0x50 * 16, %rdi
	call set_gate
	lidt idtr

	mov $0x40000081, %ecx		/* SVERSION */
	rdmsr
	mov $PORT, %dx
	out %eax, %dx
	wr 0x40000081, 0		/* #GP: read-only */
	wr 0x40000092, 5		/* SINT2 vector 5 unmasked: #GP */
	mov $0x40000092, %ecx
	rdmsr
	mov $PORT, %dx
	out %eax, %dx

	wr 0x40000080, 1		/* SCONTROL */
	wr 0x40000083, SIM+1		/* SIMP */
	wr 0x40000092, 0x50		/* SINT2 */
	sti
	mov $0x40000092, %ecx
	rdmsr
	mov $PORT+2, %dx
	out %eax, %dx
	mov $1000000, %ecx
1:	cmpl $2, FLAGS
	jae 2f
	dec %ecx
	jnz 1b
2:	mov FLAGS, %eax
	mov $PORT+3, %dx
	out %eax, %dx

	/* Periodic STIMER0, 1 ms, to SINT2, for 50 ms. */
	wr 0x400000b1, 10000
	wr 0x400000b0, 0x20003
	mov $0x40000020, %ecx
	rdmsr
	shl $32, %rdx
	or %rax, %rdx
	mov %rdx, %r12
1:	mov $0x40000020, %ecx
	rdmsr
	shl $32, %rdx
	or %rax, %rdx
	sub %r12, %rdx
	cmp $500000, %rdx
	jb 1b
	mov %rdx, %r13
	wr 0x400000b0, 0
	cli
	mov FLAGS+4, %eax
	mov $PORT+4, %dx
	out %eax, %dx
	mov %r13, %rax
	out %eax, %dx
	wr 0x400000b0, 0x1000		/* DirectMode (not offered): #GP */
3:	hlt
	jmp 3b


handler13:
	push %rax
	push %rdx
	mov 16(%rsp), %rax		/* error code */
	mov $GP_PORT, %dx
	out %eax, %dx
	addq $2, 24(%rsp)		/* RIP past RDMSR/WRMSR */
	pop %rdx
	pop %rax
	add $8, %rsp
	iretq

handler50:
	push %rax
	push %rcx
	push %rdx
	push %rsi
	push %rdi
	mov SLOT2, %eax
	mov FLAGS, %ecx
	cmp $4, %ecx
	jae 1f
	mov %eax, FLAGS+8(,%rcx,4)
1:	incl FLAGS
	cmp $0x80000010, %eax
	jne 2f
	incl FLAGS+4
	mov $SLOT2, %esi
	mov $LAST, %edi
	mov $5, %ecx
	cld
	rep movsq
2:	movl $0, SLOT2			/* MessageType = NONE */
	mov $0x40000084, %ecx		/* EOM */
	xor %eax, %eax
	xor %edx, %edx
	wrmsr
	pop %rdi
	pop %rsi
	pop %rdx
	pop %rcx
	pop %rax
	iretq

#include "idt64.inc"
