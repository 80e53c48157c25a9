/*
 * Enlightenments a guest sees besides hypercalls: the hypervisor CPUID
 * leaves 0x40000000-0x4000000A, the synthetic MSRs and their bit layouts,
 * the hypercall page, the reference TSC page and the VP assist page.
 *
 * Source: TLFS feature-discovery.md, hypercall-interface.md, timers.md,
 * inter-partition-communication.md, vp-properties.md, TLFS v6.0b §2.4 and
 * Appendix C; digest enlightenments.md (§1 CPUID, §2 MSRs, §3 reference
 * TSC, §4 VP assist, §5 SynIC, §6 timers), hypercall-abi.md (§1-§3) and
 * data-types.md §17 (VP assist page).
 */
#ifndef UNIHV_HV_CPUID_H
#define UNIHV_HV_CPUID_H

#include <stddef.h>
#include <stdint.h>
#include "abi_version.h"
#include "hv_message.h"

/* =====================================================================
 * CPUID.  Digest enlightenments.md §1, hypercall-abi.md §1.
 * ===================================================================== */

/* CPUID.1:ECX[31]: some hypervisor is present. */
#define HV_CPUID1_ECX_HYPERVISOR_PRESENT        (1u << 31)

#define HV_CPUID_LEAF_VENDOR_AND_MAX            0x40000000u
#define HV_CPUID_LEAF_INTERFACE                 0x40000001u
#define HV_CPUID_LEAF_VERSION                   0x40000002u
#define HV_CPUID_LEAF_FEATURES                  0x40000003u
#define HV_CPUID_LEAF_RECOMMENDATIONS           0x40000004u
#define HV_CPUID_LEAF_IMPLEMENTATION_LIMITS     0x40000005u
#define HV_CPUID_LEAF_HARDWARE_FEATURES         0x40000006u
#define HV_CPUID_LEAF_CPU_MANAGEMENT_FEATURES   0x40000007u /* root only; Linux */
#define HV_CPUID_LEAF_PASID_FEATURES            0x40000008u /* contents undocumented */
#define HV_CPUID_LEAF_NESTED_HV_FEATURES        0x40000009u
#define HV_CPUID_LEAF_NESTED_VIRT_FEATURES      0x4000000Au

/* 0x40000000: EAX = highest leaf (>= 0x40000005); EBX:ECX:EDX = "Microsoft Hv". */
#define HV_CPUID_MIN_MAX_LEAF                   0x40000005u
#define HV_CPUID_MAX_MAX_LEAF_LINUX             0x4000FFFFu /* Linux's upper bound */
#define HV_CPUID_VENDOR_EBX                     0x7263694Du /* "Micr" */
#define HV_CPUID_VENDOR_ECX                     0x666F736Fu /* "osof" */
#define HV_CPUID_VENDOR_EDX                     0x76482074u /* "t Hv" */

/* 0x40000001: EAX = interface signature; EBX/ECX/EDX reserved (0). */
#define HV_CPUID_INTERFACE_SIGNATURE_HV1        0x31237648u /* "Hv#1" */

/*
 * 0x40000002 (informational): EAX build number; EBX 31:16 major,
 * 15:0 minor; ECX service pack; EDX 31:24 service branch, 23:0 number.
 */
#define HV_CPUID_VERSION_EBX_MAJOR_SHIFT        16
#define HV_CPUID_VERSION_EBX_MAJOR_MASK         0xFFFF0000u
#define HV_CPUID_VERSION_EBX_MINOR_MASK         0x0000FFFFu
#define HV_CPUID_VERSION_EDX_SERVICE_BRANCH_SHIFT 24
#define HV_CPUID_VERSION_EDX_SERVICE_BRANCH_MASK 0xFF000000u
#define HV_CPUID_VERSION_EDX_SERVICE_NUMBER_MASK 0x00FFFFFFu

/*
 * 0x40000003: EAX = HV_PARTITION_PRIVILEGE_MASK bits 31:0, EBX = bits
 * 63:32 (the HV_PARTITION_PRIVILEGE_* masks in hv_types.h).
 */
#define HV_CPUID_FEATURES_EAX(privileges)       ((uint32_t)(privileges))
#define HV_CPUID_FEATURES_EBX(privileges)       ((uint32_t)((uint64_t)(privileges) >> 32))

/*
 * 0x40000003.ECX.  Bits 3:0 (max C-state) and 4 (HPET needed for C3) are
 * a CONFLICT (digest): OpenVMM meanings, TLFS reserved; not defined.
 */
#define HV_CPUID_FEATURES_ECX_INVARIANT_MPERF           (1u << 5)
#define HV_CPUID_FEATURES_ECX_SUPERVISOR_SHADOW_STACK   (1u << 6)
#define HV_CPUID_FEATURES_ECX_ARCH_PMU                  (1u << 7)
#define HV_CPUID_FEATURES_ECX_EXCEPTION_TRAP_INTERCEPT  (1u << 8)
#define HV_CPUID_FEATURES_ECX_VP_DISPATCH_INTERRUPT_INJECTION (1u << 9)  /* root; Linux */
#define HV_CPUID_FEATURES_ECX_VP_GHCB_ROOT_MAPPING      (1u << 10) /* root; Linux */

/*
 * 0x40000003.EDX.  Bits the TLFS marks reserved are not defined (OpenVMM
 * uses 16 SVM features, 22 watchdog, 24-25 device domains, 27 IPT,
 * 28 cross-VTL flush, 29 idle SPEC_CTRL, 30 translate-GVA flags,
 * 31 APIC EOI intercept).
 */
