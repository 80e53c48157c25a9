/*
 * Guest-facing hypercalls from a 64-bit guest (tests/guests/driver/
 * tests_hc_guest.c; long mode from gt_setup_long_mode, loaded at 0x1000).
 * RBX selects the role: 0 = command loop (VP 0), 1 = remote flush target
 * (VP 1).
 *
 * Command loop: the manager writes at CMD the control (+0), RDX (+8), R8
 * (+16), a mode (+24) and XMM0-5 (+32..+127); mode 0 makes the call with
 * the 64-bit convention (VMCALL), stores XMM0-5 after it at +128..+223 and
 * OUTs RAX to port 0x1250, low half then high half.  Mode 1 is the local
 * flush check, mode 2 halts.
 *
 * GVA X = 0x40000000 is a 4 KiB page whose PTE the manager points at one
 * of two GPAs holding different values.  Flags and results live at FLAGS.
 *
 * Local flush (mode 1, VP 0 running on another CPU than the manager):
 * read X (v0, caches it), FLAGS+0 = 1, spin until FLAGS+4 = 1 (the manager
 * changed the PTE meanwhile, no INVLPG anywhere), read X (v1: stale if the
 * TLB kept it), make the CMD call (a flush), read X (v2: must be new),
 * store v0/v1/v2/RAX at FLAGS+0x100/0x108/0x110/0x118, OUT to 0x1251.
 *
 * Remote target (VP 1): read X (v0), FLAGS+8 = 1, spin until FLAGS+12 = 1,
 * read X (v1), FLAGS+16 = 1, spin until FLAGS+12 = 2 (VP 0 flushed VP 1 in
 * between), read X (v2), store at FLAGS+0x200/0x208/0x210, OUT to 0x1252.
 */
#define CMD 0x18000
#define FLAGS 0x19000
#define X 0x40000000
#define PORT 0x1250

	.code64
	.text
	.globl _start
_start:
	cmp $1, %rbx
	je remote
loop:
	mov CMD+24, %rax
	cmp $1, %rax
	je local_flush
	cmp $2, %rax
	je done
	call do_call
	mov %rax, %r12
	mov $PORT, %dx
	out %eax, %dx
	mov %r12, %rax
	shr $32, %rax
	out %eax, %dx
	jmp loop
done:
	hlt
	jmp done

do_call:
	mov CMD, %rcx
	mov CMD+8, %rdx
	mov CMD+16, %r8
	movdqu CMD+32, %xmm0
	movdqu CMD+48, %xmm1
	movdqu CMD+64, %xmm2
	movdqu CMD+80, %xmm3
	movdqu CMD+96, %xmm4
	movdqu CMD+112, %xmm5
	vmcall
	movdqu %xmm0, CMD+128
	movdqu %xmm1, CMD+144
	movdqu %xmm2, CMD+160
	movdqu %xmm3, CMD+176
	movdqu %xmm4, CMD+192
	movdqu %xmm5, CMD+208
	ret

local_flush:
	mov X, %rax
	mov %rax, FLAGS+0x100
	movl $1, FLAGS
1:	cmpl $1, FLAGS+4
	jne 1b
	mov X, %rax
	mov %rax, FLAGS+0x108
	call do_call
	mov %rax, FLAGS+0x118
	mov X, %rax
	mov %rax, FLAGS+0x110
	mov $PORT+1, %dx
	out %eax, %dx
	jmp loop

remote:
	mov X, %rax
	mov %rax, FLAGS+0x200
	movl $1, FLAGS+8
1:	cmpl $1, FLAGS+12
	jne 1b
	mov X, %rax
	mov %rax, FLAGS+0x208
	movl $1, FLAGS+16
1:	cmpl $2, FLAGS+12
	jne 1b
	mov X, %rax
	mov %rax, FLAGS+0x210
	mov $PORT+2, %dx
	out %eax, %dx
2:	hlt
	jmp 2b
