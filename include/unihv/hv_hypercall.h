/*
 * Hypercalls: call codes, the 64-bit hypercall input value (control) and
 * result value, partition/VP ID constants, and the input/output blocks of
 * the guest-facing, extended and root (partition management) hypercalls.
 *
 * Source: TLFS hypercall-interface.md and the tlfs/hypercalls pages (MicrosoftDocs),
 * TLFS v2.0 / v6.0b PDFs; digest hypercall-abi.md (§5 input value,
 * §6 result value, §9 variable headers, §10 fast calls) and hypercalls.md
 * (§1 summary, §2 guest-facing, §3 root, §4 other codes); data-types.md
 * (§3 IDs, §4 HV_VP_SET, §8.1 register value/assoc, §10 initial VP context).
 *
 * Blocks are given as structures that overlay the 8-byte aligned input
 * (GPA in RDX) or output (GPA in R8) block.  For rep calls the structure is
 * the fixed header; the rep elements (described at each call) follow it,
 * after any variable header.  Every reserved field is RsvdZ on input.
 */
#ifndef UNIHV_HV_HYPERCALL_H
#define UNIHV_HV_HYPERCALL_H

#include <stddef.h>
#include <stdint.h>
#include "abi_version.h"
#include "hv_message.h"
#include "hv_regs.h"
#include "hv_types.h"

/* ---------------------------------------------------------------------
 * Partition and VP identifiers.  TLFS hv_partition_id.md, hv_vp_index.md;
 * digest data-types.md §3.
 */
#define HV_PARTITION_ID_INVALID  UINT64_C(0)
#define HV_PARTITION_ID_SELF     UINT64_C(0xFFFFFFFFFFFFFFFF)
#define HV_VP_INDEX_SELF         0xFFFFFFFEu
#define HV_ANY_VP                0xFFFFFFFFu

/* ---------------------------------------------------------------------
 * Call codes: guest-facing.  Digest hypercalls.md §1, §2.
 */
#define HVCALL_SWITCH_VIRTUAL_ADDRESS_SPACE        0x0001u
#define HVCALL_FLUSH_VIRTUAL_ADDRESS_SPACE         0x0002u
#define HVCALL_FLUSH_VIRTUAL_ADDRESS_LIST          0x0003u
#define HVCALL_NOTIFY_LONG_SPIN_WAIT               0x0008u
#define HVCALL_SEND_SYNTHETIC_CLUSTER_IPI          0x000Bu
#define HVCALL_MODIFY_VTL_PROTECTION_MASK          0x000Cu
#define HVCALL_ENABLE_PARTITION_VTL                0x000Du
#define HVCALL_ENABLE_VP_VTL                       0x000Fu
#define HVCALL_VTL_CALL                            0x0011u
#define HVCALL_VTL_RETURN                          0x0012u
#define HVCALL_FLUSH_VIRTUAL_ADDRESS_SPACE_EX      0x0013u
#define HVCALL_FLUSH_VIRTUAL_ADDRESS_LIST_EX       0x0014u
#define HVCALL_SEND_SYNTHETIC_CLUSTER_IPI_EX       0x0015u
#define HVCALL_GET_VP_REGISTERS                    0x0050u
#define HVCALL_SET_VP_REGISTERS                    0x0051u
#define HVCALL_POST_MESSAGE                        0x005Cu
#define HVCALL_SIGNAL_EVENT                        0x005Du
#define HVCALL_RETARGET_DEVICE_INTERRUPT           0x007Eu
#define HVCALL_START_VIRTUAL_PROCESSOR             0x0099u
#define HVCALL_GET_VP_INDEX_FROM_APIC_ID           0x009Au
#define HVCALL_FLUSH_GUEST_PHYSICAL_ADDRESS_SPACE  0x00AFu
#define HVCALL_FLUSH_GUEST_PHYSICAL_ADDRESS_LIST   0x00B0u

/* Extended calls (code >= 0x8000, need EnableExtendedHypercalls). */
#define HVCALL_EXT_CODE_BASE                       0x8000u
#define HVCALL_EXT_QUERY_CAPABILITIES              0x8001u
#define HVCALL_EXT_GET_BOOT_ZEROED_MEMORY          0x8002u
#define HVCALL_EXT_MEMORY_HEAT_HINT                0x8003u
#define HVCALL_EXT_EPF_SETUP                       0x8004u
#define HVCALL_EXT_MEMORY_HEAT_HINT_ASYNC          0x8006u

/* Root / partition management.  Digest hypercalls.md §1, §3. */
#define HVCALL_CREATE_PARTITION                    0x0040u
#define HVCALL_INITIALIZE_PARTITION                0x0041u
#define HVCALL_FINALIZE_PARTITION                  0x0042u
#define HVCALL_DELETE_PARTITION                    0x0043u
#define HVCALL_GET_PARTITION_PROPERTY              0x0044u
#define HVCALL_SET_PARTITION_PROPERTY              0x0045u
#define HVCALL_GET_PARTITION_ID                    0x0046u
#define HVCALL_GET_NEXT_CHILD_PARTITION            0x0047u
#define HVCALL_DEPOSIT_MEMORY                      0x0048u
#define HVCALL_WITHDRAW_MEMORY                     0x0049u
#define HVCALL_GET_MEMORY_BALANCE                  0x004Au
#define HVCALL_MAP_GPA_PAGES                       0x004Bu
#define HVCALL_UNMAP_GPA_PAGES                     0x004Cu
#define HVCALL_INSTALL_INTERCEPT                   0x004Du
#define HVCALL_CREATE_VP                           0x004Eu
#define HVCALL_DELETE_VP                           0x004Fu
#define HVCALL_TRANSLATE_VIRTUAL_ADDRESS           0x0052u
#define HVCALL_READ_GPA                            0x0053u
#define HVCALL_WRITE_GPA                           0x0054u
#define HVCALL_ASSERT_VIRTUAL_INTERRUPT            0x0094u
#define HVCALL_CREATE_PORT                         0x0095u
#define HVCALL_CONNECT_PORT                        0x0096u
#define HVCALL_TRANSLATE_VIRTUAL_ADDRESS_EX        0x00ACu
#define HVCALL_DISPATCH_VP                         0x00C2u /* Linux-only */

/*
 * Other codes seen in the sources (digest hypercalls.md §4); names only,
 * for logs.  unihv ABI 1.0 does not define their blocks.
 */
#define HVCALL_GET_LOGICAL_PROCESSOR_RUN_TIME      0x0004u
#define HVCALL_INVOKE_HYPERVISOR_DEBUGGER          0x000Au
#define HVCALL_DISABLE_PARTITION_VTL               0x000Eu
#define HVCALL_DISABLE_VP_VTL                      0x0010u
#define HVCALL_ASSERT_VIRTUAL_INTERRUPT_V2         0x0055u /* deprecated (v2.0 code) */
#define HVCALL_CLEAR_VIRTUAL_INTERRUPT             0x0056u
#define HVCALL_CREATE_PORT_V2                      0x0057u /* deprecated (v2.0 code) */
#define HVCALL_DELETE_PORT                         0x0058u
#define HVCALL_CONNECT_PORT_V2                     0x0059u /* deprecated (v2.0 code) */
#define HVCALL_GET_PORT_PROPERTY                   0x005Au
#define HVCALL_DISCONNECT_PORT                     0x005Bu
#define HVCALL_SAVE_PARTITION_STATE                0x005Eu
#define HVCALL_RESTORE_PARTITION_STATE             0x005Fu
#define HVCALL_POST_DEBUG_DATA                     0x0069u
#define HVCALL_RETRIEVE_DEBUG_DATA                 0x006Au
#define HVCALL_RESET_DEBUG_SESSION                 0x006Bu
#define HVCALL_MAP_STATS_PAGE                      0x006Cu
#define HVCALL_UNMAP_STATS_PAGE                    0x006Du
#define HVCALL_MAP_SPARSE_GPA_PAGES                0x006Eu
#define HVCALL_SET_PORT_PROPERTY                   0x0070u
#define HVCALL_OUTPUT_DEBUG_CHARACTER              0x0071u
#define HVCALL_ADD_LOGICAL_PROCESSOR               0x0076u
#define HVCALL_GET_SYSTEM_PROPERTY                 0x007Bu
#define HVCALL_MAP_DEVICE_INTERRUPT                0x007Cu
#define HVCALL_UNMAP_DEVICE_INTERRUPT              0x007Du
#define HVCALL_NOTIFY_PARTITION_EVENT              0x0087u
#define HVCALL_NOTIFY_PORT_RING_EMPTY              0x008Bu
#define HVCALL_MODIFY_SPARSE_GPA_PAGES             0x0090u
#define HVCALL_REGISTER_INTERCEPT_RESULT           0x0091u
#define HVCALL_UNREGISTER_INTERCEPT_RESULT         0x0092u
#define HVCALL_GET_SPA_PAGE_LIST                   0x0097u
#define HVCALL_CHECK_FOR_IO_INTERCEPT              0x00ADu
#define HVCALL_SIGNAL_EVENT_DIRECT                 0x00C0u
#define HVCALL_POST_MESSAGE_DIRECT                 0x00C1u
#define HVCALL_GET_GPA_PAGES_ACCESS_STATES         0x00C9u
#define HVCALL_CHECK_SPARSE_GPA_PAGE_VTL_ACCESS    0x00D4u /* "VTL access check" */
#define HVCALL_ACQUIRE_SPARSE_SPA_PAGE_HOST_ACCESS 0x00D7u
#define HVCALL_RELEASE_SPARSE_SPA_PAGE_HOST_ACCESS 0x00D8u
#define HVCALL_ACCEPT_GPA_PAGES                    0x00D9u
#define HVCALL_MODIFY_SPARSE_GPA_PAGE_HOST_VISIBILITY 0x00DBu
#define HVCALL_MAP_VP_STATE_PAGE                   0x00E1u
#define HVCALL_UNMAP_VP_STATE_PAGE                 0x00E2u
#define HVCALL_GET_VP_STATE                        0x00E3u
#define HVCALL_SET_VP_STATE                        0x00E4u
#define HVCALL_GET_VP_SET_FROM_MDA                 0x00E5u
#define HVCALL_GET_VP_CPUID_VALUES                 0x00F4u
#define HVCALL_RESTORE_PARTITION_TIME              0x0103u
#define HVCALL_MEMORY_MAPPED_IO_READ               0x0106u
#define HVCALL_MEMORY_MAPPED_IO_WRITE              0x0107u
#define HVCALL_SET_PARTITION_PROPERTY_EX           0x010Au
#define HVCALL_INSTALL_INTERCEPT_EX                0x0110u
#define HVCALL_PIN_GPA_PAGE_RANGES                 0x0112u
#define HVCALL_UNPIN_GPA_PAGE_RANGES               0x0113u
#define HVCALL_QUERY_SPARSE_GPA_PAGE_HOST_VISIBILITY 0x011Cu
#define HVCALL_SET_VIRTUAL_INTERRUPT_TARGET        0x011Fu
#define HVCALL_MAP_STATS_PAGE2                     0x0131u
#define HVCALL_VBS_VM_CALL_REPORT                  0xC001u

