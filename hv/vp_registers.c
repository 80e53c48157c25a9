/*
 * HvCallGetVpRegisters / HvCallSetVpRegisters (TLFS 0x0050/0x0051) on the
 * generic VP state: one table maps each HV_REGISTER_NAME to a field of
 * struct vp_regs with its width and validity check.  Values that the
 * architecture (and so VM entry) would refuse are rejected here with
 * HV_STATUS_INVALID_REGISTER_VALUE (Intel SDM Vol. 3C 27.3.1 checks on
 * guest state), so a bad value never reaches the hardware.
 */
#include <stddef.h>
#include <string.h>
#include "hv/arch.h"
#include "hv/hv.h"
#include "hv/vp.h"
#include "hv/vp_ops.h"
#include "hv/partition.h"
#include "hv/enlight_cpuid.h"
#include "unihv/hv_regs.h"
#include "unihv/hv_status.h"
#include "arch/boot_defs.h"
#include "arch/cpu.h"

typedef uint8_t reg_value[16];

enum check {
	CHECK_NONE,
	CHECK_CANONICAL,
	CHECK_RFLAGS,
	CHECK_CR0,
	CHECK_CR4,
	CHECK_CR8,
	CHECK_XCR0,
	CHECK_DR67,
	CHECK_U32,
	CHECK_EFER,
	CHECK_PAT,
	CHECK_INTERRUPTION,
	CHECK_INTERRUPT_STATE,
	CHECK_SUSPEND,
	CHECK_SEGMENT,
	CHECK_TABLE,
	CHECK_MXCSR,
	CHECK_READ_ONLY,
};

enum kind { K_U64, K_SEGMENT, K_TABLE, K_BYTES16, K_SUSPEND, K_VP_INDEX, K_VERSION, K_TSC };

struct reg_desc {
	uint32_t name;
	enum kind kind;
	size_t offset; /* in struct vp_regs */
	enum check check;
};

#define R64(n, field, chk) { n, K_U64, offsetof(struct vp_regs, field), chk }
#define RSEG(n, s) { n, K_SEGMENT, offsetof(struct vp_regs, seg[s]), CHECK_SEGMENT }