#define HV_CPUID_FEATURES_EDX_MWAIT_DEPRECATED          (1u << 0)
#define HV_CPUID_FEATURES_EDX_GUEST_DEBUGGING           (1u << 1)
#define HV_CPUID_FEATURES_EDX_PERFORMANCE_MONITOR       (1u << 2)
#define HV_CPUID_FEATURES_EDX_CPU_DYNAMIC_PARTITIONING  (1u << 3)
#define HV_CPUID_FEATURES_EDX_XMM_HYPERCALL_INPUT       (1u << 4)
#define HV_CPUID_FEATURES_EDX_GUEST_IDLE_STATE          (1u << 5)
#define HV_CPUID_FEATURES_EDX_HYPERVISOR_SLEEP_STATE    (1u << 6)
#define HV_CPUID_FEATURES_EDX_NUMA_DISTANCE_QUERY       (1u << 7)
#define HV_CPUID_FEATURES_EDX_TIMER_FREQUENCY_MSRS      (1u << 8)
#define HV_CPUID_FEATURES_EDX_SYNTHETIC_MCE_INJECTION   (1u << 9)
#define HV_CPUID_FEATURES_EDX_GUEST_CRASH_MSRS          (1u << 10)
#define HV_CPUID_FEATURES_EDX_DEBUG_MSRS                (1u << 11)
#define HV_CPUID_FEATURES_EDX_NPIEP                     (1u << 12)
#define HV_CPUID_FEATURES_EDX_DISABLE_HYPERVISOR        (1u << 13)
#define HV_CPUID_FEATURES_EDX_EXTENDED_GVA_RANGES_FOR_FLUSH (1u << 14)
#define HV_CPUID_FEATURES_EDX_XMM_HYPERCALL_OUTPUT      (1u << 15)
#define HV_CPUID_FEATURES_EDX_SINT_POLLING_MODE         (1u << 17)
#define HV_CPUID_FEATURES_EDX_HYPERCALL_MSR_LOCK        (1u << 18)
#define HV_CPUID_FEATURES_EDX_DIRECT_SYNTHETIC_TIMERS   (1u << 19)
#define HV_CPUID_FEATURES_EDX_VSM_PAT                   (1u << 20)
#define HV_CPUID_FEATURES_EDX_VSM_BNDCFGS               (1u << 21)
#define HV_CPUID_FEATURES_EDX_SYNTHETIC_TIME_UNHALTED_TIMER (1u << 23)
#define HV_CPUID_FEATURES_EDX_LBR                       (1u << 26)

/*
 * 0x40000004.EAX: implementation recommendations (hints, not privileges).
 * Bit 8: CONFLICT (digest) - the TLFS HTML table says reserved; the TLFS
 * source comment and OpenVMM say "use x2APIC MSRs".  Defined with that
 * meaning (two sources agree).  Bits 19-23 are reserved in the TLFS
 * (OpenVMM: 19 use x2APIC, 20 restore time on resume, 21 MMIO hypercalls,
 * 22 GPA pinning hypercall, 23 wake VPs) and not defined.
 */
#define HV_CPUID_RECOMMEND_EAX_SWITCH_ADDRESS_SPACE     (1u << 0)
#define HV_CPUID_RECOMMEND_EAX_LOCAL_TLB_FLUSH          (1u << 1)
#define HV_CPUID_RECOMMEND_EAX_REMOTE_TLB_FLUSH         (1u << 2)
#define HV_CPUID_RECOMMEND_EAX_APIC_MSRS                (1u << 3)
#define HV_CPUID_RECOMMEND_EAX_RESET_MSR                (1u << 4)
#define HV_CPUID_RECOMMEND_EAX_RELAXED_TIMING           (1u << 5)
#define HV_CPUID_RECOMMEND_EAX_DMA_REMAPPING            (1u << 6) /* deprecated */
#define HV_CPUID_RECOMMEND_EAX_INTERRUPT_REMAPPING      (1u << 7) /* deprecated */
#define HV_CPUID_RECOMMEND_EAX_X2APIC_MSRS              (1u << 8) /* CONFLICT, see above */
#define HV_CPUID_RECOMMEND_EAX_DEPRECATE_AUTO_EOI       (1u << 9)
#define HV_CPUID_RECOMMEND_EAX_SYNTHETIC_CLUSTER_IPI    (1u << 10)
#define HV_CPUID_RECOMMEND_EAX_EX_PROCESSOR_MASKS       (1u << 11)
#define HV_CPUID_RECOMMEND_EAX_NESTED                   (1u << 12)
#define HV_CPUID_RECOMMEND_EAX_INT_FOR_MBEC_SYSCALLS    (1u << 13)
#define HV_CPUID_RECOMMEND_EAX_ENLIGHTENED_VMCS         (1u << 14)
#define HV_CPUID_RECOMMEND_EAX_SYNCED_TIMELINE          (1u << 15)
#define HV_CPUID_RECOMMEND_EAX_DIRECT_LOCAL_FLUSH_ENTIRE (1u << 17)
#define HV_CPUID_RECOMMEND_EAX_NO_NON_ARCH_CORE_SHARING (1u << 18)

/*
 * 0x40000004.EBX: spin retries before HvCallNotifyLongSpinWait;
 * 0xFFFFFFFF = never notify (the 2012 requirements paper: 0 disables).
 */
#define HV_CPUID_RECOMMEND_EBX_SPIN_NEVER_NOTIFY        0xFFFFFFFFu
/* 0x40000004.ECX bits 6:0: implemented physical address bits (0 = not reported). */
#define HV_CPUID_RECOMMEND_ECX_PHYS_ADDR_BITS_MASK      0x0000007Fu

