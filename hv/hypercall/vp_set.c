/*
 * Pure decoding of the TLB-flush hypercalls' inputs; see vp_set.h.
 */
#include <string.h>
#include "hv/hypercall/vp_set.h"
#include "unihv/hv_hypercall.h"
#include "unihv/hv_status.h"
#include "unihv/hv_types.h"

/* CR3 bits above the architectural maximum physical-address width (52). */
#define ADDRESS_SPACE_RSVD_MASK (~UINT64_C(0) << 52)

/* No libgcc in the kernel (no __popcountdi2). */
static uint32_t popcount64(uint64_t v)
{
	uint32_t n = 0;
	for (; v; v &= v - 1)
		n++;
	return n;
}

uint16_t hc_vp_set_decode(uint64_t format, uint64_t valid_banks, const uint64_t *banks,
			  uint32_t var_qwords, struct hc_flush_target *out)
{
	out->all = false;
	out->mask = 0;
	/* KVM: the bank words present must match the mask, whatever the format. */
	if (popcount64(valid_banks) != var_qwords)
		return HV_STATUS_INVALID_HYPERCALL_INPUT;
	if (format == HV_GENERIC_SET_ALL) {
		out->all = true;
		return HV_STATUS_SUCCESS;
	}
	if (format != HV_GENERIC_SET_SPARSE_4K)
		return HV_STATUS_INVALID_PARAMETER;
	uint32_t k = 0;
	for (uint32_t b = 0; b < HV_VP_SET_MAX_BANKS; b++) {
		if (!(valid_banks & (UINT64_C(1) << b)))
			continue;
		uint64_t word = banks[k++];
		if (b == 0)
			out->mask = word;
		else if (word)
			return HV_STATUS_INVALID_PARAMETER; /* VP index >= 64: none exists */
	}
	return HV_STATUS_SUCCESS;
}

uint16_t hc_flush_decode(uint16_t code, const uint8_t *input, uint32_t var_qwords,
			 struct hc_flush_target *out)
{
	bool ex = code == HVCALL_FLUSH_VIRTUAL_ADDRESS_SPACE_EX ||
		  code == HVCALL_FLUSH_VIRTUAL_ADDRESS_LIST_EX;
	bool list = code == HVCALL_FLUSH_VIRTUAL_ADDRESS_LIST ||
		    code == HVCALL_FLUSH_VIRTUAL_ADDRESS_LIST_EX;
	uint64_t hdr[4];
	uint16_t st;

	memcpy(hdr, input, ex ? 32 : 24);
	uint64_t address_space = hdr[0], flags = hdr[1];

	out->all = false;
	out->mask = 0;
	/* The variable-header shape is framing: checked before the fields. */
	if (ex && popcount64(hdr[3]) != var_qwords)
		return HV_STATUS_INVALID_HYPERCALL_INPUT;
	if (flags & HV_FLUSH_RSVD_MASK)
		return HV_STATUS_INVALID_PARAMETER;
	/* The extended GVA range format (CPUID 0x40000003.EDX[14]) is not offered. */
	if (flags & HV_FLUSH_USE_EXTENDED_RANGE_FORMAT)
		return HV_STATUS_INVALID_PARAMETER;
	if (list && (flags & HV_FLUSH_NON_GLOBAL_MAPPINGS_ONLY))
		return HV_STATUS_INVALID_PARAMETER;
	/* No VSM: only VTL 0 exists. */
	if (flags & (HV_FLUSH_USE_TARGET_VTL | HV_FLUSH_TARGET_VTL1))
		return HV_STATUS_INVALID_PARAMETER;
	if (!(flags & HV_FLUSH_ALL_VIRTUAL_ADDRESS_SPACES) &&
	    (address_space & ADDRESS_SPACE_RSVD_MASK))
		return HV_STATUS_INVALID_PARAMETER;
	if (ex) {
		st = hc_vp_set_decode(hdr[2], hdr[3], (const uint64_t *)(input + 32), var_qwords,
				      out);
		if (st && !(st == HV_STATUS_INVALID_PARAMETER &&
			    (flags & HV_FLUSH_ALL_PROCESSORS) && hdr[2] == HV_GENERIC_SET_SPARSE_4K))
			return st;
	} else {
		out->mask = hdr[2];
	}
	if (flags & HV_FLUSH_ALL_PROCESSORS) {
		/* The mask or set is ignored (its format still has to be known). */
		out->all = true;
		out->mask = 0;
		return HV_STATUS_SUCCESS;
	}
	if (!out->all && !out->mask)
		return HV_STATUS_INVALID_PARAMETER; /* TLFS: empty set without ALL_PROCESSORS */
	return HV_STATUS_SUCCESS;
}
