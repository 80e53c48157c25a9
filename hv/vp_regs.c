#include <string.h>
#include "hv/vp_regs.h"

#define AR_PRESENT 0x80
#define AR_S       0x10
#define AR_CODE_RX_ACCESSED 0x0b
#define AR_DATA_RW_ACCESSED 0x03
#define AR_LDT     0x02
#define AR_TSS_BUSY16 0x03

void vp_regs_reset(struct vp_regs *r, int bsp)
{
	memset(r, 0, sizeof(*r));
	r->rip = 0xfff0;
	r->rflags = 0x2;
	r->gpr[GPR_RDX] = 0x600; /* processor signature: family 6 */
	r->cr0 = 0x60000010;     /* CD, NW, ET */
	r->dr6 = 0xffff0ff0;
	r->dr7 = 0x400;
	r->pat = 0x0007040600070406ull;
	r->apic_base = 0xfee00000ull | (1ull << 11) | (bsp ? 1ull << 8 : 0);
	r->xcr0 = 1;
	for (int s = 0; s < SEG_COUNT; s++) {
		r->seg[s].limit = 0xffff;
		r->seg[s].attributes = AR_PRESENT | AR_S | AR_DATA_RW_ACCESSED;
	}
	r->seg[SEG_CS].selector = 0xf000;
	r->seg[SEG_CS].base = 0xffff0000;
	r->seg[SEG_CS].attributes = AR_PRESENT | AR_S | AR_CODE_RX_ACCESSED;
	r->seg[SEG_LDTR].attributes = AR_PRESENT | AR_LDT;
	r->seg[SEG_TR].attributes = AR_PRESENT | AR_TSS_BUSY16;
	r->gdtr.limit = 0xffff;
	r->idtr.limit = 0xffff;
	r->fx.fcw = 0x40;
	r->fx.mxcsr = 0x1f80;
}
