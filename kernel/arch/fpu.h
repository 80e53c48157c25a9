#ifndef UNIHV_ARCH_FPU_H
#define UNIHV_ARCH_FPU_H

/*
 * Enable x87/SSE on the calling CPU (CR0.MP|NE, CR4.OSFXSR|OSXMMEXCPT,
 * XCR0 = x87|SSE when XSAVE exists) and reset the FPU.  Every CPU, before
 * any C code that may use SSE (musl's printf of floating point, compiler
 * generated copies).  The interrupt entry saves this state (isr.S).
 */
void fpu_init_cpu(void);

#endif
