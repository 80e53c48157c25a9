/*
 * TLFS data types that are not hypercall blocks, registers, messages or
 * CPUID/MSR definitions: scalars, HV_INPUT_VTL, flush flags, GVA/GPA range
 * elements, the partition privilege mask, creation flags and properties,
 * property codes, synthetic processor features, GPA map flags, intercepts,
 * ports and connections, SynIC event flags, interrupt types, address
 * translation codes.
 *
 * Source: digest data-types.md (section numbers below are that file's),
 * which records the TLFS datatypes pages and the TLFS v2.0/v6.0b PDFs.
 */
#ifndef UNIHV_HV_TYPES_H
#define UNIHV_HV_TYPES_H

#include <stddef.h>
#include <stdint.h>
#include "abi_version.h"

/* ---------------------------------------------------------------------
 * Scalars, addresses, page numbers.
 * TLFS datatypes/overview.md; digest data-types.md §2.
 * HV_GPA/HV_GVA/HV_SPA are u64 byte addresses, *_PAGE_NUMBER = addr >> 12,
 * HV_ADDRESS_SPACE_ID is the CR3 value, HV_NANO100_TIME is 100 ns units.
 */
#define HV_PAGE_SHIFT                12
#define HV_PAGE_SIZE                 4096u
#define HV_LARGE_PAGE_SHIFT          21 /* 2 MiB */
#define HV_INTERRUPT_VECTOR_NONE     0xFFFFFFFFu
#define HV_SYNIC_SINT_COUNT          16u /* HV_SYNIC_SINT_INDEX is 0..15 */

/* ---------------------------------------------------------------------
 * VTLs and HV_INPUT_VTL (1 byte).
 * TLFS hv_vtl.md, hv_input_vtl.md; digest data-types.md §3.
 * (Partition/VP ID constants are in hv_hypercall.h.)
 */
#define HV_VTL_ALL                   0xFu
#define HV_INVALID_VTL               0xFFu
#define HV_NUM_VTLS                  16u /* HV_VTL is 0..15 */

#define HV_INPUT_VTL_TARGET_VTL_MASK 0x0Fu /* bits 3:0 */
#define HV_INPUT_VTL_USE_TARGET_VTL  0x10u /* bit 4 */
#define HV_INPUT_VTL_RSVDZ_MASK      0xE0u /* bits 7:5 */

/* HV_INPUT_VTL that selects VTL vtl explicitly. */
static inline uint8_t hv_input_vtl_target(unsigned int vtl)
{
	return (uint8_t)(HV_INPUT_VTL_USE_TARGET_VTL | (vtl & HV_INPUT_VTL_TARGET_VTL_MASK));
}

/* ---------------------------------------------------------------------
 * HV_FLUSH_FLAGS (u64 in the hypercall blocks; v2.0 typed it u32).
 * TLFS HvCallFlushVirtualAddressSpace.md; digest data-types.md §5.
 */
#define HV_FLUSH_ALL_PROCESSORS              UINT64_C(0x0000000000000001)
#define HV_FLUSH_ALL_VIRTUAL_ADDRESS_SPACES  UINT64_C(0x0000000000000002)
#define HV_FLUSH_NON_GLOBAL_MAPPINGS_ONLY    UINT64_C(0x0000000000000004) /* not for *List */
#define HV_FLUSH_USE_EXTENDED_RANGE_FORMAT   UINT64_C(0x0000000000000008)
#define HV_FLUSH_USE_TARGET_VTL              UINT64_C(0x0000000000000010) /* OpenVMM (VSM) */
#define HV_FLUSH_TARGET_VTL0                 UINT64_C(0x0000000000000100) /* OpenVMM (VSM) */
#define HV_FLUSH_TARGET_VTL1                 UINT64_C(0x0000000000000200) /* OpenVMM (VSM) */
/* Bits 7:5 and 63:10: reserved, non-zero -> HV_STATUS_INVALID_PARAMETER. */
#define HV_FLUSH_RSVD_MASK                   (~UINT64_C(0x000000000000031F))

/* ---------------------------------------------------------------------
 * GVA / GPA range list elements (u64).
 * TLFS HvCallFlushVirtualAddressList.md, HvCallFlushGuestPhysicalAddressList.md;
 * digest data-types.md §6.
 *
 * HV_GVA_RANGE, simple format (default for FlushVirtualAddressList[Ex]):
 * bits 11:0 additional pages (0..4095 = 1..4096 pages), 63:12 GVA page.
 */
#define HV_GVA_RANGE_ADDITIONAL_PAGES_MASK   UINT64_C(0x0000000000000FFF)
#define HV_GVA_RANGE_PAGE_SHIFT              12
#define HV_GVA_RANGE_MAX_ADDITIONAL_PAGES    0xFFFu

static inline uint64_t hv_gva_range(uint64_t gva_page, unsigned int additional_pages)
{
	return (gva_page << HV_GVA_RANGE_PAGE_SHIFT) |
	       (additional_pages & HV_GVA_RANGE_ADDITIONAL_PAGES_MASK);
}

/*
 * HV_GPA_PAGE_RANGE (FlushGuestPhysicalAddressList, MemoryHeatHint) and
 * the extended HV_GVA_RANGE format (flush flag USE_EXTENDED_RANGE_FORMAT)
 * share one encoding:
 *   large = 0: bits 10:0 additional pages (0..2047), bit 11 = 0,
 *              bits 63:12 page number (4 KiB units);
 *   large = 1: bits 10:0 additional large pages, bit 11 = 1, bit 12 page
 *              size (0 = 2 MiB, 1 = 1 GiB), bits 20:13 reserved,
 *              bits 63:21 large page number.
 * CONFLICT (digest §6, hypercalls.md 0x00B0): TLFS-md says the low 12 bits
 * hold the additional-page count; Linux/OpenVMM use the 11-bit + large-page
 * form.  The digest recommends the Linux form (what Hyper-V accepts): used.
 */
#define HV_GPA_PAGE_RANGE_ADDITIONAL_PAGES_MASK  UINT64_C(0x00000000000007FF)
#define HV_GPA_PAGE_RANGE_MAX_ADDITIONAL_PAGES   0x7FFu
#define HV_GPA_PAGE_RANGE_LARGE_PAGE             UINT64_C(0x0000000000000800) /* bit 11 */
#define HV_GPA_PAGE_RANGE_PAGE_SIZE_1GB          UINT64_C(0x0000000000001000) /* bit 12, large only */
#define HV_GPA_PAGE_RANGE_LARGE_RSVD_MASK        UINT64_C(0x00000000001FE000) /* bits 20:13, large only */
#define HV_GPA_PAGE_RANGE_PAGE_SHIFT             12
#define HV_GPA_PAGE_RANGE_LARGE_PAGE_SHIFT       21

/* Small-page (large = 0) element. */
static inline uint64_t hv_gpa_page_range(uint64_t page, unsigned int additional_pages)
{
	return (page << HV_GPA_PAGE_RANGE_PAGE_SHIFT) |
	       (additional_pages & HV_GPA_PAGE_RANGE_ADDITIONAL_PAGES_MASK);
}

/* ---------------------------------------------------------------------
 * HV_PARTITION_PRIVILEGE_MASK (u64).  Guests read bits 31:0 in
 * CPUID 0x40000003.EAX and 63:32 in EBX.  Set by the parent through
 * HV_PARTITION_PROPERTY_PRIVILEGE_FLAGS.
 * TLFS datatypes/hv_partition_privilege_mask.md, v2.0 §5.2.3;
 * digest data-types.md §7.  Bits marked OpenVMM are reserved in TLFS-md.
 */
