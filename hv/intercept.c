#include <stdio.h>
#include <string.h>
#include "hv/hv.h"
#include "hv/intercept.h"
#include "hv/partition.h"
#include "hv/vp.h"
#include "hv/memory.h"
#include "hv/emulate.h"
#include "unihv/hv_status.h"
#include "unihv/hv_types.h"
#include "unihv/unihv_messages.h"
#include "arch/boot_defs.h"
#include "console/log.h"

#define EFER_LMA (1ull << 10)
#define CR0_AM (1ull << 18)

static void fill_segment(struct hv_x64_segment_register *out, const struct vp_segment *s)
{
	out->base = s->base;
	out->limit = s->limit;
	out->selector = s->selector;
	out->attributes = s->attributes;
}

/* The VM-exit instruction length is defined only for exits caused by an
 * instruction (SDM 28.2.5): for faults and EPT violations report 0,
 * "unknown" in the TLFS. */
static uint8_t instruction_length(const struct hv_exit *e)
{
	if (!e || e->kind == HV_EXIT_MEMORY)
		return 0;
	if (e->kind == HV_EXIT_EXCEPTION && !e->exception.software)
		return 0;
	return e->instruction_length;
}

/* The x64 intercept header common to every intercept payload. */
static void fill_header(struct vp *vp, const struct hv_exit *e, uint8_t access,
			struct hv_x64_intercept_message_header *h)
{
	const struct vp_regs *r = &vp->regs;
	uint16_t state = (uint16_t)((r->seg[SEG_SS].attributes >> 5) & 3);

	if (r->cr0 & CR0_PE)
		state |= HV_X64_EXECUTION_STATE_CR0_PE;
	if (r->cr0 & CR0_AM)
		state |= HV_X64_EXECUTION_STATE_CR0_AM;
	if (r->efer & EFER_LMA)
		state |= HV_X64_EXECUTION_STATE_EFER_LMA;
	if (r->pending_interruption & 1)
		state |= HV_X64_EXECUTION_STATE_INTERRUPTION_PENDING;
	if (r->interrupt_state & 1)
		state |= HV_X64_EXECUTION_STATE_INTERRUPT_SHADOW;
	h->vp_index = vp->index;
	h->instruction_length = (uint8_t)(instruction_length(e) & 0xf) |
				(uint8_t)((r->cr8 & 0xf) << HV_X64_INTERCEPT_CR8_SHIFT);
	h->intercept_access_type = access;
	h->execution_state = state;
	fill_segment(&h->cs_segment, &r->seg[SEG_CS]);
	h->rip = r->rip;
	h->rflags = r->rflags;
}

/* Up to 16 instruction bytes at CS:RIP, when the code is reachable
 * without paging (real or unpaged protected mode) or through identity. */
static uint8_t fetch_instruction(struct vp *vp, uint8_t out[16])
{
	const struct vp_regs *r = &vp->regs;
	if (r->cr0 & CR0_PG)
		return 0; /* would need a guest page walk: left to the manager */
	uint64_t linear = r->seg[SEG_CS].base + r->rip;
	return partition_read_gpa(vp->partition, linear, out, 16) ? 16 : 0;
}

static void set_type(struct hv_message *msg, uint32_t type, size_t payload)
{
	msg->header.message_type = type;
	msg->header.payload_size = (uint8_t)payload;
}

static void crash(struct vp *vp, const char *why)
{
	struct partition *p = vp->partition;
	if (!p->crashed) {
		p->crashed = true;
		snprintf(p->crash_reason, sizeof(p->crash_reason), "vp%u: %s", vp->index, why);
		log_warn("partition %llu crashed: %s", (unsigned long long)p->id, p->crash_reason);
	}
}