/* ---------------------------------------------------------------------
 * Hypercall input value (control, 64 bits: RCX, or EDX:EAX for 32-bit
 * callers).  Digest hypercall-abi.md §5.
 *
 *   15:0  call code            16    fast
 *   26:17 variable header size (8-byte words)
 *   30:27 RsvdZ                31    is nested ("handle in L0")
 *   43:32 rep count            47:44 RsvdZ
 *   59:48 rep start index      63:60 RsvdZ
 *
 * Two reserved masks, both exactly per §5:
 *   HV_HYPERCALL_INPUT_RSVDZ_MASK  the TLFS RsvdZ ranges 30:27, 47:44, 63:60;
 *   HV_HYPERCALL_INPUT_RSVD_MASK   those plus bit 31: what a non-nested
 *                                  hypervisor rejects (Linux
 *                                  HV_HYPERCALL_RSVD0_MASK covers 31:27; KVM
 *                                  rejects all of 0xF000F000F8000000).
 * Any bit of RSVD_MASK set -> HV_STATUS_INVALID_HYPERCALL_INPUT.
 */
#define HV_HYPERCALL_INPUT_CODE_MASK           UINT64_C(0x000000000000FFFF)
#define HV_HYPERCALL_INPUT_FAST                UINT64_C(0x0000000000010000) /* bit 16 */
#define HV_HYPERCALL_INPUT_VARHEAD_SHIFT       17
#define HV_HYPERCALL_INPUT_VARHEAD_MASK        UINT64_C(0x0000000007FE0000) /* 26:17 */
#define HV_HYPERCALL_INPUT_RSVDZ0_MASK         UINT64_C(0x0000000078000000) /* 30:27 */
#define HV_HYPERCALL_INPUT_IS_NESTED           UINT64_C(0x0000000080000000) /* bit 31 */
#define HV_HYPERCALL_INPUT_REP_COUNT_SHIFT     32
#define HV_HYPERCALL_INPUT_REP_COUNT_MASK      UINT64_C(0x00000FFF00000000) /* 43:32 */
#define HV_HYPERCALL_INPUT_RSVDZ1_MASK         UINT64_C(0x0000F00000000000) /* 47:44 */
#define HV_HYPERCALL_INPUT_REP_START_SHIFT     48
#define HV_HYPERCALL_INPUT_REP_START_MASK      UINT64_C(0x0FFF000000000000) /* 59:48 */
#define HV_HYPERCALL_INPUT_RSVDZ2_MASK         UINT64_C(0xF000000000000000) /* 63:60 */
#define HV_HYPERCALL_INPUT_RSVDZ_MASK          UINT64_C(0xF000F00078000000)
#define HV_HYPERCALL_INPUT_RSVD_MASK           UINT64_C(0xF000F000F8000000)

#define HV_HYPERCALL_MAX_VARHEAD_QWORDS        0x3FFu  /* 10 bits */
#define HV_HYPERCALL_MAX_REP_COUNT             0xFFFu  /* 12 bits: 4095 */

_Static_assert(HV_HYPERCALL_INPUT_RSVDZ_MASK ==
		       (HV_HYPERCALL_INPUT_RSVDZ0_MASK | HV_HYPERCALL_INPUT_RSVDZ1_MASK |
			HV_HYPERCALL_INPUT_RSVDZ2_MASK),
	       "input RsvdZ mask");
_Static_assert(HV_HYPERCALL_INPUT_RSVD_MASK ==
		       (HV_HYPERCALL_INPUT_RSVDZ_MASK | HV_HYPERCALL_INPUT_IS_NESTED),
	       "input reserved mask");
_Static_assert((HV_HYPERCALL_INPUT_CODE_MASK ^ HV_HYPERCALL_INPUT_FAST ^
		HV_HYPERCALL_INPUT_VARHEAD_MASK ^ HV_HYPERCALL_INPUT_REP_COUNT_MASK ^
		HV_HYPERCALL_INPUT_REP_START_MASK ^ HV_HYPERCALL_INPUT_RSVD_MASK) == UINT64_MAX,
	       "input value fields partition the 64 bits");

/*
 * Build an input value.  Fields wider than their bit range are truncated
 * (check against HV_HYPERCALL_MAX_* first); OR in HV_HYPERCALL_INPUT_IS_NESTED
 * if ever needed.
 */
static inline uint64_t hv_hypercall_input(uint16_t code, unsigned int fast,
					  unsigned int varhead_qwords, unsigned int rep_count,
					  unsigned int rep_start)
{
	return (uint64_t)code | (fast ? HV_HYPERCALL_INPUT_FAST : 0) |
	       (((uint64_t)varhead_qwords << HV_HYPERCALL_INPUT_VARHEAD_SHIFT) &
		HV_HYPERCALL_INPUT_VARHEAD_MASK) |
	       (((uint64_t)rep_count << HV_HYPERCALL_INPUT_REP_COUNT_SHIFT) &
		HV_HYPERCALL_INPUT_REP_COUNT_MASK) |
	       (((uint64_t)rep_start << HV_HYPERCALL_INPUT_REP_START_SHIFT) &
		HV_HYPERCALL_INPUT_REP_START_MASK);
}

static inline uint16_t hv_hypercall_input_code(uint64_t input)
{
	return (uint16_t)(input & HV_HYPERCALL_INPUT_CODE_MASK);
}

static inline unsigned int hv_hypercall_input_is_fast(uint64_t input)
{
	return (input & HV_HYPERCALL_INPUT_FAST) != 0;
}

static inline unsigned int hv_hypercall_input_varhead_qwords(uint64_t input)
{
	return (unsigned int)((input & HV_HYPERCALL_INPUT_VARHEAD_MASK) >>
			      HV_HYPERCALL_INPUT_VARHEAD_SHIFT);
}

static inline unsigned int hv_hypercall_input_is_nested(uint64_t input)
{
	return (input & HV_HYPERCALL_INPUT_IS_NESTED) != 0;
}

static inline unsigned int hv_hypercall_input_rep_count(uint64_t input)
{
	return (unsigned int)((input & HV_HYPERCALL_INPUT_REP_COUNT_MASK) >>
			      HV_HYPERCALL_INPUT_REP_COUNT_SHIFT);
}

static inline unsigned int hv_hypercall_input_rep_start(uint64_t input)
{
	return (unsigned int)((input & HV_HYPERCALL_INPUT_REP_START_MASK) >>
			      HV_HYPERCALL_INPUT_REP_START_SHIFT);
}

/* The reserved bits (incl. is-nested) that are set; non-zero is an error. */
static inline uint64_t hv_hypercall_input_rsvd_bits(uint64_t input)
{
	return input & HV_HYPERCALL_INPUT_RSVD_MASK;
}

/*
 * Continuation (hypercall-abi.md §7): the same input value with the rep
 * start index replaced, to be written back to RCX without advancing RIP.
 */
static inline uint64_t hv_hypercall_input_with_rep_start(uint64_t input, unsigned int rep_start)
{
	return (input & ~HV_HYPERCALL_INPUT_REP_START_MASK) |
	       (((uint64_t)rep_start << HV_HYPERCALL_INPUT_REP_START_SHIFT) &
		HV_HYPERCALL_INPUT_REP_START_MASK);
}

