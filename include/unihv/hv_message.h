/*
 * SynIC messages: HV_MESSAGE (256 bytes), HV_MESSAGE_TYPE values, the
 * intercept and timer payloads, and the SIM page.
 *
 * Source: TLFS hv_message.md, hv_message_type.md,
 * inter-partition-communication.md, v2.0 §16, v6.0b §13; digest
 * data-types.md §14 (payloads §14.1) and enlightenments.md §5.2.
 * Payload offsets below are within the 240-byte payload (add 16 for the
 * offset within HV_MESSAGE).
 */
#ifndef UNIHV_HV_MESSAGE_H
#define UNIHV_HV_MESSAGE_H

#include <stddef.h>
#include <stdint.h>
#include "abi_version.h"
#include "hv_regs.h"
#include "hv_types.h"

#define HV_MESSAGE_SIZE                  256u
#define HV_MESSAGE_MAX_PAYLOAD_BYTE_COUNT 240u
#define HV_MESSAGE_MAX_PAYLOAD_QWORD_COUNT 30u

/* ---------------------------------------------------------------------
 * HV_MESSAGE_TYPE (u32).  Digest data-types.md §14.
 * Types with bit 31 set are hypervisor-only; guests may post only types
 * with bit 31 clear and != 0 (HvCallPostMessage).
 */
#define HV_MESSAGE_TYPE_HYPERVISOR_MASK               0x80000000u

#define HV_MESSAGE_TYPE_NONE                          0x00000000u /* slot empty */
#define HV_MESSAGE_TYPE_UNMAPPED_GPA                  0x80000000u
#define HV_MESSAGE_TYPE_GPA_INTERCEPT                 0x80000001u
#define HV_MESSAGE_TYPE_UNACCEPTED_GPA                0x80000003u
#define HV_MESSAGE_TYPE_GPA_ATTRIBUTE_INTERCEPT       0x80000004u
#define HV_MESSAGE_TYPE_ENABLE_PARTITION_VTL_INTERCEPT 0x80000005u /* OpenVMM */
#define HV_MESSAGE_TYPE_TIMER_EXPIRED                 0x80000010u
#define HV_MESSAGE_TYPE_INVALID_VP_REGISTER_VALUE     0x80000020u
#define HV_MESSAGE_TYPE_UNRECOVERABLE_EXCEPTION       0x80000021u /* triple fault */
#define HV_MESSAGE_TYPE_UNSUPPORTED_FEATURE           0x80000022u
#define HV_MESSAGE_TYPE_TLB_PAGE_SIZE_MISMATCH        0x80000023u /* OpenVMM */
#define HV_MESSAGE_TYPE_IOMMU_FAULT                   0x80000024u /* OpenVMM */
#define HV_MESSAGE_TYPE_OPAQUE_INTERCEPT              0x8000003Fu
#define HV_MESSAGE_TYPE_EVENT_LOG_BUFFER_COMPLETE     0x80000040u
#define HV_MESSAGE_TYPE_HYPERCALL_INTERCEPT           0x80000050u
#define HV_MESSAGE_TYPE_SYNIC_EVENT_INTERCEPT         0x80000060u
#define HV_MESSAGE_TYPE_SYNIC_SINT_INTERCEPT          0x80000061u
#define HV_MESSAGE_TYPE_SYNIC_SINT_DELIVERABLE        0x80000062u
#define HV_MESSAGE_TYPE_ASYNC_CALL_COMPLETION         0x80000070u
#define HV_MESSAGE_TYPE_INSUFFICIENT_MEMORY           0x80000071u
#define HV_MESSAGE_TYPE_SCHEDULER_VP_SIGNAL_BITSET    0x80000100u
#define HV_MESSAGE_TYPE_SCHEDULER_VP_SIGNAL_PAIR      0x80000101u
#define HV_MESSAGE_TYPE_X64_IO_PORT_INTERCEPT         0x80010000u
#define HV_MESSAGE_TYPE_X64_MSR_INTERCEPT             0x80010001u
#define HV_MESSAGE_TYPE_X64_CPUID_INTERCEPT           0x80010002u
#define HV_MESSAGE_TYPE_EXCEPTION_INTERCEPT           0x80010003u
#define HV_MESSAGE_TYPE_X64_APIC_EOI                  0x80010004u
/*
 * 0x80010005: CONFLICT (digest) - Linux X64LegacyFpError, OpenVMM
 * X64IommuPrq, TLFS-md none.  No recommendation: left undefined, and
 * unihv never sends it.
 * 0x80010006: CONFLICT (digest) - TLFS-md and OpenVMM RegisterIntercept,
 * Linux X64IommuPrq.  The TLFS (and OpenVMM) name is used.
 */