#define HV_PARTITION_PRIVILEGE_ACCESS_VP_RUN_TIME_REG            (UINT64_C(1) << 0)
#define HV_PARTITION_PRIVILEGE_ACCESS_PARTITION_REFERENCE_COUNTER (UINT64_C(1) << 1)
#define HV_PARTITION_PRIVILEGE_ACCESS_SYNIC_REGS                 (UINT64_C(1) << 2)
#define HV_PARTITION_PRIVILEGE_ACCESS_SYNTHETIC_TIMER_REGS       (UINT64_C(1) << 3)
#define HV_PARTITION_PRIVILEGE_ACCESS_INTR_CTRL_REGS             (UINT64_C(1) << 4) /* v2: AccessApicMsrs */
#define HV_PARTITION_PRIVILEGE_ACCESS_HYPERCALL_MSRS             (UINT64_C(1) << 5)
#define HV_PARTITION_PRIVILEGE_ACCESS_VP_INDEX                   (UINT64_C(1) << 6)
#define HV_PARTITION_PRIVILEGE_ACCESS_RESET_REG                  (UINT64_C(1) << 7)
#define HV_PARTITION_PRIVILEGE_ACCESS_STATS_REG                  (UINT64_C(1) << 8)
#define HV_PARTITION_PRIVILEGE_ACCESS_PARTITION_REFERENCE_TSC    (UINT64_C(1) << 9)
#define HV_PARTITION_PRIVILEGE_ACCESS_GUEST_IDLE_REG             (UINT64_C(1) << 10)
#define HV_PARTITION_PRIVILEGE_ACCESS_FREQUENCY_REGS             (UINT64_C(1) << 11)
#define HV_PARTITION_PRIVILEGE_ACCESS_DEBUG_REGS                 (UINT64_C(1) << 12) /* OpenVMM */
#define HV_PARTITION_PRIVILEGE_ACCESS_REENLIGHTENMENT_CONTROLS   (UINT64_C(1) << 13)
#define HV_PARTITION_PRIVILEGE_ACCESS_ROOT_SCHEDULER_REG         (UINT64_C(1) << 14) /* OpenVMM */
#define HV_PARTITION_PRIVILEGE_ACCESS_TSC_INVARIANT_CONTROLS     (UINT64_C(1) << 15) /* Linux, OpenVMM */
#define HV_PARTITION_PRIVILEGE_CREATE_PARTITIONS                 (UINT64_C(1) << 32)
#define HV_PARTITION_PRIVILEGE_ACCESS_PARTITION_ID               (UINT64_C(1) << 33)
#define HV_PARTITION_PRIVILEGE_ACCESS_MEMORY_POOL                (UINT64_C(1) << 34)
#define HV_PARTITION_PRIVILEGE_ADJUST_MESSAGE_BUFFERS            (UINT64_C(1) << 35) /* v2.0, OpenVMM */
#define HV_PARTITION_PRIVILEGE_POST_MESSAGES                     (UINT64_C(1) << 36)
#define HV_PARTITION_PRIVILEGE_SIGNAL_EVENTS                     (UINT64_C(1) << 37)
#define HV_PARTITION_PRIVILEGE_CREATE_PORT                       (UINT64_C(1) << 38)
#define HV_PARTITION_PRIVILEGE_CONNECT_PORT                      (UINT64_C(1) << 39)
#define HV_PARTITION_PRIVILEGE_ACCESS_STATS                      (UINT64_C(1) << 40)
#define HV_PARTITION_PRIVILEGE_DEBUGGING                         (UINT64_C(1) << 43)
#define HV_PARTITION_PRIVILEGE_CPU_MANAGEMENT                    (UINT64_C(1) << 44)
#define HV_PARTITION_PRIVILEGE_CONFIGURE_PROFILER                (UINT64_C(1) << 45) /* v2.0, OpenVMM */
#define HV_PARTITION_PRIVILEGE_ACCESS_VP_EXIT_TRACING            (UINT64_C(1) << 46) /* OpenVMM */
#define HV_PARTITION_PRIVILEGE_ENABLE_EXTENDED_GVA_RANGES_FOR_FLUSH_VIRTUAL_ADDRESS_LIST \
	(UINT64_C(1) << 47) /* OpenVMM */
#define HV_PARTITION_PRIVILEGE_ACCESS_VSM                        (UINT64_C(1) << 48)
#define HV_PARTITION_PRIVILEGE_ACCESS_VP_REGISTERS               (UINT64_C(1) << 49)
#define HV_PARTITION_PRIVILEGE_FAST_HYPERCALL_OUTPUT             (UINT64_C(1) << 51) /* OpenVMM */
#define HV_PARTITION_PRIVILEGE_ENABLE_EXTENDED_HYPERCALLS        (UINT64_C(1) << 52)
#define HV_PARTITION_PRIVILEGE_START_VIRTUAL_PROCESSOR           (UINT64_C(1) << 53)
#define HV_PARTITION_PRIVILEGE_ISOLATION                         (UINT64_C(1) << 54) /* OpenVMM */
#define HV_PARTITION_PRIVILEGE_DEFINED_MASK                      UINT64_C(0x007BF9FF0000FFFF)
/* Reserved: bits 31:16, 42:41, 50, 63:55. */
#define HV_PARTITION_PRIVILEGE_RSVD_MASK                         UINT64_C(0xFF840600FFFF0000)

/* ---------------------------------------------------------------------
 * HV_PARTITION_CREATION_FLAGS (u64).
 * TLFS hv_partition_creation_flags.md; digest data-types.md §9.1.
 * Any other bit: reserved, CreatePartition -> HV_STATUS_INVALID_PARAMETER.
 */
#define HV_PARTITION_CREATION_FLAG_SMT_ENABLED_GUEST              (UINT64_C(1) << 0)
#define HV_PARTITION_CREATION_FLAG_NESTED_VIRTUALIZATION_CAPABLE  (UINT64_C(1) << 1)
#define HV_PARTITION_CREATION_FLAG_GPA_SUPER_PAGES_ENABLED        (UINT64_C(1) << 4)
#define HV_PARTITION_CREATION_FLAG_EXO_PARTITION                  (UINT64_C(1) << 8)
#define HV_PARTITION_CREATION_FLAG_VTL1_OVERRIDE                  (UINT64_C(1) << 9)
#define HV_PARTITION_CREATION_FLAG_VTL2_OVERRIDE                  (UINT64_C(1) << 10)
#define HV_PARTITION_CREATION_FLAG_LAPIC_ENABLED                  (UINT64_C(1) << 13)
#define HV_PARTITION_CREATION_FLAG_ENABLE_PERFMON_PMU             (UINT64_C(1) << 15)
#define HV_PARTITION_CREATION_FLAG_ENABLE_PERFMON_LBR             (UINT64_C(1) << 16)
#define HV_PARTITION_CREATION_FLAG_INTERCEPT_MESSAGE_PAGE_ENABLED (UINT64_C(1) << 19)
#define HV_PARTITION_CREATION_FLAG_HYPERCALL_DOORBELL_PAGE_ENABLED (UINT64_C(1) << 20)
#define HV_PARTITION_CREATION_FLAG_X2APIC_CAPABLE                 (UINT64_C(1) << 22)
#define HV_PARTITION_CREATION_FLAGS_DEFINED_MASK                  UINT64_C(0x000000000059A713)
#define HV_PARTITION_CREATION_FLAGS_RSVD_MASK                     (~HV_PARTITION_CREATION_FLAGS_DEFINED_MASK)

/*
 * Isolation properties: CreatePartition input offset 48.
 * CONFLICT (digest hypercalls.md 0x0040): TLFS-md calls the field
 * ReservedZ0 ("must be 0"); Linux defines these bits.  The digest gives no
 * preference; the field carries both names (see hv_hypercall.h) and these
 * are the Linux bit positions.
 */
#define HV_PARTITION_ISOLATION_TYPE_MASK              UINT64_C(0x000000000000001F) /* 4:0 */
#define HV_PARTITION_ISOLATION_TYPE_NONE              0u
#define HV_PARTITION_ISOLATION_TYPE_VBS               1u
#define HV_PARTITION_ISOLATION_TYPE_SNP               2u
#define HV_PARTITION_ISOLATION_TYPE_TDX               3u
#define HV_PARTITION_ISOLATION_HOST_TYPE_SHIFT        5
#define HV_PARTITION_ISOLATION_HOST_TYPE_MASK         UINT64_C(0x0000000000000060) /* 6:5 */
#define HV_PARTITION_ISOLATION_RSVDZ_MASK             UINT64_C(0x0000000000000F80) /* 11:7 */
#define HV_PARTITION_ISOLATION_SHARED_GPA_BOUNDARY_SHIFT 12 /* 63:12, page number */

/* ---------------------------------------------------------------------
 * HV_PARTITION_CREATION_PROPERTIES (x64, 24 bytes) and the processor
 * feature banks it hides (a set bit hides the feature from guest CPUID).
 * TLFS hv_partition_creation_properties.md, hv_partition_processor_features.md;
 * digest data-types.md §9.2 (bank order from Linux/OpenVMM; the TLFS-md
 * page has no bit list).
 */
struct hv_partition_creation_properties {
	uint64_t disabled_processor_features[2];
	uint64_t disabled_processor_xsave_features;
};
HV_ABI_ASSERT_SIZE(struct hv_partition_creation_properties, 24);
HV_ABI_ASSERT_OFFSET(struct hv_partition_creation_properties, disabled_processor_features, 0);
HV_ABI_ASSERT_OFFSET(struct hv_partition_creation_properties, disabled_processor_xsave_features, 16);

