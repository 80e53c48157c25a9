/*
 * Pure decoding of the synthetic-IPI hypercalls' inputs (TLFS
 * HvCallSendSyntheticClusterIpi[Ex], 0x000B/0x0015; digest hypercalls.md
 * 2): vector, target VTL, reserved bytes and the processor mask or
 * HV_VP_SET (hv/hypercall/vp_set.c).  No hv/ state: host-tested
 * (tests/unit/test_ipi_input.c).
 */
#ifndef UNIHV_HV_HYPERCALL_IPI_INPUT_H
#define UNIHV_HV_HYPERCALL_IPI_INPUT_H

#include <stdint.h>
#include "hv/hypercall/vp_set.h"

/*
 * Decode the fixed header (0x000B: 16 bytes; 0x0015: 24 bytes, then
 * var_qwords bank words) into *vector and *out.  Statuses, in this order:
 * INVALID_HYPERCALL_INPUT (Ex: bank-word count != popcount(valid banks));
 * INVALID_PARAMETER for a vector outside 0x10-0xFF, a target VTL other
 * than 0 (0 or "use target VTL 0" accepted), non-zero flags/reserved
 * bytes, an unknown VP-set format, a VP index >= HC_FLUSH_MAX_VPS, or an
 * empty mask/set.
 */
uint16_t hc_ipi_decode(uint16_t code, const uint8_t *input, uint32_t var_qwords,
		       uint8_t *vector, struct hc_flush_target *out);

#endif
