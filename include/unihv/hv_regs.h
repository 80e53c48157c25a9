/*
 * Register names (HV_REGISTER_NAME, u32) for HvCallGetVpRegisters /
 * HvCallSetVpRegisters, the bit layouts of the state registers, and the
 * register value formats (segment, table, FP, ...) that the 16-byte
 * HV_REGISTER_VALUE (hv_hypercall.h) overlays.
 *
 * Source: TLFS datatypes/hv_register_name.md, hv_register_value.md,
 * hv_x64_*_register.md, v2.0 §10.2-10.3; digest data-types.md §8 (names
 * §8.2, formats §8.3) and §17 (VSM registers).
 */
#ifndef UNIHV_HV_REGS_H
#define UNIHV_HV_REGS_H

#include <stddef.h>
#include <stdint.h>
#include "abi_version.h"

/* ---------------------------------------------------------------------
 * Register names: suspend/state, hypervisor information, crash.
 * Digest data-types.md §8.2.
 */
#define HV_REGISTER_EXPLICIT_SUSPEND                   0x00000000u
#define HV_REGISTER_INTERCEPT_SUSPEND                  0x00000001u
#define HV_REGISTER_INSTRUCTION_EMULATION_HINTS        0x00000002u
#define HV_REGISTER_DISPATCH_SUSPEND                   0x00000003u
#define HV_REGISTER_INTERNAL_ACTIVITY_STATE            0x00000004u

#define HV_REGISTER_HYPERVISOR_VERSION                 0x00000100u
#define HV_REGISTER_PRIVILEGES_AND_FEATURES_INFO       0x00000200u
#define HV_REGISTER_FEATURES_INFO                      0x00000201u
#define HV_REGISTER_IMPLEMENTATION_LIMITS_INFO         0x00000202u
#define HV_REGISTER_HARDWARE_FEATURES_INFO             0x00000203u
/* Mirrors CPUID 0x40000008 (digest enlightenments.md §1; contents undocumented). */
#define HV_REGISTER_PASID_FEATURES_INFO                0x00000205u

#define HV_REGISTER_GUEST_CRASH_P0                     0x00000210u
#define HV_REGISTER_GUEST_CRASH_P1                     0x00000211u
#define HV_REGISTER_GUEST_CRASH_P2                     0x00000212u
#define HV_REGISTER_GUEST_CRASH_P3                     0x00000213u
#define HV_REGISTER_GUEST_CRASH_P4                     0x00000214u
#define HV_REGISTER_GUEST_CRASH_CTL                    0x00000215u

/* Pending events and interrupt state. */
#define HV_REGISTER_PENDING_INTERRUPTION               0x00010002u
#define HV_REGISTER_INTERRUPT_STATE                    0x00010003u
#define HV_REGISTER_PENDING_EVENT0                     0x00010004u
#define HV_REGISTER_PENDING_EVENT1                     0x00010005u
#define HV_REGISTER_DELIVERABILITY_NOTIFICATIONS       0x00010006u
#define HV_X64_REGISTER_PENDING_DEBUG_EXCEPTION        0x00010007u

/* General-purpose registers. */
#define HV_X64_REGISTER_RAX                            0x00020000u
#define HV_X64_REGISTER_RCX                            0x00020001u
#define HV_X64_REGISTER_RDX                            0x00020002u
#define HV_X64_REGISTER_RBX                            0x00020003u
#define HV_X64_REGISTER_RSP                            0x00020004u
#define HV_X64_REGISTER_RBP                            0x00020005u
#define HV_X64_REGISTER_RSI                            0x00020006u
#define HV_X64_REGISTER_RDI                            0x00020007u
#define HV_X64_REGISTER_R8                             0x00020008u
#define HV_X64_REGISTER_R9                             0x00020009u
#define HV_X64_REGISTER_R10                            0x0002000Au
#define HV_X64_REGISTER_R11                            0x0002000Bu
#define HV_X64_REGISTER_R12                            0x0002000Cu
#define HV_X64_REGISTER_R13                            0x0002000Du
#define HV_X64_REGISTER_R14                            0x0002000Eu
#define HV_X64_REGISTER_R15                            0x0002000Fu
#define HV_X64_REGISTER_RIP                            0x00020010u
#define HV_X64_REGISTER_RFLAGS                         0x00020011u