/* Bank 0 (disabled_processor_features[0]). */
#define HV_X64_PROCESSOR_FEATURE0_SSE3                        (UINT64_C(1) << 0)
#define HV_X64_PROCESSOR_FEATURE0_LAHF_SAHF                   (UINT64_C(1) << 1)
#define HV_X64_PROCESSOR_FEATURE0_SSSE3                       (UINT64_C(1) << 2)
#define HV_X64_PROCESSOR_FEATURE0_SSE4_1                      (UINT64_C(1) << 3)
#define HV_X64_PROCESSOR_FEATURE0_SSE4_2                      (UINT64_C(1) << 4)
#define HV_X64_PROCESSOR_FEATURE0_SSE4A                       (UINT64_C(1) << 5)
#define HV_X64_PROCESSOR_FEATURE0_XOP                         (UINT64_C(1) << 6)
#define HV_X64_PROCESSOR_FEATURE0_POPCNT                      (UINT64_C(1) << 7)
#define HV_X64_PROCESSOR_FEATURE0_CMPXCHG16B                  (UINT64_C(1) << 8)
#define HV_X64_PROCESSOR_FEATURE0_ALTMOVCR8                   (UINT64_C(1) << 9)
#define HV_X64_PROCESSOR_FEATURE0_LZCNT                       (UINT64_C(1) << 10)
#define HV_X64_PROCESSOR_FEATURE0_MISALIGNED_SSE              (UINT64_C(1) << 11)
#define HV_X64_PROCESSOR_FEATURE0_MMX_EXT                     (UINT64_C(1) << 12)
#define HV_X64_PROCESSOR_FEATURE0_3DNOW                       (UINT64_C(1) << 13)
#define HV_X64_PROCESSOR_FEATURE0_EXTENDED_3DNOW              (UINT64_C(1) << 14)
#define HV_X64_PROCESSOR_FEATURE0_PAGE_1GB                    (UINT64_C(1) << 15)
#define HV_X64_PROCESSOR_FEATURE0_AES                         (UINT64_C(1) << 16)
#define HV_X64_PROCESSOR_FEATURE0_PCLMULQDQ                   (UINT64_C(1) << 17)
#define HV_X64_PROCESSOR_FEATURE0_PCID                        (UINT64_C(1) << 18)
#define HV_X64_PROCESSOR_FEATURE0_FMA4                        (UINT64_C(1) << 19)
#define HV_X64_PROCESSOR_FEATURE0_F16C                        (UINT64_C(1) << 20)
#define HV_X64_PROCESSOR_FEATURE0_RDRAND                      (UINT64_C(1) << 21)
#define HV_X64_PROCESSOR_FEATURE0_RDWRFSGS                    (UINT64_C(1) << 22)
#define HV_X64_PROCESSOR_FEATURE0_SMEP                        (UINT64_C(1) << 23)
#define HV_X64_PROCESSOR_FEATURE0_ENHANCED_FAST_STRING        (UINT64_C(1) << 24)
#define HV_X64_PROCESSOR_FEATURE0_BMI1                        (UINT64_C(1) << 25)
#define HV_X64_PROCESSOR_FEATURE0_BMI2                        (UINT64_C(1) << 26)
#define HV_X64_PROCESSOR_FEATURE0_HLE_DEPRECATED              (UINT64_C(1) << 27)
#define HV_X64_PROCESSOR_FEATURE0_RTM_DEPRECATED              (UINT64_C(1) << 28)
#define HV_X64_PROCESSOR_FEATURE0_MOVBE                       (UINT64_C(1) << 29)
#define HV_X64_PROCESSOR_FEATURE0_NPIEP1                      (UINT64_C(1) << 30)
#define HV_X64_PROCESSOR_FEATURE0_DEP_X87_FPU_SAVE            (UINT64_C(1) << 31)
#define HV_X64_PROCESSOR_FEATURE0_RDSEED                      (UINT64_C(1) << 32)
#define HV_X64_PROCESSOR_FEATURE0_ADX                         (UINT64_C(1) << 33)
#define HV_X64_PROCESSOR_FEATURE0_INTEL_PREFETCH              (UINT64_C(1) << 34)
#define HV_X64_PROCESSOR_FEATURE0_SMAP                        (UINT64_C(1) << 35)
#define HV_X64_PROCESSOR_FEATURE0_HLE                         (UINT64_C(1) << 36)
#define HV_X64_PROCESSOR_FEATURE0_RTM                         (UINT64_C(1) << 37)
#define HV_X64_PROCESSOR_FEATURE0_RDTSCP                      (UINT64_C(1) << 38)
#define HV_X64_PROCESSOR_FEATURE0_CLFLUSHOPT                  (UINT64_C(1) << 39)
#define HV_X64_PROCESSOR_FEATURE0_CLWB                        (UINT64_C(1) << 40)
#define HV_X64_PROCESSOR_FEATURE0_SHA                         (UINT64_C(1) << 41)
#define HV_X64_PROCESSOR_FEATURE0_X87_POINTERS_SAVED          (UINT64_C(1) << 42)
#define HV_X64_PROCESSOR_FEATURE0_INVPCID                     (UINT64_C(1) << 43)
#define HV_X64_PROCESSOR_FEATURE0_IBRS                        (UINT64_C(1) << 44)
#define HV_X64_PROCESSOR_FEATURE0_STIBP                       (UINT64_C(1) << 45)
#define HV_X64_PROCESSOR_FEATURE0_IBPB                        (UINT64_C(1) << 46)
#define HV_X64_PROCESSOR_FEATURE0_UNRESTRICTED_GUEST          (UINT64_C(1) << 47)
#define HV_X64_PROCESSOR_FEATURE0_MDD                         (UINT64_C(1) << 48)
#define HV_X64_PROCESSOR_FEATURE0_FAST_SHORT_REP_MOV          (UINT64_C(1) << 49)
#define HV_X64_PROCESSOR_FEATURE0_L1DCACHE_FLUSH              (UINT64_C(1) << 50)
#define HV_X64_PROCESSOR_FEATURE0_RDCL_NO                     (UINT64_C(1) << 51)
#define HV_X64_PROCESSOR_FEATURE0_IBRS_ALL                    (UINT64_C(1) << 52)
#define HV_X64_PROCESSOR_FEATURE0_SKIP_L1DF                   (UINT64_C(1) << 53)
#define HV_X64_PROCESSOR_FEATURE0_SSB_NO                      (UINT64_C(1) << 54)
#define HV_X64_PROCESSOR_FEATURE0_RSBA_NO                     (UINT64_C(1) << 55)
#define HV_X64_PROCESSOR_FEATURE0_VIRT_SPEC_CTRL              (UINT64_C(1) << 56)
#define HV_X64_PROCESSOR_FEATURE0_RDPID                       (UINT64_C(1) << 57)
#define HV_X64_PROCESSOR_FEATURE0_UMIP                        (UINT64_C(1) << 58)
#define HV_X64_PROCESSOR_FEATURE0_MBS_NO                      (UINT64_C(1) << 59)
#define HV_X64_PROCESSOR_FEATURE0_MB_CLEAR                    (UINT64_C(1) << 60)
#define HV_X64_PROCESSOR_FEATURE0_TAA_NO                      (UINT64_C(1) << 61)
#define HV_X64_PROCESSOR_FEATURE0_TSX_CTRL                    (UINT64_C(1) << 62)
/* Bit 63 reserved.  Bank 1 is listed only in OpenVMM hvdef: not defined here. */

/* XSAVE bank (the digest lists only these first bits). */
#define HV_X64_PROCESSOR_XSAVE_FEATURE_XSAVE                  (UINT64_C(1) << 0)
#define HV_X64_PROCESSOR_XSAVE_FEATURE_XSAVEOPT               (UINT64_C(1) << 1)
#define HV_X64_PROCESSOR_XSAVE_FEATURE_AVX                    (UINT64_C(1) << 2)
#define HV_X64_PROCESSOR_XSAVE_FEATURE_AVX2                   (UINT64_C(1) << 3)
#define HV_X64_PROCESSOR_XSAVE_FEATURE_FMA                    (UINT64_C(1) << 4)
#define HV_X64_PROCESSOR_XSAVE_FEATURE_MPX                    (UINT64_C(1) << 5)
#define HV_X64_PROCESSOR_XSAVE_FEATURE_AVX512                 (UINT64_C(1) << 6)

/* ---------------------------------------------------------------------
 * HV_PARTITION_PROPERTY_CODE (u32).
 * TLFS hv_partition_property_code.md, v2.0 §5.2; digest data-types.md §9.3.
 * "Early" properties may be set only between CreatePartition and
 * InitializePartition: PRIVILEGE_FLAGS, SYNTHETIC_PROC_FEATURES,
 * HYPERCALL_DOORBELL_PAGE, PARTITION_DIAG_BUFFER_CONFIG,
 * PHYSICAL_ADDRESS_WIDTH, VMM_CAPABILITIES.
 */
