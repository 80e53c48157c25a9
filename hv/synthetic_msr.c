/*
 * Synthetic MSRs (TLFS Appendix C; digest enlightenments.md §2-§3,
 * hypercall-abi.md §2-§3).  What is implemented and the decisions where
 * the TLFS is silent are listed in hv/synthetic_msr.h.
 */
#include <stddef.h>
#include "hv/synthetic_msr.h"
#include "hv/hv.h"
#include "hv/vp.h"
#include "hv/arch.h"
#include "hv/partition.h"
#include "hv/memory.h"
#include "hv/reference_time.h"
#include "hv/synic.h"
#include "hv/stimer.h"
#include "unihv/hv_cpuid.h"
#include "arch/cpu.h"
#include "time/clock.h"

#define GP_VECTOR 13

/* One row per implemented MSR: the privilege that gates it and whether a
 * WRMSR is legal at all (read-only MSRs #GP on write). */
struct msr_desc {
	uint32_t msr;
	uint64_t privilege;
	bool writable;
};

#define PRIV(name) HV_PARTITION_PRIVILEGE_##name

static const struct msr_desc msrs[] = {
	{ HV_X64_MSR_GUEST_OS_ID, PRIV(ACCESS_HYPERCALL_MSRS), true },
	{ HV_X64_MSR_HYPERCALL, PRIV(ACCESS_HYPERCALL_MSRS), true },
	{ HV_X64_MSR_VP_INDEX, PRIV(ACCESS_VP_INDEX), false },
	{ HV_X64_MSR_RESET, PRIV(ACCESS_RESET_REG), true },
	{ HV_X64_MSR_VP_RUNTIME, PRIV(ACCESS_VP_RUN_TIME_REG), false },
	{ HV_X64_MSR_TIME_REF_COUNT, PRIV(ACCESS_PARTITION_REFERENCE_COUNTER), false },
	{ HV_X64_MSR_REFERENCE_TSC, PRIV(ACCESS_PARTITION_REFERENCE_TSC), true },
	{ HV_X64_MSR_TSC_FREQUENCY, PRIV(ACCESS_FREQUENCY_REGS), false },
	{ HV_X64_MSR_APIC_FREQUENCY, PRIV(ACCESS_FREQUENCY_REGS), false },
};

enum msr_result {
	MSR_DONE,       /* completed: advance RIP */
	MSR_GP,         /* inject #GP, RIP stays */
	MSR_TO_MANAGER, /* an MSR intercept message for the manager */
};

/*
 * The hypercall page image (hypercall-abi.md §3): VMCALL; RET at offset 0
 * for both calling conventions, INT3 everywhere else (no VSM stubs: VSM
 * is not offered).
 */
static const uint8_t hypercall_page[HV_PAGE_SIZE] = {
	0x0f, 0x01, 0xc1, 0xc3, [4 ... HV_PAGE_SIZE - 1] = 0xcc,
};

static const uint8_t zero_page[HV_PAGE_SIZE];

static const struct msr_desc synic_desc = { 0, PRIV(ACCESS_SYNIC_REGS), true };
static const struct msr_desc stimer_desc = { 0, PRIV(ACCESS_SYNTHETIC_TIMER_REGS), true };

static const struct msr_desc *find(uint32_t msr)
{
	/* SVERSION's write #GP is synic_msr_write's. */
	if (synic_msr_in_range(msr))
		return &synic_desc;
	if (stimer_msr_in_range(msr))
		return &stimer_desc;
	for (size_t i = 0; i < sizeof(msrs) / sizeof(msrs[0]); i++)
		if (msrs[i].msr == msr)
			return &msrs[i];
	return NULL;
}

static bool gpa_in_space(uint64_t gpa)
{
	return gpa < (1ull << HV_GPA_WIDTH_BITS);
}

/* ---- reference time ------------------------------------------------------ */

void synthetic_msr_partition_init(struct partition *p)
{
	p->ref_time_origin_ns = clock_ns();
	p->ref_time_last = 0;
	p->reference_tsc_sequence = 0;
}

uint64_t synthetic_msr_reference_time(struct partition *p)
{
	uint64_t now = reference_time_from_ns(clock_ns(), p->ref_time_origin_ns);
	uint64_t last = __atomic_load_n(&p->ref_time_last, __ATOMIC_RELAXED);

	/* VPs on CPUs whose TSCs differ slightly still never see it go back. */
	while (now > last)
		if (__atomic_compare_exchange_n(&p->ref_time_last, &last, now, false,
						__ATOMIC_RELAXED, __ATOMIC_RELAXED))
			return now;
	return last;
}

