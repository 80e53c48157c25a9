/*
 * 32-bit guest touching a 2 MiB mapping at 2 MiB: writes at both ends,
 * reads them back and OUTs the sum to port 0x70; then reads the second
 * 4 KiB page (unmapped by the manager meanwhile) and OUTs it to 0x71.
 */
	.code32
	.text
	.globl _start
_start:
	movl $0x11111111, 0x200000
	movl $0x22222222, 0x3ffffc
	mov 0x200000, %eax
	add 0x3ffffc, %eax
	out %eax, $0x70
	mov 0x201000, %eax
	out %eax, $0x71
	hlt