/* Floating point and vector registers. */
#define HV_X64_REGISTER_XMM(n)                         (0x00030000u + (uint32_t)(n)) /* n = 0..15 */
#define HV_X64_REGISTER_XMM0                           0x00030000u
#define HV_X64_REGISTER_XMM1                           0x00030001u
#define HV_X64_REGISTER_XMM2                           0x00030002u
#define HV_X64_REGISTER_XMM3                           0x00030003u
#define HV_X64_REGISTER_XMM4                           0x00030004u
#define HV_X64_REGISTER_XMM5                           0x00030005u
#define HV_X64_REGISTER_XMM6                           0x00030006u
#define HV_X64_REGISTER_XMM7                           0x00030007u
#define HV_X64_REGISTER_XMM8                           0x00030008u
#define HV_X64_REGISTER_XMM9                           0x00030009u
#define HV_X64_REGISTER_XMM10                          0x0003000Au
#define HV_X64_REGISTER_XMM11                          0x0003000Bu
#define HV_X64_REGISTER_XMM12                          0x0003000Cu
#define HV_X64_REGISTER_XMM13                          0x0003000Du
#define HV_X64_REGISTER_XMM14                          0x0003000Eu
#define HV_X64_REGISTER_XMM15                          0x0003000Fu
#define HV_X64_REGISTER_FP_MMX(n)                      (0x00030010u + (uint32_t)(n)) /* n = 0..7 */
#define HV_X64_REGISTER_FP_MMX0                        0x00030010u
#define HV_X64_REGISTER_FP_MMX1                        0x00030011u
#define HV_X64_REGISTER_FP_MMX2                        0x00030012u
#define HV_X64_REGISTER_FP_MMX3                        0x00030013u
#define HV_X64_REGISTER_FP_MMX4                        0x00030014u
#define HV_X64_REGISTER_FP_MMX5                        0x00030015u
#define HV_X64_REGISTER_FP_MMX6                        0x00030016u
#define HV_X64_REGISTER_FP_MMX7                        0x00030017u
#define HV_X64_REGISTER_FP_CONTROL_STATUS              0x00030018u
#define HV_X64_REGISTER_XMM_CONTROL_STATUS             0x00030019u
/*
 * TLFS v2.0 also defined YMM0-15 low/high halves at 0x000C0000-0x000C001F;
 * the digest does not give the order of the 32 names, so none is defined.
 */

/* Control registers. */
#define HV_X64_REGISTER_CR0                            0x00040000u
#define HV_X64_REGISTER_CR2                            0x00040001u
#define HV_X64_REGISTER_CR3                            0x00040002u
#define HV_X64_REGISTER_CR4                            0x00040003u
#define HV_X64_REGISTER_CR8                            0x00040004u
#define HV_X64_REGISTER_XFEM                           0x00040005u /* XCR0 */
#define HV_X64_REGISTER_INTERMEDIATE_CR0               0x00041000u
#define HV_X64_REGISTER_INTERMEDIATE_CR3               0x00041002u
#define HV_X64_REGISTER_INTERMEDIATE_CR4               0x00041003u
#define HV_X64_REGISTER_INTERMEDIATE_CR8               0x00041004u

/* Debug registers. */
#define HV_X64_REGISTER_DR0                            0x00050000u
#define HV_X64_REGISTER_DR1                            0x00050001u
#define HV_X64_REGISTER_DR2                            0x00050002u
#define HV_X64_REGISTER_DR3                            0x00050003u
#define HV_X64_REGISTER_DR6                            0x00050004u
#define HV_X64_REGISTER_DR7                            0x00050005u

/* Segment registers (value format: struct hv_x64_segment_register). */
#define HV_X64_REGISTER_ES                             0x00060000u
#define HV_X64_REGISTER_CS                             0x00060001u
#define HV_X64_REGISTER_SS                             0x00060002u
#define HV_X64_REGISTER_DS                             0x00060003u
#define HV_X64_REGISTER_FS                             0x00060004u
#define HV_X64_REGISTER_GS                             0x00060005u
#define HV_X64_REGISTER_LDTR                           0x00060006u
#define HV_X64_REGISTER_TR                             0x00060007u

/* Table registers (value format: struct hv_x64_table_register). */
#define HV_X64_REGISTER_IDTR                           0x00070000u
#define HV_X64_REGISTER_GDTR                           0x00070001u