/*
 * 0x40000005: EAX max VPs per partition, EBX max logical processors,
 * ECX max physical interrupt vectors for remapping; 0 = not reported.
 * EAX = 0xFFFFFFFF means no VP limit (then EAX bits 1-2 of 0x40000004
 * must be 0).
 */
#define HV_CPUID_LIMITS_EAX_NO_VP_LIMIT                 0xFFFFFFFFu

/*
 * 0x40000006.EAX: hardware features in use.  Bit 24: CONFLICT (digest) -
 * TLFS "ACPI WDAT table in use" vs OpenVMM "child x2APIC recommended"; the
 * TLFS meaning is used.  Bits 25-27 are OpenVMM-only and not defined.
 */
#define HV_CPUID_HW_EAX_APIC_OVERLAY_ASSIST             (1u << 0)
#define HV_CPUID_HW_EAX_MSR_BITMAPS                     (1u << 1)
#define HV_CPUID_HW_EAX_ARCH_PERF_COUNTERS              (1u << 2)
#define HV_CPUID_HW_EAX_SLAT                            (1u << 3)
#define HV_CPUID_HW_EAX_DMA_REMAPPING                   (1u << 4)
#define HV_CPUID_HW_EAX_INTERRUPT_REMAPPING             (1u << 5)
#define HV_CPUID_HW_EAX_MEMORY_PATROL_SCRUBBER          (1u << 6)
#define HV_CPUID_HW_EAX_DMA_PROTECTION                  (1u << 7)
#define HV_CPUID_HW_EAX_HPET_REQUESTED                  (1u << 8)
#define HV_CPUID_HW_EAX_SYNTHETIC_TIMERS_VOLATILE       (1u << 9)
#define HV_CPUID_HW_EAX_NESTING_LEVEL_SHIFT             10
#define HV_CPUID_HW_EAX_NESTING_LEVEL_MASK              0x00003C00u /* 13:10, 0 = not nested */
#define HV_CPUID_HW_EAX_PHYSICAL_DESTINATION_MODE_REQUIRED (1u << 14)
#define HV_CPUID_HW_EAX_VMFUNC_ALIAS_MAP                (1u << 15)
#define HV_CPUID_HW_EAX_HARDWARE_MEMORY_ZEROING         (1u << 16)
#define HV_CPUID_HW_EAX_UNRESTRICTED_GUEST              (1u << 17)
#define HV_CPUID_HW_EAX_RDT_A                           (1u << 18)
#define HV_CPUID_HW_EAX_RDT_M                           (1u << 19)
#define HV_CPUID_HW_EAX_GUEST_VIRTUAL_PMU               (1u << 20)
#define HV_CPUID_HW_EAX_GUEST_VIRTUAL_LBR               (1u << 21)
#define HV_CPUID_HW_EAX_GUEST_VIRTUAL_IPT               (1u << 22)
#define HV_CPUID_HW_EAX_APIC_EMULATION                  (1u << 23)
#define HV_CPUID_HW_EAX_ACPI_WDAT                       (1u << 24) /* CONFLICT, see above */
/* 0x40000006.EBX bits 7:0: device-domain input width (OpenVMM). */
#define HV_CPUID_HW_EBX_DEVICE_DOMAIN_INPUT_WIDTH_MASK  0x000000FFu

/* 0x40000007.EAX: CPU management features (root only; Linux, undocumented in TLFS-md). */
#define HV_CPUID_CPU_MGMT_EAX_START_LOGICAL_PROCESSOR   (1u << 0)
#define HV_CPUID_CPU_MGMT_EAX_CREATE_ROOT_VP            (1u << 1)
#define HV_CPUID_CPU_MGMT_EAX_PERFORMANCE_COUNTER_SYNC  (1u << 2)
#define HV_CPUID_CPU_MGMT_EAX_RESERVED_IDENTITY         (1u << 31)

/* 0x40000009: nested hypervisor feature identification (for an L1). */
#define HV_CPUID_NESTED_HV_EAX_ACCESS_SYNIC_REGS        (1u << 2)
#define HV_CPUID_NESTED_HV_EAX_ACCESS_INTR_CTRL_REGS    (1u << 4)
#define HV_CPUID_NESTED_HV_EAX_ACCESS_HYPERCALL_MSRS    (1u << 5)
#define HV_CPUID_NESTED_HV_EAX_ACCESS_VP_INDEX          (1u << 6)
#define HV_CPUID_NESTED_HV_EAX_ACCESS_REENLIGHTENMENT_CONTROLS (1u << 12)
#define HV_CPUID_NESTED_HV_EDX_XMM_HYPERCALL_INPUT      (1u << 4)
#define HV_CPUID_NESTED_HV_EDX_XMM_HYPERCALL_OUTPUT     (1u << 15)
#define HV_CPUID_NESTED_HV_EDX_SINT_POLLING_MODE        (1u << 17)

