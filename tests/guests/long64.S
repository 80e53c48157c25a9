/*
 * 64-bit (tests/guests/driver/tests_long64.c): build a 64-bit value only
 * long mode can hold and show it piecewise, all OUTs 32-bit to port 0x1240:
 *   RAX = 0x1122334455667788 rotated left by 16 = 0x3344556677881122
 *   (copied through R8): OUT EAX (the message's RAX is the whole value),
 *   then RAX >> 32: OUT EAX;
 *   push R8, pop RCX (8-byte stack slots): OUT RSP (back at 0x8000) and
 *   the 8 bytes at RSP-8 (the pushed value's high half);
 *   HLT with R8 = RCX = 0x3344556677881122.
 */
	.code64
	.text
	.globl _start
_start:
	movabs $0x1122334455667788, %rax
	mov %rax, %r8
	rol $16, %r8
	mov %r8, %rax
	mov $0x1240, %dx
	out %eax, %dx
	shr $32, %rax
	out %eax, %dx
	push %r8
	pop %rcx
	mov %rsp, %rax
	out %eax, %dx
	mov -4(%rsp), %eax
	out %eax, %dx
	hlt