/* Virtualized MSRs. */
#define HV_X64_REGISTER_TSC                            0x00080000u
#define HV_X64_REGISTER_EFER                           0x00080001u
#define HV_X64_REGISTER_KERNEL_GS_BASE                 0x00080002u
#define HV_X64_REGISTER_APIC_BASE                      0x00080003u
#define HV_X64_REGISTER_PAT                            0x00080004u
#define HV_X64_REGISTER_SYSENTER_CS                    0x00080005u
#define HV_X64_REGISTER_SYSENTER_EIP                   0x00080006u
#define HV_X64_REGISTER_SYSENTER_ESP                   0x00080007u
#define HV_X64_REGISTER_STAR                           0x00080008u
#define HV_X64_REGISTER_LSTAR                          0x00080009u
#define HV_X64_REGISTER_CSTAR                          0x0008000Au
#define HV_X64_REGISTER_SFMASK                         0x0008000Bu
#define HV_X64_REGISTER_INITIAL_APIC_ID                0x0008000Cu
#define HV_X64_REGISTER_MSR_MTRR_CAP                   0x0008000Du
#define HV_X64_REGISTER_MSR_MTRR_DEF_TYPE              0x0008000Eu
#define HV_X64_REGISTER_MSR_MTRR_PHYS_BASE(n)          (0x00080010u + (uint32_t)(n)) /* n = 0..15 */
#define HV_X64_REGISTER_MSR_MTRR_PHYS_MASK(n)          (0x00080040u + (uint32_t)(n)) /* n = 0..15 */
#define HV_X64_REGISTER_MSR_MTRR_PHYS_BASE0            0x00080010u
#define HV_X64_REGISTER_MSR_MTRR_PHYS_BASEF            0x0008001Fu
#define HV_X64_REGISTER_MSR_MTRR_PHYS_MASK0            0x00080040u
#define HV_X64_REGISTER_MSR_MTRR_PHYS_MASKF            0x0008004Fu
/*
 * Fixed-range MTRRs 0x00080070-0x0008007A.  The digest names only the
 * first and last; the nine between follow the IA-32 fixed-range MTRR order
 * (eleven registers fill exactly 0x70-0x7A).
 */
#define HV_X64_REGISTER_MSR_MTRR_FIX64K00000           0x00080070u
#define HV_X64_REGISTER_MSR_MTRR_FIX16K80000           0x00080071u
#define HV_X64_REGISTER_MSR_MTRR_FIX16KA0000           0x00080072u
#define HV_X64_REGISTER_MSR_MTRR_FIX4KC0000            0x00080073u
#define HV_X64_REGISTER_MSR_MTRR_FIX4KC8000            0x00080074u
#define HV_X64_REGISTER_MSR_MTRR_FIX4KD0000            0x00080075u
#define HV_X64_REGISTER_MSR_MTRR_FIX4KD8000            0x00080076u
#define HV_X64_REGISTER_MSR_MTRR_FIX4KE0000            0x00080077u
#define HV_X64_REGISTER_MSR_MTRR_FIX4KE8000            0x00080078u
#define HV_X64_REGISTER_MSR_MTRR_FIX4KF0000            0x00080079u
#define HV_X64_REGISTER_MSR_MTRR_FIX4KF8000            0x0008007Au
#define HV_X64_REGISTER_TSC_AUX                        0x0008007Bu
#define HV_X64_REGISTER_SPEC_CTRL                      0x00080084u
#define HV_X64_REGISTER_PRED_CMD                       0x00080085u
#define HV_X64_REGISTER_XSS                            0x0008008Bu
#define HV_X64_REGISTER_TSC_DEADLINE                   0x00080095u
#define HV_X64_REGISTER_TSC_ADJUST                     0x00080096u

/*
 * x2APIC registers: 0x00084000 + x2APIC MSR number (0x802..0x83F).  The
 * digest names only the first (ApicId) and last (ApicSelfIpi).
 */
#define HV_X64_REGISTER_APIC_MSR(msr)                  (0x00084000u + (uint32_t)(msr))
#define HV_X64_REGISTER_APIC_ID                        0x00084802u
#define HV_X64_REGISTER_APIC_SELF_IPI                  0x0008483Fu

/* CR intercept controls. */
#define HV_X64_REGISTER_CR_INTERCEPT_CONTROL           0x000E0000u
#define HV_X64_REGISTER_CR_INTERCEPT_CR0_MASK          0x000E0001u
#define HV_X64_REGISTER_CR_INTERCEPT_CR4_MASK          0x000E0002u
#define HV_X64_REGISTER_CR_INTERCEPT_IA32_MISC_ENABLE_MASK 0x000E0003u

/* ---------------------------------------------------------------------
 * Synthetic-MSR register names (the x64 MSR each mirrors is in hv_cpuid.h).
 * Digest data-types.md §8.2 "Synthetic-MSR register names".
 */