/* 0x4000000A: nested virtualization features (all zero if not nesting). */
#define HV_CPUID_NESTED_VIRT_EAX_EVMCS_VERSION_LOW_MASK  0x000000FFu /* 7:0 */
#define HV_CPUID_NESTED_VIRT_EAX_EVMCS_VERSION_HIGH_SHIFT 8
#define HV_CPUID_NESTED_VIRT_EAX_EVMCS_VERSION_HIGH_MASK 0x0000FF00u /* 15:8 */
#define HV_CPUID_NESTED_VIRT_EAX_DIRECT_VIRTUAL_FLUSH    (1u << 17)
#define HV_CPUID_NESTED_VIRT_EAX_FLUSH_GUEST_PHYSICAL    (1u << 18) /* Intel */
#define HV_CPUID_NESTED_VIRT_EAX_ENLIGHTENED_MSR_BITMAP  (1u << 19)
#define HV_CPUID_NESTED_VIRT_EAX_VIRT_EXCEPTION_PF_CLASS (1u << 20)
#define HV_CPUID_NESTED_VIRT_EAX_EVMCS_GUEST_DEBUG_CTL   (1u << 21)
#define HV_CPUID_NESTED_VIRT_EAX_ENLIGHTENED_TLB         (1u << 22) /* AMD */
#define HV_CPUID_NESTED_VIRT_EBX_EVMCS_PERF_GLOBAL_CTRL  (1u << 0)

/* =====================================================================
 * Synthetic MSRs.  Digest enlightenments.md §2 (catalogue); privileges
 * in parentheses refer to HV_PARTITION_PRIVILEGE_*.  Reading or writing
 * one without its privilege, or writing a read-only one, is #GP.
 * Initial values are zero except SINTx (HV_SINT_RESET_VALUE).
 * ===================================================================== */
#define HV_X64_MSR_GUEST_OS_ID                  0x40000000u /* (5) RW partition */
#define HV_X64_MSR_HYPERCALL                    0x40000001u /* (5) RW partition */
#define HV_X64_MSR_VP_INDEX                     0x40000002u /* (6) R */
#define HV_X64_MSR_RESET                        0x40000003u /* (7) RW partition */
#define HV_X64_MSR_VP_RUNTIME                   0x40000010u /* (0) R, 100 ns */
#define HV_X64_MSR_TIME_REF_COUNT               0x40000020u /* (1) R partition, 100 ns */
#define HV_X64_MSR_REFERENCE_TSC                0x40000021u /* (9) RW partition */
#define HV_X64_MSR_TSC_FREQUENCY                0x40000022u /* (11) R, Hz */
#define HV_X64_MSR_APIC_FREQUENCY               0x40000023u /* (11) R, Hz */
#define HV_X64_MSR_NPIEP_CONFIG                 0x40000040u /* RW, needs EDX[12] */
#define HV_X64_MSR_EOI                          0x40000070u /* (4) W */
#define HV_X64_MSR_ICR                          0x40000071u /* (4) RW */
#define HV_X64_MSR_TPR                          0x40000072u /* (4) RW */
#define HV_X64_MSR_VP_ASSIST_PAGE               0x40000073u /* (4) RW; v2.0 APIC_ASSIST_PAGE */
#define HV_X64_MSR_SCONTROL                     0x40000080u /* (2) RW */
#define HV_X64_MSR_SVERSION                     0x40000081u /* (2) R */
#define HV_X64_MSR_SIEFP                        0x40000082u /* (2) RW */
#define HV_X64_MSR_SIMP                         0x40000083u /* (2) RW */
#define HV_X64_MSR_EOM                          0x40000084u /* (2) W */
#define HV_X64_MSR_SIRBP                        0x40000085u /* Linux; undocumented in TLFS-md */
#define HV_X64_MSR_SINT(n)                      (0x40000090u + (uint32_t)(n)) /* (2) n = 0..15 */
#define HV_X64_MSR_SINT0                        0x40000090u
#define HV_X64_MSR_SINT15                       0x4000009Fu
#define HV_X64_MSR_STIMER_CONFIG(n)             (0x400000B0u + 2u * (uint32_t)(n)) /* (3) n = 0..3 */
#define HV_X64_MSR_STIMER_COUNT(n)              (0x400000B1u + 2u * (uint32_t)(n)) /* (3) n = 0..3 */
#define HV_X64_MSR_STIMER0_CONFIG               0x400000B0u
#define HV_X64_MSR_STIMER0_COUNT                0x400000B1u
#define HV_X64_MSR_STIMER1_CONFIG               0x400000B2u
#define HV_X64_MSR_STIMER1_COUNT                0x400000B3u
#define HV_X64_MSR_STIMER2_CONFIG               0x400000B4u
#define HV_X64_MSR_STIMER2_COUNT                0x400000B5u
#define HV_X64_MSR_STIMER3_CONFIG               0x400000B6u
#define HV_X64_MSR_STIMER3_COUNT                0x400000B7u
#define HV_X64_MSR_GUEST_IDLE                   0x400000F0u /* (10) R */
#define HV_X64_MSR_CRASH_P(n)                   (0x40000100u + (uint32_t)(n)) /* n = 0..4, EDX[10] */
#define HV_X64_MSR_CRASH_P0                     0x40000100u
#define HV_X64_MSR_CRASH_P1                     0x40000101u
#define HV_X64_MSR_CRASH_P2                     0x40000102u
#define HV_X64_MSR_CRASH_P3                     0x40000103u
#define HV_X64_MSR_CRASH_P4                     0x40000104u
#define HV_X64_MSR_CRASH_CTL                    0x40000105u
#define HV_X64_MSR_REENLIGHTENMENT_CONTROL      0x40000106u /* (13) */
#define HV_X64_MSR_TSC_EMULATION_CONTROL        0x40000107u /* (13) */
#define HV_X64_MSR_TSC_EMULATION_STATUS         0x40000108u /* (13) */
#define HV_X64_MSR_STIME_UNHALTED_TIMER_CONFIG  0x40000114u /* (3) */
#define HV_X64_MSR_STIME_UNHALTED_TIMER_COUNT   0x40000115u /* (3) */
#define HV_X64_MSR_TSC_INVARIANT_CONTROL        0x40000118u /* (15) */
/*
 * Nested-root MSRs (CpuManagement).  The digest gives the ranges
 * 0x40001080-84 and 0x40001090-9F; the names below assume the same order
 * as the non-nested SynIC MSRs (SCONTROL, SVERSION, SIEFP, SIMP, EOM).
 */
