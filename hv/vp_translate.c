/*
 * HvCallTranslateVirtualAddress (TLFS 0x0052): walk the VP's own page
 * tables in guest-physical memory (hv/gva_walk.c) as the VP would.
 */
#include "hv/hv.h"
#include "hv/vp.h"
#include "hv/vp_ops.h"
#include "hv/partition.h"
#include "hv/memory.h"
#include "hv/gva_walk.h"
#include "unihv/hv_status.h"

/* Control flags unihv understands (data-types 16); the rest is reserved. */
#define TRANSLATE_FLAGS_KNOWN 0x3ffull
#define TRANSLATE_VALIDATE_ANY \
	(GVA_WALK_VALIDATE_READ | GVA_WALK_VALIDATE_WRITE | GVA_WALK_VALIDATE_EXECUTE)
#define GUEST_MAXPHYADDR 39 /* HV_GPA_WIDTH_BITS */

static bool read_gpa(void *ctx, uint64_t gpa, void *buf, size_t len)
{
	return partition_read_gpa(ctx, gpa, buf, len);
}

static bool write_gpa(void *ctx, uint64_t gpa, const void *buf, size_t len)
{
	return partition_write_gpa(ctx, gpa, buf, len);
}

hv_status_t hv_translate_virtual_address(uint64_t id, uint32_t vp_index, uint64_t control_flags,
					 uint64_t gva_page, uint64_t *result_code,
					 uint64_t *gpa_page)
{
	struct vp *vp;
	uint64_t flags = control_flags & ~GVA_WALK_INPUT_VTL_MASK;

	/* At least one access to validate, no reserved bit, VTL 0 only. */
	if (!(flags & TRANSLATE_VALIDATE_ANY) || (flags & ~TRANSLATE_FLAGS_KNOWN) ||
	    (control_flags & GVA_WALK_INPUT_VTL_MASK))
		return HV_STATUS_INVALID_PARAMETER;
	spin_lock(&hv_lock);
	hv_status_t st = vp_lookup_idle(id, vp_index, &vp);
	if (st == HV_STATUS_SUCCESS) {
		const struct vp_regs *r = &vp->regs;
		struct gva_walk_regs wr = {
			.cr0 = r->cr0, .cr3 = r->cr3, .cr4 = r->cr4, .efer = r->efer,
			.rflags = r->rflags, .cpl = (r->seg[SEG_SS].attributes >> 5) & 3,
			.maxphyaddr = GUEST_MAXPHYADDR,
		};
		struct gva_walk_mem mem = { read_gpa, write_gpa, vp->partition };
		struct gva_walk_result res;
		*result_code = gva_walk(&wr, gva_page << 12, flags, &mem, &res);
		*gpa_page = res.gpa >> 12;
	}
	spin_unlock(&hv_lock);
	return st;
}