/*
 * Write the reference TSC page at gpa (hv_lock held): TscSequence 0 first,
 * then the rest of the page, then the new sequence, each a separate store
 * so a VP reading the page meanwhile sees 0 or a complete page.
 */
static void write_reference_tsc_page(struct partition *p, uint64_t gpa)
{
	const uint32_t invalid = HV_REFERENCE_TSC_SEQUENCE_INVALID;
	/* The page's fields after tsc_sequence, up to the reserved tail. */
	struct {
		uint32_t rsvd1;
		uint64_t tsc_scale;
		int64_t tsc_offset;
		uint64_t timeline_bias, tsc_multiplier;
	} __attribute__((packed)) head = { 0 };
	const size_t head_end = offsetof(struct hv_reference_tsc_page, rsvd2);
	uint64_t scale = reference_tsc_scale(clock_tsc_hz());

	_Static_assert(sizeof(invalid) + sizeof(head) == offsetof(struct hv_reference_tsc_page, rsvd2),
		       "reference TSC page head");
	if (!partition_write_gpa(p, gpa, &invalid, sizeof(invalid)))
		return; /* nothing mapped there: silently inaccessible */
	if (scale) {
		uint64_t tsc = rdtsc();
		head.tsc_scale = scale;
		head.tsc_offset = reference_tsc_offset(tsc, scale, synthetic_msr_reference_time(p));
	}
	partition_write_gpa(p, gpa + sizeof(invalid), &head, sizeof(head));
	partition_write_gpa(p, gpa + head_end, zero_page, HV_PAGE_SIZE - head_end);
	if (!scale)
		return; /* sequence 0: the guest uses TIME_REF_COUNT */
	if (++p->reference_tsc_sequence == HV_REFERENCE_TSC_SEQUENCE_INVALID)
		p->reference_tsc_sequence = 1;
	partition_write_gpa(p, gpa, &p->reference_tsc_sequence, sizeof(uint32_t));
}

/* ---- VP run time ------------------------------------------------------------ */

void synthetic_msr_dispatch_begin(struct vp *vp)
{
	vp->dispatch_start_ns = clock_ns();
}

void synthetic_msr_dispatch_end(struct vp *vp)
{
	uint64_t now = clock_ns();

	if (now > vp->dispatch_start_ns)
		vp->runtime_ns += now - vp->dispatch_start_ns;
}

/* Called while vp runs (its own RDMSR): the finished dispatches plus this one. */
static uint64_t vp_runtime(const struct vp *vp)
{
	uint64_t now = clock_ns(), ns = vp->runtime_ns;

	if (now > vp->dispatch_start_ns)
		ns += now - vp->dispatch_start_ns;
	return ns / REFERENCE_TIME_NS_PER_UNIT;
}

/* ---- reads and writes ----------------------------------------------------------- */

static enum msr_result read_msr(struct vp *vp, uint32_t msr, uint64_t *out)
{
	struct partition *p = vp->partition;

	switch (msr) {
	case HV_X64_MSR_GUEST_OS_ID:
		*out = p->guest_os_id;
		break;
	case HV_X64_MSR_HYPERCALL:
		*out = p->hypercall_msr;
		break;
	case HV_X64_MSR_VP_INDEX:
		*out = vp->index;
		break;
	case HV_X64_MSR_RESET:
		*out = 0;
		break;
	case HV_X64_MSR_VP_RUNTIME:
		*out = vp_runtime(vp);
		break;
	case HV_X64_MSR_TIME_REF_COUNT:
		*out = synthetic_msr_reference_time(p);
		break;
	case HV_X64_MSR_REFERENCE_TSC:
		*out = p->reference_tsc_msr;
		break;
	case HV_X64_MSR_TSC_FREQUENCY:
		*out = clock_tsc_hz();
		break;
	case HV_X64_MSR_APIC_FREQUENCY:
		*out = SYNTHETIC_MSR_APIC_FREQUENCY_HZ;
		break;
	default:
		return MSR_GP;
	}
	return MSR_DONE;
}

