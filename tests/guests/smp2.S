/*
 * Two VPs at once: each sets its flag (VP index from the manager in BX),
 * then waits for the other's flag with a bounded spin.  Both flags seen:
 * OUT 1 to port 0x100 + index; timeout: OUT 0xdead.
 */
	.code16
	.text
	.globl _start
_start:
	movb $1, flags(%bx)          /* my flag */
	mov %bx, %si
	xor $1, %si                  /* the other VP */
	mov $0x2000, %cx             /* outer spin bound */
1:	mov $0xffff, %di
2:	cmpb $1, flags(%si)
	je 3f
	dec %di
	jnz 2b
	loop 1b
	mov $0xdead, %ax
	jmp 4f
3:	mov $1, %ax
4:	mov $0x100, %dx
	add %bx, %dx
	out %ax, %dx
	hlt
	.balign 16
flags:
	.byte 0, 0