static inline unsigned int hv_hypercall_code_is_extended(uint16_t code)
{
	return code >= HVCALL_EXT_CODE_BASE;
}

/* ---------------------------------------------------------------------
 * Hypercall result value (64 bits: RAX, or EDX:EAX).  Digest
 * hypercall-abi.md §6.
 *   15:0 HV_STATUS   31:16 Rsvd (write 0)   43:32 reps completed
 *   63:44 Rsvd (write 0)
 * Reps completed is absolute: counted from element 0, including the
 * original rep start index.
 * CONFLICT (digest §6): the TLFS markdown labels the top reserved range
 * 63:40, overlapping reps completed; Linux/OpenVMM use 43:32 for reps
 * completed and 63:44 reserved, which the digest says to use: used.
 */
#define HV_HYPERCALL_RESULT_STATUS_MASK         UINT64_C(0x000000000000FFFF)
#define HV_HYPERCALL_RESULT_REPS_COMPLETE_SHIFT 32
#define HV_HYPERCALL_RESULT_REPS_COMPLETE_MASK  UINT64_C(0x00000FFF00000000) /* 43:32 */
#define HV_HYPERCALL_RESULT_RSVD_MASK           UINT64_C(0xFFFFF000FFFF0000)

static inline uint64_t hv_hypercall_result(uint16_t status, unsigned int reps_completed)
{
	return (uint64_t)status | (((uint64_t)reps_completed << HV_HYPERCALL_RESULT_REPS_COMPLETE_SHIFT) &
				   HV_HYPERCALL_RESULT_REPS_COMPLETE_MASK);
}

static inline uint16_t hv_hypercall_result_status(uint64_t result)
{
	return (uint16_t)(result & HV_HYPERCALL_RESULT_STATUS_MASK);
}

static inline unsigned int hv_hypercall_result_reps_completed(uint64_t result)
{
	return (unsigned int)((result & HV_HYPERCALL_RESULT_REPS_COMPLETE_MASK) >>
			      HV_HYPERCALL_RESULT_REPS_COMPLETE_SHIFT);
}

/* ---------------------------------------------------------------------
 * Parameter-block and fast-call limits.  Digest hypercall-abi.md §8, §10.
 * Slow-call blocks: 8-byte aligned, must not cross a 4 KiB page.
 * Fast calls: 16 bytes in RDX:R8; XMM fast: 7 register pairs (RDX:R8,
 * XMM0..XMM5) = 112 bytes, 64-bit callers only.
 */
#define HV_HYPERCALL_PARAM_ALIGN                8u
#define HV_HYPERCALL_FAST_REGISTER_BYTES        16u
#define HV_HYPERCALL_FAST_XMM_REGISTER_PAIRS    7u
#define HV_HYPERCALL_FAST_XMM_MAX_BYTES         112u

/* VTL return control (RCX of HvCallVtlReturn), hypercall-abi.md §12. */
#define HV_VTL_RETURN_FAST                      UINT64_C(0x0000000000000001) /* 63:1 RsvdZ */

/* ---------------------------------------------------------------------
 * HV_VP_SET (sparse VP set).  TLFS hv_vp_set.md; digest data-types.md §4.
 * bank_contents holds popcount(valid_banks_mask) words, k-th word for the
 * k-th set bit (ascending); bit i of bank b = VP index 64*b + i.  In the
 * *Ex calls format and valid_banks_mask are in the fixed header and
 * bank_contents is the variable header (varhead_qwords = popcount).
 */
#define HV_GENERIC_SET_SPARSE_4K      UINT64_C(0)
#define HV_GENERIC_SET_ALL            UINT64_C(1)
#define HV_VP_SET_BANK_VPS            64u
#define HV_VP_SET_MAX_BANKS           64u /* 4096 VPs */

struct hv_vp_set {
	uint64_t format; /* HV_GENERIC_SET_* */
	uint64_t valid_banks_mask;
	uint64_t bank_contents[];
};
HV_ABI_ASSERT_SIZE(struct hv_vp_set, 16);
HV_ABI_ASSERT_OFFSET(struct hv_vp_set, format, 0);
HV_ABI_ASSERT_OFFSET(struct hv_vp_set, valid_banks_mask, 8);
HV_ABI_ASSERT_OFFSET(struct hv_vp_set, bank_contents, 16);

/* ---------------------------------------------------------------------
 * HV_INITIAL_VP_CONTEXT (x64, 224 bytes).  TLFS hv_initial_vp_context.md;
 * digest data-types.md §10.
 */
struct hv_initial_vp_context {
	uint64_t rip;
	uint64_t rsp;
	uint64_t rflags;
	struct hv_x64_segment_register cs;
	struct hv_x64_segment_register ds;
	struct hv_x64_segment_register es;
	struct hv_x64_segment_register fs;
	struct hv_x64_segment_register gs;
	struct hv_x64_segment_register ss;
	struct hv_x64_segment_register tr;
	struct hv_x64_segment_register ldtr;
	struct hv_x64_table_register idtr;
	struct hv_x64_table_register gdtr;
	uint64_t efer;
	uint64_t cr0;
	uint64_t cr3;
	uint64_t cr4;
	uint64_t msr_cr_pat;
};
HV_ABI_ASSERT_SIZE(struct hv_initial_vp_context, 224);
HV_ABI_ASSERT_OFFSET(struct hv_initial_vp_context, rip, 0);
HV_ABI_ASSERT_OFFSET(struct hv_initial_vp_context, rsp, 8);
HV_ABI_ASSERT_OFFSET(struct hv_initial_vp_context, rflags, 16);
HV_ABI_ASSERT_OFFSET(struct hv_initial_vp_context, cs, 24);
HV_ABI_ASSERT_OFFSET(struct hv_initial_vp_context, ds, 40);
HV_ABI_ASSERT_OFFSET(struct hv_initial_vp_context, es, 56);
HV_ABI_ASSERT_OFFSET(struct hv_initial_vp_context, fs, 72);
HV_ABI_ASSERT_OFFSET(struct hv_initial_vp_context, gs, 88);
HV_ABI_ASSERT_OFFSET(struct hv_initial_vp_context, ss, 104);
HV_ABI_ASSERT_OFFSET(struct hv_initial_vp_context, tr, 120);
HV_ABI_ASSERT_OFFSET(struct hv_initial_vp_context, ldtr, 136);
HV_ABI_ASSERT_OFFSET(struct hv_initial_vp_context, idtr, 152);
HV_ABI_ASSERT_OFFSET(struct hv_initial_vp_context, gdtr, 168);
HV_ABI_ASSERT_OFFSET(struct hv_initial_vp_context, efer, 184);
HV_ABI_ASSERT_OFFSET(struct hv_initial_vp_context, cr0, 192);
HV_ABI_ASSERT_OFFSET(struct hv_initial_vp_context, cr3, 200);
HV_ABI_ASSERT_OFFSET(struct hv_initial_vp_context, cr4, 208);
HV_ABI_ASSERT_OFFSET(struct hv_initial_vp_context, msr_cr_pat, 216);

/* ---------------------------------------------------------------------
 * HV_REGISTER_VALUE (16 bytes) and HV_REGISTER_ASSOC (32 bytes).
 * TLFS hv_register_value.md; digest data-types.md §8.1, §8.3.
 * Values narrower than 128 bits are zero-extended.  The 128-bit view is
 * two u64 (low first), so the union is 8-byte aligned.
 */
union hv_register_value {
	struct {
		uint64_t low;
		uint64_t high;
	} reg128;
	uint64_t reg64;
	uint32_t reg32;
	uint16_t reg16;
	uint8_t reg8;
	struct hv_x64_fp_register fp;
	struct hv_x64_fp_control_status_register fp_control_status;
	struct hv_x64_xmm_control_status_register xmm_control_status;
	struct hv_x64_segment_register segment;
	struct hv_x64_table_register table;
	uint64_t explicit_suspend;     /* HV_EXPLICIT_SUSPEND_* */
	uint64_t intercept_suspend;    /* HV_INTERCEPT_SUSPEND_* */
	uint64_t internal_activity;    /* HV_INTERNAL_ACTIVITY_* */
	uint64_t interrupt_state;      /* HV_X64_INTERRUPT_STATE_* */
	uint64_t pending_interruption; /* HV_X64_PENDING_INTERRUPTION_* */
	uint64_t deliverability_notifications; /* HV_X64_DELIVERABILITY_* */
};
HV_ABI_ASSERT_SIZE(union hv_register_value, 16);
HV_ABI_ASSERT_OFFSET(union hv_register_value, reg128.low, 0);
HV_ABI_ASSERT_OFFSET(union hv_register_value, reg128.high, 8);
HV_ABI_ASSERT_OFFSET(union hv_register_value, reg64, 0);
HV_ABI_ASSERT_OFFSET(union hv_register_value, segment.selector, 12);
HV_ABI_ASSERT_OFFSET(union hv_register_value, table.base, 8);