/* HV_X64_MSR_HYPERCALL (hypercall-abi.md §3); hv_lock held. */
static enum msr_result write_hypercall(struct partition *p, uint64_t value)
{
	if (p->hypercall_msr & HV_X64_MSR_HYPERCALL_LOCKED)
		return MSR_DONE; /* immutable until reset: the write is ignored */
	uint64_t gpa = value & HV_X64_MSR_HYPERCALL_GPFN_MASK;
	if (!gpa_in_space(gpa))
		return MSR_GP;
	value &= ~HV_X64_MSR_HYPERCALL_RSVDP_MASK;
	if (!p->guest_os_id)
		value &= ~HV_X64_MSR_HYPERCALL_ENABLE; /* accepted, Enable stays clear */
	if ((value & HV_X64_MSR_HYPERCALL_ENABLE) &&
	    !partition_write_gpa(p, gpa, hypercall_page, sizeof(hypercall_page)))
		return MSR_GP; /* no guest page to hold the stub */
	p->hypercall_msr = value;
	return MSR_DONE;
}

static enum msr_result write_msr(struct vp *vp, uint32_t msr, uint64_t value)
{
	struct partition *p = vp->partition;
	enum msr_result r = MSR_DONE;

	switch (msr) {
	case HV_X64_MSR_GUEST_OS_ID:
		spin_lock(&hv_lock);
		p->guest_os_id = value;
		if (!value && !(p->hypercall_msr & HV_X64_MSR_HYPERCALL_LOCKED))
			p->hypercall_msr &= ~HV_X64_MSR_HYPERCALL_ENABLE;
		spin_unlock(&hv_lock);
		break;
	case HV_X64_MSR_HYPERCALL:
		spin_lock(&hv_lock);
		r = write_hypercall(p, value);
		spin_unlock(&hv_lock);
		break;
	case HV_X64_MSR_RESET:
		/* The manager owns partition reset (it recreates the VPs'
		 * state): it gets the WRMSR as an intercept. */
		if (value & HV_X64_MSR_RESET_RESET)
			r = MSR_TO_MANAGER;
		break;
	case HV_X64_MSR_REFERENCE_TSC:
		value &= ~HV_X64_MSR_OVERLAY_RSVDP_MASK;
		spin_lock(&hv_lock);
		p->reference_tsc_msr = value;
		if ((value & HV_X64_MSR_REFERENCE_TSC_ENABLE) &&
		    gpa_in_space(value & HV_X64_MSR_OVERLAY_GPN_MASK))
			write_reference_tsc_page(p, value & HV_X64_MSR_OVERLAY_GPN_MASK);
		spin_unlock(&hv_lock);
		break;
	default:
		r = MSR_GP;
		break;
	}
	return r;
}

bool synthetic_msr_access(struct vp *vp, const struct hv_exit *e)
{
	const struct msr_desc *d = find(e->msr.index);
	enum msr_result r = MSR_GP;
	uint64_t value = 0;

	if (d && (vp->partition->privilege_flags & d->privilege) && (d->writable || !e->msr.write)) {
		if (d == &synic_desc || d == &stimer_desc) {
			uint32_t msr = e->msr.index;
			bool ok;
			value = (vp->regs.gpr[GPR_RDX] << 32) | (uint32_t)vp->regs.gpr[GPR_RAX];
			if (d == &synic_desc)
				ok = e->msr.write ? synic_msr_write(vp, msr, value)
						  : synic_msr_read(vp, msr, &value);
			else
				ok = e->msr.write ? stimer_msr_write(vp, msr, value)
						  : stimer_msr_read(vp, msr, &value);
			r = ok ? MSR_DONE : MSR_GP;
		} else if (e->msr.write) {
			value = (vp->regs.gpr[GPR_RDX] << 32) | (uint32_t)vp->regs.gpr[GPR_RAX];
			r = write_msr(vp, d->msr, value);
		} else {
			r = read_msr(vp, d->msr, &value);
		}
	}
	switch (r) {
	case MSR_GP:
		arch_vp_inject_exception(vp, GP_VECTOR, true, 0);
		return true;
	case MSR_TO_MANAGER:
		return false;
	case MSR_DONE:
		break;
	}
	if (!e->msr.write) {
		vp->regs.gpr[GPR_RAX] = (uint32_t)value;
		vp->regs.gpr[GPR_RDX] = value >> 32;
	}
	arch_vp_skip_instruction(vp, e);
	return true;
}
