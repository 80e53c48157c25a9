/*
 * Pure decoding of the synthetic-IPI hypercalls' inputs; see ipi_input.h.
 */
#include <string.h>
#include "hv/hypercall/ipi_input.h"
#include "unihv/hv_hypercall.h"
#include "unihv/hv_status.h"
#include "unihv/hv_types.h"

uint16_t hc_ipi_decode(uint16_t code, const uint8_t *input, uint32_t var_qwords,
		       uint8_t *vector, struct hc_flush_target *out)
{
	bool ex = code == HVCALL_SEND_SYNTHETIC_CLUSTER_IPI_EX;
	uint64_t hdr[3];
	uint16_t st;

	memcpy(hdr, input, ex ? 24 : 16);
	uint32_t vec = (uint32_t)hdr[0];
	uint8_t vtl = (uint8_t)(hdr[0] >> 32);
	uint32_t rsvd = (uint32_t)(hdr[0] >> 40); /* flags u8 + reserved u16 */

	out->all = false;
	out->mask = 0;
	*vector = 0;
	if (ex) {
		/* Framing first, as for the flush calls (and KVM). */
		st = hc_vp_set_decode(hdr[1], hdr[2], (const uint64_t *)(input + 24), var_qwords,
				      out);
		if (st == HV_STATUS_INVALID_HYPERCALL_INPUT)
			return st;
	} else {
		st = HV_STATUS_SUCCESS;
		out->mask = hdr[1];
	}
	if (vec < 0x10 || vec > 0xff)
		return HV_STATUS_INVALID_PARAMETER;
	/* No VSM: the current VTL, or VTL 0 named explicitly. */
	if (vtl != 0 && vtl != hv_input_vtl_target(0))
		return HV_STATUS_INVALID_PARAMETER;
	if (rsvd)
		return HV_STATUS_INVALID_PARAMETER;
	if (st)
		return st;
	if (!out->all && !out->mask)
		return HV_STATUS_INVALID_PARAMETER; /* nobody to send to */
	*vector = (uint8_t)vec;
	return HV_STATUS_SUCCESS;
}