/* SetVpRegisters input element: name u32, RsvdZ u32 + u64, value. */
struct hv_register_assoc {
	uint32_t name; /* HV_REGISTER_* / HV_X64_REGISTER_* */
	uint32_t rsvd1;
	uint64_t rsvd2;
	union hv_register_value value;
};
HV_ABI_ASSERT_SIZE(struct hv_register_assoc, 32);
HV_ABI_ASSERT_OFFSET(struct hv_register_assoc, name, 0);
HV_ABI_ASSERT_OFFSET(struct hv_register_assoc, rsvd1, 4);
HV_ABI_ASSERT_OFFSET(struct hv_register_assoc, rsvd2, 8);
HV_ABI_ASSERT_OFFSET(struct hv_register_assoc, value, 16);

/* =====================================================================
 * Guest-facing hypercall blocks.  Digest hypercalls.md §2.
 * ===================================================================== */

/* 0x0001 HvCallSwitchVirtualAddressSpace (fast: RDX = AddressSpace). */
struct hv_input_switch_virtual_address_space {
	uint64_t address_space; /* new CR3 */
};
HV_ABI_ASSERT_SIZE(struct hv_input_switch_virtual_address_space, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_switch_virtual_address_space, address_space, 0);

/*
 * 0x0002 HvCallFlushVirtualAddressSpace (24 bytes) and 0x0003
 * HvCallFlushVirtualAddressList (same header; rep elements HV_GVA_RANGE
 * u64, see hv_types.h).  processor_mask: bit n = VP index n (0..63).
 */
struct hv_input_flush_virtual_address_space {
	uint64_t address_space; /* CR3; ignored with ALL_VIRTUAL_ADDRESS_SPACES */
	uint64_t flags;         /* HV_FLUSH_* */
	uint64_t processor_mask;
};
HV_ABI_ASSERT_SIZE(struct hv_input_flush_virtual_address_space, 24);
HV_ABI_ASSERT_OFFSET(struct hv_input_flush_virtual_address_space, address_space, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_flush_virtual_address_space, flags, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_flush_virtual_address_space, processor_mask, 16);

struct hv_input_flush_virtual_address_list {
	uint64_t address_space;
	uint64_t flags;
	uint64_t processor_mask;
	/* rep elements: HV_GVA_RANGE (u64) */
};
HV_ABI_ASSERT_SIZE(struct hv_input_flush_virtual_address_list, 24);
HV_ABI_ASSERT_OFFSET(struct hv_input_flush_virtual_address_list, address_space, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_flush_virtual_address_list, flags, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_flush_virtual_address_list, processor_mask, 16);

/* 0x0008 HvCallNotifyLongSpinWait (fast: RDX). */
struct hv_input_notify_long_spin_wait {
	uint32_t spin_count;
	uint32_t rsvdz;
};
HV_ABI_ASSERT_SIZE(struct hv_input_notify_long_spin_wait, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_notify_long_spin_wait, spin_count, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_notify_long_spin_wait, rsvdz, 4);

/*
 * 0x000B HvCallSendSyntheticClusterIpi (16 bytes; Linux uses the fast
 * form: RDX = bytes 0-7, R8 = processor_mask).
 * CONFLICT (digest): the TLFS markdown gives ProcessorMask size 1, an
 * erratum; every implementation uses 8 bytes: used.
 * Byte 5: OpenVMM "flags", TLFS padding; treated as RsvdZ.
 */
#define HV_SYNTHETIC_IPI_MIN_VECTOR 0x10u
#define HV_SYNTHETIC_IPI_MAX_VECTOR 0xFFu

struct hv_input_send_synthetic_cluster_ipi {
	uint32_t vector;     /* 0x10..0xFF */
	uint8_t target_vtl;  /* HV_INPUT_VTL */
	uint8_t flags;       /* RsvdZ */
	uint16_t rsvd;
	uint64_t processor_mask;
};
HV_ABI_ASSERT_SIZE(struct hv_input_send_synthetic_cluster_ipi, 16);
HV_ABI_ASSERT_OFFSET(struct hv_input_send_synthetic_cluster_ipi, vector, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_send_synthetic_cluster_ipi, target_vtl, 4);
HV_ABI_ASSERT_OFFSET(struct hv_input_send_synthetic_cluster_ipi, flags, 5);
HV_ABI_ASSERT_OFFSET(struct hv_input_send_synthetic_cluster_ipi, rsvd, 6);
HV_ABI_ASSERT_OFFSET(struct hv_input_send_synthetic_cluster_ipi, processor_mask, 8);

/* 0x000C HvCallModifyVtlProtectionMask header (rep elements: GPA page u64). */
struct hv_input_modify_vtl_protection_mask {
	uint64_t target_partition_id;
	uint32_t map_flags;  /* HV_MAP_GPA_* (R, W, KX, UX) */
	uint8_t target_vtl;  /* HV_INPUT_VTL */
	uint8_t rsvdz[3];
};
HV_ABI_ASSERT_SIZE(struct hv_input_modify_vtl_protection_mask, 16);
HV_ABI_ASSERT_OFFSET(struct hv_input_modify_vtl_protection_mask, target_partition_id, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_modify_vtl_protection_mask, map_flags, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_modify_vtl_protection_mask, target_vtl, 12);
HV_ABI_ASSERT_OFFSET(struct hv_input_modify_vtl_protection_mask, rsvdz, 13);

/* 0x000D HvCallEnablePartitionVtl. */
#define HV_ENABLE_PARTITION_VTL_MBEC                      0x01u
#define HV_ENABLE_PARTITION_VTL_SUPERVISOR_SHADOW_STACK   0x02u /* OpenVMM */
#define HV_ENABLE_PARTITION_VTL_HARDWARE_HVPT             0x04u /* OpenVMM */

struct hv_input_enable_partition_vtl {
	uint64_t target_partition_id;
	uint8_t target_vtl;
	uint8_t flags; /* HV_ENABLE_PARTITION_VTL_* */
	uint8_t rsvdz[6];
};
HV_ABI_ASSERT_SIZE(struct hv_input_enable_partition_vtl, 16);
HV_ABI_ASSERT_OFFSET(struct hv_input_enable_partition_vtl, target_partition_id, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_enable_partition_vtl, target_vtl, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_enable_partition_vtl, flags, 9);
HV_ABI_ASSERT_OFFSET(struct hv_input_enable_partition_vtl, rsvdz, 10);

/* 0x000F HvCallEnableVpVtl (240 bytes). */
struct hv_input_enable_vp_vtl {
	uint64_t target_partition_id;
	uint32_t vp_index;
	uint8_t target_vtl; /* HV_INPUT_VTL (Linux) / HV_VTL (TLFS) */
	uint8_t rsvdz[3];
	struct hv_initial_vp_context vp_vtl_context;
};
HV_ABI_ASSERT_SIZE(struct hv_input_enable_vp_vtl, 240);
HV_ABI_ASSERT_OFFSET(struct hv_input_enable_vp_vtl, target_partition_id, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_enable_vp_vtl, vp_index, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_enable_vp_vtl, target_vtl, 12);
HV_ABI_ASSERT_OFFSET(struct hv_input_enable_vp_vtl, rsvdz, 13);
HV_ABI_ASSERT_OFFSET(struct hv_input_enable_vp_vtl, vp_vtl_context, 16);

/*
 * 0x0013 HvCallFlushVirtualAddressSpaceEx (fixed header 32 bytes) and
 * 0x0014 HvCallFlushVirtualAddressListEx (same; rep elements HV_GVA_RANGE
 * follow the variable header).  The HV_VP_SET is spelled out field by
 * field (a structure with a flexible array may not be nested in ISO C);
 * vp_set_bank_contents is the variable header.
 */
struct hv_input_flush_virtual_address_space_ex {
	uint64_t address_space;
	uint64_t flags; /* HV_FLUSH_* */
	uint64_t vp_set_format;
	uint64_t vp_set_valid_banks_mask;
	uint64_t vp_set_bank_contents[];
};
HV_ABI_ASSERT_SIZE(struct hv_input_flush_virtual_address_space_ex, 32);
HV_ABI_ASSERT_OFFSET(struct hv_input_flush_virtual_address_space_ex, address_space, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_flush_virtual_address_space_ex, flags, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_flush_virtual_address_space_ex, vp_set_format, 16);
HV_ABI_ASSERT_OFFSET(struct hv_input_flush_virtual_address_space_ex, vp_set_valid_banks_mask, 24);
HV_ABI_ASSERT_OFFSET(struct hv_input_flush_virtual_address_space_ex, vp_set_bank_contents, 32);

struct hv_input_flush_virtual_address_list_ex {
	uint64_t address_space;
	uint64_t flags;
	uint64_t vp_set_format;
	uint64_t vp_set_valid_banks_mask;
	/* variable header: bank words; then rep elements HV_GVA_RANGE (u64) */
	uint64_t vp_set_bank_contents[];
};
HV_ABI_ASSERT_SIZE(struct hv_input_flush_virtual_address_list_ex, 32);
HV_ABI_ASSERT_OFFSET(struct hv_input_flush_virtual_address_list_ex, address_space, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_flush_virtual_address_list_ex, flags, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_flush_virtual_address_list_ex, vp_set_format, 16);
HV_ABI_ASSERT_OFFSET(struct hv_input_flush_virtual_address_list_ex, vp_set_valid_banks_mask, 24);
HV_ABI_ASSERT_OFFSET(struct hv_input_flush_virtual_address_list_ex, vp_set_bank_contents, 32);