static const struct reg_desc regs[] = {
	R64(HV_X64_REGISTER_RAX, gpr[GPR_RAX], CHECK_NONE),
	R64(HV_X64_REGISTER_RCX, gpr[GPR_RCX], CHECK_NONE),
	R64(HV_X64_REGISTER_RDX, gpr[GPR_RDX], CHECK_NONE),
	R64(HV_X64_REGISTER_RBX, gpr[GPR_RBX], CHECK_NONE),
	R64(HV_X64_REGISTER_RSP, gpr[GPR_RSP], CHECK_NONE),
	R64(HV_X64_REGISTER_RBP, gpr[GPR_RBP], CHECK_NONE),
	R64(HV_X64_REGISTER_RSI, gpr[GPR_RSI], CHECK_NONE),
	R64(HV_X64_REGISTER_RDI, gpr[GPR_RDI], CHECK_NONE),
	R64(HV_X64_REGISTER_R8, gpr[GPR_R8], CHECK_NONE),
	R64(HV_X64_REGISTER_R9, gpr[GPR_R9], CHECK_NONE),
	R64(HV_X64_REGISTER_R10, gpr[GPR_R10], CHECK_NONE),
	R64(HV_X64_REGISTER_R11, gpr[GPR_R11], CHECK_NONE),
	R64(HV_X64_REGISTER_R12, gpr[GPR_R12], CHECK_NONE),
	R64(HV_X64_REGISTER_R13, gpr[GPR_R13], CHECK_NONE),
	R64(HV_X64_REGISTER_R14, gpr[GPR_R14], CHECK_NONE),
	R64(HV_X64_REGISTER_R15, gpr[GPR_R15], CHECK_NONE),
	R64(HV_X64_REGISTER_RIP, rip, CHECK_CANONICAL),
	R64(HV_X64_REGISTER_RFLAGS, rflags, CHECK_RFLAGS),
	R64(HV_X64_REGISTER_CR0, cr0, CHECK_CR0),
	R64(HV_X64_REGISTER_CR2, cr2, CHECK_NONE),
	R64(HV_X64_REGISTER_CR3, cr3, CHECK_NONE),
	R64(HV_X64_REGISTER_CR4, cr4, CHECK_CR4),
	R64(HV_X64_REGISTER_CR8, cr8, CHECK_CR8),
	R64(HV_X64_REGISTER_XFEM, xcr0, CHECK_XCR0),
	R64(HV_X64_REGISTER_DR0, dr[0], CHECK_NONE),
	R64(HV_X64_REGISTER_DR1, dr[1], CHECK_NONE),
	R64(HV_X64_REGISTER_DR2, dr[2], CHECK_NONE),
	R64(HV_X64_REGISTER_DR3, dr[3], CHECK_NONE),
	R64(HV_X64_REGISTER_DR6, dr6, CHECK_DR67),
	R64(HV_X64_REGISTER_DR7, dr7, CHECK_DR67),
	RSEG(HV_X64_REGISTER_ES, SEG_ES),
	RSEG(HV_X64_REGISTER_CS, SEG_CS),
	RSEG(HV_X64_REGISTER_SS, SEG_SS),
	RSEG(HV_X64_REGISTER_DS, SEG_DS),
	RSEG(HV_X64_REGISTER_FS, SEG_FS),
	RSEG(HV_X64_REGISTER_GS, SEG_GS),
	RSEG(HV_X64_REGISTER_LDTR, SEG_LDTR),
	RSEG(HV_X64_REGISTER_TR, SEG_TR),
	{ HV_X64_REGISTER_IDTR, K_TABLE, offsetof(struct vp_regs, idtr), CHECK_TABLE },
	{ HV_X64_REGISTER_GDTR, K_TABLE, offsetof(struct vp_regs, gdtr), CHECK_TABLE },
	{ HV_X64_REGISTER_TSC, K_TSC, 0, CHECK_READ_ONLY },
	R64(HV_X64_REGISTER_EFER, efer, CHECK_EFER),
	R64(HV_X64_REGISTER_KERNEL_GS_BASE, kernel_gs_base, CHECK_CANONICAL),
	R64(HV_X64_REGISTER_APIC_BASE, apic_base, CHECK_NONE),
	R64(HV_X64_REGISTER_PAT, pat, CHECK_PAT),
	R64(HV_X64_REGISTER_SYSENTER_CS, sysenter_cs, CHECK_NONE),
	R64(HV_X64_REGISTER_SYSENTER_EIP, sysenter_eip, CHECK_CANONICAL),
	R64(HV_X64_REGISTER_SYSENTER_ESP, sysenter_esp, CHECK_CANONICAL),
	R64(HV_X64_REGISTER_STAR, star, CHECK_NONE),
	R64(HV_X64_REGISTER_LSTAR, lstar, CHECK_CANONICAL),
	R64(HV_X64_REGISTER_CSTAR, cstar, CHECK_CANONICAL),
	R64(HV_X64_REGISTER_SFMASK, sfmask, CHECK_NONE),
	R64(HV_X64_REGISTER_TSC_AUX, tsc_aux, CHECK_U32), /* WRMSR #GP on bits 63:32 */
	R64(HV_REGISTER_PENDING_INTERRUPTION, pending_interruption, CHECK_INTERRUPTION),
	R64(HV_REGISTER_INTERRUPT_STATE, interrupt_state, CHECK_INTERRUPT_STATE),
	R64(HV_X64_REGISTER_PENDING_DEBUG_EXCEPTION, pending_debug, CHECK_NONE),
	{ HV_X64_REGISTER_FP_CONTROL_STATUS, K_BYTES16, offsetof(struct vp_regs, fx), CHECK_NONE },
	{ HV_X64_REGISTER_XMM_CONTROL_STATUS, K_BYTES16, offsetof(struct vp_regs, fx.fdp),
	  CHECK_MXCSR },
	{ HV_REGISTER_EXPLICIT_SUSPEND, K_SUSPEND, 0, CHECK_SUSPEND },
	{ HV_REGISTER_VP_INDEX, K_VP_INDEX, 0, CHECK_READ_ONLY },
	{ HV_REGISTER_HYPERVISOR_VERSION, K_VERSION, 0, CHECK_READ_ONLY },
};