#define HV_PARTITION_PROPERTY_PRIVILEGE_FLAGS                       0x00010000u
#define HV_PARTITION_PROPERTY_SYNTHETIC_PROC_FEATURES               0x00010001u
#define HV_PARTITION_PROPERTY_ALLOWED_PARENT_USER_MODE_HYPERCALLS   0x00010002u /* OpenVMM */
#define HV_PARTITION_PROPERTY_SUSPEND                               0x00020000u
#define HV_PARTITION_PROPERTY_CPU_RESERVE                           0x00020001u /* v2.0 default 0 */
#define HV_PARTITION_PROPERTY_CPU_CAP                               0x00020002u /* v2.0 default 0x10000 */
#define HV_PARTITION_PROPERTY_CPU_WEIGHT                            0x00020003u /* v2.0 default 100 */
#define HV_PARTITION_PROPERTY_CPU_GROUP_ID                          0x00020004u
#define HV_PARTITION_PROPERTY_HIERARCHICAL_INTEGRATED_SCHEDULER_ENABLED 0x00020005u
#define HV_PARTITION_PROPERTY_EMULATED_TIMER_PERIOD                 0x00030000u /* v2.0 only */
#define HV_PARTITION_PROPERTY_EMULATED_TIMER_CONTROL                0x00030001u /* v2.0 only */
#define HV_PARTITION_PROPERTY_PM_TIMER_ASSIST                       0x00030002u /* v2.0 only */
#define HV_PARTITION_PROPERTY_TIME_FREEZE                           0x00030003u
#define HV_PARTITION_PROPERTY_APIC_FREQUENCY                        0x00030004u /* OpenVMM */
#define HV_PARTITION_PROPERTY_REFERENCE_TIME                        0x00030005u
#define HV_PARTITION_PROPERTY_DEBUG_CHANNEL_ID                      0x00040000u
#define HV_PARTITION_PROPERTY_VIRTUAL_TLB_PAGE_COUNT                0x00050000u
#define HV_PARTITION_PROPERTY_VSM_CONFIG                            0x00050001u
#define HV_PARTITION_PROPERTY_ZERO_MEMORY_ON_RESET                  0x00050002u
#define HV_PARTITION_PROPERTY_PROCESSORS_PER_SOCKET                 0x00050003u
#define HV_PARTITION_PROPERTY_NESTED_TLB_SIZE                       0x00050004u
#define HV_PARTITION_PROPERTY_GPA_PAGE_ACCESS_TRACKING              0x00050005u
#define HV_PARTITION_PROPERTY_VSM_PERMISSIONS_DIRTY_SINCE_LAST_QUERY 0x00050006u
#define HV_PARTITION_PROPERTY_ISOLATION_STATE                       0x0005000Cu
#define HV_PARTITION_PROPERTY_ISOLATION_CONTROL                     0x0005000Du
#define HV_PARTITION_PROPERTY_ALLOCATION_ID                         0x0005000Eu
#define HV_PARTITION_PROPERTY_MONITORING_ID                         0x0005000Fu
#define HV_PARTITION_PROPERTY_IMPLEMENTED_PHYSICAL_ADDRESS_BITS     0x00050010u
#define HV_PARTITION_PROPERTY_NON_ARCHITECTURAL_CORE_SHARING        0x00050011u
#define HV_PARTITION_PROPERTY_HYPERCALL_DOORBELL_PAGE               0x00050012u
#define HV_PARTITION_PROPERTY_ISOLATION_POLICY                      0x00050014u
#define HV_PARTITION_PROPERTY_UNIMPLEMENTED_MSR_ACTION              0x00050017u
#define HV_PARTITION_PROPERTY_SEV_VMGEXIT_OFFLOADS                  0x00050022u
#define HV_PARTITION_PROPERTY_PARTITION_DIAG_BUFFER_CONFIG          0x00050026u
#define HV_PARTITION_PROPERTY_PROCESSOR_VENDOR                      0x00060000u /* read-only */
#define HV_PARTITION_PROPERTY_PROCESSOR_FEATURES                    0x00060001u /* deprecated */
#define HV_PARTITION_PROPERTY_PROCESSOR_XSAVE_FEATURES              0x00060002u
#define HV_PARTITION_PROPERTY_PROCESSOR_CLFLUSH_SIZE                0x00060003u
#define HV_PARTITION_PROPERTY_ENLIGHTENMENT_MODIFICATIONS           0x00060004u
#define HV_PARTITION_PROPERTY_COMPATIBILITY_VERSION                 0x00060005u
#define HV_PARTITION_PROPERTY_PHYSICAL_ADDRESS_WIDTH                0x00060006u
#define HV_PARTITION_PROPERTY_XSAVE_STATES                          0x00060007u
#define HV_PARTITION_PROPERTY_MAX_XSAVE_DATA_SIZE                   0x00060008u
#define HV_PARTITION_PROPERTY_PROCESSOR_CLOCK_FREQUENCY             0x00060009u
#define HV_PARTITION_PROPERTY_PROCESSOR_FEATURES0                   0x0006000Au
#define HV_PARTITION_PROPERTY_PROCESSOR_FEATURES1                   0x0006000Bu
#define HV_PARTITION_PROPERTY_GUEST_OS_ID                           0x00070000u
#define HV_PARTITION_PROPERTY_PROCESSOR_VIRTUALIZATION_FEATURES     0x00080000u
#define HV_PARTITION_PROPERTY_VMM_CAPABILITIES                      0x00090007u
#define HV_PARTITION_PROPERTY_VP_SCHEDULING_AFFINITY_SET            0x10001000u /* VP-scoped */

/* Values of HV_PARTITION_PROPERTY_PROCESSOR_VENDOR. */
#define HV_PROCESSOR_VENDOR_AMD      0x0000u
#define HV_PROCESSOR_VENDOR_INTEL    0x0001u
#define HV_PROCESSOR_VENDOR_HYGON    0x0002u
#define HV_PROCESSOR_VENDOR_ARM      0x0010u

/* ---------------------------------------------------------------------
 * HV_PARTITION_SYNTHETIC_PROCESSOR_FEATURES, bank 0 (u64): which
 * enlightenments the parent exposes (property SYNTHETIC_PROC_FEATURES).
 * Digest data-types.md §9.4 (Linux hvhdk.h, OpenVMM).
 */
#define HV_SYNTHETIC_PROC_FEATURE_HYPERVISOR_PRESENT                  (UINT64_C(1) << 0)
#define HV_SYNTHETIC_PROC_FEATURE_HV1                                 (UINT64_C(1) << 1)
#define HV_SYNTHETIC_PROC_FEATURE_ACCESS_VP_RUN_TIME_REG              (UINT64_C(1) << 2)
#define HV_SYNTHETIC_PROC_FEATURE_ACCESS_PARTITION_REFERENCE_COUNTER  (UINT64_C(1) << 3)
#define HV_SYNTHETIC_PROC_FEATURE_ACCESS_SYNIC_REGS                   (UINT64_C(1) << 4)
#define HV_SYNTHETIC_PROC_FEATURE_ACCESS_SYNTHETIC_TIMER_REGS         (UINT64_C(1) << 5)
#define HV_SYNTHETIC_PROC_FEATURE_ACCESS_INTR_CTRL_REGS               (UINT64_C(1) << 6)
#define HV_SYNTHETIC_PROC_FEATURE_ACCESS_HYPERCALL_REGS               (UINT64_C(1) << 7)
#define HV_SYNTHETIC_PROC_FEATURE_ACCESS_VP_INDEX                     (UINT64_C(1) << 8)
#define HV_SYNTHETIC_PROC_FEATURE_ACCESS_PARTITION_REFERENCE_TSC      (UINT64_C(1) << 9)
#define HV_SYNTHETIC_PROC_FEATURE_ACCESS_GUEST_IDLE_REG               (UINT64_C(1) << 10)
#define HV_SYNTHETIC_PROC_FEATURE_ACCESS_FREQUENCY_REGS               (UINT64_C(1) << 11)
#define HV_SYNTHETIC_PROC_FEATURE_ENABLE_EXTENDED_GVA_RANGES_FOR_FLUSH_VIRTUAL_ADDRESS_LIST \
	(UINT64_C(1) << 15)
#define HV_SYNTHETIC_PROC_FEATURE_FAST_HYPERCALL_OUTPUT               (UINT64_C(1) << 18)
#define HV_SYNTHETIC_PROC_FEATURE_START_VIRTUAL_PROCESSOR             (UINT64_C(1) << 20)
#define HV_SYNTHETIC_PROC_FEATURE_DIRECT_SYNTHETIC_TIMERS             (UINT64_C(1) << 22)
#define HV_SYNTHETIC_PROC_FEATURE_EXTENDED_PROCESSOR_MASKS            (UINT64_C(1) << 24)
#define HV_SYNTHETIC_PROC_FEATURE_TB_FLUSH_HYPERCALLS                 (UINT64_C(1) << 25)
#define HV_SYNTHETIC_PROC_FEATURE_SYNTHETIC_CLUSTER_IPI               (UINT64_C(1) << 26)
#define HV_SYNTHETIC_PROC_FEATURE_NOTIFY_LONG_SPIN_WAIT               (UINT64_C(1) << 27)
#define HV_SYNTHETIC_PROC_FEATURE_QUERY_NUMA_DISTANCE                 (UINT64_C(1) << 28)
#define HV_SYNTHETIC_PROC_FEATURE_SIGNAL_EVENTS                       (UINT64_C(1) << 29)
#define HV_SYNTHETIC_PROC_FEATURE_RETARGET_DEVICE_INTERRUPT           (UINT64_C(1) << 30)
#define HV_SYNTHETIC_PROC_FEATURE_RESTORE_TIME                        (UINT64_C(1) << 31)
#define HV_SYNTHETIC_PROC_FEATURE_ENLIGHTENED_VMCS                    (UINT64_C(1) << 32)
#define HV_SYNTHETIC_PROC_FEATURE_NESTED_DEBUG_CTL                    (UINT64_C(1) << 33)
#define HV_SYNTHETIC_PROC_FEATURE_SYNTHETIC_TIME_UNHALTED_TIMER       (UINT64_C(1) << 34)
#define HV_SYNTHETIC_PROC_FEATURE_IDLE_SPEC_CTRL                      (UINT64_C(1) << 35)
#define HV_SYNTHETIC_PROC_FEATURE_WAKE_VPS                            (UINT64_C(1) << 37)
#define HV_SYNTHETIC_PROC_FEATURE_ACCESS_VP_REGS                      (UINT64_C(1) << 38)
#define HV_SYNTHETIC_PROC_FEATURE_SYNC_CONTEXT                        (UINT64_C(1) << 39)
#define HV_SYNTHETIC_PROC_FEATURE_MANAGEMENT_VTL_SYNIC_SUPPORT        (UINT64_C(1) << 40)
#define HV_SYNTHETIC_PROC_FEATURE_PROXY_INTERRUPT_DOORBELL_SUPPORT    (UINT64_C(1) << 41)
#define HV_SYNTHETIC_PROC_FEATURE_MMIO_HYPERCALLS                     (UINT64_C(1) << 43)
/* RsvdZ per the digest: 12-14, 16, 17, 19, 21, 23, 36, 42 (63:44 not listed). */
#define HV_SYNTHETIC_PROC_FEATURES_RSVDZ_MASK                         UINT64_C(0x0000041000AB7000)