/* 0x0015 HvCallSendSyntheticClusterIpiEx (fixed header 24 bytes). */
struct hv_input_send_synthetic_cluster_ipi_ex {
	uint32_t vector;
	uint8_t target_vtl; /* HV_INPUT_VTL */
	uint8_t flags;      /* RsvdZ */
	uint16_t rsvd;
	uint64_t vp_set_format;
	uint64_t vp_set_valid_banks_mask;
	uint64_t vp_set_bank_contents[]; /* variable header */
};
HV_ABI_ASSERT_SIZE(struct hv_input_send_synthetic_cluster_ipi_ex, 24);
HV_ABI_ASSERT_OFFSET(struct hv_input_send_synthetic_cluster_ipi_ex, vector, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_send_synthetic_cluster_ipi_ex, target_vtl, 4);
HV_ABI_ASSERT_OFFSET(struct hv_input_send_synthetic_cluster_ipi_ex, flags, 5);
HV_ABI_ASSERT_OFFSET(struct hv_input_send_synthetic_cluster_ipi_ex, rsvd, 6);
HV_ABI_ASSERT_OFFSET(struct hv_input_send_synthetic_cluster_ipi_ex, vp_set_format, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_send_synthetic_cluster_ipi_ex, vp_set_valid_banks_mask, 16);
HV_ABI_ASSERT_OFFSET(struct hv_input_send_synthetic_cluster_ipi_ex, vp_set_bank_contents, 24);

/*
 * 0x0050 HvCallGetVpRegisters / 0x0051 HvCallSetVpRegisters header
 * (16 bytes): PartitionId @0, VpIndex u32 @8, InputVtl @12, RsvdZ u8 @13,
 * RsvdZ u16 @14 (digest hypercalls.md 0x0050, data-types.md §8.1).
 * Get: rep input element = register name u32, packed (element i at
 * 16 + 4*i); rep output element = union hv_register_value (16 bytes).
 * Set: rep input element = struct hv_register_assoc (32 bytes).
 */
struct hv_input_get_set_vp_registers {
	uint64_t partition_id; /* or HV_PARTITION_ID_SELF */
	uint32_t vp_index;     /* or HV_VP_INDEX_SELF */
	uint8_t input_vtl;     /* HV_INPUT_VTL */
	uint8_t rsvd1;
	uint16_t rsvd2;
};
HV_ABI_ASSERT_SIZE(struct hv_input_get_set_vp_registers, 16);
HV_ABI_ASSERT_OFFSET(struct hv_input_get_set_vp_registers, partition_id, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_get_set_vp_registers, vp_index, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_get_set_vp_registers, input_vtl, 12);
HV_ABI_ASSERT_OFFSET(struct hv_input_get_set_vp_registers, rsvd1, 13);
HV_ABI_ASSERT_OFFSET(struct hv_input_get_set_vp_registers, rsvd2, 14);

#define HV_GET_VP_REGISTERS_NAME_SIZE  4u  /* packed u32 names */

/* 0x005C HvCallPostMessage (256 bytes). */
struct hv_input_post_message {
	uint32_t connection_id; /* HV_CONNECTION_ID */
	uint32_t rsvdz;
	uint32_t message_type;  /* != 0, bit 31 clear */
	uint32_t payload_size;  /* 0..240 */
	uint64_t payload[HV_MESSAGE_MAX_PAYLOAD_QWORD_COUNT];
};
HV_ABI_ASSERT_SIZE(struct hv_input_post_message, 256);
HV_ABI_ASSERT_OFFSET(struct hv_input_post_message, connection_id, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_post_message, rsvdz, 4);
HV_ABI_ASSERT_OFFSET(struct hv_input_post_message, message_type, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_post_message, payload_size, 12);
HV_ABI_ASSERT_OFFSET(struct hv_input_post_message, payload, 16);

/*
 * 0x005D HvCallSignalEvent (8 bytes).  Fast form: RDX = ConnectionId
 * (31:0) | FlagNumber (47:32), bits 63:48 RsvdZ.
 */
struct hv_input_signal_event {
	uint32_t connection_id;
	uint16_t flag_number; /* relative to the port's base flag */
	uint16_t rsvdz;
};
HV_ABI_ASSERT_SIZE(struct hv_input_signal_event, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_signal_event, connection_id, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_signal_event, flag_number, 4);
HV_ABI_ASSERT_OFFSET(struct hv_input_signal_event, rsvdz, 6);

#define HV_SIGNAL_EVENT_FAST_FLAG_SHIFT   32
#define HV_SIGNAL_EVENT_FAST_RSVDZ_MASK   UINT64_C(0xFFFF000000000000)

static inline uint64_t hv_signal_event_fast_input(uint32_t connection_id, uint16_t flag_number)
{
	return (uint64_t)connection_id | ((uint64_t)flag_number << HV_SIGNAL_EVENT_FAST_FLAG_SHIFT);
}

/*
 * 0x007E HvCallRetargetDeviceInterrupt, fixed header 56 bytes.  With
 * HV_DEVICE_INTERRUPT_TARGET_PROCESSOR_SET the word at 48 is the VP-set
 * format and the variable header is [ValidBanksMask, banks...].
 * CONFLICT (digest): the TLFS markdown lists DeviceId size 6 and the
 * reserved field before InterruptEntry; the layout here is the one of
 * v6.0b, Linux and OpenVMM, which the digest tabulates: used.
 */
struct hv_input_retarget_device_interrupt {
	uint64_t partition_id; /* HV_PARTITION_ID_SELF (v6.0b) */
	uint64_t device_id;
	struct hv_interrupt_entry interrupt_entry;
	uint64_t rsvdz;
	struct hv_device_interrupt_target interrupt_target;
};
HV_ABI_ASSERT_SIZE(struct hv_input_retarget_device_interrupt, 56);
HV_ABI_ASSERT_OFFSET(struct hv_input_retarget_device_interrupt, partition_id, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_retarget_device_interrupt, device_id, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_retarget_device_interrupt, interrupt_entry.source, 16);
HV_ABI_ASSERT_OFFSET(struct hv_input_retarget_device_interrupt, interrupt_entry.rsvd, 20);
HV_ABI_ASSERT_OFFSET(struct hv_input_retarget_device_interrupt, interrupt_entry.msi_entry.address, 24);
HV_ABI_ASSERT_OFFSET(struct hv_input_retarget_device_interrupt, interrupt_entry.msi_entry.data, 28);
HV_ABI_ASSERT_OFFSET(struct hv_input_retarget_device_interrupt, rsvdz, 32);
HV_ABI_ASSERT_OFFSET(struct hv_input_retarget_device_interrupt, interrupt_target.vector, 40);
HV_ABI_ASSERT_OFFSET(struct hv_input_retarget_device_interrupt, interrupt_target.flags, 44);
HV_ABI_ASSERT_OFFSET(struct hv_input_retarget_device_interrupt, interrupt_target.processor_mask, 48);

/* 0x0099 HvCallStartVirtualProcessor (240 bytes). */
struct hv_input_start_virtual_processor {
	uint64_t partition_id;
	uint32_t vp_index;
	uint8_t target_vtl;
	uint8_t rsvd1;
	uint16_t rsvd2;
	struct hv_initial_vp_context vp_context;
};
HV_ABI_ASSERT_SIZE(struct hv_input_start_virtual_processor, 240);
HV_ABI_ASSERT_OFFSET(struct hv_input_start_virtual_processor, partition_id, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_start_virtual_processor, vp_index, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_start_virtual_processor, target_vtl, 12);
HV_ABI_ASSERT_OFFSET(struct hv_input_start_virtual_processor, rsvd1, 13);
HV_ABI_ASSERT_OFFSET(struct hv_input_start_virtual_processor, rsvd2, 14);
HV_ABI_ASSERT_OFFSET(struct hv_input_start_virtual_processor, vp_context, 16);
HV_ABI_ASSERT_OFFSET(struct hv_input_start_virtual_processor, vp_context.msr_cr_pat, 232);

/*
 * 0x009A HvCallGetVpIndexFromApicId header (16 bytes).
 * CONFLICT (digest): TLFS markdown describes 8-byte elements; Linux and
 * OpenVMM use packed 4-byte input (APIC ID u32) and output (VP index u32)
 * elements, which the digest says to use: used.
 */
struct hv_input_get_vp_index_from_apic_id {
	uint64_t partition_id;
	uint8_t target_vtl;
	uint8_t padding[7];
};
HV_ABI_ASSERT_SIZE(struct hv_input_get_vp_index_from_apic_id, 16);
HV_ABI_ASSERT_OFFSET(struct hv_input_get_vp_index_from_apic_id, partition_id, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_get_vp_index_from_apic_id, target_vtl, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_get_vp_index_from_apic_id, padding, 9);

#define HV_GET_VP_INDEX_FROM_APIC_ID_ELEMENT_SIZE 4u