#define HV_X64_MSR_NESTED_VP_INDEX              0x40001002u
#define HV_X64_MSR_NESTED_SCONTROL              0x40001080u
#define HV_X64_MSR_NESTED_SVERSION              0x40001081u
#define HV_X64_MSR_NESTED_SIEFP                 0x40001082u
#define HV_X64_MSR_NESTED_SIMP                  0x40001083u
#define HV_X64_MSR_NESTED_EOM                   0x40001084u
#define HV_X64_MSR_NESTED_SINT(n)               (0x40001090u + (uint32_t)(n)) /* n = 0..15 */

/* ---------------------------------------------------------------------
 * HV_X64_MSR_GUEST_OS_ID encoding (recommended, not interpreted by the
 * hypervisor beyond zero / non-zero).  Digest hypercall-abi.md §2.
 */
#define HV_GUEST_OS_ID_OPEN_SOURCE              (UINT64_C(1) << 63)

/* Proprietary OS (bit 63 = 0). */
#define HV_GUEST_OS_ID_BUILD_MASK               UINT64_C(0x000000000000FFFF) /* 15:0 */
#define HV_GUEST_OS_ID_SERVICE_VERSION_SHIFT    16 /* 23:16 */
#define HV_GUEST_OS_ID_MINOR_VERSION_SHIFT      24 /* 31:24 */
#define HV_GUEST_OS_ID_MAJOR_VERSION_SHIFT      32 /* 39:32 */
#define HV_GUEST_OS_ID_OS_ID_SHIFT              40 /* 47:40 */
#define HV_GUEST_OS_ID_VENDOR_ID_SHIFT          48 /* 62:48 */
#define HV_GUEST_OS_ID_VENDOR_ID_MASK           UINT64_C(0x7FFF000000000000)

#define HV_GUEST_OS_VENDOR_MICROSOFT            0x0001u
#define HV_GUEST_OS_VENDOR_HPE                  0x0002u
#define HV_GUEST_OS_VENDOR_BLACKBERRY           0x0003u
#define HV_GUEST_OS_VENDOR_LANCOM               0x0200u

#define HV_GUEST_OS_MICROSOFT_UNDEFINED         0x00u
#define HV_GUEST_OS_MICROSOFT_MSDOS             0x01u
#define HV_GUEST_OS_MICROSOFT_WINDOWS_3X        0x02u
#define HV_GUEST_OS_MICROSOFT_WINDOWS_9X        0x03u
#define HV_GUEST_OS_MICROSOFT_WINDOWS_NT        0x04u
#define HV_GUEST_OS_MICROSOFT_WINDOWS_CE        0x05u

/* Open-source OS (bit 63 = 1). */
#define HV_GUEST_OS_ID_OSS_BUILD_MASK           UINT64_C(0x000000000000FFFF) /* 15:0 */
#define HV_GUEST_OS_ID_OSS_VERSION_SHIFT        16 /* 47:16 */
#define HV_GUEST_OS_ID_OSS_VERSION_MASK         UINT64_C(0x0000FFFFFFFF0000)
#define HV_GUEST_OS_ID_OSS_OS_ID_SHIFT          48 /* 55:48 */
#define HV_GUEST_OS_ID_OSS_OS_TYPE_SHIFT        56 /* 62:56 */
#define HV_GUEST_OS_ID_OSS_OS_TYPE_MASK         UINT64_C(0x7F00000000000000)

#define HV_GUEST_OS_TYPE_LINUX                  1u
#define HV_GUEST_OS_TYPE_FREEBSD                2u
#define HV_GUEST_OS_TYPE_XEN                    3u
#define HV_GUEST_OS_TYPE_ILLUMOS                4u

/* ---------------------------------------------------------------------
 * HV_X64_MSR_HYPERCALL and the hypercall page.  Digest hypercall-abi.md §3.
 * Writing Enable while GUEST_OS_ID == 0 leaves it clear.  Once Locked is
 * set the MSR is immutable until partition reset.
 */
#define HV_X64_MSR_HYPERCALL_ENABLE             UINT64_C(0x0000000000000001)
#define HV_X64_MSR_HYPERCALL_LOCKED             UINT64_C(0x0000000000000002)
#define HV_X64_MSR_HYPERCALL_RSVDP_MASK         UINT64_C(0x0000000000000FFC) /* 11:2 */
#define HV_X64_MSR_HYPERCALL_GPFN_SHIFT         12 /* 63:12 */
#define HV_X64_MSR_HYPERCALL_GPFN_MASK          UINT64_C(0xFFFFFFFFFFFFF000)

/*
 * Hypercall page contents (not specified by the TLFS; guests treat it as
 * opaque).  Offset 0: VMCALL (0F 01 C1) then RET (C3).  The VSM stubs are
 * at the offsets OpenVMM uses (reported via HvRegisterVsmCodePageOffsets).
 */
