/*
 * 32-bit protected mode, MSR accesses (tests/guests/driver/tests_msr.c):
 *   RDMSR 0x12345678 (not implemented by the hypervisor: the manager
 *     answers), OUT EAX then EDX (32-bit) to port 0x1240;
 *   WRMSR 0x12345678 with EDX:EAX = 0x11223344:55667788 (the manager sees it);
 *   RDMSR IA32_APIC_BASE (0x1b, answered by the hypervisor), OUT EAX then EDX;
 *   HLT.
 * The RDMSR of 0x12345678 is at 0x100a, the WRMSR at 0x1020.
 */
	.code32
	.text
	.globl _start
_start:
	mov $0xaaaa5555, %eax		/* 0x1000 */
	mov $0x12345678, %ecx		/* 0x1005 */
	rdmsr				/* 0x100a: 0f 32 */
	mov %edx, %esi
	mov $0x1240, %dx
	out %eax, %dx
	mov %esi, %eax
	out %eax, %dx

	mov $0x11223344, %edx
	mov $0x55667788, %eax
	wrmsr				/* 0x1020: 0f 30 */

	mov $0x1b, %ecx
	rdmsr
	mov %edx, %esi
	mov $0x1240, %dx
	out %eax, %dx
	mov %esi, %eax
	out %eax, %dx
	hlt
