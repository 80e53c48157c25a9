/*
 * Receiver of SynIC port traffic (tests/guests/driver/tests_hc_ports.c;
 * long mode from gt_setup_long_mode, loaded at 0x1000).  Own GDT and IDT.
 *
 *   SIM page at 0x17000, SIEF page at 0x1d000; SINT2 -> vector 0x52
 *   (messages), SINT3 -> vector 0x53 (event flags).
 *   Vector 0x52: copy the first 32 bytes of slot 2 to LOG + 32 * n (n <
 *     8), n++ at FLAGS, MessageType = NONE, EOM.
 *   Vector 0x53: FLAGS+4++; atomically take (XCHG with 0) the first qword
 *     of SINT3's flags and OR it into FLAGS+8.
 *   After setup FLAGS+16 = 1 says "ready" (the manager runs this VP on
 *   another CPU and watches memory).  Then STI and spin until the manager
 *   sets FLAGS+24 = 1; then CLI, OUT FLAGS to 0x1261, HLT.
 *
 * Round trips (all optional, off while the words are 0):
 *   FLAGS+28 = 1: PostMessage (memory form) of the block the manager put at
 *     SEND_IN; RAX's status goes to FLAGS+32, then FLAGS+28 = 0.
 *   FLAGS+40 = a connection ID: a received message of type 0x50 (ping) is
 *     answered by the handler with type 0x51 and the same first 16 payload
 *     bytes through that connection; status at FLAGS+36, FLAGS+48 = 1.
 *   FLAGS+44 = 1 (step mode, for a manager on the same CPU): OUT 0x1263
 *     once set up, and OUT 0x1264 after each answer, to hand the CPU back.
 */
#define FLAGS 0x19000
#define LOG 0x19100
#define IDT 0x1c000
#define SIM 0x17000
#define SIEF 0x1d000
#define SLOT2 (SIM + 2 * 256)
#define SINT3_FLAGS (SIEF + 3 * 256)
#define SEND_IN 0x1e000
#define REPLY_IN 0x1f000

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
	lea message(%rip), %rax
	mov $IDT + 0x52 * 16, %rdi
	call set_gate
	lea event(%rip), %rax
	mov $IDT + 0x53 * 16, %rdi
	call set_gate
	lidt idtr
	wr 0x40000080, 1		/* SCONTROL */
	wr 0x40000083, SIM+1		/* SIMP */
	wr 0x40000082, SIEF+1		/* SIEFP */
	wr 0x40000092, 0x52		/* SINT2 */
	wr 0x40000093, 0x53		/* SINT3 */
	movl $1, FLAGS+16
	cmpl $0, FLAGS+44
	je 3f
	mov $0x1263, %dx		/* step mode: set up */
	out %eax, %dx
3:	sti
1:	pause				/* no HLT: it would return to the manager */
	cmpl $1, FLAGS+28		/* a post requested */
	jne 4f
	mov $0x5c, %ecx			/* PostMessage, memory form */
	mov $SEND_IN, %edx
	xor %r8d, %r8d
	vmcall
	mov %eax, FLAGS+32
	movl $0, FLAGS+28
4:	cmpl $0, FLAGS+44		/* step mode: hand back after an answer */
	je 5f
	cmpl $0, FLAGS+48
	je 5f
	movl $0, FLAGS+48
	mov $0x1264, %dx
	out %eax, %dx
5:	cmpl $1, FLAGS+24
	jne 1b
	cli
	mov FLAGS, %eax
	mov $0x1261, %dx
	out %eax, %dx
2:	hlt
	jmp 2b


message:
	push %rax
	push %rcx
	push %rdx
	push %rsi
	push %rdi
	mov FLAGS, %ecx
	cmp $8, %ecx
	jae 1f
	shl $5, %ecx
	lea LOG(%rcx), %rdi
	mov $SLOT2, %esi
	mov $4, %ecx
	cld
	rep movsq
1:	cmpl $0x50, SLOT2		/* a ping, with a connection to answer on */
	jne no_reply
	mov FLAGS+40, %eax
	test %eax, %eax
	jz no_reply
	push %r8
	mov %eax, REPLY_IN		/* ConnectionId */
	movl $0, REPLY_IN+4
	movl $0x51, REPLY_IN+8		/* MessageType */
	movl $16, REPLY_IN+12		/* PayloadSize */
	mov SLOT2+16, %rax
	mov %rax, REPLY_IN+16
	mov SLOT2+24, %rax
	mov %rax, REPLY_IN+24
	mov $0x5c, %ecx
	mov $REPLY_IN, %edx
	xor %r8d, %r8d
	vmcall
	mov %eax, FLAGS+36
	movl $1, FLAGS+48
	pop %r8
no_reply:
	incl FLAGS
	movl $0, SLOT2			/* MessageType = NONE */
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

event:
	push %rax
	incl FLAGS+4
	xor %eax, %eax
	xchg %rax, SINT3_FLAGS
	or %rax, FLAGS+8
	pop %rax
	iretq

#include "idt64.inc"