#define HV_X64_VMCALL_INSTRUCTION_LENGTH        3u
#define HV_HYPERCALL_PAGE_HYPERCALL_OFFSET      0x00u
#define HV_HYPERCALL_PAGE_VTL_CALL_X86_OFFSET   0x04u
#define HV_HYPERCALL_PAGE_VTL_CALL_X64_OFFSET   0x0Fu
#define HV_HYPERCALL_PAGE_VTL_RETURN_X86_OFFSET 0x1Bu
#define HV_HYPERCALL_PAGE_VTL_RETURN_X64_OFFSET 0x26u

/* ---------------------------------------------------------------------
 * Other synthetic MSR bit layouts.  Digest enlightenments.md §2-§6.
 */
/* HV_X64_MSR_RESET: write with bit 0 set resets the partition; reads 0. */
#define HV_X64_MSR_RESET_RESET                  UINT64_C(0x0000000000000001)

/* HV_X64_MSR_NPIEP_CONFIG: prevent the instruction in user mode (#GP). */
#define HV_X64_MSR_NPIEP_PREVENT_SGDT           UINT64_C(0x0000000000000001)
#define HV_X64_MSR_NPIEP_PREVENT_SIDT           UINT64_C(0x0000000000000002)
#define HV_X64_MSR_NPIEP_PREVENT_SLDT           UINT64_C(0x0000000000000004)
#define HV_X64_MSR_NPIEP_PREVENT_STR            UINT64_C(0x0000000000000008)

/* HV_X64_MSR_EOI: 31:0 EOI value, 63:32 RsvdZ.  TPR: 7:0, 63:8 RsvdZ. */
#define HV_X64_MSR_EOI_RSVDZ_MASK               UINT64_C(0xFFFFFFFF00000000)
#define HV_X64_MSR_TPR_RSVDZ_MASK               UINT64_C(0xFFFFFFFFFFFFFF00)
/* HV_X64_MSR_ICR: 63:32 ICR high, 31:0 ICR low; one write sends the IPI. */

/*
 * Overlay-page MSRs (VP_ASSIST_PAGE, REFERENCE_TSC, SIEFP, SIMP):
 * bit 0 enable, 11:1 RsvdP, 63:12 GPN.
 */
#define HV_X64_MSR_OVERLAY_ENABLE               UINT64_C(0x0000000000000001)
#define HV_X64_MSR_OVERLAY_RSVDP_MASK           UINT64_C(0x0000000000000FFE)
#define HV_X64_MSR_OVERLAY_GPN_SHIFT            12
#define HV_X64_MSR_OVERLAY_GPN_MASK             UINT64_C(0xFFFFFFFFFFFFF000)

#define HV_X64_MSR_VP_ASSIST_PAGE_ENABLE        HV_X64_MSR_OVERLAY_ENABLE
#define HV_X64_MSR_REFERENCE_TSC_ENABLE         HV_X64_MSR_OVERLAY_ENABLE
#define HV_X64_MSR_SIEFP_ENABLE                 HV_X64_MSR_OVERLAY_ENABLE
#define HV_X64_MSR_SIMP_ENABLE                  HV_X64_MSR_OVERLAY_ENABLE
#define HV_X64_MSR_SIRBP_ENABLE                 HV_X64_MSR_OVERLAY_ENABLE

/* SynIC (§5.1). */
#define HV_X64_MSR_SCONTROL_ENABLE              UINT64_C(0x0000000000000001) /* 63:1 RsvdP */
#define HV_SYNIC_VERSION_1                      0x00000001u /* SVERSION bits 31:0 */

/*
 * SINTx.  The digest notes TLFS says RsvdP is 63:19 while Linux/OpenVMM
 * use bits 19 (AsIntercept, Linux) and 20 (Proxy); the RsvdP mask below
 * is the digest's 15:8 and 63:21.
 */
#define HV_SINT_VECTOR_MASK                     UINT64_C(0x00000000000000FF) /* 7:0, 16..255 */
#define HV_SINT_MIN_VECTOR                      16u
#define HV_SINT_MASKED                          UINT64_C(0x0000000000010000) /* 16 */
#define HV_SINT_AUTO_EOI                        UINT64_C(0x0000000000020000) /* 17 */
#define HV_SINT_POLLING                         UINT64_C(0x0000000000040000) /* 18 */
#define HV_SINT_AS_INTERCEPT                    UINT64_C(0x0000000000080000) /* 19, Linux */
#define HV_SINT_PROXY                           UINT64_C(0x0000000000100000) /* 20, Linux, OpenVMM */
#define HV_SINT_RSVDP_MASK                      UINT64_C(0xFFFFFFFFFFE0FF00)
#define HV_SINT_RESET_VALUE                     UINT64_C(0x0000000000010000) /* masked */

/* Conventional SINT assignment (Linux). */
#define HV_SINT_INTERCEPT_MESSAGES              0u /* hypervisor intercepts */
#define HV_SINT_IOMMU_FAULTS                    1u
#define HV_SINT_VMBUS                           2u
#define HV_SINT_MIN_PORT_SINT                   1u /* CreatePort accepts 1..15 */

/* STIMERn_CONFIG (§6).  COUNT is 100 ns units. */
#define HV_STIMER_CONFIG_ENABLE                 UINT64_C(0x0000000000000001) /* 0 */
#define HV_STIMER_CONFIG_PERIODIC               UINT64_C(0x0000000000000002) /* 1 */
#define HV_STIMER_CONFIG_LAZY                   UINT64_C(0x0000000000000004) /* 2 */
#define HV_STIMER_CONFIG_AUTO_ENABLE            UINT64_C(0x0000000000000008) /* 3 */
#define HV_STIMER_CONFIG_APIC_VECTOR_SHIFT      4
#define HV_STIMER_CONFIG_APIC_VECTOR_MASK       UINT64_C(0x0000000000000FF0) /* 11:4 */
#define HV_STIMER_CONFIG_DIRECT_MODE            UINT64_C(0x0000000000001000) /* 12 */
#define HV_STIMER_CONFIG_SINTX_SHIFT            16
#define HV_STIMER_CONFIG_SINTX_MASK             UINT64_C(0x00000000000F0000) /* 19:16 */
#define HV_STIMER_CONFIG_RSVDZ_MASK             UINT64_C(0xFFFFFFFFFFF0E000) /* 15:13, 63:20 */