#define HV_REGISTER_VP_RUNTIME                         0x00090000u /* MSR 0x40000010 */
#define HV_X64_REGISTER_HYPERCALL                      0x00090001u /* MSR 0x40000001 */
#define HV_REGISTER_GUEST_OS_ID                        0x00090002u /* MSR 0x40000000 */
#define HV_REGISTER_VP_INDEX                           0x00090003u /* MSR 0x40000002 */
#define HV_REGISTER_TIME_REF_COUNT                     0x00090004u /* MSR 0x40000020 */
#define HV_REGISTER_CPU_MANAGEMENT_VERSION             0x00090007u
#define HV_X64_REGISTER_SYNTHETIC_EOI                  0x00090010u /* MSR 0x40000070; v2.0: Eoi */
#define HV_X64_REGISTER_SYNTHETIC_ICR                  0x00090011u /* MSR 0x40000071; v2.0: Icr */
#define HV_X64_REGISTER_SYNTHETIC_TPR                  0x00090012u /* MSR 0x40000072; v2.0: Tpr */
#define HV_REGISTER_VP_ASSIST_PAGE                     0x00090013u /* MSR 0x40000073; v2.0: ApicAssistPage */
#define HV_REGISTER_VP_ROOT_SIGNAL_COUNT               0x00090014u
#define HV_REGISTER_REFERENCE_TSC                      0x00090017u /* MSR 0x40000021 */
#define HV_REGISTER_VP_CONFIG                          0x00090018u
#define HV_REGISTER_GHCB                               0x00090019u
#define HV_REGISTER_REFERENCE_TSC_SEQUENCE             0x0009001Au
#define HV_REGISTER_STATS_PARTITION_RETAIL             0x00090020u
#define HV_REGISTER_STATS_VP_RETAIL                    0x00090022u
#define HV_X64_REGISTER_EMULATED_TIMER_PERIOD          0x00090030u
#define HV_X64_REGISTER_EMULATED_TIMER_CONTROL         0x00090031u
#define HV_X64_REGISTER_PM_TIMER_ASSIST                0x00090032u

/* SynIC: SINT0-15 = 0x000A0000 + n (MSR 0x40000090 + n). */
#define HV_REGISTER_SINT(n)                            (0x000A0000u + (uint32_t)(n)) /* n = 0..15 */
#define HV_REGISTER_SINT0                              0x000A0000u
#define HV_REGISTER_SINT1                              0x000A0001u
#define HV_REGISTER_SINT2                              0x000A0002u
#define HV_REGISTER_SINT3                              0x000A0003u
#define HV_REGISTER_SINT4                              0x000A0004u
#define HV_REGISTER_SINT5                              0x000A0005u
#define HV_REGISTER_SINT6                              0x000A0006u
#define HV_REGISTER_SINT7                              0x000A0007u
#define HV_REGISTER_SINT8                              0x000A0008u
#define HV_REGISTER_SINT9                              0x000A0009u
#define HV_REGISTER_SINT10                             0x000A000Au
#define HV_REGISTER_SINT11                             0x000A000Bu
#define HV_REGISTER_SINT12                             0x000A000Cu
#define HV_REGISTER_SINT13                             0x000A000Du
#define HV_REGISTER_SINT14                             0x000A000Eu
#define HV_REGISTER_SINT15                             0x000A000Fu
#define HV_REGISTER_SCONTROL                           0x000A0010u /* MSR 0x40000080 */
#define HV_REGISTER_SVERSION                           0x000A0011u /* MSR 0x40000081 */
#define HV_REGISTER_SIFP                               0x000A0012u /* SIEFP, MSR 0x40000082 */
#define HV_REGISTER_SIPP                               0x000A0013u /* SIMP, MSR 0x40000083 */
#define HV_REGISTER_EOM                                0x000A0014u /* MSR 0x40000084 */
#define HV_REGISTER_SIRBP                              0x000A0015u /* MSR 0x40000085 */

/* Synthetic timers: config = 0x000B0000 + 2n, count = 0x000B0001 + 2n. */
#define HV_SYNIC_STIMER_COUNT                          4u
#define HV_REGISTER_STIMER_CONFIG(n)                   (0x000B0000u + 2u * (uint32_t)(n)) /* n = 0..3 */
#define HV_REGISTER_STIMER_COUNT(n)                    (0x000B0001u + 2u * (uint32_t)(n)) /* n = 0..3 */
#define HV_REGISTER_STIMER0_CONFIG                     0x000B0000u
#define HV_REGISTER_STIMER0_COUNT                      0x000B0001u
#define HV_REGISTER_STIMER1_CONFIG                     0x000B0002u
#define HV_REGISTER_STIMER1_COUNT                      0x000B0003u
#define HV_REGISTER_STIMER2_CONFIG                     0x000B0004u
#define HV_REGISTER_STIMER2_COUNT                      0x000B0005u
#define HV_REGISTER_STIMER3_CONFIG                     0x000B0006u
#define HV_REGISTER_STIMER3_COUNT                      0x000B0007u
#define HV_REGISTER_STIME_UNHALTED_TIMER_CONFIG        0x000B0100u /* MSR 0x40000114 */
#define HV_REGISTER_STIME_UNHALTED_TIMER_COUNT         0x000B0101u /* MSR 0x40000115 */