/* XMM0-15 and FP/MMX0-7 are ranges onto the FXSAVE image. */
static bool vector_register(uint32_t name, size_t *offset)
{
	if (name >= HV_X64_REGISTER_XMM0 && name <= HV_X64_REGISTER_XMM15) {
		*offset = offsetof(struct vp_regs, fx.xmm) + 16 * (name - HV_X64_REGISTER_XMM0);
		return true;
	}
	if (name >= HV_X64_REGISTER_FP_MMX0 && name <= HV_X64_REGISTER_FP_MMX7) {
		*offset = offsetof(struct vp_regs, fx.st) + 16 * (name - HV_X64_REGISTER_FP_MMX0);
		return true;
	}
	return false;
}

static const struct reg_desc *find(uint32_t name)
{
	for (size_t i = 0; i < sizeof(regs) / sizeof(regs[0]); i++)
		if (regs[i].name == name)
			return &regs[i];
	return NULL;
}

static bool canonical(uint64_t a)
{
	return (uint64_t)((int64_t)(a << 16) >> 16) == a;
}

static bool valid_segment(const struct vp_segment *s)
{
	/* Reserved attribute bits 11:8 must be 0; a present segment's base
	 * must be canonical. */
	return !(s->attributes & 0x0f00) && canonical(s->base);
}

static bool valid_memtype(uint8_t t)
{
	return t == 0 || t == 1 || t == 4 || t == 5 || t == 6 || t == 7;
}

/* MXCSR bits this CPU implements (SDM Vol. 1 11.6.6: 0 means 0xffbf). */
static uint32_t host_mxcsr_mask(void)
{
	static uint32_t mask;
	if (!mask) {
		struct vp_fx_state fx;
		memset(&fx, 0, sizeof(fx));
		__asm__ volatile("fxsave64 %0" : "=m"(fx));
		mask = fx.mxcsr_mask ? fx.mxcsr_mask : 0xffbf;
	}
	return mask;
}

/* The value v (first 8 bytes) is acceptable for check c on VP state r. */
static bool valid(enum check c, const reg_value raw, const struct vp_regs *r)
{
	uint64_t v;
	memcpy(&v, raw, 8);

	switch (c) {
	case CHECK_NONE:
		return true;
	case CHECK_CANONICAL:
		return canonical(v);
	case CHECK_RFLAGS:
		/* Bit 1 is 1; bits 3, 5, 15 and 63:22 are reserved (SDM 3.4.3). */
		return (v & 2) && !(v & ((1ull << 3) | (1ull << 5) | (1ull << 15) | ~0x3fffffull));
	case CHECK_CR0:
		if (v >> 32)
			return false;
		if ((v & CR0_PG) && !(v & CR0_PE))
			return false;
		return !((v & (1ull << 29)) && !(v & (1ull << 30))); /* NW without CD */
	case CHECK_CR4:
		/* Bits this CPU lacks would #GP; VMXE would mean nested VMX. */
		return !(v & ~arch_guest_cr4_allowed());
	case CHECK_CR8:
		return v <= 15;
	case CHECK_XCR0:
		return (v & 1) && !(v & ~3ull); /* x87 required; x87|SSE supported */
	case CHECK_DR67:
	case CHECK_U32:
		return !(v >> 32);
	case CHECK_EFER:
		/* SCE, LME, LMA, NXE only. */
		return !(v & ~(uint64_t)(EFER_SCE | EFER_LME | (1ull << 10) | EFER_NXE));
	case CHECK_PAT:
		for (int i = 0; i < 8; i++)
			if (!valid_memtype((uint8_t)(v >> (8 * i))))
				return false;
		return true;
	case CHECK_INTERRUPTION: {
		if (!(v & 1))
			return true;
		unsigned type = (v >> 1) & 7, vector = (v >> 16) & 0xffff;
		if (type == 1 || type == 7 || vector > 255 || (v & 0xfc00))
			return false;
		if (type == 2 && vector != 2)
			return false; /* NMI is vector 2 */
		if (type == 3 && vector > 31)
			return false;
		return true;
	}
	case CHECK_INTERRUPT_STATE:
		return !(v & ~3ull);
	case CHECK_SUSPEND:
		return !(v & ~1ull);
	case CHECK_SEGMENT: {
		struct vp_segment s;
		memcpy(&s.base, raw, 8);
		memcpy(&s.limit, raw + 8, 4);
		memcpy(&s.selector, raw + 12, 2);
		memcpy(&s.attributes, raw + 14, 2);
		return valid_segment(&s);
	}
	case CHECK_TABLE: {
		uint64_t base;
		memcpy(&base, raw + 8, 8);
		return canonical(base);
	}
	case CHECK_MXCSR: {
		/* Against the CPU's mask, not the one the manager may have
		 * written into the image: FXRSTOR #GPs on any other bit. */
		uint32_t mxcsr;
		memcpy(&mxcsr, raw + 8, 4);
		return !(mxcsr & ~host_mxcsr_mask());
	}
	case CHECK_READ_ONLY:
		return false;
	}
	return false;
}

