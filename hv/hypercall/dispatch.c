/*
 * Hypercall decoding, checks, block copies and continuation (TLFS
 * "Hypercall Interface"; the order of checks follows hypercall-abi.md 13).
 */
#include <string.h>
#include "hv/hypercall/dispatch.h"
#include "unihv/hv_hypercall.h"
#include "unihv/hv_status.h"
#include "unihv/hv_types.h"

#define PAGE 4096u
#define FAST_REGISTER_BYTES 16u
#define FAST_XMM_BYTES 112u

static uint16_t status_for_counters(uint16_t st)
{
	return st < 0x1f ? st : 0x1f;
}

static void count(uint16_t code, uint16_t status)
{
	struct hc_counters *c = hc_counters_slot(code);
	if (!c)
		return;
	__atomic_add_fetch(&c->calls, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&c->by_status[status_for_counters(status)], 1, __ATOMIC_RELAXED);
}

static void complete(struct hc_output *out, uint16_t code, uint16_t status, uint32_t reps)
{
	out->action = HC_COMPLETE;
	out->control = 0;
	out->result = (uint64_t)status | ((uint64_t)reps << 32);
	count(code, status);
}

/* A block of len bytes at gpa: 8-byte aligned, inside one page and inside
 * the caller's GPA space (TLFS 8). */
static bool block_ok(const struct hc_caller *c, uint64_t gpa, uint64_t len)
{
	if (gpa & 7)
		return false;
	if (len == 0)
		return true;
	if ((gpa & (PAGE - 1)) + len > PAGE)
		return false;
	return gpa < c->gpa_limit && len <= c->gpa_limit - gpa;
}

/* Where XMM fast output starts: after the input rounded up to a register
 * pair, and never in pair 0 (RDX/R8 are not written back). */
static uint64_t fast_output_offset(uint64_t in_len)
{
	uint64_t off = (in_len + 15) & ~15ull;
	return off < 16 ? 16 : off;
}

/* The fast-call block: RDX, R8, then XMM0..XMM5 low/high quadwords. */
static void gather_fast(const struct hc_input *in, uint8_t *buf, uint32_t len)
{
	uint64_t words[14];
	words[0] = in->param[0];
	words[1] = in->param[1];
	/* The XMM pairs only when the block reaches them (the common fast
	 * call fits in RDX and R8). */
	for (int i = 0; len > 16 && i < 6; i++) {
		words[2 + 2 * i] = in->xmm ? in->xmm[i][0] : 0;
		words[3 + 2 * i] = in->xmm ? in->xmm[i][1] : 0;
	}
	memcpy(buf, words, len);
}

/*
 * VtlCall/VtlReturn (0x0011/0x0012) carry no status: with no other VTL
 * enabled (unihv offers no VSM) the TLFS answer is #UD (digest 12),
 * whatever the control's other bits.  They have no table entry, so this is
 * checked only where an unknown code or bad control bits would otherwise
 * be answered: off the path of every real call.  True when handled.
 */
static bool vtl_switch(const struct hc_caller *c, uint16_t code, struct hc_output *out)
{
	if (c->is_root || (code != HVCALL_VTL_CALL && code != HVCALL_VTL_RETURN))
		return false;
	out->action = HC_INJECT_UD;
	out->result = out->control = 0;
	return true;
}

void hc_dispatch(const struct hc_caller *c, struct hc_input *in,
		 struct hc_scratch *s, struct hc_output *out)
{
	uint64_t control = in->control;
	uint16_t code = hv_hypercall_input_code(control);
	bool fast = hv_hypercall_input_is_fast(control);
	uint32_t var_qwords = hv_hypercall_input_varhead_qwords(control);
	uint32_t rep_count = hv_hypercall_input_rep_count(control);
	uint32_t rep_start = hv_hypercall_input_rep_start(control);

	out->xmm_written = false;

	/* 1. Only CPL 0 in protected mode may call (TLFS 4): #UD otherwise. */
	if (!c->is_root && (in->cpl != 0 || !in->protected_mode || in->virtual_8086)) {
		out->action = HC_INJECT_UD;
		out->result = out->control = 0;
		return;
	}
	const struct hc_desc *d = hc_lookup(code);

	/* 4. Privilege gate before anything that reveals more; the whole
	 * extended range needs EnableExtendedHypercalls (TLFS 11). */
	uint64_t need = d ? d->privilege : 0;
	if (hv_hypercall_code_is_extended(code))
		need |= HV_PARTITION_PRIVILEGE_ENABLE_EXTENDED_HYPERCALLS;
	if (need && !c->is_root && (c->privileges & need) != need) {
		complete(out, code, HV_STATUS_ACCESS_DENIED, 0);
		return;
	}
	/* 5. Reserved control bits (is-nested included: not a nested hypervisor). */
	if (hv_hypercall_input_rsvd_bits(control)) {
		if (vtl_switch(c, code, out))
			return;
		complete(out, code, HV_STATUS_INVALID_HYPERCALL_INPUT, 0);
		return;
	}
	/* 7. Unknown or unimplemented code. */
	if (!d || !d->handler) {
		if (vtl_switch(c, code, out))
			return;
		complete(out, code, HV_STATUS_INVALID_HYPERCALL_CODE, 0);
		return;
	}
	uint32_t var_bytes = var_qwords * 8;
	uint64_t in_len = d->in_size + var_bytes + (uint64_t)rep_count * d->in_elem;
	uint64_t out_len = d->out_size + (uint64_t)rep_count * d->out_elem;