void intercept_message(struct vp *vp, const struct hv_exit *e, struct hv_message *msg)
{
	char why[64];

	arch_vp_save_regs(vp);
	memset(msg, 0, sizeof(*msg));
	msg->header.origination_id = vp->partition->id;
	switch (e->kind) {
	case HV_EXIT_IO: {
		struct hv_x64_io_port_intercept_message *m = &msg->u.io_port;
		fill_header(vp, e, e->io.write ? HV_INTERCEPT_ACCESS_WRITE : HV_INTERCEPT_ACCESS_READ,
			    &m->header);
		m->port_number = e->io.port;
		m->access_info = (uint8_t)((e->io.size & HV_X64_IO_PORT_ACCESS_SIZE_MASK) |
					   (e->io.string ? HV_X64_IO_PORT_ACCESS_STRING_OP : 0) |
					   (e->io.rep ? HV_X64_IO_PORT_ACCESS_REP_PREFIX : 0));
		m->rax = vp->regs.gpr[GPR_RAX];
		if (e->io.string)
			m->instruction_byte_count = fetch_instruction(vp, m->instruction_bytes);
		fill_segment(&m->ds_segment, &vp->regs.seg[SEG_DS]);
		fill_segment(&m->es_segment, &vp->regs.seg[SEG_ES]);
		m->rcx = vp->regs.gpr[GPR_RCX];
		m->rsi = vp->regs.gpr[GPR_RSI];
		m->rdi = vp->regs.gpr[GPR_RDI];
		set_type(msg, HV_MESSAGE_TYPE_X64_IO_PORT_INTERCEPT, sizeof(*m));
		break;
	}
	case HV_EXIT_MEMORY: {
		struct hv_x64_memory_intercept_message *m = &msg->u.memory;
		static const uint8_t access[] = { HV_INTERCEPT_ACCESS_READ, HV_INTERCEPT_ACCESS_WRITE,
						  HV_INTERCEPT_ACCESS_EXECUTE };
		fill_header(vp, e, access[e->mem.access], &m->header);
		m->cache_type = 6; /* write-back */
		m->memory_access_info = e->mem.gva_valid ? HV_X64_MEMORY_ACCESS_INFO_GVA_VALID : 0;
		m->guest_virtual_address = e->mem.gva_valid ? e->mem.gva : 0;
		m->guest_physical_address = e->mem.gpa;
		m->instruction_byte_count = fetch_instruction(vp, m->instruction_bytes);
		/* Unmapped GPA versus a mapping without this right. */
		set_type(msg, e->mem.ept_rights ? HV_MESSAGE_TYPE_GPA_INTERCEPT
						: HV_MESSAGE_TYPE_UNMAPPED_GPA,
			 sizeof(*m));
		break;
	}
	case HV_EXIT_MSR: {
		struct hv_x64_msr_intercept_message *m = &msg->u.msr;
		fill_header(vp, e, e->msr.write ? HV_INTERCEPT_ACCESS_WRITE : HV_INTERCEPT_ACCESS_READ,
			    &m->header);
		m->msr_number = e->msr.index;
		m->rdx = vp->regs.gpr[GPR_RDX];
		m->rax = vp->regs.gpr[GPR_RAX];
		set_type(msg, HV_MESSAGE_TYPE_X64_MSR_INTERCEPT, sizeof(*m));
		break;
	}
	case HV_EXIT_CPUID: {
		struct hv_x64_cpuid_intercept_message *m = &msg->u.cpuid;
		fill_header(vp, e, HV_INTERCEPT_ACCESS_EXECUTE, &m->header);
		m->rax = vp->regs.gpr[GPR_RAX];
		m->rcx = vp->regs.gpr[GPR_RCX];
		m->rdx = vp->regs.gpr[GPR_RDX];
		m->rbx = vp->regs.gpr[GPR_RBX];
		uint32_t d[4]; /* what the hypervisor would have answered */
		emulate_cpuid_result(vp, (uint32_t)m->rax, (uint32_t)m->rcx, d);
		m->default_result_rax = d[0];
		m->default_result_rbx = d[1];
		m->default_result_rcx = d[2];
		m->default_result_rdx = d[3];
		set_type(msg, HV_MESSAGE_TYPE_X64_CPUID_INTERCEPT, sizeof(*m));
		break;
	}
	case HV_EXIT_EXCEPTION: {
		struct hv_x64_exception_intercept_message *m = &msg->u.exception;
		fill_header(vp, e, HV_INTERCEPT_ACCESS_EXECUTE, &m->header);
		m->exception_vector = e->exception.vector;
		m->exception_info =
			(e->exception.has_error_code ? HV_X64_EXCEPTION_INFO_ERROR_CODE_VALID : 0) |
			(e->exception.software ? HV_X64_EXCEPTION_INFO_SOFTWARE_EXCEPTION : 0);
		m->error_code = e->exception.error_code;
		m->exception_parameter = e->exception.vector == 14 ? e->raw_qualification : 0;
		m->instruction_byte_count = fetch_instruction(vp, m->instruction_bytes);
		fill_segment(&m->ds_segment, &vp->regs.seg[SEG_DS]);
		fill_segment(&m->ss_segment, &vp->regs.seg[SEG_SS]);
		const uint64_t *g = vp->regs.gpr;
		m->rax = g[GPR_RAX]; m->rcx = g[GPR_RCX]; m->rdx = g[GPR_RDX]; m->rbx = g[GPR_RBX];
		m->rsp = g[GPR_RSP]; m->rbp = g[GPR_RBP]; m->rsi = g[GPR_RSI]; m->rdi = g[GPR_RDI];
		m->r8 = g[GPR_R8]; m->r9 = g[GPR_R9]; m->r10 = g[GPR_R10]; m->r11 = g[GPR_R11];
		m->r12 = g[GPR_R12]; m->r13 = g[GPR_R13]; m->r14 = g[GPR_R14]; m->r15 = g[GPR_R15];
		set_type(msg, HV_MESSAGE_TYPE_EXCEPTION_INTERCEPT, sizeof(*m));
		break;
	}
	case HV_EXIT_HLT:
		fill_header(vp, e, HV_INTERCEPT_ACCESS_EXECUTE, &msg->u.halt.header);
		set_type(msg, HV_MESSAGE_TYPE_X64_HALT, sizeof(msg->u.halt));
		break;
	case HV_EXIT_INVALID_STATE:
		/* VM entry refused the state the manager set: the VP can be
		 * fixed with SetVpRegisters, the partition is not crashed. */
		msg->u.invalid_vp_register.vp_index = vp->index;
		set_type(msg, HV_MESSAGE_TYPE_INVALID_VP_REGISTER_VALUE,
			 sizeof(msg->u.invalid_vp_register));
		log_info("partition %llu vp%u: VM entry refused the register state (error %u)",
			 (unsigned long long)vp->partition->id, vp->index, e->invalid.error);
		break;
	case HV_EXIT_TRIPLE_FAULT:
		crash(vp, "triple fault");
		fill_header(vp, e, HV_INTERCEPT_ACCESS_EXECUTE, &msg->u.unrecoverable_exception.header);
		set_type(msg, HV_MESSAGE_TYPE_UNRECOVERABLE_EXCEPTION,
			 sizeof(msg->u.unrecoverable_exception));
		break;
	default:
		snprintf(why, sizeof(why), "unhandled exit, raw reason %u qualification 0x%llx",
			 e->raw_reason, (unsigned long long)e->raw_qualification);
		crash(vp, why);
		fill_header(vp, e, HV_INTERCEPT_ACCESS_EXECUTE, &msg->u.unrecoverable_exception.header);
		set_type(msg, HV_MESSAGE_TYPE_UNRECOVERABLE_EXCEPTION,
			 sizeof(msg->u.unrecoverable_exception));
		break;
	}
}