/*
 * 0x00AF HvCallFlushGuestPhysicalAddressSpace (16 bytes) and 0x00B0
 * HvCallFlushGuestPhysicalAddressList (same header; rep elements
 * HV_GPA_PAGE_RANGE u64).  Nested virtualization only.
 */
struct hv_input_flush_guest_physical_address_space {
	uint64_t address_space; /* the L1's EPT pointer */
	uint64_t flags;         /* RsvdZ */
};
HV_ABI_ASSERT_SIZE(struct hv_input_flush_guest_physical_address_space, 16);
HV_ABI_ASSERT_OFFSET(struct hv_input_flush_guest_physical_address_space, address_space, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_flush_guest_physical_address_space, flags, 8);

/*
 * 0x8001 HvExtCallQueryCapabilities: no input, 8-byte output bitmask.
 * CONFLICT (digest): Linux tests bit 8 (cold-discard hint), undocumented
 * in the TLFS; defined with that caveat.
 */
#define HV_EXT_CAPABILITY_GET_BOOT_ZEROED_MEMORY     (UINT64_C(1) << 0)
#define HV_EXT_CAPABILITY_MEMORY_HEAT_HINT           (UINT64_C(1) << 1)
#define HV_EXT_CAPABILITY_EPF_SETUP                  (UINT64_C(1) << 2)
#define HV_EXT_CAPABILITY_SCHEDULER_ASSIST_SETUP     (UINT64_C(1) << 3)
#define HV_EXT_CAPABILITY_MEMORY_HEAT_HINT_ASYNC     (UINT64_C(1) << 4)
#define HV_EXT_CAPABILITY_MEMORY_COLD_DISCARD_HINT   (UINT64_C(1) << 8) /* Linux-only */

struct hv_output_ext_query_capabilities {
	uint64_t capabilities; /* HV_EXT_CAPABILITY_* */
};
HV_ABI_ASSERT_SIZE(struct hv_output_ext_query_capabilities, 8);
HV_ABI_ASSERT_OFFSET(struct hv_output_ext_query_capabilities, capabilities, 0);

/* 0x8002 HvExtCallGetBootZeroedMemory: no input, 0xFF8-byte output. */
#define HV_EXT_BOOT_ZEROED_MEMORY_MAX_RANGES 255u

struct hv_output_ext_get_boot_zeroed_memory {
	uint64_t range_count; /* <= 255 */
	struct {
		uint64_t start_gpa_page_number;
		uint64_t page_count;
	} ranges[HV_EXT_BOOT_ZEROED_MEMORY_MAX_RANGES];
};
HV_ABI_ASSERT_SIZE(struct hv_output_ext_get_boot_zeroed_memory, 0xFF8);
HV_ABI_ASSERT_OFFSET(struct hv_output_ext_get_boot_zeroed_memory, range_count, 0);
HV_ABI_ASSERT_OFFSET(struct hv_output_ext_get_boot_zeroed_memory, ranges, 8);
HV_ABI_ASSERT_OFFSET(struct hv_output_ext_get_boot_zeroed_memory, ranges[1].page_count, 32);

/* =====================================================================
 * Root / partition-management hypercall blocks.  Digest hypercalls.md §3.
 * ===================================================================== */

/*
 * 0x0040 HvCallCreatePartition: input 56 bytes (TLFS-md layout; TLFS v2.0
 * had only the first 16), output NewPartitionId u64.
 * Offset 48: CONFLICT (digest) - TLFS-md "ReservedZ0, must be 0", Linux
 * isolation properties (HV_PARTITION_ISOLATION_* in hv_types.h); the
 * digest gives no preference, both names are provided.
 */
#define HV_COMPATIBILITY_VERSION(major, minor) ((uint32_t)(((major) << 8) | (minor)))

struct hv_input_create_partition {
	uint64_t flags; /* HV_PARTITION_CREATION_FLAG_* */
	struct hv_proximity_domain_info proximity_domain_info;
	uint32_t compatibility_version; /* HV_COMPATIBILITY_VERSION(); Linux uses 0x0609 */
	uint32_t padding;
	struct hv_partition_creation_properties partition_creation_properties;
	union {
		uint64_t rsvd_z0;              /* TLFS-md */
		uint64_t isolation_properties; /* Linux */
	};
};
HV_ABI_ASSERT_SIZE(struct hv_input_create_partition, 56);
HV_ABI_ASSERT_OFFSET(struct hv_input_create_partition, flags, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_create_partition, proximity_domain_info, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_create_partition, compatibility_version, 16);
HV_ABI_ASSERT_OFFSET(struct hv_input_create_partition, padding, 20);
HV_ABI_ASSERT_OFFSET(struct hv_input_create_partition,
		     partition_creation_properties.disabled_processor_features, 24);
HV_ABI_ASSERT_OFFSET(struct hv_input_create_partition,
		     partition_creation_properties.disabled_processor_xsave_features, 40);
HV_ABI_ASSERT_OFFSET(struct hv_input_create_partition, rsvd_z0, 48);
HV_ABI_ASSERT_OFFSET(struct hv_input_create_partition, isolation_properties, 48);

struct hv_output_create_partition {
	uint64_t partition_id;
};
HV_ABI_ASSERT_SIZE(struct hv_output_create_partition, 8);
HV_ABI_ASSERT_OFFSET(struct hv_output_create_partition, partition_id, 0);

/*
 * Input that is only a partition ID: 0x0041 InitializePartition,
 * 0x0042 FinalizePartition, 0x0043 DeletePartition (all fast-capable),
 * and the header of 0x0048 DepositMemory.
 */
struct hv_input_partition_id {
	uint64_t partition_id;
};
HV_ABI_ASSERT_SIZE(struct hv_input_partition_id, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_partition_id, partition_id, 0);

/* 0x0044 HvCallGetPartitionProperty: input 16, output 8. */
struct hv_input_get_partition_property {
	uint64_t partition_id;
	uint32_t property_code; /* HV_PARTITION_PROPERTY_* */
	uint32_t rsvdz;
};
HV_ABI_ASSERT_SIZE(struct hv_input_get_partition_property, 16);
HV_ABI_ASSERT_OFFSET(struct hv_input_get_partition_property, partition_id, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_get_partition_property, property_code, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_get_partition_property, rsvdz, 12);

struct hv_output_get_partition_property {
	uint64_t property_value;
};
HV_ABI_ASSERT_SIZE(struct hv_output_get_partition_property, 8);
HV_ABI_ASSERT_OFFSET(struct hv_output_get_partition_property, property_value, 0);

/* 0x0045 HvCallSetPartitionProperty: input 24. */
struct hv_input_set_partition_property {
	uint64_t partition_id;
	uint32_t property_code;
	uint32_t rsvdz;
	uint64_t property_value;
};
HV_ABI_ASSERT_SIZE(struct hv_input_set_partition_property, 24);
HV_ABI_ASSERT_OFFSET(struct hv_input_set_partition_property, partition_id, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_set_partition_property, property_code, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_set_partition_property, rsvdz, 12);
HV_ABI_ASSERT_OFFSET(struct hv_input_set_partition_property, property_value, 16);

/* 0x0046 HvCallGetPartitionId: no input, output 8. */
struct hv_output_get_partition_id {
	uint64_t partition_id;
};
HV_ABI_ASSERT_SIZE(struct hv_output_get_partition_id, 8);
HV_ABI_ASSERT_OFFSET(struct hv_output_get_partition_id, partition_id, 0);

/* 0x0047 HvCallGetNextChildPartition: input 16, output 8 (0 = no more). */
struct hv_input_get_next_child_partition {
	uint64_t parent_partition_id;         /* or HV_PARTITION_ID_SELF */
	uint64_t previous_child_partition_id; /* HV_PARTITION_ID_INVALID to start */
};
HV_ABI_ASSERT_SIZE(struct hv_input_get_next_child_partition, 16);
HV_ABI_ASSERT_OFFSET(struct hv_input_get_next_child_partition, parent_partition_id, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_get_next_child_partition, previous_child_partition_id, 8);

struct hv_output_get_next_child_partition {
	uint64_t next_child_partition_id;
};
HV_ABI_ASSERT_SIZE(struct hv_output_get_next_child_partition, 8);
HV_ABI_ASSERT_OFFSET(struct hv_output_get_next_child_partition, next_child_partition_id, 0);

/* 0x0048 HvCallDepositMemory header; rep elements: caller GPA page u64. */
struct hv_input_deposit_memory {
	uint64_t partition_id;
	/* rep elements: GPA page numbers (u64) */
};
HV_ABI_ASSERT_SIZE(struct hv_input_deposit_memory, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_deposit_memory, partition_id, 0);

/*
 * 0x0049 HvCallWithdrawMemory: input 16; rep with an output list only
 * (rep count = pages requested), element = GPA page number u64.
 */
struct hv_input_withdraw_memory {
	uint64_t partition_id;
	struct hv_proximity_domain_info proximity_domain_info;
};
HV_ABI_ASSERT_SIZE(struct hv_input_withdraw_memory, 16);
HV_ABI_ASSERT_OFFSET(struct hv_input_withdraw_memory, partition_id, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_withdraw_memory, proximity_domain_info, 8);