static void get_one(const struct vp *vp, const struct reg_desc *d, reg_value out)
{
	const uint8_t *base = (const uint8_t *)&vp->regs;
	uint64_t v = 0;

	memset(out, 0, 16);
	switch (d->kind) {
	case K_U64:
		memcpy(out, base + d->offset, 8);
		return;
	case K_SEGMENT: {
		const struct vp_segment *s = (const void *)(base + d->offset);
		memcpy(out, &s->base, 8);
		memcpy(out + 8, &s->limit, 4);
		memcpy(out + 12, &s->selector, 2);
		memcpy(out + 14, &s->attributes, 2);
		return;
	}
	case K_TABLE: {
		const struct vp_table *t = (const void *)(base + d->offset);
		memcpy(out + 6, &t->limit, 2);
		memcpy(out + 8, &t->base, 8);
		return;
	}
	case K_BYTES16:
		memcpy(out, base + d->offset, 16);
		return;
	case K_SUSPEND:
		v = vp->explicit_suspend;
		break;
	case K_VP_INDEX:
		v = vp->index;
		break;
	case K_VERSION: {
		uint32_t version[4]; /* CPUID 0x40000002 EAX..EDX (hv/enlight_cpuid.c) */
		enlight_hypervisor_version(version);
		memcpy(out, version, 16);
		return;
	}
	case K_TSC:
		v = rdtsc();
		break;
	}
	memcpy(out, &v, 8);
}

static void set_one(struct vp *vp, const struct reg_desc *d, const reg_value in)
{
	uint8_t *base = (uint8_t *)&vp->regs;

	switch (d->kind) {
	case K_U64:
		memcpy(base + d->offset, in, 8);
		break;
	case K_SEGMENT: {
		struct vp_segment *s = (void *)(base + d->offset);
		memcpy(&s->base, in, 8);
		memcpy(&s->limit, in + 8, 4);
		memcpy(&s->selector, in + 12, 2);
		memcpy(&s->attributes, in + 14, 2);
		break;
	}
	case K_TABLE: {
		struct vp_table *t = (void *)(base + d->offset);
		memcpy(&t->limit, in + 6, 2);
		memcpy(&t->base, in + 8, 8);
		break;
	}
	case K_BYTES16:
		memcpy(base + d->offset, in, 16);
		break;
	case K_SUSPEND:
		vp->explicit_suspend = in[0] & 1;
		break;
	default:
		break; /* read-only: refused by the check */
	}
}

/* Read count registers of vp into values; hv_lock held. */
static hv_status_t get_regs(const struct vp *vp, const uint32_t *names, uint32_t count,
			    union hv_register_value *values, uint32_t *done)
{
	for (uint32_t i = 0; i < count; i++) {
		size_t off;
		reg_value v;
		const struct reg_desc *d = find(names[i]);
		if (d)
			get_one(vp, d, v);
		else if (vector_register(names[i], &off))
			memcpy(v, (const uint8_t *)&vp->regs + off, 16);
		else
			return HV_STATUS_INVALID_PARAMETER;
		memcpy(&values[i], v, 16);
		(*done)++;
	}
	return HV_STATUS_SUCCESS;
}

/* Write count registers of vp, each checked before it is stored; hv_lock
 * held.  self: vp is the caller, whose RIP and RAX the hypercall's own
 * completion rewrites, so they are refused. */