#define HV_MESSAGE_TYPE_REGISTER_INTERCEPT            0x80010006u
#define HV_MESSAGE_TYPE_X64_HALT                      0x80010007u
#define HV_MESSAGE_TYPE_X64_INTERRUPTION_DELIVERABLE  0x80010008u
#define HV_MESSAGE_TYPE_X64_SIPI_INTERCEPT            0x80010009u
#define HV_MESSAGE_TYPE_X64_RDTSC_INTERCEPT           0x8001000Au
#define HV_MESSAGE_TYPE_X64_APIC_SMI_INTERCEPT        0x8001000Bu
#define HV_MESSAGE_TYPE_ARM64_RESET_INTERCEPT         0x8001000Cu
#define HV_MESSAGE_TYPE_X64_APIC_INIT_SIPI_INTERCEPT  0x8001000Du
#define HV_MESSAGE_TYPE_X64_APIC_WRITE_INTERCEPT      0x8001000Eu
#define HV_MESSAGE_TYPE_X64_PROXY_INTERRUPT_INTERCEPT 0x8001000Fu /* OpenVMM */
#define HV_MESSAGE_TYPE_X64_ISOLATION_CTRL_REG_INTERCEPT 0x80010010u /* OpenVMM */
#define HV_MESSAGE_TYPE_X64_SNP_GUEST_REQUEST_INTERCEPT 0x80010011u
#define HV_MESSAGE_TYPE_X64_EXCEPTION_TRAP_INTERCEPT  0x80010012u
#define HV_MESSAGE_TYPE_X64_SEV_VMGEXIT_INTERCEPT     0x80010013u
#define HV_MESSAGE_TYPE_X64_MSR_LIST_INTERCEPT        0x80010015u /* TLFS-md */

/* ---------------------------------------------------------------------
 * HV_MESSAGE header (16 bytes).  Digest data-types.md §14.
 * origination_id: the port ID (guest messages), the sender partition ID
 * (intercepts), 0 (timer).
 */
#define HV_MESSAGE_FLAG_PENDING     0x01u /* more queued: write EOM after emptying the slot */
#define HV_MESSAGE_FLAGS_RSVD_MASK  0xFEu

struct hv_message_header {
	uint32_t message_type;   /* HV_MESSAGE_TYPE_* */
	uint8_t payload_size;    /* 0..240, excludes the header */
	uint8_t message_flags;   /* HV_MESSAGE_FLAG_* */
	uint16_t rsvd;
	uint64_t origination_id; /* sender partition ID or port ID */
};
HV_ABI_ASSERT_SIZE(struct hv_message_header, 16);
HV_ABI_ASSERT_OFFSET(struct hv_message_header, message_type, 0);
HV_ABI_ASSERT_OFFSET(struct hv_message_header, payload_size, 4);
HV_ABI_ASSERT_OFFSET(struct hv_message_header, message_flags, 5);
HV_ABI_ASSERT_OFFSET(struct hv_message_header, rsvd, 6);
HV_ABI_ASSERT_OFFSET(struct hv_message_header, origination_id, 8);

/* ---------------------------------------------------------------------
 * HV_X64_INTERCEPT_MESSAGE_HEADER (40 bytes), first in every x64 intercept
 * payload.  Digest data-types.md §14.1.
 *
 * instruction_length: the TLFS treats the whole byte as the length
 * (0 = unknown; always filled for CPUID, I/O, MSR); OpenVMM/WHP use bits
 * 3:0 for the length and bits 7:4 for CR8.  Both are described by the
 * masks below; a reader that must also accept TLFS-style producers should
 * use the 4-bit length (a valid x86 length is at most 15).
 */
#define HV_X64_INTERCEPT_INSTRUCTION_LENGTH_MASK  0x0Fu /* 3:0 */
#define HV_X64_INTERCEPT_CR8_SHIFT                4
#define HV_X64_INTERCEPT_CR8_MASK                 0xF0u /* 7:4 (OpenVMM/WHP) */

