/*
 * Synthetic IPIs (tests/guests/driver/tests_ipi.c; long mode from
 * gt_setup_long_mode, loaded at 0x1000).  RBX selects the role.
 *
 * RBX = 0, sender (VP 0): the manager writes at CMD the control (+0), RDX
 * (+8) and R8 (+16); the guest makes the call with the 64-bit convention
 * (VMCALL) and OUTs RAX to port 0x1260, low half then high half; repeat.
 *
 * RBX = 1, receiver (VP 1): loads its own GDT (64-bit code 0x08, data
 * 0x10) and an IDT whose vector 0x40 handler increments FLAGS+0x20 and
 * vector 0x41 handler FLAGS+0x24, then:
 *   part 1: FLAGS+0x28 = 1, STI, spin until FLAGS+0x20 != 0, CLI, OUT
 *           FLAGS+0x20 to 0x1261;
 *   part 2 (next dispatch): FLAGS+0x2c = 1, spin with IF=0 until
 *           FLAGS+0x30 != 0 (the manager sent vector 0x41 meanwhile), then
 *           STI; HLT (a pending vector with IF=1: the HLT must end in the
 *           hypervisor, the vector delivered), CLI, OUT FLAGS+0x24 to
 *           0x1262, then CLI; HLT for ever.
 *
 * At 0x1010 (start_vp test): the initial RIP StartVirtualProcessor gives
 * VP 1; it OUTs its RSP to 0x1263.
 */
#define CMD 0x18000
#define FLAGS 0x19000
#define IDT 0x1c000
#define PORT 0x1260

	.code64
	.text
	.globl _start
_start:
	jmp main

/* At 0x1010: where StartVirtualProcessor starts VP 1 (test start_vp):
 * OUT RSP to 0x1263, then halt for ever. */
	.org 0x10
started:
	mov %rsp, %rax
	mov $PORT+3, %dx
	out %eax, %dx
3:	cli
	hlt
	jmp 3b

main:
	cmp $1, %rbx
	je receiver
sender:
	mov CMD, %rcx
	mov CMD+8, %rdx
	mov CMD+16, %r8
	vmcall
	mov %rax, %r12
	mov $PORT, %dx
	out %eax, %dx
	mov %r12, %rax
	shr $32, %rax
	out %eax, %dx
	jmp sender

receiver:
	lgdt gdtr
	lea handler40(%rip), %rax
	mov $IDT + 0x40 * 16, %rdi
	call set_gate
	lea handler41(%rip), %rax
	mov $IDT + 0x41 * 16, %rdi
	call set_gate
	lidt idtr
	/* part 1 */
	movl $1, FLAGS+0x28
	sti
1:	cmpl $0, FLAGS+0x20
	je 1b
	cli
	mov FLAGS+0x20, %eax
	mov $PORT+1, %dx
	out %eax, %dx
	/* part 2 */
	movl $1, FLAGS+0x2c
1:	cmpl $0, FLAGS+0x30
	je 1b
	sti
	hlt
	cli
	mov FLAGS+0x24, %eax
	mov $PORT+2, %dx
	out %eax, %dx
2:	cli
	hlt
	jmp 2b


handler40:
	incl FLAGS+0x20
	iretq
handler41:
	incl FLAGS+0x24
	iretq

#include "idt64.inc"
