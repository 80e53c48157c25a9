/*
 * A guest's VMCALL: gather the hypercall registers by the caller's width
 * (TLFS 4: 64-bit RCX/RDX/R8, 32-bit EDX:EAX/EBX:ECX/EDI:ESI), dispatch
 * with the partition's privileges and memory, then apply the result:
 * RAX and RIP, or the continuation control, or #UD.
 */
#include <string.h>
#include "hv/hypercall/guest_call.h"
#include "hv/hypercall/dispatch.h"
#include "hv/hv.h"
#include "hv/vp.h"
#include "hv/partition.h"
#include "hv/memory.h"
#include "hv/enlight_cpuid.h"
#include "smp/percpu.h"
#include "core/config.h"

#define UD_VECTOR 6
#define REP_BUDGET 16 /* elements per VMCALL before a continuation */

static struct hc_scratch scratch[MAX_CPUS];

static bool read_guest(void *ctx, uint64_t gpa, void *buf, size_t len)
{
	spin_lock(&hv_lock);
	bool ok = partition_read_gpa(ctx, gpa, buf, len);
	spin_unlock(&hv_lock);
	return ok;
}

static bool write_guest(void *ctx, uint64_t gpa, const void *buf, size_t len)
{
	spin_lock(&hv_lock);
	bool ok = partition_write_gpa(ctx, gpa, buf, len);
	spin_unlock(&hv_lock);
	return ok;
}

static uint64_t pair(uint64_t hi, uint64_t lo)
{
	return (hi << 32) | (uint32_t)lo;
}

void guest_hypercall(struct vp *vp, const struct hv_exit *e)
{
	struct partition *p = vp->partition;
	struct arch_call_context ctx;
	struct hc_input in;
	struct hc_output out;
	uint64_t *g = vp->regs.gpr;

	arch_vp_call_context(vp, &ctx);
	in.cpl = ctx.cpl;
	in.protected_mode = ctx.protected_mode;
	in.virtual_8086 = ctx.virtual_8086;
	if (ctx.long64) {
		in.control = g[GPR_RCX];
		in.param[0] = g[GPR_RDX];
		in.param[1] = g[GPR_R8];
		in.xmm = (uint64_t(*)[2])vp->regs.fx.xmm;
	} else {
		in.xmm = NULL;
		in.control = pair(g[GPR_RDX], g[GPR_RAX]);
		in.param[0] = pair(g[GPR_RBX], g[GPR_RCX]);
		in.param[1] = pair(g[GPR_RDI], g[GPR_RSI]);
	}
	const struct hc_caller caller = {
		.partition_id = p->id,
		.vp_index = vp->index,
		.vp = vp,
		.privileges = p->privilege_flags,
		.xmm_fast_input = enlight_xmm_fast_input(p), /* as CPUID 0x40000003 EDX[4] says */
		.read_gpa = read_guest,
		.write_gpa = write_guest,
		.ctx = p,
		.gpa_limit = 1ull << HV_GPA_WIDTH_BITS,
		.rep_budget = REP_BUDGET,
	};
	hc_dispatch(&caller, &in, &scratch[this_cpu_index()], &out);

	switch (out.action) {
	case HC_INJECT_UD:
		arch_vp_inject_exception(vp, UD_VECTOR, false, 0);
		return;
	case HC_CONTINUE:
		/* Re-execute the VMCALL with the new start index (TLFS 7). */
		if (ctx.long64) {
			g[GPR_RCX] = out.control;
		} else {
			g[GPR_RDX] = out.control >> 32;
			g[GPR_RAX] = (uint32_t)out.control;
		}
		return;
	case HC_COMPLETE:
		if (ctx.long64) {
			g[GPR_RAX] = out.result;
		} else {
			g[GPR_RDX] = out.result >> 32;
			g[GPR_RAX] = (uint32_t)out.result;
		}
		arch_vp_skip_instruction(vp, e);
		return;
	}
}