/* HV_X64_MSR_CRASH_CTL (read = supported actions). */
#define HV_CRASH_CTL_CRASH_NOTIFY               (UINT64_C(1) << 63)
#define HV_CRASH_CTL_CRASH_MESSAGE              (UINT64_C(1) << 62) /* P3 = GPA, P4 = length <= 4096 */
#define HV_CRASH_CTL_NO_CRASH_DUMP              (UINT64_C(1) << 61)
#define HV_CRASH_CTL_PRE_OS_ID_SHIFT            58
#define HV_CRASH_CTL_PRE_OS_ID_MASK             UINT64_C(0x1C00000000000000) /* 60:58 */

/* HV_X64_MSR_REENLIGHTENMENT_CONTROL. */
#define HV_REENLIGHTENMENT_CONTROL_VECTOR_MASK  UINT64_C(0x00000000000000FF) /* 7:0 */
#define HV_REENLIGHTENMENT_CONTROL_ENABLE       UINT64_C(0x0000000000010000) /* 16 */
#define HV_REENLIGHTENMENT_CONTROL_TARGET_VP_SHIFT 32 /* 63:32 */

#define HV_TSC_EMULATION_CONTROL_ENABLE         UINT64_C(0x0000000000000001)
#define HV_TSC_EMULATION_STATUS_IN_PROGRESS     UINT64_C(0x0000000000000001)

/* HV_X64_MSR_STIME_UNHALTED_TIMER_CONFIG: vector 2 = NMI, else >= 16. */
#define HV_STIME_UNHALTED_TIMER_VECTOR_MASK     UINT64_C(0x00000000000000FF)
#define HV_STIME_UNHALTED_TIMER_ENABLE          UINT64_C(0x0000000000000100)

#define HV_TSC_INVARIANT_CONTROL_EXPOSE         UINT64_C(0x0000000000000001) /* Linux */

/* ---------------------------------------------------------------------
 * Reference counter and reference TSC page.  Digest enlightenments.md §3.
 * Reference time = high 64 bits of (TSC * tsc_scale) + tsc_offset, in
 * 100 ns units (10 MHz).  tsc_sequence 0 = invalid: use TIME_REF_COUNT.
 * Readers must re-read tsc_sequence (volatile access) around the values.
 */
#define HV_REFERENCE_TIME_HZ                    10000000u
#define HV_REFERENCE_TSC_SEQUENCE_INVALID       0u

struct hv_reference_tsc_page {
	uint32_t tsc_sequence;
	uint32_t rsvd1;
	uint64_t tsc_scale;      /* 64.64 fixed point */
	int64_t tsc_offset;
	uint64_t timeline_bias;  /* OpenVMM; TLFS reserved */
	uint64_t tsc_multiplier; /* OpenVMM; TLFS reserved */
	uint64_t rsvd2[507];
};
HV_ABI_ASSERT_SIZE(struct hv_reference_tsc_page, 4096);
HV_ABI_ASSERT_OFFSET(struct hv_reference_tsc_page, tsc_sequence, 0);
HV_ABI_ASSERT_OFFSET(struct hv_reference_tsc_page, rsvd1, 4);
HV_ABI_ASSERT_OFFSET(struct hv_reference_tsc_page, tsc_scale, 8);
HV_ABI_ASSERT_OFFSET(struct hv_reference_tsc_page, tsc_offset, 16);
HV_ABI_ASSERT_OFFSET(struct hv_reference_tsc_page, timeline_bias, 24);
HV_ABI_ASSERT_OFFSET(struct hv_reference_tsc_page, tsc_multiplier, 32);
HV_ABI_ASSERT_OFFSET(struct hv_reference_tsc_page, rsvd2, 40);

/* ---------------------------------------------------------------------
 * VP assist page and HV_VP_VTL_CONTROL.  TLFS hv_vp_assist_page.md,
 * hv_vp_vtl_control.md; digest data-types.md §17, enlightenments.md §4.
 */
#define HV_VP_ASSIST_APIC_ASSIST_NO_EOI_REQUIRED 0x00000001u

#define HV_VTL_ENTRY_REASON_RESERVED            0u
#define HV_VTL_ENTRY_REASON_VTL_CALL            1u
#define HV_VTL_ENTRY_REASON_INTERRUPT           2u
#define HV_VTL_ENTRY_REASON_INTERCEPT           3u

#define HV_VTL_VINA_STATUS_ASSERTED             0x01u