/* ---------------------------------------------------------------------
 * HV_MAP_GPA_FLAGS (u32) and HV_UNMAP_GPA_FLAGS (u32).
 * TLFS hv_map_gpa_flags.md, hv_unmap_gpa_flags.md, v2.0 §8;
 * digest data-types.md §11.
 * Legal R/W/X combinations on x64 (v2.0): RWX, R-X, RW-, R--, ---.  Write
 * without read and execute-only -> HV_STATUS_INVALID_PARAMETER.  The VSM
 * protection mask uses the same low 4 bits.
 */
#define HV_MAP_GPA_READABLE                   0x00000001u
#define HV_MAP_GPA_WRITABLE                   0x00000002u
#define HV_MAP_GPA_KERNEL_EXECUTABLE          0x00000004u /* v2.0: EXECUTABLE */
#define HV_MAP_GPA_USER_EXECUTABLE            0x00000008u /* only with MBEC */
#define HV_MAP_GPA_EXECUTABLE                 0x0000000Cu /* KX | UX (Linux) */
#define HV_MAP_GPA_PERMISSIONS_MASK           0x0000000Fu
#define HV_MAP_GPA_SUPERVISOR_SHADOW_STACK    0x00000010u /* OpenVMM (VSM) */
#define HV_MAP_GPA_PAGING_WRITABILITY         0x00000020u /* OpenVMM (VSM) */
#define HV_MAP_GPA_VERIFY_PAGING_WRITABILITY  0x00000040u /* OpenVMM (VSM) */
#define HV_MAP_GPA_ADJUSTABLE                 0x00008000u /* Linux, OpenVMM */
/* Bits 17:16 hold a special-mapping value rather than independent flags. */
#define HV_MAP_GPA_SPECIAL_MASK               0x00030000u
#define HV_MAP_GPA_NO_ACCESS                  0x00010000u
#define HV_MAP_GPA_ZEROED                     0x00020000u /* map the shared zero page */
#define HV_MAP_GPA_ONES                       0x00030000u
#define HV_MAP_GPA_NO_OVERLAY                 0x00100000u
#define HV_MAP_GPA_NOT_CACHED                 0x00200000u
#define HV_MAP_GPA_CLEAR_ACCESSED             0x01000000u
#define HV_MAP_GPA_SET_ACCESSED               0x02000000u
#define HV_MAP_GPA_CLEAR_DIRTY                0x04000000u
#define HV_MAP_GPA_SET_DIRTY                  0x08000000u
#define HV_MAP_GPA_DONT_SET_RANGE_ACCESSED    0x10000000u
#define HV_MAP_GPA_LARGE_PAGE                 0x80000000u /* units become 2 MiB */
#define HV_MAP_GPA_DEFINED_MASK               0x9F33807Fu

/*
 * AMBIGUOUS (digest §11): TLFS-md lists these as "bit 1" and "bit 2";
 * Linux has HV_UNMAP_GPA_LARGE_PAGE = 0x2.  The digest recommends reading
 * them as values 0x1 / 0x2 (consistent with Linux): used.
 */
#define HV_UNMAP_GPA_KEEP_PRECOMMITTED        0x00000001u
#define HV_UNMAP_GPA_LARGE_PAGE               0x00000002u

/* ---------------------------------------------------------------------
 * Intercepts.
 * TLFS hv_intercept_type.md, hv_intercept_parameters.md,
 * hv_intercept_access_type_mask.md, v2.0 §9; digest data-types.md §12.
 *
 * HV_INTERCEPT_TYPE (u32).  0x04 is reserved (formerly Register) and has
 * no name here.
 */
#define HV_INTERCEPT_TYPE_X64_IO_PORT                            0x00000000u
#define HV_INTERCEPT_TYPE_X64_MSR                                0x00000001u
#define HV_INTERCEPT_TYPE_X64_CPUID                              0x00000002u
#define HV_INTERCEPT_TYPE_EXCEPTION                              0x00000003u
#define HV_INTERCEPT_TYPE_MMIO                                   0x00000005u /* Linux-only */
#define HV_INTERCEPT_TYPE_X64_GLOBAL_CPUID                       0x00000006u
#define HV_INTERCEPT_TYPE_X64_APIC_SMI                           0x00000007u
#define HV_INTERCEPT_TYPE_HYPERCALL                              0x00000008u
#define HV_INTERCEPT_TYPE_X64_APIC_INIT_SIPI                     0x00000009u
#define HV_INTERCEPT_TYPE_X64_MC_UPDATE_PATCH_LEVEL_MSR_READ     0x0000000Au /* Linux-only */
#define HV_INTERCEPT_TYPE_X64_APIC_WRITE                         0x0000000Bu
#define HV_INTERCEPT_TYPE_X64_MSR_INDEX                          0x0000000Cu /* Linux-only */
#define HV_INTERCEPT_TYPE_UNKNOWN_SYNIC_CONNECTION               0x0000000Du
#define HV_INTERCEPT_TYPE_X64_APIC_EOI                           0x0000000Eu
#define HV_INTERCEPT_TYPE_RETARGET_INTERRUPT_WITH_UNKNOWN_DEVICE_ID 0x0000000Fu
#define HV_INTERCEPT_TYPE_X64_EXCEPTION_TRAP                     0x00000010u
#define HV_INTERCEPT_TYPE_X64_IO_PORT_RANGE                      0x00000011u
#define HV_INTERCEPT_TYPE_REGISTER                               0x00000012u /* ARM64 */
#define HV_INTERCEPT_TYPE_SYSTEM_RESET_EXTENDED                  0x00000013u /* ARM64 */
#define HV_INTERCEPT_TYPE_INVALID                                0xFFFFFFFFu /* Linux */

/* HV_INTERCEPT_ACCESS_TYPE_MASK (u32), used by HvCallInstallIntercept. */
#define HV_INTERCEPT_ACCESS_MASK_NONE      0x0u /* removes the intercept */
#define HV_INTERCEPT_ACCESS_MASK_READ      0x1u
#define HV_INTERCEPT_ACCESS_MASK_WRITE     0x2u
#define HV_INTERCEPT_ACCESS_MASK_EXECUTE   0x4u

/* HV_INTERCEPT_ACCESS_TYPE: the enum carried in intercept messages. */
#define HV_INTERCEPT_ACCESS_READ           0u
#define HV_INTERCEPT_ACCESS_WRITE          1u
#define HV_INTERCEPT_ACCESS_EXECUTE        2u

/*
 * HV_INTERCEPT_PARAMETERS (u64 union; unused bits zero).  X64_MSR takes
 * no parameter (all MSRs the hypervisor does not virtualize).
 */
union hv_intercept_parameters {
	uint64_t as_uint64;
	uint16_t io_port;          /* X64_IO_PORT */
	uint32_t cpuid_index;      /* X64_CPUID: the leaf */
	uint16_t exception_vector; /* EXCEPTION */
	uint32_t apic_write_mask;  /* X64_APIC_WRITE */
	uint32_t msr_index;        /* X64_MSR_INDEX (Linux) */
	struct {
		uint16_t base; /* first port */
		uint16_t end;  /* last port, inclusive */
	} io_port_range;           /* X64_IO_PORT_RANGE */
};
HV_ABI_ASSERT_SIZE(union hv_intercept_parameters, 8);
HV_ABI_ASSERT_OFFSET(union hv_intercept_parameters, io_port_range.base, 0);
HV_ABI_ASSERT_OFFSET(union hv_intercept_parameters, io_port_range.end, 2);

/* FeatureCode of an HvMessageTypeUnsupportedFeature message. */
#define HV_UNSUPPORTED_FEATURE_INTERCEPT        1u
#define HV_UNSUPPORTED_FEATURE_TASK_SWITCH_TSS  2u