/* execution_state (u16). */
#define HV_X64_EXECUTION_STATE_CPL_MASK                  0x0003u /* 1:0 */
#define HV_X64_EXECUTION_STATE_CR0_PE                    0x0004u /* 2 */
#define HV_X64_EXECUTION_STATE_CR0_AM                    0x0008u /* 3 */
#define HV_X64_EXECUTION_STATE_EFER_LMA                  0x0010u /* 4 */
#define HV_X64_EXECUTION_STATE_DEBUG_ACTIVE              0x0020u /* 5 */
#define HV_X64_EXECUTION_STATE_INTERRUPTION_PENDING      0x0040u /* 6 */
#define HV_X64_EXECUTION_STATE_VTL_SHIFT                 7
#define HV_X64_EXECUTION_STATE_VTL_MASK                  0x0780u /* 10:7, OpenVMM */
#define HV_X64_EXECUTION_STATE_ENCLAVE_MODE              0x0800u /* 11, OpenVMM */
#define HV_X64_EXECUTION_STATE_INTERRUPT_SHADOW          0x1000u /* 12, OpenVMM, WHP */
#define HV_X64_EXECUTION_STATE_VIRTUALIZATION_FAULT_ACTIVE 0x2000u /* 13, OpenVMM */
#define HV_X64_EXECUTION_STATE_RSVD_MASK                 0xC000u /* 15:14 */

struct hv_x64_intercept_message_header {
	uint32_t vp_index;
	uint8_t instruction_length;      /* + CR8, see above */
	uint8_t intercept_access_type;   /* HV_INTERCEPT_ACCESS_READ/WRITE/EXECUTE */
	uint16_t execution_state;        /* HV_X64_EXECUTION_STATE_* */
	struct hv_x64_segment_register cs_segment;
	uint64_t rip;
	uint64_t rflags;
};
HV_ABI_ASSERT_SIZE(struct hv_x64_intercept_message_header, 40);
HV_ABI_ASSERT_OFFSET(struct hv_x64_intercept_message_header, vp_index, 0);
HV_ABI_ASSERT_OFFSET(struct hv_x64_intercept_message_header, instruction_length, 4);
HV_ABI_ASSERT_OFFSET(struct hv_x64_intercept_message_header, intercept_access_type, 5);
HV_ABI_ASSERT_OFFSET(struct hv_x64_intercept_message_header, execution_state, 6);
HV_ABI_ASSERT_OFFSET(struct hv_x64_intercept_message_header, cs_segment, 8);
HV_ABI_ASSERT_OFFSET(struct hv_x64_intercept_message_header, rip, 24);
HV_ABI_ASSERT_OFFSET(struct hv_x64_intercept_message_header, rflags, 32);

/* ---------------------------------------------------------------------
 * Memory intercept (UnmappedGpa / GpaIntercept), 80 bytes.
 * CONFLICT (digest §14.1): TLFS v2.0 appends DsSegment, SsSegment and
 * RAX..R15 for 240 bytes; OpenVMM and Linux end at 80.  The current
 * (OpenVMM/Linux) 80-byte layout is used; payload_size = 80.
 */
#define HV_X64_MEMORY_ACCESS_INFO_GVA_VALID                0x01u
#define HV_X64_MEMORY_ACCESS_INFO_GVA_GPA_VALID            0x02u
#define HV_X64_MEMORY_ACCESS_INFO_HYPERCALL_OUTPUT_PENDING 0x04u
#define HV_X64_MEMORY_ACCESS_INFO_TLB_LOCKED               0x08u
#define HV_X64_MEMORY_ACCESS_INFO_SUPERVISOR_SHADOW_STACK  0x10u

#define HV_X64_INTERCEPT_MAX_INSTRUCTION_BYTES 16u