struct hv_vp_vtl_control {
	uint32_t entry_reason; /* HV_VTL_ENTRY_REASON_* */
	uint8_t vina_status;   /* HV_VTL_VINA_STATUS_* */
	uint8_t rsvdz0;
	uint16_t rsvdz1;
	union {
		uint64_t vtl_return_x64_rax;
		struct {
			uint32_t vtl_return_x86_eax;
			uint32_t vtl_return_x86_ecx;
		};
	};
	union {
		uint64_t vtl_return_x64_rcx;
		struct {
			uint32_t vtl_return_x86_edx;
			uint32_t rsvd2;
		};
	};
};
HV_ABI_ASSERT_SIZE(struct hv_vp_vtl_control, 24);
HV_ABI_ASSERT_OFFSET(struct hv_vp_vtl_control, entry_reason, 0);
HV_ABI_ASSERT_OFFSET(struct hv_vp_vtl_control, vina_status, 4);
HV_ABI_ASSERT_OFFSET(struct hv_vp_vtl_control, rsvdz0, 5);
HV_ABI_ASSERT_OFFSET(struct hv_vp_vtl_control, rsvdz1, 6);
HV_ABI_ASSERT_OFFSET(struct hv_vp_vtl_control, vtl_return_x64_rax, 8);
HV_ABI_ASSERT_OFFSET(struct hv_vp_vtl_control, vtl_return_x86_eax, 8);
HV_ABI_ASSERT_OFFSET(struct hv_vp_vtl_control, vtl_return_x86_ecx, 12);
HV_ABI_ASSERT_OFFSET(struct hv_vp_vtl_control, vtl_return_x64_rcx, 16);
HV_ABI_ASSERT_OFFSET(struct hv_vp_vtl_control, vtl_return_x86_edx, 16);

#define HV_NESTED_ENLIGHTENMENTS_DIRECT_HYPERCALL          0x00000001u /* features */
#define HV_NESTED_ENLIGHTENMENTS_VIRTUALIZATION_EXCEPTION  0x00000002u /* features */
#define HV_NESTED_ENLIGHTENMENTS_INTER_PARTITION_COMM      0x00000001u /* hypercall_controls */

struct hv_nested_enlightenments_control {
	uint32_t features;
	uint32_t hypercall_controls;
};
HV_ABI_ASSERT_SIZE(struct hv_nested_enlightenments_control, 8);
HV_ABI_ASSERT_OFFSET(struct hv_nested_enlightenments_control, features, 0);
HV_ABI_ASSERT_OFFSET(struct hv_nested_enlightenments_control, hypercall_controls, 4);

/*
 * VirtualizationFaultInformation (40 bytes): the digest lists only the
 * first fields ("Parameter0 u16, rsvd u16, Code u32, Parameter1 u64, ...");
 * the remaining 24 bytes are left opaque.
 */
struct hv_virtualization_fault_information {
	uint16_t parameter0;
	uint16_t rsvd;
	uint32_t code;
	uint64_t parameter1;
	uint64_t opaque[3];
};
HV_ABI_ASSERT_SIZE(struct hv_virtualization_fault_information, 40);
HV_ABI_ASSERT_OFFSET(struct hv_virtualization_fault_information, parameter0, 0);
HV_ABI_ASSERT_OFFSET(struct hv_virtualization_fault_information, rsvd, 2);
HV_ABI_ASSERT_OFFSET(struct hv_virtualization_fault_information, opaque, 16);
HV_ABI_ASSERT_OFFSET(struct hv_virtualization_fault_information, code, 4);
HV_ABI_ASSERT_OFFSET(struct hv_virtualization_fault_information, parameter1, 8);

struct hv_vp_assist_page {
	uint32_t apic_assist; /* HV_VP_ASSIST_APIC_ASSIST_* */
	uint32_t rsvdz0;
	struct hv_vp_vtl_control vtl_control;
	struct hv_nested_enlightenments_control nested_enlightenments_control;
	uint8_t enlighten_vm_entry;
	uint8_t rsvdz1[7];
	uint64_t current_nested_vmcs; /* GPA */
	uint8_t synthetic_time_unhalted_timer_expired;
	uint8_t rsvdz2[7];
	struct hv_virtualization_fault_information virtualization_fault_information;
	uint64_t rsvdz3;
	struct hv_message intercept_message; /* VSM intercept page */
	uint8_t vtl_return_actions[256];
	uint8_t rsvd4[3472];
};
HV_ABI_ASSERT_SIZE(struct hv_vp_assist_page, 4096);
HV_ABI_ASSERT_OFFSET(struct hv_vp_assist_page, rsvdz2, 57);
HV_ABI_ASSERT_OFFSET(struct hv_vp_assist_page, apic_assist, 0);
HV_ABI_ASSERT_OFFSET(struct hv_vp_assist_page, rsvdz0, 4);
HV_ABI_ASSERT_OFFSET(struct hv_vp_assist_page, vtl_control, 8);
HV_ABI_ASSERT_OFFSET(struct hv_vp_assist_page, nested_enlightenments_control, 32);
HV_ABI_ASSERT_OFFSET(struct hv_vp_assist_page, enlighten_vm_entry, 40);
HV_ABI_ASSERT_OFFSET(struct hv_vp_assist_page, rsvdz1, 41);
HV_ABI_ASSERT_OFFSET(struct hv_vp_assist_page, current_nested_vmcs, 48);
HV_ABI_ASSERT_OFFSET(struct hv_vp_assist_page, synthetic_time_unhalted_timer_expired, 56);
HV_ABI_ASSERT_OFFSET(struct hv_vp_assist_page, virtualization_fault_information, 64);
HV_ABI_ASSERT_OFFSET(struct hv_vp_assist_page, rsvdz3, 104);
HV_ABI_ASSERT_OFFSET(struct hv_vp_assist_page, intercept_message, 112);
HV_ABI_ASSERT_OFFSET(struct hv_vp_assist_page, vtl_return_actions, 368);
HV_ABI_ASSERT_OFFSET(struct hv_vp_assist_page, rsvd4, 624);

#endif
