/* unihv.v1.Vp: Create, Delete, GetRegisters, SetRegisters, Run, CancelRun,
 * RequestInterrupt. */
#include <stdlib.h>
#include <string.h>
#include "unihv.pb.h"
#include "internal.h"

#define VP "unihv.v1.Vp"

static UNIHV_RESULT by_ref(UNIHV_CONNECTION *c, const char *method, UNIHV_PARTITION_ID id,
			   uint32_t vp_index)
{
	unihv_v1_VpRef req = { .partition_id = id, .vp_index = vp_index };
	return unihv_call(c, VP, method, unihv_v1_VpRef_fields, &req, NULL, NULL, 0);
}

UNIHV_RESULT UnihvCreateVirtualProcessor(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id,
					 uint32_t vp_index)
{
	return by_ref(c, "Create", id, vp_index);
}

UNIHV_RESULT UnihvDeleteVirtualProcessor(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id,
					 uint32_t vp_index)
{
	return by_ref(c, "Delete", id, vp_index);
}

UNIHV_RESULT UnihvCancelRunVirtualProcessor(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id,
					    uint32_t vp_index)
{
	return by_ref(c, "CancelRun", id, vp_index);
}

/* Translate count WHv names into hv[]; a failure names the first unknown. */
static UNIHV_RESULT translate(const UNIHV_REGISTER_NAME *names, uint32_t count, uint32_t *hv)
{
	if (count > UNIHV_REGISTERS_MAX)
		return unihv_fail(UNIHV_INVALID_ARGUMENT, "UNIHV_E_ARGUMENT",
				  "%u registers (at most %u per call)", count, UNIHV_REGISTERS_MAX);
	for (uint32_t i = 0; i < count; i++)
		if (!UnihvRegisterToHv(names[i], &hv[i]))
			return unihv_fail(UNIHV_INVALID_ARGUMENT, "UNIHV_E_UNKNOWN_REGISTER",
					  "WHV register name 0x%x has no HV_REGISTER_NAME here",
					  (unsigned)names[i]);
	return unihv_ok();
}

UNIHV_RESULT UnihvGetVirtualProcessorRegisters(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id,
					       uint32_t vp_index, const UNIHV_REGISTER_NAME *names,
					       uint32_t count, UNIHV_REGISTER_VALUE *values)
{
	unihv_v1_GetRegistersRequest req = { .partition_id = id, .vp_index = vp_index };
	UNIHV_RESULT r = translate(names, count, req.names);
	if (!UnihvSucceeded(&r))
		return r;
	req.names_count = (pb_size_t)count;
	unihv_v1_GetRegistersResponse *resp = calloc(1, sizeof(*resp));
	if (!resp)
		return unihv_fail(UNIHV_RESOURCE_EXHAUSTED, "UNIHV_E_NO_MEMORY", "out of memory");
	r = unihv_call(c, VP, "GetRegisters", unihv_v1_GetRegistersRequest_fields, &req,
		       unihv_v1_GetRegistersResponse_fields, resp, 0);
	if (UnihvSucceeded(&r)) {
		if (resp->registers_count != count) {
			r = unihv_fail(UNIHV_INTERNAL, "UNIHV_E_PROTOCOL",
				       "GetRegisters returned %u values for %u names",
				       (unsigned)resp->registers_count, count);
		} else {
			/* In request order; the name is checked, not trusted. */
			for (uint32_t i = 0; i < count; i++) {
				if (resp->registers[i].name != req.names[i]) {
					r = unihv_fail(UNIHV_INTERNAL, "UNIHV_E_PROTOCOL",
						       "GetRegisters value %u is for 0x%x, not 0x%x",
						       i, resp->registers[i].name, req.names[i]);
					break;
				}
				values[i].low = resp->registers[i].low;
				values[i].high = resp->registers[i].high;
			}
		}
	}
	free(resp);
	return r;
}

UNIHV_RESULT UnihvSetVirtualProcessorRegisters(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id,
					       uint32_t vp_index, const UNIHV_REGISTER_NAME *names,
					       uint32_t count, const UNIHV_REGISTER_VALUE *values)
{
	uint32_t hv[UNIHV_REGISTERS_MAX];
	UNIHV_RESULT r = translate(names, count, hv);
	if (!UnihvSucceeded(&r))
		return r;
	unihv_v1_SetRegistersRequest *req = calloc(1, sizeof(*req));
	if (!req)
		return unihv_fail(UNIHV_RESOURCE_EXHAUSTED, "UNIHV_E_NO_MEMORY", "out of memory");
	req->partition_id = id;
	req->vp_index = vp_index;
	req->registers_count = (pb_size_t)count;
	for (uint32_t i = 0; i < count; i++) {
		req->registers[i].name = hv[i];
		req->registers[i].low = values[i].low;
		req->registers[i].high = values[i].high;
	}
	r = unihv_call(c, VP, "SetRegisters", unihv_v1_SetRegistersRequest_fields, req, NULL, NULL,
		       0);
	free(req);
	return r;
}

UNIHV_RESULT UnihvRunVirtualProcessor(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id,
				      uint32_t vp_index, uint32_t timeout_ms,
				      UNIHV_RUN_VP_EXIT_CONTEXT *x)
{
	unihv_v1_RunRequest req = { .partition_id = id, .vp_index = vp_index, .timeout_ms = timeout_ms };
	unihv_v1_RunResponse *resp = calloc(1, sizeof(*resp));
	memset(x, 0, sizeof(*x));
	if (!resp)
		return unihv_fail(UNIHV_RESOURCE_EXHAUSTED, "UNIHV_E_NO_MEMORY", "out of memory");
	/* The reply comes when the VP exits: no limit without a timeout. */
	UNIHV_RESULT r = unihv_call(c, VP, "Run", unihv_v1_RunRequest_fields, &req,
				    unihv_v1_RunResponse_fields, resp,
				    timeout_ms ? timeout_ms : UINT32_MAX);
	if (UnihvSucceeded(&r)) {
		const unihv_v1_ExitContext *e = &resp->exit;
		x->exit_reason = e->exit_reason;
		x->message_type = e->message_type;
		x->execution_state = e->execution_state;
		x->instruction_length = e->instruction_length;
		x->rip = e->rip;
		x->rflags = e->rflags;
		x->cs_selector = e->cs_selector;
		x->io_port = e->io_port;
		x->io_access_size = e->io_access_size;
		x->io_is_write = e->io_is_write;
		x->rax = e->rax;
		x->gpa = e->gpa;
		x->gva = e->gva;
		x->memory_access_type = e->memory_access_type;
		x->msr_number = e->msr_number;
		x->msr_is_write = e->msr_is_write;
		x->rdx = e->rdx;
		x->cpuid_rax = e->cpuid_rax;
		x->cpuid_rcx = e->cpuid_rcx;
		x->exception_vector = e->exception_vector;
		x->error_code = e->error_code;
		x->cancel_reason = e->cancel_reason;
		x->hv_message_size = e->hv_message.size;
		memcpy(x->hv_message, e->hv_message.bytes, e->hv_message.size);
	}
	free(resp);
	return r;
}

UNIHV_RESULT UnihvRequestInterrupt(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id,
				   uint32_t destination, uint32_t vector)
{
	unihv_v1_RequestInterruptRequest req = {
		.partition_id = id, .type = 0, .destination = destination, .vector = vector,
	};
	return unihv_call(c, VP, "RequestInterrupt", unihv_v1_RequestInterruptRequest_fields, &req,
			  NULL, NULL, 0);
}