struct hv_x64_memory_intercept_message {
	struct hv_x64_intercept_message_header header;
	uint32_t cache_type;              /* HV_CACHE_TYPE_X64_*; WB for page-table walks */
	uint8_t instruction_byte_count;   /* 0..16; 0 if InterruptionPending */
	uint8_t memory_access_info;       /* HV_X64_MEMORY_ACCESS_INFO_* */
	uint8_t tpr_priority;
	uint8_t rsvd;
	uint64_t guest_virtual_address;   /* valid if GVA_VALID */
	uint64_t guest_physical_address;  /* lowest faulting address */
	uint8_t instruction_bytes[HV_X64_INTERCEPT_MAX_INSTRUCTION_BYTES]; /* from CS:RIP */
};
HV_ABI_ASSERT_SIZE(struct hv_x64_memory_intercept_message, 80);
HV_ABI_ASSERT_OFFSET(struct hv_x64_memory_intercept_message, header, 0);
HV_ABI_ASSERT_OFFSET(struct hv_x64_memory_intercept_message, cache_type, 40);
HV_ABI_ASSERT_OFFSET(struct hv_x64_memory_intercept_message, instruction_byte_count, 44);
HV_ABI_ASSERT_OFFSET(struct hv_x64_memory_intercept_message, memory_access_info, 45);
HV_ABI_ASSERT_OFFSET(struct hv_x64_memory_intercept_message, tpr_priority, 46);
HV_ABI_ASSERT_OFFSET(struct hv_x64_memory_intercept_message, rsvd, 47);
HV_ABI_ASSERT_OFFSET(struct hv_x64_memory_intercept_message, guest_virtual_address, 48);
HV_ABI_ASSERT_OFFSET(struct hv_x64_memory_intercept_message, guest_physical_address, 56);
HV_ABI_ASSERT_OFFSET(struct hv_x64_memory_intercept_message, instruction_bytes, 64);

/* ---------------------------------------------------------------------
 * I/O port intercept (X64IoPortIntercept), 128 bytes.  Fields from 56 on
 * are meaningful only for string instructions.
 */
#define HV_X64_IO_PORT_ACCESS_SIZE_MASK  0x07u /* 2:0: 1, 2 or 4 */
#define HV_X64_IO_PORT_ACCESS_STRING_OP  0x08u /* 3 */
#define HV_X64_IO_PORT_ACCESS_REP_PREFIX 0x10u /* 4 */

struct hv_x64_io_port_intercept_message {
	struct hv_x64_intercept_message_header header;
	uint16_t port_number;
	uint8_t access_info;            /* HV_X64_IO_PORT_ACCESS_* */
	uint8_t instruction_byte_count; /* string ops only */
	uint32_t rsvd;
	uint64_t rax;                   /* value for OUT */
	uint8_t instruction_bytes[HV_X64_INTERCEPT_MAX_INSTRUCTION_BYTES];
	struct hv_x64_segment_register ds_segment;
	struct hv_x64_segment_register es_segment;
	uint64_t rcx;
	uint64_t rsi;
	uint64_t rdi;
};
HV_ABI_ASSERT_SIZE(struct hv_x64_io_port_intercept_message, 128);
HV_ABI_ASSERT_OFFSET(struct hv_x64_io_port_intercept_message, header, 0);
HV_ABI_ASSERT_OFFSET(struct hv_x64_io_port_intercept_message, port_number, 40);
HV_ABI_ASSERT_OFFSET(struct hv_x64_io_port_intercept_message, access_info, 42);
HV_ABI_ASSERT_OFFSET(struct hv_x64_io_port_intercept_message, instruction_byte_count, 43);
HV_ABI_ASSERT_OFFSET(struct hv_x64_io_port_intercept_message, rsvd, 44);
HV_ABI_ASSERT_OFFSET(struct hv_x64_io_port_intercept_message, rax, 48);
HV_ABI_ASSERT_OFFSET(struct hv_x64_io_port_intercept_message, instruction_bytes, 56);
HV_ABI_ASSERT_OFFSET(struct hv_x64_io_port_intercept_message, ds_segment, 72);
HV_ABI_ASSERT_OFFSET(struct hv_x64_io_port_intercept_message, es_segment, 88);
HV_ABI_ASSERT_OFFSET(struct hv_x64_io_port_intercept_message, rcx, 104);
HV_ABI_ASSERT_OFFSET(struct hv_x64_io_port_intercept_message, rsi, 112);
HV_ABI_ASSERT_OFFSET(struct hv_x64_io_port_intercept_message, rdi, 120);

