/*
 * Path-length benchmarks, 32-bit protected mode.  The manager picks the
 * loop with EIP: each loop runs ECX iterations between two RDTSCs and
 * OUTs the TSC delta to port 0x10, then halts.  Under Bochs the TSC
 * counts instructions.
 */
	.code32
	.text
	.globl _start
_start:
vmcall_loop:                     /* 0x1000: hypercall round trips (status only) */
	rdtsc
	mov %eax, %esi
1:	xor %eax, %eax               /* control 0: an unknown call code */
	xor %edx, %edx
	vmcall
	dec %ecx
	jnz 1b
	jmp done

	.org 0x40
empty_loop:                      /* 0x1040: the loop alone, for subtraction */
	rdtsc
	mov %eax, %esi
1:	xor %eax, %eax
	xor %edx, %edx
	nop
	dec %ecx
	jnz 1b
	jmp done

	.org 0x80
io_loop:                         /* 0x1080: I/O intercepts to the manager */
	rdtsc
	mov %eax, %esi
1:	out %al, $0x20
	dec %ecx
	jnz 1b
	jmp done

	.org 0xc0
ept_loop:                        /* 0x10c0: EPT violations (EBX = unmapped GPA) */
	rdtsc
	mov %eax, %esi
1:	mov %eax, (%ebx)             /* 2 bytes: 89 03 */
	dec %ecx
	jnz 1b
	jmp done

	.org 0x100
compute_loop:                    /* 0x1100: pure computation */
	rdtsc
	mov %eax, %esi
	mov $0x12345678, %edx
1:	imul $1103515245, %edx, %edx
	add $12345, %edx
	xor %edx, %edi
	dec %ecx
	jnz 1b
	jmp done

	.org 0x140
fast_loop:                       /* 0x1140: fast hypercalls (NotifyLongSpinWait) */
	rdtsc
	mov %eax, %esi
	mov %ecx, %ebp
1:	mov $0x10008, %eax           /* code 0x0008 | fast */
	xor %edx, %edx
	xor %ebx, %ebx               /* spin count in EBX:ECX */
	xor %ecx, %ecx
	vmcall
	dec %ebp
	jnz 1b
	jmp done

	.org 0x180
flush_list:                      /* 0x1180: one FlushVirtualAddressList, EBP elements */
	rdtsc
	mov %ebp, %edx               /* rep count in control bits 43:32 */
	mov %eax, %ebp               /* keep the start: ESI is the output GPA low half */
	mov $0x0003, %eax
	xor %ebx, %ebx
	mov $0x4000, %ecx            /* input block */
	xor %edi, %edi
	xor %esi, %esi               /* no output */
	vmcall
	mov %eax, %edi               /* result: status in EDI, reps done in EBX */
	mov %edx, %ebx
	mov %ebp, %esi
	jmp done

	.org 0x1c0
post_loop:                       /* 0x11c0: ECX PostMessages (memory form, input at
				    0x6000), each retried until delivered or queued;
				    retries counted at 0x5008 */
	rdtsc
	mov %eax, 0x5000             /* start */
	mov %ecx, 0x5004             /* messages left */
	movl $0, 0x5008
1:	mov $0x005c, %eax
	xor %edx, %edx
	xor %ebx, %ebx
	mov $0x6000, %ecx
	xor %edi, %edi
	xor %esi, %esi
	vmcall
	test %ax, %ax
	jz 2f
	incl 0x5008                  /* INSUFFICIENT_BUFFERS: the receiver is behind */
	pause
	jmp 1b
2:	decl 0x5004
	jnz 1b
	mov 0x5000, %esi
	jmp done

done:
	rdtsc
	sub %esi, %eax
	out %eax, $0x10
	hlt