/* VSM. */
#define HV_REGISTER_VSM_CODE_PAGE_OFFSETS              0x000D0002u
#define HV_REGISTER_VSM_VP_STATUS                      0x000D0003u
#define HV_REGISTER_VSM_PARTITION_STATUS               0x000D0004u
#define HV_REGISTER_VSM_VINA                           0x000D0005u
/* A register name (vsm.md wrongly calls it an MSR address). */
#define HV_REGISTER_VSM_CAPABILITIES                   0x000D0006u
#define HV_REGISTER_VSM_PARTITION_CONFIG               0x000D0007u
#define HV_REGISTER_VSM_VP_SECURE_CONFIG_VTL(n)        (0x000D0010u + (uint32_t)(n)) /* n = 0..14 */
#define HV_REGISTER_VSM_VP_SECURE_CONFIG_VTL0          0x000D0010u
#define HV_REGISTER_VSM_VP_SECURE_CONFIG_VTL14         0x000D001Eu
#define HV_REGISTER_VSM_VP_WAIT_FOR_TLB_LOCK           0x000D0020u

/* ---------------------------------------------------------------------
 * State register bit layouts (all u64 values).  Digest data-types.md §8.3.
 */

/* HV_EXPLICIT_SUSPEND_REGISTER: set by the parent; new VPs start with it set. */
#define HV_EXPLICIT_SUSPEND_SUSPENDED                  UINT64_C(0x0000000000000001)

/*
 * HV_INTERCEPT_SUSPEND_REGISTER: Suspended is set by the hypervisor on an
 * intercept and cleared by the parent; TlbFlushInhibit (v2.0).  Clear bits
 * may only be set by the hypervisor.
 */
#define HV_INTERCEPT_SUSPEND_SUSPENDED                 UINT64_C(0x0000000000000001)
#define HV_INTERCEPT_SUSPEND_TLB_FLUSH_INHIBIT         UINT64_C(0x0000000000000002)

/* HV_X64_INTERRUPT_STATE_REGISTER. */
#define HV_X64_INTERRUPT_STATE_INTERRUPT_SHADOW        UINT64_C(0x0000000000000001) /* STI/MOV SS */
#define HV_X64_INTERRUPT_STATE_NMI_MASKED              UINT64_C(0x0000000000000002)

/*
 * HV_X64_PENDING_INTERRUPTION_REGISTER: maps directly onto the VMX VM-entry
 * interruption information (v2.0 had only types 0/2/3 and 15:5 reserved).
 */
#define HV_X64_PENDING_INTERRUPTION_PENDING            UINT64_C(0x0000000000000001) /* bit 0 */
#define HV_X64_PENDING_INTERRUPTION_TYPE_SHIFT         1
#define HV_X64_PENDING_INTERRUPTION_TYPE_MASK          UINT64_C(0x000000000000000E) /* 3:1 */
#define HV_X64_PENDING_INTERRUPTION_DELIVER_ERROR_CODE UINT64_C(0x0000000000000010) /* bit 4 */
#define HV_X64_PENDING_INTERRUPTION_INSTRUCTION_LENGTH_SHIFT 5
#define HV_X64_PENDING_INTERRUPTION_INSTRUCTION_LENGTH_MASK UINT64_C(0x00000000000001E0) /* 8:5 */
#define HV_X64_PENDING_INTERRUPTION_NESTED_EVENT       UINT64_C(0x0000000000000200) /* bit 9 */
#define HV_X64_PENDING_INTERRUPTION_RSVD_MASK          UINT64_C(0x000000000000FC00) /* 15:10 */
#define HV_X64_PENDING_INTERRUPTION_VECTOR_SHIFT       16
#define HV_X64_PENDING_INTERRUPTION_VECTOR_MASK        UINT64_C(0x00000000FFFF0000) /* 31:16 */
#define HV_X64_PENDING_INTERRUPTION_ERROR_CODE_SHIFT   32 /* 63:32 */

#define HV_X64_PENDING_INTERRUPTION_TYPE_INTERRUPT             0u /* external interrupt */
#define HV_X64_PENDING_INTERRUPTION_TYPE_NMI                   2u
#define HV_X64_PENDING_INTERRUPTION_TYPE_EXCEPTION             3u /* hardware exception */
#define HV_X64_PENDING_INTERRUPTION_TYPE_SOFTWARE_INTERRUPT    4u
#define HV_X64_PENDING_INTERRUPTION_TYPE_PRIVILEGED_SOFTWARE_EXCEPTION 5u
#define HV_X64_PENDING_INTERRUPTION_TYPE_SOFTWARE_EXCEPTION    6u