/* MSR intercept (X64MsrIntercept), 64 bytes.  WRMSR value = EDX:EAX. */
struct hv_x64_msr_intercept_message {
	struct hv_x64_intercept_message_header header;
	uint32_t msr_number; /* ECX */
	uint32_t rsvd;
	uint64_t rdx;
	uint64_t rax;
};
HV_ABI_ASSERT_SIZE(struct hv_x64_msr_intercept_message, 64);
HV_ABI_ASSERT_OFFSET(struct hv_x64_msr_intercept_message, header, 0);
HV_ABI_ASSERT_OFFSET(struct hv_x64_msr_intercept_message, msr_number, 40);
HV_ABI_ASSERT_OFFSET(struct hv_x64_msr_intercept_message, rsvd, 44);
HV_ABI_ASSERT_OFFSET(struct hv_x64_msr_intercept_message, rdx, 48);
HV_ABI_ASSERT_OFFSET(struct hv_x64_msr_intercept_message, rax, 56);

/* CPUID intercept (X64CpuidIntercept), 104 bytes. */
struct hv_x64_cpuid_intercept_message {
	struct hv_x64_intercept_message_header header;
	uint64_t rax;
	uint64_t rcx;
	uint64_t rdx;
	uint64_t rbx;
	uint64_t default_result_rax; /* what the hypervisor would have returned */
	uint64_t default_result_rcx;
	uint64_t default_result_rdx;
	uint64_t default_result_rbx;
};
HV_ABI_ASSERT_SIZE(struct hv_x64_cpuid_intercept_message, 104);
HV_ABI_ASSERT_OFFSET(struct hv_x64_cpuid_intercept_message, header, 0);
HV_ABI_ASSERT_OFFSET(struct hv_x64_cpuid_intercept_message, rax, 40);
HV_ABI_ASSERT_OFFSET(struct hv_x64_cpuid_intercept_message, rcx, 48);
HV_ABI_ASSERT_OFFSET(struct hv_x64_cpuid_intercept_message, rdx, 56);
HV_ABI_ASSERT_OFFSET(struct hv_x64_cpuid_intercept_message, rbx, 64);
HV_ABI_ASSERT_OFFSET(struct hv_x64_cpuid_intercept_message, default_result_rax, 72);
HV_ABI_ASSERT_OFFSET(struct hv_x64_cpuid_intercept_message, default_result_rcx, 80);
HV_ABI_ASSERT_OFFSET(struct hv_x64_cpuid_intercept_message, default_result_rdx, 88);
HV_ABI_ASSERT_OFFSET(struct hv_x64_cpuid_intercept_message, default_result_rbx, 96);

/* Exception intercept (ExceptionIntercept), 240 bytes. */
#define HV_X64_EXCEPTION_INFO_ERROR_CODE_VALID    0x01u
#define HV_X64_EXCEPTION_INFO_SOFTWARE_EXCEPTION  0x02u

