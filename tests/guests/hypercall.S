/*
 * Hypercalls from a 32-bit guest (TLFS 32-bit convention: control in
 * EDX:EAX, input GPA in EBX:ECX, output GPA in EDI:ESI, result in
 * EDX:EAX).  Each call's result (EAX) is OUT to port 0x50 + n.
 */
	.code32
	.text
	.globl _start
#define CALL(n, code_lo, code_hi, in_gpa, out_gpa) \
	mov $(code_lo), %eax; mov $(code_hi), %edx; \
	xor %ebx, %ebx; mov $(in_gpa), %ecx; xor %edi, %edi; mov $(out_gpa), %esi; \
	vmcall; mov $(0x50 + (n)), %dx; out %eax, %dx

_start:
	CALL(0, 0x0000, 0, 0x3800, 0x3000)           /* unknown code 0 */
	CALL(1, 0x0046, 0, 0x3800, 0x3000)           /* GetPartitionId -> [0x3000] */
	CALL(2, 0x0046 | (1 << 27), 0, 0x3800, 0x3000) /* reserved control bit */
	CALL(3, 0x0048, 1, 0x3800, 0x3000)           /* DepositMemory: no AccessMemoryPool */
	CALL(4, 0x0046, 0, 0x3800, 0x3004)           /* output not 8-byte aligned */
	CALL(5, 0x0046, 0, 0x3800, 0x3ffc)           /* output crosses a page */
	CALL(6, 0x0046 | (1 << 16), 0, 0x3800, 0x3000) /* fast form of a memory call */
	CALL(7, 0x0046, 1, 0x3800, 0x3000)           /* rep count on a simple call */
	CALL(8, 0x0044, 0, 0x3800, 0x3000)           /* GetPartitionProperty: not the parent */
	CALL(9, 0x0046, 0, 0x3800, 0x7ffffff8)       /* output beyond guest memory */
	hlt