/* ---------------------------------------------------------------------
 * Ports, connections, proximity domains, SynIC event flags.
 * TLFS hv_port_id.md, hv_connection_id.md, hv_port_type.md,
 * hv_port_info.md, hv_connection_info.md, hv_proximity_domain_info.md,
 * hv_synic_event_flags.md, v2.0 §§7.2.1, 14.8; digest data-types.md §13.
 */
#define HV_PORT_ID_MASK               0x00FFFFFFu /* HV_PORT_ID bits 23:0 */
#define HV_PORT_ID_RSVDZ_MASK         0xFF000000u
#define HV_CONNECTION_ID_MASK         0x00FFFFFFu /* HV_CONNECTION_ID bits 23:0 */
#define HV_CONNECTION_ID_RSVDZ_MASK   0xFF000000u

/* HV_PORT_TYPE (u32).  TLFS-md documents only Doorbell; others v2.0/Linux. */
#define HV_PORT_TYPE_MESSAGE          1u
#define HV_PORT_TYPE_EVENT            2u
#define HV_PORT_TYPE_MONITOR          3u
#define HV_PORT_TYPE_DOORBELL         4u /* root only */

/*
 * HV_PORT_INFO (24 bytes).
 * CONFLICT (digest §13): TLFS-md's field summary gives TargetSint at 8
 * with size 1 and TargetVp at 9; HV_SYNIC_SINT_INDEX is a u32 and Linux
 * agrees with the u32/u32 layout, which the digest tabulates: used.
 */
struct hv_port_info {
	uint32_t port_type;
	uint32_t padding;
	union {
		struct {
			uint32_t target_sint; /* 1..15 */
			uint32_t target_vp;   /* or HV_ANY_VP */
			uint64_t rsvdz;
		} message_port_info;
		struct {
			uint32_t target_sint;
			uint32_t target_vp;
			uint16_t base_flag_number;
			uint16_t flag_count;
			uint32_t rsvdz;
		} event_port_info;
		struct {
			uint64_t monitor_address; /* GPA, page aligned */
			uint64_t rsvdz;
		} monitor_port_info;
		struct {
			uint32_t target_sint;
			uint32_t target_vp;
			uint64_t rsvdz;
		} doorbell_port_info;
	};
};
HV_ABI_ASSERT_SIZE(struct hv_port_info, 24);
HV_ABI_ASSERT_OFFSET(struct hv_port_info, padding, 4);
HV_ABI_ASSERT_OFFSET(struct hv_port_info, port_type, 0);
HV_ABI_ASSERT_OFFSET(struct hv_port_info, message_port_info.target_sint, 8);
HV_ABI_ASSERT_OFFSET(struct hv_port_info, message_port_info.target_vp, 12);
HV_ABI_ASSERT_OFFSET(struct hv_port_info, message_port_info.rsvdz, 16);
HV_ABI_ASSERT_OFFSET(struct hv_port_info, event_port_info.target_sint, 8);
HV_ABI_ASSERT_OFFSET(struct hv_port_info, event_port_info.target_vp, 12);
HV_ABI_ASSERT_OFFSET(struct hv_port_info, event_port_info.base_flag_number, 16);
HV_ABI_ASSERT_OFFSET(struct hv_port_info, event_port_info.flag_count, 18);
HV_ABI_ASSERT_OFFSET(struct hv_port_info, event_port_info.rsvdz, 20);
HV_ABI_ASSERT_OFFSET(struct hv_port_info, monitor_port_info.monitor_address, 8);
HV_ABI_ASSERT_OFFSET(struct hv_port_info, monitor_port_info.rsvdz, 16);
HV_ABI_ASSERT_OFFSET(struct hv_port_info, doorbell_port_info.target_sint, 8);
HV_ABI_ASSERT_OFFSET(struct hv_port_info, doorbell_port_info.target_vp, 12);
HV_ABI_ASSERT_OFFSET(struct hv_port_info, doorbell_port_info.rsvdz, 16);

/* HV_CONNECTION_INFO (32 bytes). */
struct hv_connection_info {
	uint32_t port_type;
	uint32_t padding;
	union {
		struct {
			uint64_t rsvdz;
		} message_connection_info;
		struct {
			uint64_t rsvdz;
		} event_connection_info;
		struct {
			uint64_t monitor_address;
		} monitor_connection_info;
		struct {
			uint64_t gpa;
			uint64_t trigger_value;
			uint64_t flags; /* HV_DOORBELL_FLAG_* */
		} doorbell_connection_info;
	};
};
HV_ABI_ASSERT_SIZE(struct hv_connection_info, 32);
HV_ABI_ASSERT_OFFSET(struct hv_connection_info, padding, 4);
HV_ABI_ASSERT_OFFSET(struct hv_connection_info, port_type, 0);
HV_ABI_ASSERT_OFFSET(struct hv_connection_info, message_connection_info.rsvdz, 8);
HV_ABI_ASSERT_OFFSET(struct hv_connection_info, event_connection_info.rsvdz, 8);
HV_ABI_ASSERT_OFFSET(struct hv_connection_info, monitor_connection_info.monitor_address, 8);
HV_ABI_ASSERT_OFFSET(struct hv_connection_info, doorbell_connection_info.gpa, 8);
HV_ABI_ASSERT_OFFSET(struct hv_connection_info, doorbell_connection_info.trigger_value, 16);
HV_ABI_ASSERT_OFFSET(struct hv_connection_info, doorbell_connection_info.flags, 24);

/* Doorbell connection flags. */
#define HV_DOORBELL_FLAG_TRIGGER_SIZE_MASK    UINT64_C(0x0000000000000007) /* bits 2:0 */
#define HV_DOORBELL_FLAG_TRIGGER_SIZE_ANY     0u
#define HV_DOORBELL_FLAG_TRIGGER_SIZE_BYTE    1u
#define HV_DOORBELL_FLAG_TRIGGER_SIZE_WORD    2u
#define HV_DOORBELL_FLAG_TRIGGER_SIZE_DWORD   3u
#define HV_DOORBELL_FLAG_TRIGGER_SIZE_QWORD   4u
#define HV_DOORBELL_FLAG_TRIGGER_ANY_VALUE    UINT64_C(0x0000000080000000) /* bit 31 */

/*
 * HV_PROXIMITY_DOMAIN_INFO (8 bytes).  Note (digest): TLFS-md describes
 * PROXIMITY_PREFERRED = 0 as "restricted to this domain".
 */
struct hv_proximity_domain_info {
	uint32_t id;    /* HV_PROXIMITY_DOMAIN_ID */
	uint32_t flags; /* HV_PROXIMITY_DOMAIN_* */
};
HV_ABI_ASSERT_SIZE(struct hv_proximity_domain_info, 8);
HV_ABI_ASSERT_OFFSET(struct hv_proximity_domain_info, id, 0);
HV_ABI_ASSERT_OFFSET(struct hv_proximity_domain_info, flags, 4);

#define HV_PROXIMITY_DOMAIN_PREFERRED         0x00000001u /* may fall back to other nodes */
#define HV_PROXIMITY_DOMAIN_INFO_VALID        0x80000000u /* 0 = any node */
#define HV_PROXIMITY_DOMAIN_FLAGS_RSVDZ_MASK  0x7FFFFFFEu

/*
 * HV_SYNIC_EVENT_FLAGS: 256 bytes = 2048 flags; flag n is bit n % 8 of
 * byte n / 8.  The SIEF page holds one per SINT (16 x 256 = 4096).
 */
#define HV_EVENT_FLAGS_COUNT        2048u
#define HV_EVENT_FLAGS_BYTE_COUNT   256u

struct hv_synic_event_flags {
	uint8_t flags[HV_EVENT_FLAGS_BYTE_COUNT];
};
HV_ABI_ASSERT_SIZE(struct hv_synic_event_flags, 256);
HV_ABI_ASSERT_OFFSET(struct hv_synic_event_flags, flags, 0);

struct hv_synic_event_flags_page {
	struct hv_synic_event_flags sint_event_flags[HV_SYNIC_SINT_COUNT];
};
HV_ABI_ASSERT_SIZE(struct hv_synic_event_flags_page, 4096);
HV_ABI_ASSERT_OFFSET(struct hv_synic_event_flags_page, sint_event_flags[1], 256);

/*
 * Monitor page (4 KiB, monitor ports).
 * CONFLICT (digest §13): reserved-gap sizes differ between TLFS v2.0
 * §14.8.10 and OpenVMM HvMonitorPage; the digest says follow OpenVMM when
 * implementing VMBus monitor pages: this is the OpenVMM layout.
 */
#define HV_MONITOR_TRIGGER_GROUP_COUNT   4u
#define HV_MONITOR_PORTS_PER_GROUP       32u

#define HV_MONITOR_TRIGGER_STATE_GROUP_ENABLE_MASK  0x0000000Fu /* bits 3:0 */
#define HV_MONITOR_TRIGGER_STATE_DISABLED           0x00000010u /* bit 4 */

struct hv_monitor_trigger_group {
	uint32_t pending;
	uint32_t armed;
};
HV_ABI_ASSERT_SIZE(struct hv_monitor_trigger_group, 8);
HV_ABI_ASSERT_OFFSET(struct hv_monitor_trigger_group, pending, 0);
HV_ABI_ASSERT_OFFSET(struct hv_monitor_trigger_group, armed, 4);