struct hv_x64_exception_intercept_message {
	struct hv_x64_intercept_message_header header;
	uint16_t exception_vector;
	uint8_t exception_info;         /* HV_X64_EXCEPTION_INFO_* */
	uint8_t instruction_byte_count;
	uint32_t error_code;
	uint64_t exception_parameter;   /* CR2 for #PF */
	uint64_t rsvd;
	uint8_t instruction_bytes[HV_X64_INTERCEPT_MAX_INSTRUCTION_BYTES];
	struct hv_x64_segment_register ds_segment;
	struct hv_x64_segment_register ss_segment;
	uint64_t rax;
	uint64_t rcx;
	uint64_t rdx;
	uint64_t rbx;
	uint64_t rsp;
	uint64_t rbp;
	uint64_t rsi;
	uint64_t rdi;
	uint64_t r8;
	uint64_t r9;
	uint64_t r10;
	uint64_t r11;
	uint64_t r12;
	uint64_t r13;
	uint64_t r14;
	uint64_t r15;
};
HV_ABI_ASSERT_SIZE(struct hv_x64_exception_intercept_message, 240);
HV_ABI_ASSERT_OFFSET(struct hv_x64_exception_intercept_message, header, 0);
HV_ABI_ASSERT_OFFSET(struct hv_x64_exception_intercept_message, rcx, 120);
HV_ABI_ASSERT_OFFSET(struct hv_x64_exception_intercept_message, rdx, 128);
HV_ABI_ASSERT_OFFSET(struct hv_x64_exception_intercept_message, rbx, 136);
HV_ABI_ASSERT_OFFSET(struct hv_x64_exception_intercept_message, rsp, 144);
HV_ABI_ASSERT_OFFSET(struct hv_x64_exception_intercept_message, rbp, 152);
HV_ABI_ASSERT_OFFSET(struct hv_x64_exception_intercept_message, rsi, 160);
HV_ABI_ASSERT_OFFSET(struct hv_x64_exception_intercept_message, r9, 184);
HV_ABI_ASSERT_OFFSET(struct hv_x64_exception_intercept_message, r10, 192);
HV_ABI_ASSERT_OFFSET(struct hv_x64_exception_intercept_message, r11, 200);
HV_ABI_ASSERT_OFFSET(struct hv_x64_exception_intercept_message, r12, 208);
HV_ABI_ASSERT_OFFSET(struct hv_x64_exception_intercept_message, r13, 216);
HV_ABI_ASSERT_OFFSET(struct hv_x64_exception_intercept_message, r14, 224);
HV_ABI_ASSERT_OFFSET(struct hv_x64_exception_intercept_message, exception_vector, 40);
HV_ABI_ASSERT_OFFSET(struct hv_x64_exception_intercept_message, exception_info, 42);
HV_ABI_ASSERT_OFFSET(struct hv_x64_exception_intercept_message, instruction_byte_count, 43);
HV_ABI_ASSERT_OFFSET(struct hv_x64_exception_intercept_message, error_code, 44);
HV_ABI_ASSERT_OFFSET(struct hv_x64_exception_intercept_message, exception_parameter, 48);
HV_ABI_ASSERT_OFFSET(struct hv_x64_exception_intercept_message, rsvd, 56);
HV_ABI_ASSERT_OFFSET(struct hv_x64_exception_intercept_message, instruction_bytes, 64);
HV_ABI_ASSERT_OFFSET(struct hv_x64_exception_intercept_message, ds_segment, 80);
HV_ABI_ASSERT_OFFSET(struct hv_x64_exception_intercept_message, ss_segment, 96);
HV_ABI_ASSERT_OFFSET(struct hv_x64_exception_intercept_message, rax, 112);
HV_ABI_ASSERT_OFFSET(struct hv_x64_exception_intercept_message, rdi, 168);
HV_ABI_ASSERT_OFFSET(struct hv_x64_exception_intercept_message, r8, 176);
HV_ABI_ASSERT_OFFSET(struct hv_x64_exception_intercept_message, r15, 232);

/* X64Halt and UnrecoverableException: the header only (40 bytes). */
struct hv_x64_halt_message {
	struct hv_x64_intercept_message_header header;
};
HV_ABI_ASSERT_SIZE(struct hv_x64_halt_message, 40);
HV_ABI_ASSERT_OFFSET(struct hv_x64_halt_message, header, 0);

struct hv_x64_unrecoverable_exception_message {
	struct hv_x64_intercept_message_header header;
};
HV_ABI_ASSERT_SIZE(struct hv_x64_unrecoverable_exception_message, 40);
HV_ABI_ASSERT_OFFSET(struct hv_x64_unrecoverable_exception_message, header, 0);

/* InvalidVpRegisterValue (8 bytes, no intercept header). */
struct hv_invalid_vp_register_message {
	uint32_t vp_index;
	uint32_t rsvd;
};
HV_ABI_ASSERT_SIZE(struct hv_invalid_vp_register_message, 8);
HV_ABI_ASSERT_OFFSET(struct hv_invalid_vp_register_message, vp_index, 0);
HV_ABI_ASSERT_OFFSET(struct hv_invalid_vp_register_message, rsvd, 4);

/* X64ApicEoi (8 bytes, no intercept header). */
struct hv_x64_apic_eoi_message {
	uint32_t vp_index;
	uint32_t interrupt_vector;
};
HV_ABI_ASSERT_SIZE(struct hv_x64_apic_eoi_message, 8);
HV_ABI_ASSERT_OFFSET(struct hv_x64_apic_eoi_message, vp_index, 0);
HV_ABI_ASSERT_OFFSET(struct hv_x64_apic_eoi_message, interrupt_vector, 4);

/* X64SipiIntercept (48 bytes). */
struct hv_x64_sipi_intercept_message {
	struct hv_x64_intercept_message_header header;
	uint32_t target_vp_index;
	uint32_t vector;
};
HV_ABI_ASSERT_SIZE(struct hv_x64_sipi_intercept_message, 48);
HV_ABI_ASSERT_OFFSET(struct hv_x64_sipi_intercept_message, header, 0);
HV_ABI_ASSERT_OFFSET(struct hv_x64_sipi_intercept_message, target_vp_index, 40);
HV_ABI_ASSERT_OFFSET(struct hv_x64_sipi_intercept_message, vector, 44);