/* HvRegisterDeliverabilityNotifications (OpenVMM layout). */
#define HV_X64_DELIVERABILITY_NMI_NOTIFICATION         UINT64_C(0x0000000000000001)
#define HV_X64_DELIVERABILITY_INTERRUPT_NOTIFICATION   UINT64_C(0x0000000000000002)
#define HV_X64_DELIVERABILITY_INTERRUPT_PRIORITY_SHIFT 2
#define HV_X64_DELIVERABILITY_INTERRUPT_PRIORITY_MASK  UINT64_C(0x000000000000003C) /* 5:2 */
#define HV_X64_DELIVERABILITY_RSVD_MASK                UINT64_C(0x0000FFFFFFFFFFC0) /* 47:6 */
#define HV_X64_DELIVERABILITY_SINTS_SHIFT              48
#define HV_X64_DELIVERABILITY_SINTS_MASK               UINT64_C(0xFFFF000000000000) /* 63:48 */

/* HvRegisterInternalActivityState (OpenVMM layout). */
#define HV_INTERNAL_ACTIVITY_STARTUP_SUSPEND           UINT64_C(0x0000000000000001) /* waiting for SIPI */
#define HV_INTERNAL_ACTIVITY_HALT_SUSPEND              UINT64_C(0x0000000000000002)
#define HV_INTERNAL_ACTIVITY_IDLE_SUSPEND              UINT64_C(0x0000000000000004)

/* ---------------------------------------------------------------------
 * Register value formats.  Digest data-types.md §8.3.
 *
 * HV_X64_SEGMENT_REGISTER (16 bytes).
 * CONFLICT (digest): the v2.0 PDF shows Attributes before Selector;
 * current TLFS-md, Linux and OpenVMM put Selector at 12 and Attributes at
 * 14, which the digest says to use: used.
 * Attributes use the VMX access-rights positions (bits 7:0 and 15:12).
 */
struct hv_x64_segment_register {
	uint64_t base;
	uint32_t limit;
	uint16_t selector;
	uint16_t attributes;
};
HV_ABI_ASSERT_SIZE(struct hv_x64_segment_register, 16);
HV_ABI_ASSERT_OFFSET(struct hv_x64_segment_register, base, 0);
HV_ABI_ASSERT_OFFSET(struct hv_x64_segment_register, limit, 8);
HV_ABI_ASSERT_OFFSET(struct hv_x64_segment_register, selector, 12);
HV_ABI_ASSERT_OFFSET(struct hv_x64_segment_register, attributes, 14);

#define HV_X64_SEGMENT_ATTR_TYPE_MASK     0x000Fu /* 3:0 */
#define HV_X64_SEGMENT_ATTR_NON_SYSTEM    0x0010u /* 4: S */
#define HV_X64_SEGMENT_ATTR_DPL_SHIFT     5
#define HV_X64_SEGMENT_ATTR_DPL_MASK      0x0060u /* 6:5 */
#define HV_X64_SEGMENT_ATTR_PRESENT       0x0080u /* 7 */
#define HV_X64_SEGMENT_ATTR_RSVD_MASK     0x0F00u /* 11:8 */
#define HV_X64_SEGMENT_ATTR_AVAILABLE     0x1000u /* 12: AVL */
#define HV_X64_SEGMENT_ATTR_LONG          0x2000u /* 13: L */
#define HV_X64_SEGMENT_ATTR_DEFAULT       0x4000u /* 14: D/B */
#define HV_X64_SEGMENT_ATTR_GRANULARITY   0x8000u /* 15: G */

/* HV_X64_TABLE_REGISTER (16 bytes). */
struct hv_x64_table_register {
	uint16_t pad[3];
	uint16_t limit;
	uint64_t base;
};
HV_ABI_ASSERT_SIZE(struct hv_x64_table_register, 16);
HV_ABI_ASSERT_OFFSET(struct hv_x64_table_register, pad, 0);
HV_ABI_ASSERT_OFFSET(struct hv_x64_table_register, limit, 6);
HV_ABI_ASSERT_OFFSET(struct hv_x64_table_register, base, 8);

/* HV_X64_FP_REGISTER (16 bytes). */
struct hv_x64_fp_register {
	uint64_t mantissa;
	uint64_t exponent_sign; /* HV_X64_FP_REGISTER_* */
};
HV_ABI_ASSERT_SIZE(struct hv_x64_fp_register, 16);
HV_ABI_ASSERT_OFFSET(struct hv_x64_fp_register, mantissa, 0);
HV_ABI_ASSERT_OFFSET(struct hv_x64_fp_register, exponent_sign, 8);

#define HV_X64_FP_REGISTER_BIASED_EXPONENT_MASK  UINT64_C(0x0000000000007FFF) /* 14:0 */
#define HV_X64_FP_REGISTER_SIGN                  UINT64_C(0x0000000000008000) /* 15 */
#define HV_X64_FP_REGISTER_RSVD_MASK             UINT64_C(0xFFFFFFFFFFFF0000)

