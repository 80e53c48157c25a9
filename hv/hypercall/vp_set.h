/*
 * Pure decoding of the TLB-flush hypercalls' inputs (TLFS
 * HvCallFlushVirtualAddressSpace/List[Ex], 0x0002/0x0003/0x0013/0x0014;
 * digest hypercalls.md 2, data-types.md 4-6): flags, address space and the
 * processor mask or HV_VP_SET.  No hv/ state: host-tested
 * (tests/unit/test_vp_set.c).
 */
#ifndef UNIHV_HV_HYPERCALL_VP_SET_H
#define UNIHV_HV_HYPERCALL_VP_SET_H

#include <stdbool.h>
#include <stdint.h>

/* VP indexes unihv can hold (HV_MAX_VPS_PER_PARTITION): one 64-bit bank. */
#define HC_FLUSH_MAX_VPS 64u

/* Which VPs a flush targets: all of the partition's, or the set in mask
 * (bit n = VP index n). */
struct hc_flush_target {
	bool all;
	uint64_t mask;
};

/*
 * Decode the HV_VP_SET of an *Ex call: format, valid-banks mask and the
 * var_qwords bank words of the variable header.  Statuses:
 * INVALID_HYPERCALL_INPUT when var_qwords != popcount(valid_banks);
 * INVALID_PARAMETER for an unknown format, or a set naming a VP index
 * >= HC_FLUSH_MAX_VPS (no VP can have it).  Format ALL sets *all.
 */
uint16_t hc_vp_set_decode(uint64_t format, uint64_t valid_banks, const uint64_t *banks,
			  uint32_t var_qwords, struct hc_flush_target *out);

/*
 * Decode a flush call's fixed and variable header (code 0x0002, 0x0003,
 * 0x0013 or 0x0014) into *out.  Statuses, in this order:
 * INVALID_HYPERCALL_INPUT (Ex: bank-word count), INVALID_PARAMETER
 * (reserved flag bits; USE_EXTENDED_RANGE_FORMAT, not offered;
 * NON_GLOBAL_MAPPINGS_ONLY on a List call; a target-VTL flag other than
 * VTL 0; reserved address-space bits 63:52 without
 * ALL_VIRTUAL_ADDRESS_SPACES; an unknown VP-set format; an empty processor
 * mask/set without ALL_PROCESSORS; a VP index >= HC_FLUSH_MAX_VPS).
 */
uint16_t hc_flush_decode(uint16_t code, const uint8_t *input, uint32_t var_qwords,
			 struct hc_flush_target *out);

#endif