/*
 * SynicSintDeliverable and X64InterruptionDeliverable: header plus one
 * field, "rest reserved".  The digest does not give the length of the
 * reserved tail; it is padded here to the next 8-byte boundary (48 bytes).
 */
struct hv_x64_sint_deliverable_message {
	struct hv_x64_intercept_message_header header;
	uint16_t deliverable_sints; /* bit n = SINTn */
	uint16_t rsvd1;
	uint32_t rsvd2;
};
HV_ABI_ASSERT_SIZE(struct hv_x64_sint_deliverable_message, 48);
HV_ABI_ASSERT_OFFSET(struct hv_x64_sint_deliverable_message, header, 0);
HV_ABI_ASSERT_OFFSET(struct hv_x64_sint_deliverable_message, deliverable_sints, 40);
HV_ABI_ASSERT_OFFSET(struct hv_x64_sint_deliverable_message, rsvd1, 42);
HV_ABI_ASSERT_OFFSET(struct hv_x64_sint_deliverable_message, rsvd2, 44);

struct hv_x64_interruption_deliverable_message {
	struct hv_x64_intercept_message_header header;
	uint8_t deliverable_type; /* HV_X64_PENDING_INTERRUPTION_TYPE_* */
	uint8_t rsvd1[3];
	uint32_t rsvd2;
};
HV_ABI_ASSERT_SIZE(struct hv_x64_interruption_deliverable_message, 48);
HV_ABI_ASSERT_OFFSET(struct hv_x64_interruption_deliverable_message, header, 0);
HV_ABI_ASSERT_OFFSET(struct hv_x64_interruption_deliverable_message, deliverable_type, 40);
HV_ABI_ASSERT_OFFSET(struct hv_x64_interruption_deliverable_message, rsvd1, 41);
HV_ABI_ASSERT_OFFSET(struct hv_x64_interruption_deliverable_message, rsvd2, 44);

/* HypercallIntercept (OpenVMM layout), 208 bytes. */
#define HV_HYPERCALL_INTERCEPT_FLAG_IS_ISOLATED 0x00000001u

struct hv_x64_hypercall_intercept_message {
	struct hv_x64_intercept_message_header header;
	uint64_t rax;
	uint64_t rbx;
	uint64_t rcx;
	uint64_t rdx;
	uint64_t r8;
	uint64_t rsi;
	uint64_t rdi;
	struct {
		uint64_t low;
		uint64_t high;
	} xmm[6]; /* XMM0-5 */
	uint32_t flags; /* HV_HYPERCALL_INTERCEPT_FLAG_* */
	uint32_t rsvd[3];
};
HV_ABI_ASSERT_SIZE(struct hv_x64_hypercall_intercept_message, 208);
HV_ABI_ASSERT_OFFSET(struct hv_x64_hypercall_intercept_message, header, 0);
HV_ABI_ASSERT_OFFSET(struct hv_x64_hypercall_intercept_message, rax, 40);
HV_ABI_ASSERT_OFFSET(struct hv_x64_hypercall_intercept_message, rbx, 48);
HV_ABI_ASSERT_OFFSET(struct hv_x64_hypercall_intercept_message, rcx, 56);
HV_ABI_ASSERT_OFFSET(struct hv_x64_hypercall_intercept_message, rdx, 64);
HV_ABI_ASSERT_OFFSET(struct hv_x64_hypercall_intercept_message, r8, 72);
HV_ABI_ASSERT_OFFSET(struct hv_x64_hypercall_intercept_message, rsi, 80);
HV_ABI_ASSERT_OFFSET(struct hv_x64_hypercall_intercept_message, rdi, 88);
HV_ABI_ASSERT_OFFSET(struct hv_x64_hypercall_intercept_message, xmm, 96);
HV_ABI_ASSERT_OFFSET(struct hv_x64_hypercall_intercept_message, flags, 192);
HV_ABI_ASSERT_OFFSET(struct hv_x64_hypercall_intercept_message, rsvd, 196);

/*
 * TimerExpired (24 bytes, no intercept header); origination_id = 0.
 * Times are 100 ns partition reference time.
 */