	/* 6. An XMM-sized fast block when XMM fast calls are not offered. */
	if (fast && in_len > FAST_REGISTER_BYTES && !c->xmm_fast_input && !c->is_root) {
		out->action = HC_INJECT_UD;
		out->result = out->control = 0;
		return;
	}
	/* 8. Rep/simple shape and the variable header. */
	if (d->rep ? (rep_count == 0 || rep_start >= rep_count) : (rep_count || rep_start)) {
		complete(out, code, HV_STATUS_INVALID_HYPERCALL_INPUT, 0);
		return;
	}
	if (var_qwords && !d->var_header) {
		complete(out, code, HV_STATUS_INVALID_HYPERCALL_INPUT, 0);
		return;
	}
	/* 9. Fast form allowed, and the block fits in the registers. */
	if (fast) {
		bool xmm = in_len > FAST_REGISTER_BYTES || out_len > 0;
		uint64_t room = xmm ? FAST_XMM_BYTES : FAST_REGISTER_BYTES;
		uint64_t in_room = fast_output_offset(in_len);
		if (!(xmm ? d->xmm_fast : (d->fast || d->xmm_fast)) || in_len > room ||
		    in_room + out_len > room || (xmm && !in->xmm && !c->is_root)) {
			complete(out, code, HV_STATUS_INVALID_HYPERCALL_INPUT, 0);
			return;
		}
	}
	/* 10, 11. Memory blocks: alignment, one page, inside the GPA space. */
	uint64_t in_gpa = in->param[0], out_gpa = in->param[1];
	if (!fast && ((in_len && !block_ok(c, in_gpa, in_len)) ||
		      (out_len && !block_ok(c, out_gpa, out_len)))) {
		complete(out, code, HV_STATUS_INVALID_ALIGNMENT, 0);
		return;
	}
	/* 12. Copy the input once into hypervisor memory: the handler never
	 * reads guest memory again (no double fetch). */
	memset(s->output, 0, out_len);
	if (fast) {
		gather_fast(in, s->input, (uint32_t)in_len);
	} else if (in_len && !c->read_gpa(c->ctx, in_gpa, s->input, in_len)) {
		complete(out, code, HV_STATUS_INVALID_ALIGNMENT, 0);
		return;
	}

	/* 14. Run, with continuation when the rep budget runs out (TLFS 7). */
	uint32_t end = rep_count;
	if (d->rep && c->rep_budget && rep_count - rep_start > c->rep_budget)
		end = rep_start + c->rep_budget;
	struct hc_call call = {
		.caller = c,
		.code = code,
		.fast = fast,
		.input = s->input,
		.var_bytes = var_bytes,
		.in_elems = s->input + d->in_size + var_bytes,
		.output = s->output,
		.out_elems = s->output + d->out_size,
		.rep_start = rep_start,
		.rep_count = end,
	};
	uint32_t done = rep_start;
	uint16_t st = d->handler(&call, &done);
	if (d->rep && done > end)
		done = end;
	if (d->rep && done < rep_start)
		done = rep_start; /* a handler never un-does elements */

	/* 15. Output: the fixed part and the elements done by this call. */
	if (out_len) {
		if (fast) {
			/* Rewrite only the output area (after the input pairs, pair 0
			 * always input) with the fixed part on success and the
			 * elements completed by this call; every other register keeps
			 * its value (TLFS 4, 10.3). */
			uint64_t words[14];
			uint8_t *at = (uint8_t *)words + fast_output_offset(in_len);
			uint64_t from = d->out_size + (uint64_t)rep_start * d->out_elem;
			uint64_t len = (uint64_t)(done - rep_start) * d->out_elem;
			gather_fast(in, (uint8_t *)words, sizeof(words));
			if (d->out_size && st == HV_STATUS_SUCCESS)
				memcpy(at, s->output, d->out_size);
			if (len)
				memcpy(at + from, s->output + from, len);
			out->xmm_written = in->xmm != NULL;
			for (int i = 0; in->xmm && i < 6; i++) {
				in->xmm[i][0] = words[2 + 2 * i];
				in->xmm[i][1] = words[3 + 2 * i];
			}
		} else {
			uint64_t from = d->out_size + (uint64_t)rep_start * d->out_elem;
			uint64_t len = (uint64_t)(done - rep_start) * d->out_elem;
			bool ok = true;
			if (d->out_size && st == HV_STATUS_SUCCESS)
				ok = c->write_gpa(c->ctx, out_gpa, s->output, d->out_size);
			if (ok && len)
				ok = c->write_gpa(c->ctx, out_gpa + from, s->output + from, len);
			if (!ok && st == HV_STATUS_SUCCESS)
				st = HV_STATUS_INVALID_ALIGNMENT;
		}
	}
	if (st == HV_STATUS_SUCCESS && d->rep && done < rep_count) {
		out->action = HC_CONTINUE;
		out->result = 0;
		out->control = hv_hypercall_input_with_rep_start(control, done);
		return;
	}
	complete(out, code, st, d->rep ? done : 0);
}