struct hv_monitor_parameter {
	uint32_t connection_id;
	uint16_t flag_number;
	uint16_t rsvd;
};
HV_ABI_ASSERT_SIZE(struct hv_monitor_parameter, 8);
HV_ABI_ASSERT_OFFSET(struct hv_monitor_parameter, connection_id, 0);
HV_ABI_ASSERT_OFFSET(struct hv_monitor_parameter, flag_number, 4);
HV_ABI_ASSERT_OFFSET(struct hv_monitor_parameter, rsvd, 6);

struct hv_monitor_page {
	uint32_t trigger_state;
	uint32_t rsvd1;
	struct hv_monitor_trigger_group trigger_group[HV_MONITOR_TRIGGER_GROUP_COUNT];
	uint64_t rsvd2[3];
	uint32_t next_check_time[HV_MONITOR_TRIGGER_GROUP_COUNT][HV_MONITOR_PORTS_PER_GROUP];
	uint16_t latency[HV_MONITOR_TRIGGER_GROUP_COUNT][HV_MONITOR_PORTS_PER_GROUP];
	uint64_t rsvd3[32];
	struct hv_monitor_parameter parameter[HV_MONITOR_TRIGGER_GROUP_COUNT][HV_MONITOR_PORTS_PER_GROUP];
	uint8_t rsvd4[1984];
};
HV_ABI_ASSERT_SIZE(struct hv_monitor_page, 4096);
HV_ABI_ASSERT_OFFSET(struct hv_monitor_page, rsvd1, 4);
HV_ABI_ASSERT_OFFSET(struct hv_monitor_page, trigger_state, 0);
HV_ABI_ASSERT_OFFSET(struct hv_monitor_page, trigger_group, 8);
HV_ABI_ASSERT_OFFSET(struct hv_monitor_page, rsvd2, 40);
HV_ABI_ASSERT_OFFSET(struct hv_monitor_page, next_check_time, 64);
HV_ABI_ASSERT_OFFSET(struct hv_monitor_page, latency, 576);
HV_ABI_ASSERT_OFFSET(struct hv_monitor_page, rsvd3, 832);
HV_ABI_ASSERT_OFFSET(struct hv_monitor_page, parameter, 1088);
HV_ABI_ASSERT_OFFSET(struct hv_monitor_page, rsvd4, 2112);

/* ---------------------------------------------------------------------
 * Interrupts.
 * TLFS hv_interrupt_type.md, hv_interrupt_control.md, hv_interrupt_entry.md,
 * hv_msi_entry.md, hv_device_interrupt_target.md; digest data-types.md §15.
 *
 * HV_INTERRUPT_TYPE (u32, x64).
 */
#define HV_X64_INTERRUPT_TYPE_FIXED             0x0000u
#define HV_X64_INTERRUPT_TYPE_LOWEST_PRIORITY   0x0001u
#define HV_X64_INTERRUPT_TYPE_SMI               0x0002u
#define HV_X64_INTERRUPT_TYPE_REMOTE_READ       0x0003u
#define HV_X64_INTERRUPT_TYPE_NMI               0x0004u
#define HV_X64_INTERRUPT_TYPE_INIT              0x0005u
#define HV_X64_INTERRUPT_TYPE_SIPI              0x0006u
#define HV_X64_INTERRUPT_TYPE_EXTINT            0x0007u
#define HV_X64_INTERRUPT_TYPE_LOCAL_INT0        0x0008u
#define HV_X64_INTERRUPT_TYPE_LOCAL_INT1        0x0009u
#define HV_X64_INTERRUPT_TYPE_MAXIMUM           0x000Au /* Linux */

/* HV_INTERRUPT_CONTROL (u64, x64). */
#define HV_INTERRUPT_CONTROL_TYPE_MASK                UINT64_C(0x00000000FFFFFFFF)
#define HV_INTERRUPT_CONTROL_LEVEL_TRIGGERED          (UINT64_C(1) << 32)
#define HV_INTERRUPT_CONTROL_LOGICAL_DESTINATION_MODE (UINT64_C(1) << 33)
#define HV_INTERRUPT_CONTROL_RSVDZ_MASK               UINT64_C(0xFFFFFFFC00000000)

/* HV_INTERRUPT_ENTRY (16 bytes). */
#define HV_INTERRUPT_SOURCE_MSI     1u
#define HV_INTERRUPT_SOURCE_IOAPIC  2u /* Linux */

struct hv_interrupt_entry {
	uint32_t source;
	uint32_t rsvd;
	union {
		struct {
			uint32_t address;
			uint32_t data;
		} msi_entry;
		uint64_t ioapic_rte;
		uint64_t as_uint64;
	};
};
HV_ABI_ASSERT_SIZE(struct hv_interrupt_entry, 16);
HV_ABI_ASSERT_OFFSET(struct hv_interrupt_entry, source, 0);
HV_ABI_ASSERT_OFFSET(struct hv_interrupt_entry, rsvd, 4);
HV_ABI_ASSERT_OFFSET(struct hv_interrupt_entry, msi_entry.address, 8);
HV_ABI_ASSERT_OFFSET(struct hv_interrupt_entry, msi_entry.data, 12);
HV_ABI_ASSERT_OFFSET(struct hv_interrupt_entry, ioapic_rte, 8);

/*
 * HV_DEVICE_INTERRUPT_TARGET, fixed part (16 bytes): with
 * PROCESSOR_SET the word at 8 is HV_VP_SET.Format and the rest of the
 * HV_VP_SET (ValidBanksMask, banks) follows in the variable header.
 */
#define HV_DEVICE_INTERRUPT_TARGET_MULTICAST       0x00000001u
#define HV_DEVICE_INTERRUPT_TARGET_PROCESSOR_SET   0x00000002u
#define HV_DEVICE_INTERRUPT_TARGET_PROXY_REDIRECT  0x00000004u /* OpenVMM */

struct hv_device_interrupt_target {
	uint32_t vector;
	uint32_t flags;
	union {
		uint64_t processor_mask; /* flags & PROCESSOR_SET == 0 */
		uint64_t vp_set_format;  /* flags & PROCESSOR_SET != 0 */
	};
};
HV_ABI_ASSERT_SIZE(struct hv_device_interrupt_target, 16);
HV_ABI_ASSERT_OFFSET(struct hv_device_interrupt_target, vector, 0);
HV_ABI_ASSERT_OFFSET(struct hv_device_interrupt_target, flags, 4);
HV_ABI_ASSERT_OFFSET(struct hv_device_interrupt_target, processor_mask, 8);
HV_ABI_ASSERT_OFFSET(struct hv_device_interrupt_target, vp_set_format, 8);

/* ---------------------------------------------------------------------
 * Address translation and guest memory access.
 * TLFS hv_translate_gva_control_flags.md, hv_translate_gva_result.md,
 * v2.0 §12.3.4; digest data-types.md §16 and §14.1 (HV_CACHE_TYPE).
 *
 * HV_TRANSLATE_GVA_CONTROL_FLAGS (u64); at least one VALIDATE_* required.
 */
#define HV_TRANSLATE_GVA_VALIDATE_READ         UINT64_C(0x0000000000000001)
#define HV_TRANSLATE_GVA_VALIDATE_WRITE        UINT64_C(0x0000000000000002)
#define HV_TRANSLATE_GVA_VALIDATE_EXECUTE      UINT64_C(0x0000000000000004)
#define HV_TRANSLATE_GVA_PRIVILEGE_EXEMPT      UINT64_C(0x0000000000000008)
#define HV_TRANSLATE_GVA_SET_PAGE_TABLE_BITS   UINT64_C(0x0000000000000010)
#define HV_TRANSLATE_GVA_TLB_FLUSH_INHIBIT     UINT64_C(0x0000000000000020) /* v2.0: LOCK_TLB */
#define HV_TRANSLATE_GVA_SUPERVISOR_ACCESS     UINT64_C(0x0000000000000040)
#define HV_TRANSLATE_GVA_USER_ACCESS           UINT64_C(0x0000000000000080)
#define HV_TRANSLATE_GVA_ENFORCE_SMAP          UINT64_C(0x0000000000000100)
#define HV_TRANSLATE_GVA_OVERRIDE_SMAP         UINT64_C(0x0000000000000200)
#define HV_TRANSLATE_GVA_SHADOW_STACK          UINT64_C(0x0000000000000400)
#define HV_TRANSLATE_GVA_VALIDATE_MASK         UINT64_C(0x0000000000000007)
#define HV_TRANSLATE_GVA_INPUT_VTL_SHIFT       56 /* bits 63:56: HV_INPUT_VTL */
#define HV_TRANSLATE_GVA_INPUT_VTL_MASK        UINT64_C(0xFF00000000000000)
#define HV_TRANSLATE_GVA_RSVD_MASK             UINT64_C(0x00FFFFFFFFFFF800)