struct hv_output_withdraw_memory_element {
	uint64_t gpa_page_number;
};
HV_ABI_ASSERT_SIZE(struct hv_output_withdraw_memory_element, 8);
HV_ABI_ASSERT_OFFSET(struct hv_output_withdraw_memory_element, gpa_page_number, 0);

/*
 * 0x004A HvCallGetMemoryBalance: input 16, output 16.  TLFS-md prints
 * offset 0 for both output fields, an erratum (digest); v2.0 gives 8 for
 * PagesInUse: used.
 */
struct hv_input_get_memory_balance {
	uint64_t partition_id;
	struct hv_proximity_domain_info proximity_domain_info;
};
HV_ABI_ASSERT_SIZE(struct hv_input_get_memory_balance, 16);
HV_ABI_ASSERT_OFFSET(struct hv_input_get_memory_balance, partition_id, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_get_memory_balance, proximity_domain_info, 8);

struct hv_output_get_memory_balance {
	uint64_t pages_available;
	uint64_t pages_in_use;
};
HV_ABI_ASSERT_SIZE(struct hv_output_get_memory_balance, 16);
HV_ABI_ASSERT_OFFSET(struct hv_output_get_memory_balance, pages_available, 0);
HV_ABI_ASSERT_OFFSET(struct hv_output_get_memory_balance, pages_in_use, 8);

/*
 * 0x004B HvCallMapGpaPages header (24 bytes); rep elements: source GPA
 * page number u64 (caller's space), element i -> target_gpa_base + i.
 * TLFS-md shows MapFlags as 8 bytes; same slot (u32 + padding).
 */
struct hv_input_map_gpa_pages {
	uint64_t target_partition_id;
	uint64_t target_gpa_base; /* page number */
	uint32_t map_flags;       /* HV_MAP_GPA_* */
	uint32_t padding;
	/* rep elements: source GPA page numbers (u64) */
};
HV_ABI_ASSERT_SIZE(struct hv_input_map_gpa_pages, 24);
HV_ABI_ASSERT_OFFSET(struct hv_input_map_gpa_pages, target_partition_id, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_map_gpa_pages, target_gpa_base, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_map_gpa_pages, map_flags, 16);
HV_ABI_ASSERT_OFFSET(struct hv_input_map_gpa_pages, padding, 20);

/*
 * 0x004C HvCallUnmapGpaPages header (24 bytes); rep with no element list
 * (rep count = number of pages).  (v2.0: 16-byte header without flags.)
 */
struct hv_input_unmap_gpa_pages {
	uint64_t target_partition_id;
	uint64_t target_gpa_base;
	uint32_t unmap_flags; /* HV_UNMAP_GPA_* */
	uint32_t padding;
};
HV_ABI_ASSERT_SIZE(struct hv_input_unmap_gpa_pages, 24);
HV_ABI_ASSERT_OFFSET(struct hv_input_unmap_gpa_pages, target_partition_id, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_unmap_gpa_pages, target_gpa_base, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_unmap_gpa_pages, unmap_flags, 16);
HV_ABI_ASSERT_OFFSET(struct hv_input_unmap_gpa_pages, padding, 20);

/* 0x004D HvCallInstallIntercept (24 bytes). */
struct hv_input_install_intercept {
	uint64_t partition_id;
	uint32_t access_type;    /* HV_INTERCEPT_ACCESS_MASK_* (0 = remove) */
	uint32_t intercept_type; /* HV_INTERCEPT_TYPE_* */
	union hv_intercept_parameters intercept_parameter;
};
HV_ABI_ASSERT_SIZE(struct hv_input_install_intercept, 24);
HV_ABI_ASSERT_OFFSET(struct hv_input_install_intercept, partition_id, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_install_intercept, access_type, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_install_intercept, intercept_type, 12);
HV_ABI_ASSERT_OFFSET(struct hv_input_install_intercept, intercept_parameter, 16);

/*
 * 0x004E HvCallCreateVp, current layout (40 bytes).
 * CONFLICT/evolution (digest): the v2.0 layout was 32 bytes
 * (ProximityDomainInfo at 16, Flags at 24).  The brief and the digest's
 * primary table use the current TLFS-md layout: used.
 */
#define HV_SUBNODE_TYPE_ANY      0u /* Linux */
#define HV_SUBNODE_TYPE_SOCKET   1u
#define HV_SUBNODE_TYPE_CLUSTER  2u
#define HV_SUBNODE_TYPE_L3       3u

struct hv_input_create_vp {
	uint64_t partition_id;
	uint32_t vp_index;
	uint8_t rsvdz[3];
	uint8_t subnode_type; /* HV_SUBNODE_TYPE_* */
	uint64_t subnode_id;
	struct hv_proximity_domain_info proximity_domain_info;
	uint64_t flags; /* RsvdZ */
};
HV_ABI_ASSERT_SIZE(struct hv_input_create_vp, 40);
HV_ABI_ASSERT_OFFSET(struct hv_input_create_vp, partition_id, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_create_vp, vp_index, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_create_vp, rsvdz, 12);
HV_ABI_ASSERT_OFFSET(struct hv_input_create_vp, subnode_type, 15);
HV_ABI_ASSERT_OFFSET(struct hv_input_create_vp, subnode_id, 16);
HV_ABI_ASSERT_OFFSET(struct hv_input_create_vp, proximity_domain_info, 24);
HV_ABI_ASSERT_OFFSET(struct hv_input_create_vp, flags, 32);

/* 0x004F HvCallDeleteVp (16 bytes, fast-capable). */
struct hv_input_delete_vp {
	uint64_t partition_id;
	uint32_t vp_index;
	uint32_t rsvdz;
};
HV_ABI_ASSERT_SIZE(struct hv_input_delete_vp, 16);
HV_ABI_ASSERT_OFFSET(struct hv_input_delete_vp, partition_id, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_delete_vp, vp_index, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_delete_vp, rsvdz, 12);

/*
 * 0x0052 HvCallTranslateVirtualAddress: input 32, output 16;
 * 0x00AC HvCallTranslateVirtualAddressEx: same input, output 64.
 * The reserved u32 at 12 is omitted from the TLFS-md table but required by
 * alignment (OpenVMM "confirmed via debugger").
 */
struct hv_input_translate_virtual_address {
	uint64_t partition_id;
	uint32_t vp_index;
	uint32_t rsvd;
	uint64_t control_flags; /* HV_TRANSLATE_GVA_*; 63:56 HV_INPUT_VTL */
	uint64_t gva_page;      /* GVA >> 12 */
};
HV_ABI_ASSERT_SIZE(struct hv_input_translate_virtual_address, 32);
HV_ABI_ASSERT_OFFSET(struct hv_input_translate_virtual_address, partition_id, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_translate_virtual_address, vp_index, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_translate_virtual_address, rsvd, 12);
HV_ABI_ASSERT_OFFSET(struct hv_input_translate_virtual_address, control_flags, 16);
HV_ABI_ASSERT_OFFSET(struct hv_input_translate_virtual_address, gva_page, 24);

struct hv_output_translate_virtual_address {
	uint64_t translation_result; /* HV_TRANSLATE_GVA_RESULT_*; code HV_TRANSLATE_GVA_* */
	uint64_t gpa_page;
};
HV_ABI_ASSERT_SIZE(struct hv_output_translate_virtual_address, 16);
HV_ABI_ASSERT_OFFSET(struct hv_output_translate_virtual_address, translation_result, 0);
HV_ABI_ASSERT_OFFSET(struct hv_output_translate_virtual_address, gpa_page, 8);

/*
 * CONFLICT (digest 0x00AC): TLFS-md says the result is 16 bytes with
 * GpaPage at 16; the TLFS's own HV_TRANSLATE_GVA_RESULT_EX (result + 32-byte
 * event info) implies the OpenVMM layout below, which OpenVMM states was
 * confirmed against Hyper-V.  The digest follows OpenVMM: used.
 */
struct hv_output_translate_virtual_address_ex {
	uint64_t translation_result;
	uint64_t rsvd1;
	struct hv_x64_pending_event event_info; /* e.g. the #PF to inject */
	uint64_t gpa_page;
	uint64_t rsvd2;
};
HV_ABI_ASSERT_SIZE(struct hv_output_translate_virtual_address_ex, 64);
HV_ABI_ASSERT_OFFSET(struct hv_output_translate_virtual_address_ex, translation_result, 0);
HV_ABI_ASSERT_OFFSET(struct hv_output_translate_virtual_address_ex, rsvd1, 8);
HV_ABI_ASSERT_OFFSET(struct hv_output_translate_virtual_address_ex, event_info, 16);
HV_ABI_ASSERT_OFFSET(struct hv_output_translate_virtual_address_ex, gpa_page, 48);
HV_ABI_ASSERT_OFFSET(struct hv_output_translate_virtual_address_ex, rsvd2, 56);

/*
 * 0x0053 HvCallReadGpa (input 32, output 24) and 0x0054 HvCallWriteGpa
 * (input 48, output 8).  TLFS v2.0 §12.4.5-6 only.  byte_count 1..16;
 * data[0] holds bytes 1-8, data[1] bytes 9-16; unused bytes zero.
 */