struct hv_timer_message_payload {
	uint32_t timer_index; /* 0..3 */
	uint32_t rsvd;
	uint64_t expiration_time; /* when the timer was due */
	uint64_t delivery_time;   /* when placed in the SIM slot */
};
HV_ABI_ASSERT_SIZE(struct hv_timer_message_payload, 24);
HV_ABI_ASSERT_OFFSET(struct hv_timer_message_payload, timer_index, 0);
HV_ABI_ASSERT_OFFSET(struct hv_timer_message_payload, rsvd, 4);
HV_ABI_ASSERT_OFFSET(struct hv_timer_message_payload, expiration_time, 8);
HV_ABI_ASSERT_OFFSET(struct hv_timer_message_payload, delivery_time, 16);

/*
 * UnsupportedFeature (16 bytes).  Whether an intercept header precedes it
 * is UNDOCUMENTED (digest); this is the layout without one.
 */
struct hv_unsupported_feature_message {
	uint32_t feature_code; /* HV_UNSUPPORTED_FEATURE_* */
	uint32_t rsvd;
	uint64_t feature_parameter;
};
HV_ABI_ASSERT_SIZE(struct hv_unsupported_feature_message, 16);
HV_ABI_ASSERT_OFFSET(struct hv_unsupported_feature_message, feature_code, 0);
HV_ABI_ASSERT_OFFSET(struct hv_unsupported_feature_message, rsvd, 4);
HV_ABI_ASSERT_OFFSET(struct hv_unsupported_feature_message, feature_parameter, 8);

/* ---------------------------------------------------------------------
 * HV_MESSAGE (256 bytes).  The TLFS aligns it to 16 bytes; this
 * definition keeps 8-byte alignment so it may overlay any 8-byte aligned
 * buffer (the SIM page and hypercall blocks are page/8-byte aligned).
 */
struct hv_message {
	struct hv_message_header header;
	union {
		uint64_t payload[HV_MESSAGE_MAX_PAYLOAD_QWORD_COUNT];
		uint8_t payload_bytes[HV_MESSAGE_MAX_PAYLOAD_BYTE_COUNT];
		struct hv_x64_intercept_message_header intercept_header;
		struct hv_x64_memory_intercept_message memory;
		struct hv_x64_io_port_intercept_message io_port;
		struct hv_x64_msr_intercept_message msr;
		struct hv_x64_cpuid_intercept_message cpuid;
		struct hv_x64_exception_intercept_message exception;
		struct hv_x64_halt_message halt;
		struct hv_x64_unrecoverable_exception_message unrecoverable_exception;
		struct hv_invalid_vp_register_message invalid_vp_register;
		struct hv_x64_apic_eoi_message apic_eoi;
		struct hv_x64_sipi_intercept_message sipi;
		struct hv_x64_sint_deliverable_message sint_deliverable;
		struct hv_x64_interruption_deliverable_message interruption_deliverable;
		struct hv_x64_hypercall_intercept_message hypercall;
		struct hv_timer_message_payload timer;
		struct hv_unsupported_feature_message unsupported_feature;
	} u;
};
HV_ABI_ASSERT_SIZE(struct hv_message, 256);
HV_ABI_ASSERT_OFFSET(struct hv_message, header, 0);
HV_ABI_ASSERT_OFFSET(struct hv_message, header.message_type, 0);
HV_ABI_ASSERT_OFFSET(struct hv_message, header.payload_size, 4);
HV_ABI_ASSERT_OFFSET(struct hv_message, header.message_flags, 5);
HV_ABI_ASSERT_OFFSET(struct hv_message, header.origination_id, 8);
HV_ABI_ASSERT_OFFSET(struct hv_message, u.payload, 16);
HV_ABI_ASSERT_OFFSET(struct hv_message, u.memory.guest_physical_address, 16 + 56);
HV_ABI_ASSERT_OFFSET(struct hv_message, u.exception.r15, 16 + 232);

/*
 * SIM page (message page, 4 KiB): slot n belongs to SINTn.
 * Digest enlightenments.md §5.2.
 */
struct hv_message_page {
	struct hv_message sint_message[HV_SYNIC_SINT_COUNT];
};
HV_ABI_ASSERT_SIZE(struct hv_message_page, 4096);
HV_ABI_ASSERT_OFFSET(struct hv_message_page, sint_message[1], 256);
HV_ABI_ASSERT_OFFSET(struct hv_message_page, sint_message[15], 3840);

#endif