void intercept_canceled(struct vp *vp, struct hv_message *msg)
{
	arch_vp_save_regs(vp);
	memset(msg, 0, sizeof(*msg));
	msg->header.origination_id = vp->partition->id;
	fill_header(vp, NULL, HV_INTERCEPT_ACCESS_EXECUTE, &msg->u.intercept_header);
	set_type(msg, UNIHV_MESSAGE_TYPE_CANCELED, sizeof(msg->u.intercept_header));
}

bool partition_intercepts_cpuid(const struct partition *p, uint32_t leaf)
{
	for (uint32_t i = 0; i < p->intercept_cpuid_count; i++)
		if (p->intercept_cpuid_leaves[i] == leaf)
			return true;
	return false;
}

/* Install or remove (access mask 0) one intercept (TLFS 0x004D). */
uint16_t hv_install_intercept(uint64_t id, uint32_t access_mask, uint32_t type, uint64_t parameter)
{
	uint16_t st = HV_STATUS_SUCCESS;

	spin_lock(&hv_lock);
	struct partition *p = partition_find(id);
	if (!p) {
		st = HV_STATUS_INVALID_PARTITION_ID;
	} else if (p->state != PARTITION_ACTIVE) {
		st = HV_STATUS_INVALID_PARTITION_STATE;
	} else if (access_mask & ~(uint32_t)(HV_INTERCEPT_ACCESS_MASK_READ |
					   HV_INTERCEPT_ACCESS_MASK_WRITE |
					   HV_INTERCEPT_ACCESS_MASK_EXECUTE)) {
		st = HV_STATUS_INVALID_PARAMETER;
	} else {
		switch (type) {
		case HV_INTERCEPT_TYPE_X64_IO_PORT:
		case HV_INTERCEPT_TYPE_X64_MSR:
			/* Every port access and every MSR the hypervisor does not
			 * implement already reaches the manager. */
			if (access_mask & HV_INTERCEPT_ACCESS_MASK_EXECUTE)
				st = HV_STATUS_INVALID_PARAMETER;
			else if (type == HV_INTERCEPT_TYPE_X64_MSR)
				p->intercept_unhandled_msrs = access_mask != 0;
			break;
		case HV_INTERCEPT_TYPE_X64_CPUID: {
			uint32_t leaf = (uint32_t)parameter;
			bool on = access_mask != 0;
			if (access_mask & ~(uint32_t)HV_INTERCEPT_ACCESS_MASK_EXECUTE) {
				st = HV_STATUS_INVALID_PARAMETER;
			} else if (on && !partition_intercepts_cpuid(p, leaf)) {
				if (p->intercept_cpuid_count == 16)
					st = HV_STATUS_INSUFFICIENT_MEMORY;
				else
					p->intercept_cpuid_leaves[p->intercept_cpuid_count++] = leaf;
			} else if (!on) {
				for (uint32_t i = 0; i < p->intercept_cpuid_count; i++)
					if (p->intercept_cpuid_leaves[i] == leaf)
						p->intercept_cpuid_leaves[i] =
							p->intercept_cpuid_leaves[--p->intercept_cpuid_count];
			}
			break;
		}
		case HV_INTERCEPT_TYPE_EXCEPTION: {
			uint64_t vector = parameter; /* unused parameter bits must be 0 */
			if (vector >= 32 || (access_mask & ~(uint32_t)HV_INTERCEPT_ACCESS_MASK_EXECUTE))
				st = HV_STATUS_INVALID_PARAMETER;
			else if (access_mask)
				p->exception_bitmap |= 1u << vector;
			else
				p->exception_bitmap &= ~(1u << vector);
			break;
		}
		default:
			st = HV_STATUS_INVALID_PARAMETER;
		}
	}
	spin_unlock(&hv_lock);
	return st;
}