/* HV_TRANSLATE_GVA_RESULT (u64): bits 31:0 result code. */
#define HV_TRANSLATE_GVA_RESULT_CODE_MASK      UINT64_C(0x00000000FFFFFFFF)
#define HV_TRANSLATE_GVA_RESULT_CACHE_TYPE_SHIFT 32
#define HV_TRANSLATE_GVA_RESULT_CACHE_TYPE_MASK UINT64_C(0x000000FF00000000) /* 39:32 */
#define HV_TRANSLATE_GVA_RESULT_OVERLAY_PAGE   (UINT64_C(1) << 40)
#define HV_TRANSLATE_GVA_RESULT_RSVD_MASK      UINT64_C(0xFFFFFE0000000000) /* 63:41 */

#define HV_TRANSLATE_GVA_SUCCESS                    0u
#define HV_TRANSLATE_GVA_PAGE_NOT_PRESENT           1u
#define HV_TRANSLATE_GVA_PRIVILEGE_VIOLATION        2u
#define HV_TRANSLATE_GVA_INVALID_PAGE_TABLE_FLAGS   3u
#define HV_TRANSLATE_GVA_GPA_UNMAPPED               4u
#define HV_TRANSLATE_GVA_GPA_NO_READ_ACCESS         5u
#define HV_TRANSLATE_GVA_GPA_NO_WRITE_ACCESS        6u
#define HV_TRANSLATE_GVA_GPA_ILLEGAL_OVERLAY_ACCESS 7u
#define HV_TRANSLATE_GVA_INTERCEPT                  8u
#define HV_TRANSLATE_GVA_GPA_UNACCEPTED             9u

/* HV_CACHE_TYPE (x64). */
#define HV_CACHE_TYPE_X64_UNCACHED          0u
#define HV_CACHE_TYPE_X64_WRITE_COMBINING   1u
#define HV_CACHE_TYPE_X64_WRITE_THROUGH     4u
#define HV_CACHE_TYPE_X64_WRITE_PROTECTED   5u
#define HV_CACHE_TYPE_X64_WRITE_BACK        6u

/* ReadGpa/WriteGpa (TLFS v2.0 §12.4.5-6): control flags and result code. */
#define HV_ACCESS_GPA_CONTROL_CACHE_TYPE_MASK  UINT64_C(0x00000000000000FF) /* 7:0 */
#define HV_ACCESS_GPA_CONTROL_RSVD_MASK        UINT64_C(0xFFFFFFFFFFFFFF00)
#define HV_ACCESS_GPA_RESULT_CODE_MASK         UINT64_C(0x00000000FFFFFFFF) /* 63:32 reserved */

#define HV_ACCESS_GPA_SUCCESS                  0u
#define HV_ACCESS_GPA_UNMAPPED                 1u
#define HV_ACCESS_GPA_READ_INTERCEPT           2u
#define HV_ACCESS_GPA_WRITE_INTERCEPT          3u
#define HV_ACCESS_GPA_ILLEGAL_OVERLAY_ACCESS   4u

/* Self-checks of the masks above. */
_Static_assert(HV_PARTITION_PRIVILEGE_DEFINED_MASK ==
		       (HV_PARTITION_PRIVILEGE_ACCESS_VP_RUN_TIME_REG |
			HV_PARTITION_PRIVILEGE_ACCESS_PARTITION_REFERENCE_COUNTER |
			HV_PARTITION_PRIVILEGE_ACCESS_SYNIC_REGS |
			HV_PARTITION_PRIVILEGE_ACCESS_SYNTHETIC_TIMER_REGS |
			HV_PARTITION_PRIVILEGE_ACCESS_INTR_CTRL_REGS |
			HV_PARTITION_PRIVILEGE_ACCESS_HYPERCALL_MSRS |
			HV_PARTITION_PRIVILEGE_ACCESS_VP_INDEX |
			HV_PARTITION_PRIVILEGE_ACCESS_RESET_REG |
			HV_PARTITION_PRIVILEGE_ACCESS_STATS_REG |
			HV_PARTITION_PRIVILEGE_ACCESS_PARTITION_REFERENCE_TSC |
			HV_PARTITION_PRIVILEGE_ACCESS_GUEST_IDLE_REG |
			HV_PARTITION_PRIVILEGE_ACCESS_FREQUENCY_REGS |
			HV_PARTITION_PRIVILEGE_ACCESS_DEBUG_REGS |
			HV_PARTITION_PRIVILEGE_ACCESS_REENLIGHTENMENT_CONTROLS |
			HV_PARTITION_PRIVILEGE_ACCESS_ROOT_SCHEDULER_REG |
			HV_PARTITION_PRIVILEGE_ACCESS_TSC_INVARIANT_CONTROLS |
			HV_PARTITION_PRIVILEGE_CREATE_PARTITIONS |
			HV_PARTITION_PRIVILEGE_ACCESS_PARTITION_ID |
			HV_PARTITION_PRIVILEGE_ACCESS_MEMORY_POOL |
			HV_PARTITION_PRIVILEGE_ADJUST_MESSAGE_BUFFERS |
			HV_PARTITION_PRIVILEGE_POST_MESSAGES |
			HV_PARTITION_PRIVILEGE_SIGNAL_EVENTS |
			HV_PARTITION_PRIVILEGE_CREATE_PORT |
			HV_PARTITION_PRIVILEGE_CONNECT_PORT |
			HV_PARTITION_PRIVILEGE_ACCESS_STATS |
			HV_PARTITION_PRIVILEGE_DEBUGGING |
			HV_PARTITION_PRIVILEGE_CPU_MANAGEMENT |
			HV_PARTITION_PRIVILEGE_CONFIGURE_PROFILER |
			HV_PARTITION_PRIVILEGE_ACCESS_VP_EXIT_TRACING |
			HV_PARTITION_PRIVILEGE_ENABLE_EXTENDED_GVA_RANGES_FOR_FLUSH_VIRTUAL_ADDRESS_LIST |
			HV_PARTITION_PRIVILEGE_ACCESS_VSM |
			HV_PARTITION_PRIVILEGE_ACCESS_VP_REGISTERS |
			HV_PARTITION_PRIVILEGE_FAST_HYPERCALL_OUTPUT |
			HV_PARTITION_PRIVILEGE_ENABLE_EXTENDED_HYPERCALLS |
			HV_PARTITION_PRIVILEGE_START_VIRTUAL_PROCESSOR |
			HV_PARTITION_PRIVILEGE_ISOLATION),
	       "privilege defined mask");
_Static_assert((HV_PARTITION_PRIVILEGE_DEFINED_MASK ^ HV_PARTITION_PRIVILEGE_RSVD_MASK) == UINT64_MAX,
	       "privilege defined and reserved masks partition the 64 bits");
_Static_assert(HV_PARTITION_CREATION_FLAGS_DEFINED_MASK ==
		       (HV_PARTITION_CREATION_FLAG_SMT_ENABLED_GUEST |
			HV_PARTITION_CREATION_FLAG_NESTED_VIRTUALIZATION_CAPABLE |
			HV_PARTITION_CREATION_FLAG_GPA_SUPER_PAGES_ENABLED |
			HV_PARTITION_CREATION_FLAG_EXO_PARTITION |
			HV_PARTITION_CREATION_FLAG_VTL1_OVERRIDE |
			HV_PARTITION_CREATION_FLAG_VTL2_OVERRIDE |
			HV_PARTITION_CREATION_FLAG_LAPIC_ENABLED |
			HV_PARTITION_CREATION_FLAG_ENABLE_PERFMON_PMU |
			HV_PARTITION_CREATION_FLAG_ENABLE_PERFMON_LBR |
			HV_PARTITION_CREATION_FLAG_INTERCEPT_MESSAGE_PAGE_ENABLED |
			HV_PARTITION_CREATION_FLAG_HYPERCALL_DOORBELL_PAGE_ENABLED |
			HV_PARTITION_CREATION_FLAG_X2APIC_CAPABLE),
	       "creation flags defined mask");
_Static_assert(HV_MAP_GPA_DEFINED_MASK ==
		       (HV_MAP_GPA_PERMISSIONS_MASK | HV_MAP_GPA_SUPERVISOR_SHADOW_STACK |
			HV_MAP_GPA_PAGING_WRITABILITY | HV_MAP_GPA_VERIFY_PAGING_WRITABILITY |
			HV_MAP_GPA_ADJUSTABLE | HV_MAP_GPA_SPECIAL_MASK | HV_MAP_GPA_NO_OVERLAY |
			HV_MAP_GPA_NOT_CACHED | HV_MAP_GPA_CLEAR_ACCESSED | HV_MAP_GPA_SET_ACCESSED |
			HV_MAP_GPA_CLEAR_DIRTY | HV_MAP_GPA_SET_DIRTY |
			HV_MAP_GPA_DONT_SET_RANGE_ACCESSED | HV_MAP_GPA_LARGE_PAGE),
	       "map flags defined mask");
_Static_assert((HV_TRANSLATE_GVA_RSVD_MASK | HV_TRANSLATE_GVA_INPUT_VTL_MASK | 0x7FFu) ==
		       UINT64_MAX,
	       "translate flags masks cover 64 bits");

#endif