static hv_status_t set_regs(struct vp *vp, const struct hv_register_assoc *assocs,
			    uint32_t count, bool self, uint32_t *done)
{
	for (uint32_t i = 0; i < count; i++) {
		size_t off;
		reg_value v;
		memcpy(v, &assocs[i].value, 16);
		const struct reg_desc *d = find(assocs[i].name);
		if (self && (assocs[i].name == HV_X64_REGISTER_RIP ||
			     assocs[i].name == HV_X64_REGISTER_RAX))
			return HV_STATUS_INVALID_PARAMETER;
		if (d) {
			if (d->check == CHECK_READ_ONLY)
				return HV_STATUS_INVALID_PARAMETER;
			if (!valid(d->check, v, &vp->regs))
				return HV_STATUS_INVALID_REGISTER_VALUE;
			set_one(vp, d, v);
		} else if (vector_register(assocs[i].name, &off)) {
			memcpy((uint8_t *)&vp->regs + off, v, 16);
		} else {
			return HV_STATUS_INVALID_PARAMETER;
		}
		(*done)++;
	}
	return HV_STATUS_SUCCESS;
}

hv_status_t hv_get_vp_registers(uint64_t id, uint32_t vp_index, const uint32_t *names,
				uint32_t count, union hv_register_value *values, uint32_t *done)
{
	struct vp *vp;

	*done = 0;
	spin_lock(&hv_lock);
	hv_status_t st = vp_lookup_idle(id, vp_index, &vp);
	if (st == HV_STATUS_SUCCESS)
		st = get_regs(vp, names, count, values, done);
	spin_unlock(&hv_lock);
	return st;
}

hv_status_t hv_set_vp_registers(uint64_t id, uint32_t vp_index,
				const struct hv_register_assoc *assocs, uint32_t count,
				uint32_t *done)
{
	struct vp *vp;

	*done = 0;
	spin_lock(&hv_lock);
	hv_status_t st = vp_lookup_idle(id, vp_index, &vp);
	if (st == HV_STATUS_SUCCESS)
		st = set_regs(vp, assocs, count, false, done);
	spin_unlock(&hv_lock);
	return st;
}

hv_status_t vp_get_own_registers(struct vp *vp, const uint32_t *names, uint32_t count,
				 union hv_register_value *values, uint32_t *done)
{
	*done = 0;
	spin_lock(&hv_lock);
	arch_vp_save_regs(vp);
	hv_status_t st = get_regs(vp, names, count, values, done);
	arch_vp_prepare(vp); /* the state goes back into the VMCS */
	spin_unlock(&hv_lock);
	return st;
}

hv_status_t vp_set_own_registers(struct vp *vp, const struct hv_register_assoc *assocs,
				 uint32_t count, uint32_t *done)
{
	*done = 0;
	spin_lock(&hv_lock);
	arch_vp_save_regs(vp);
	hv_status_t st = set_regs(vp, assocs, count, true, done);
	arch_vp_prepare(vp);
	spin_unlock(&hv_lock);
	return st;
}

hv_status_t vp_switch_own_address_space(struct vp *vp, uint64_t cr3)
{
	spin_lock(&hv_lock);
	arch_vp_save_regs(vp);
	bool long_mode = vp->regs.efer & (1u << 10); /* EFER.LMA */
	bool pcide = vp->regs.cr4 & (1u << 17);
	uint64_t allowed = long_mode ? ((UINT64_C(1) << HV_GPA_WIDTH_BITS) - 1) |
					       (pcide ? UINT64_C(1) << 63 : 0)
				     : UINT64_C(0xFFFFFFFF);
	hv_status_t st = HV_STATUS_INVALID_PARAMETER;
	if (!(cr3 & ~allowed)) {
		/* Bit 63 (PCID no-flush) is an instruction flag, not CR3 state. */
		vp->regs.cr3 = cr3 & ~(UINT64_C(1) << 63);
		st = HV_STATUS_SUCCESS;
	}
	arch_vp_prepare(vp);
	/* The TLFS lets the switch keep cached translations, but under one
	 * VPID they would still describe the old space: drop them. */
	if (st == HV_STATUS_SUCCESS)
		arch_vp_flush_guest_tlb(vp);
	spin_unlock(&hv_lock);
	return st;
}