#define HV_ACCESS_GPA_MAX_BYTES 16u

struct hv_input_read_gpa {
	uint64_t partition_id;
	uint32_t vp_index;
	uint32_t byte_count;
	uint64_t base_gpa;
	uint64_t control_flags; /* HV_ACCESS_GPA_CONTROL_* */
};
HV_ABI_ASSERT_SIZE(struct hv_input_read_gpa, 32);
HV_ABI_ASSERT_OFFSET(struct hv_input_read_gpa, partition_id, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_read_gpa, vp_index, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_read_gpa, byte_count, 12);
HV_ABI_ASSERT_OFFSET(struct hv_input_read_gpa, base_gpa, 16);
HV_ABI_ASSERT_OFFSET(struct hv_input_read_gpa, control_flags, 24);

struct hv_output_read_gpa {
	uint64_t access_result; /* 31:0 HV_ACCESS_GPA_*, 63:32 reserved */
	uint64_t data[2];
};
HV_ABI_ASSERT_SIZE(struct hv_output_read_gpa, 24);
HV_ABI_ASSERT_OFFSET(struct hv_output_read_gpa, access_result, 0);
HV_ABI_ASSERT_OFFSET(struct hv_output_read_gpa, data, 8);

struct hv_input_write_gpa {
	uint64_t partition_id;
	uint32_t vp_index;
	uint32_t byte_count;
	uint64_t base_gpa;
	uint64_t control_flags;
	uint64_t data[2];
};
HV_ABI_ASSERT_SIZE(struct hv_input_write_gpa, 48);
HV_ABI_ASSERT_OFFSET(struct hv_input_write_gpa, partition_id, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_write_gpa, vp_index, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_write_gpa, byte_count, 12);
HV_ABI_ASSERT_OFFSET(struct hv_input_write_gpa, base_gpa, 16);
HV_ABI_ASSERT_OFFSET(struct hv_input_write_gpa, control_flags, 24);
HV_ABI_ASSERT_OFFSET(struct hv_input_write_gpa, data, 32);

struct hv_output_write_gpa {
	uint64_t access_result;
};
HV_ABI_ASSERT_SIZE(struct hv_output_write_gpa, 8);
HV_ABI_ASSERT_OFFSET(struct hv_output_write_gpa, access_result, 0);

/*
 * 0x0094 HvCallAssertVirtualInterrupt (32 bytes).  requested_vector is
 * used for Fixed, LowestPriority, ExtInt and SIPI (0 otherwise);
 * HV_INTERRUPT_VECTOR_NONE de-asserts.
 */
struct hv_input_assert_virtual_interrupt {
	uint64_t target_partition;
	uint64_t interrupt_control;   /* HV_INTERRUPT_CONTROL_* */
	uint64_t destination_address; /* APIC ID; 0 for ExtInt */
	uint32_t requested_vector;
	uint8_t target_vtl;
	uint8_t rsvdz0;
	uint16_t rsvdz1;
};
HV_ABI_ASSERT_SIZE(struct hv_input_assert_virtual_interrupt, 32);
HV_ABI_ASSERT_OFFSET(struct hv_input_assert_virtual_interrupt, target_partition, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_assert_virtual_interrupt, interrupt_control, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_assert_virtual_interrupt, destination_address, 16);
HV_ABI_ASSERT_OFFSET(struct hv_input_assert_virtual_interrupt, requested_vector, 24);
HV_ABI_ASSERT_OFFSET(struct hv_input_assert_virtual_interrupt, target_vtl, 28);
HV_ABI_ASSERT_OFFSET(struct hv_input_assert_virtual_interrupt, rsvdz0, 29);
HV_ABI_ASSERT_OFFSET(struct hv_input_assert_virtual_interrupt, rsvdz1, 30);

/* 0x0095 HvCallCreatePort (56 bytes). */
struct hv_input_create_port {
	uint64_t port_partition_id;
	uint32_t port_id; /* HV_PORT_ID, 31:24 RsvdZ */
	uint8_t port_vtl;
	uint8_t min_connection_vtl;
	uint16_t rsvdz;
	uint64_t connection_partition_id; /* the only partition allowed to connect */
	struct hv_port_info port_info;
	struct hv_proximity_domain_info proximity_domain_info;
};
HV_ABI_ASSERT_SIZE(struct hv_input_create_port, 56);
HV_ABI_ASSERT_OFFSET(struct hv_input_create_port, port_partition_id, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_create_port, port_id, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_create_port, port_vtl, 12);
HV_ABI_ASSERT_OFFSET(struct hv_input_create_port, min_connection_vtl, 13);
HV_ABI_ASSERT_OFFSET(struct hv_input_create_port, rsvdz, 14);
HV_ABI_ASSERT_OFFSET(struct hv_input_create_port, connection_partition_id, 16);
HV_ABI_ASSERT_OFFSET(struct hv_input_create_port, port_info, 24);
HV_ABI_ASSERT_OFFSET(struct hv_input_create_port, proximity_domain_info, 48);

/* 0x0096 HvCallConnectPort (72 bytes). */
struct hv_input_connect_port {
	uint64_t connection_partition_id;
	uint32_t connection_id; /* HV_CONNECTION_ID, 31:24 RsvdZ */
	uint8_t connection_vtl;
	uint8_t rsvdz0;
	uint16_t rsvdz1;
	uint64_t port_partition_id;
	uint32_t port_id;
	uint32_t rsvdz2;
	struct hv_connection_info connection_info;
	struct hv_proximity_domain_info proximity_domain_info;
};
HV_ABI_ASSERT_SIZE(struct hv_input_connect_port, 72);
HV_ABI_ASSERT_OFFSET(struct hv_input_connect_port, connection_partition_id, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_connect_port, connection_id, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_connect_port, connection_vtl, 12);
HV_ABI_ASSERT_OFFSET(struct hv_input_connect_port, rsvdz0, 13);
HV_ABI_ASSERT_OFFSET(struct hv_input_connect_port, rsvdz1, 14);
HV_ABI_ASSERT_OFFSET(struct hv_input_connect_port, port_partition_id, 16);
HV_ABI_ASSERT_OFFSET(struct hv_input_connect_port, port_id, 24);
HV_ABI_ASSERT_OFFSET(struct hv_input_connect_port, rsvdz2, 28);
HV_ABI_ASSERT_OFFSET(struct hv_input_connect_port, connection_info, 32);
HV_ABI_ASSERT_OFFSET(struct hv_input_connect_port, proximity_domain_info, 64);

/*
 * 0x00C2 HvCallDispatchVp (Linux-only, hvhdk.h): input 32, output 8.
 * Statuses are undocumented.
 */
#define HV_DISPATCH_VP_FLAG_CLEAR_INTERCEPT_SUSPEND       0x00000001u
#define HV_DISPATCH_VP_FLAG_ENABLE_CALLER_INTERRUPTS      0x00000002u
#define HV_DISPATCH_VP_FLAG_SET_CALLER_SPEC_CTRL          0x00000004u
#define HV_DISPATCH_VP_FLAG_SKIP_VP_SPEC_FLUSH            0x00000008u
#define HV_DISPATCH_VP_FLAG_SKIP_CALLER_SPEC_FLUSH        0x00000010u
#define HV_DISPATCH_VP_FLAG_SKIP_CALLER_USER_SPEC_FLUSH   0x00000020u

#define HV_VP_DISPATCH_STATE_INVALID   0u
#define HV_VP_DISPATCH_STATE_BLOCKED   1u
#define HV_VP_DISPATCH_STATE_READY     2u

#define HV_VP_DISPATCH_EVENT_INVALID   0u
#define HV_VP_DISPATCH_EVENT_SUSPEND   1u
#define HV_VP_DISPATCH_EVENT_INTERCEPT 2u

struct hv_input_dispatch_vp {
	uint64_t partition_id;
	uint32_t vp_index;
	uint32_t flags;      /* HV_DISPATCH_VP_FLAG_* */
	uint64_t time_slice; /* 100 ns units */
	uint64_t spec_ctrl;
};
HV_ABI_ASSERT_SIZE(struct hv_input_dispatch_vp, 32);
HV_ABI_ASSERT_OFFSET(struct hv_input_dispatch_vp, partition_id, 0);
HV_ABI_ASSERT_OFFSET(struct hv_input_dispatch_vp, vp_index, 8);
HV_ABI_ASSERT_OFFSET(struct hv_input_dispatch_vp, flags, 12);
HV_ABI_ASSERT_OFFSET(struct hv_input_dispatch_vp, time_slice, 16);
HV_ABI_ASSERT_OFFSET(struct hv_input_dispatch_vp, spec_ctrl, 24);

struct hv_output_dispatch_vp {
	uint32_t dispatch_state; /* HV_VP_DISPATCH_STATE_* */
	uint32_t dispatch_event; /* HV_VP_DISPATCH_EVENT_* */
};
HV_ABI_ASSERT_SIZE(struct hv_output_dispatch_vp, 8);
HV_ABI_ASSERT_OFFSET(struct hv_output_dispatch_vp, dispatch_state, 0);
HV_ABI_ASSERT_OFFSET(struct hv_output_dispatch_vp, dispatch_event, 4);

#endif