/* HV_X64_FP_CONTROL_STATUS_REGISTER (16 bytes). */
struct hv_x64_fp_control_status_register {
	uint16_t fp_control;
	uint16_t fp_status;
	uint8_t fp_tag; /* abridged tag */
	uint8_t rsvd;
	uint16_t last_fp_op;
	union {
		uint64_t last_fp_rip; /* long mode */
		struct {
			uint32_t last_fp_eip;
			uint16_t last_fp_cs;
			uint16_t rsvd2;
		};
	};
};
HV_ABI_ASSERT_SIZE(struct hv_x64_fp_control_status_register, 16);
HV_ABI_ASSERT_OFFSET(struct hv_x64_fp_control_status_register, fp_control, 0);
HV_ABI_ASSERT_OFFSET(struct hv_x64_fp_control_status_register, fp_status, 2);
HV_ABI_ASSERT_OFFSET(struct hv_x64_fp_control_status_register, fp_tag, 4);
HV_ABI_ASSERT_OFFSET(struct hv_x64_fp_control_status_register, rsvd, 5);
HV_ABI_ASSERT_OFFSET(struct hv_x64_fp_control_status_register, last_fp_op, 6);
HV_ABI_ASSERT_OFFSET(struct hv_x64_fp_control_status_register, last_fp_rip, 8);
HV_ABI_ASSERT_OFFSET(struct hv_x64_fp_control_status_register, last_fp_eip, 8);
HV_ABI_ASSERT_OFFSET(struct hv_x64_fp_control_status_register, last_fp_cs, 12);

/* HV_X64_XMM_CONTROL_STATUS_REGISTER (16 bytes). */
struct hv_x64_xmm_control_status_register {
	union {
		uint64_t last_fp_rdp; /* long mode */
		struct {
			uint32_t last_fp_dp;
			uint16_t last_fp_ds;
			uint16_t rsvd;
		};
	};
	uint32_t xmm_status_control;      /* MXCSR */
	uint32_t xmm_status_control_mask; /* MXCSR_MASK */
};
HV_ABI_ASSERT_SIZE(struct hv_x64_xmm_control_status_register, 16);
HV_ABI_ASSERT_OFFSET(struct hv_x64_xmm_control_status_register, last_fp_rdp, 0);
HV_ABI_ASSERT_OFFSET(struct hv_x64_xmm_control_status_register, last_fp_dp, 0);
HV_ABI_ASSERT_OFFSET(struct hv_x64_xmm_control_status_register, last_fp_ds, 4);
HV_ABI_ASSERT_OFFSET(struct hv_x64_xmm_control_status_register, xmm_status_control, 8);
HV_ABI_ASSERT_OFFSET(struct hv_x64_xmm_control_status_register, xmm_status_control_mask, 12);

/*
 * HV_X64_PENDING_EVENT (32 bytes): HvRegisterPendingEvent0/1 (two 16-byte
 * halves) and the EventInfo of HvCallTranslateVirtualAddressEx.
 * event_control: bit 0 pending, bits 3:1 type; for an exception event
 * bit 8 deliver error code, bits 31:16 vector, 63:32 error code.
 * parameter: exception parameter (CR2 for #PF).  Bytes 16-31: extra data.
 */
struct hv_x64_pending_event {
	uint64_t event_control;
	uint64_t parameter;
	uint64_t extra[2];
};
HV_ABI_ASSERT_SIZE(struct hv_x64_pending_event, 32);
HV_ABI_ASSERT_OFFSET(struct hv_x64_pending_event, event_control, 0);
HV_ABI_ASSERT_OFFSET(struct hv_x64_pending_event, parameter, 8);
HV_ABI_ASSERT_OFFSET(struct hv_x64_pending_event, extra, 16);

#define HV_X64_PENDING_EVENT_PENDING                 UINT64_C(0x0000000000000001)
#define HV_X64_PENDING_EVENT_TYPE_SHIFT              1
#define HV_X64_PENDING_EVENT_TYPE_MASK               UINT64_C(0x000000000000000E) /* 3:1 */
#define HV_X64_PENDING_EVENT_EXCEPTION_DELIVER_ERROR_CODE UINT64_C(0x0000000000000100) /* 8 */
#define HV_X64_PENDING_EVENT_EXCEPTION_VECTOR_SHIFT  16
#define HV_X64_PENDING_EVENT_EXCEPTION_VECTOR_MASK   UINT64_C(0x00000000FFFF0000) /* 31:16 */
#define HV_X64_PENDING_EVENT_EXCEPTION_ERROR_CODE_SHIFT 32 /* 63:32 */

