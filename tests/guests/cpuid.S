/*
 * 32-bit protected mode: CPUID probes, each result OUT (32-bit) to port
 * 0x1240 in this order:
 *   leaf 0x40000000: EAX EBX ECX EDX
 *   leaf 0x40000001: EAX
 *   leaf 1: ECX
 *   leaf 0x12345678 (ECX = 0xabcd, intercepted by the manager): EAX EBX ECX EDX
 *   leaf 0x40000000 again: EBX
 * then HLT.
 */
	.code32
	.text
	.globl _start

	.macro report reg
	mov \reg, %eax
	out %eax, %dx
	.endm

_start:
	mov $0x40000000, %eax
	cpuid
	mov %edx, %esi
	mov $0x1240, %dx
	out %eax, %dx
	report %ebx
	report %ecx
	report %esi

	mov $0x40000001, %eax
	cpuid
	mov $0x1240, %dx
	out %eax, %dx

	mov $1, %eax
	cpuid
	mov $0x1240, %dx
	report %ecx

	mov $0x12345678, %eax
	mov $0xabcd, %ecx
	cpuid
	mov %edx, %esi
	mov $0x1240, %dx
	out %eax, %dx
	report %ebx
	report %ecx
	report %esi

	mov $0x40000000, %eax
	cpuid
	mov $0x1240, %dx
	report %ebx
	hlt