#define HV_X64_PENDING_EVENT_TYPE_EXCEPTION                0u
#define HV_X64_PENDING_EVENT_TYPE_MEMORY_INTERCEPT         1u
#define HV_X64_PENDING_EVENT_TYPE_NESTED_MEMORY_INTERCEPT  2u
#define HV_X64_PENDING_EVENT_TYPE_VIRTUALIZATION_FAULT     3u
#define HV_X64_PENDING_EVENT_TYPE_HYPERCALL_OUTPUT         4u
#define HV_X64_PENDING_EVENT_TYPE_EXT_INT                  5u
#define HV_X64_PENDING_EVENT_TYPE_SHADOW_IPT               6u

/* ---------------------------------------------------------------------
 * VSM registers (u64).  TLFS vsm.md; digest data-types.md §17 and
 * hypercall-abi.md §3 (code page offsets).
 */
/* HvRegisterVsmCodePageOffsets: offsets of the VTL call/return stubs. */
#define HV_VSM_CODE_PAGE_OFFSETS_CALL_MASK             UINT64_C(0x0000000000000FFF) /* 11:0 */
#define HV_VSM_CODE_PAGE_OFFSETS_RETURN_SHIFT          12
#define HV_VSM_CODE_PAGE_OFFSETS_RETURN_MASK           UINT64_C(0x0000000000FFF000) /* 23:12 */

/* HvRegisterVsmPartitionStatus. */
#define HV_VSM_PARTITION_STATUS_ENABLED_VTL_SET_MASK   UINT64_C(0x000000000000FFFF) /* 15:0 */
#define HV_VSM_PARTITION_STATUS_MAXIMUM_VTL_SHIFT      16
#define HV_VSM_PARTITION_STATUS_MAXIMUM_VTL_MASK       UINT64_C(0x00000000000F0000) /* 19:16 */
#define HV_VSM_PARTITION_STATUS_MBEC_ENABLED_VTL_SET_SHIFT 20
#define HV_VSM_PARTITION_STATUS_MBEC_ENABLED_VTL_SET_MASK UINT64_C(0x0000000FFFF00000) /* 35:20 */

/* HvRegisterVsmVpStatus. */
#define HV_VSM_VP_STATUS_ACTIVE_VTL_MASK               UINT64_C(0x000000000000000F) /* 3:0 */
#define HV_VSM_VP_STATUS_ACTIVE_MBEC_ENABLED           UINT64_C(0x0000000000000010) /* 4 */
#define HV_VSM_VP_STATUS_RSVDZ_MASK                    UINT64_C(0x000000000000FFE0) /* 15:5 */
#define HV_VSM_VP_STATUS_ENABLED_VTL_SET_SHIFT         16
#define HV_VSM_VP_STATUS_ENABLED_VTL_SET_MASK          UINT64_C(0x00000000FFFF0000) /* 31:16 */

/*
 * HvRegisterVsmPartitionConfig.  Bits 7-8 are OpenVMM-only
 * (InterceptAcceptance, InterceptEnableVtlProtection; TLFS RsvdZ); further
 * OpenVMM intercept bits from 10 up are not listed by the digest.
 */
#define HV_VSM_PARTITION_CONFIG_ENABLE_VTL_PROTECTION  UINT64_C(0x0000000000000001) /* write-once */
#define HV_VSM_PARTITION_CONFIG_DEFAULT_VTL_PROTECTION_MASK_SHIFT 1
#define HV_VSM_PARTITION_CONFIG_DEFAULT_VTL_PROTECTION_MASK UINT64_C(0x000000000000001E) /* 4:1 */
#define HV_VSM_PARTITION_CONFIG_ZERO_MEMORY_ON_RESET   UINT64_C(0x0000000000000020) /* 5 */
#define HV_VSM_PARTITION_CONFIG_DENY_LOWER_VTL_STARTUP UINT64_C(0x0000000000000040) /* 6 */
#define HV_VSM_PARTITION_CONFIG_INTERCEPT_ACCEPTANCE   UINT64_C(0x0000000000000080) /* 7, OpenVMM */
#define HV_VSM_PARTITION_CONFIG_INTERCEPT_ENABLE_VTL_PROTECTION UINT64_C(0x0000000000000100) /* 8, OpenVMM */
#define HV_VSM_PARTITION_CONFIG_INTERCEPT_VP_STARTUP   UINT64_C(0x0000000000000200) /* 9 */

/* HvRegisterVsmVpSecureConfigVtlN. */
#define HV_VSM_VP_SECURE_CONFIG_MBEC_ENABLED           UINT64_C(0x0000000000000001)
#define HV_VSM_VP_SECURE_CONFIG_TLB_LOCKED             UINT64_C(0x0000000000000002)

/*
 * HvRegisterVsmCapabilities: CONFLICT (digest §17) between vsm.md (fields
 * packed from bit 63 down) and OpenVMM (packed from bit 0), with no
 * recommendation; no bit definitions are provided in ABI 1.0.
 */

#endif
