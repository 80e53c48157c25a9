/* unihv.v1.Memory: Deposit, Withdraw, Balance, MapGpaRange, UnmapGpaRange,
 * ReadGpa, WriteGpa (in 64 KiB chunks), TranslateGva. */
#include <stdlib.h>
#include <string.h>
#include "unihv.pb.h"
#include "internal.h"

#define MEMORY "unihv.v1.Memory"

UNIHV_RESULT UnihvDepositMemory(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id, uint64_t pages,
				uint64_t *deposited)
{
	unihv_v1_DepositRequest req = { .partition_id = id, .pages = pages };
	unihv_v1_DepositResponse resp = unihv_v1_DepositResponse_init_zero;
	UNIHV_RESULT r = unihv_call(c, MEMORY, "Deposit", unihv_v1_DepositRequest_fields, &req,
				    unihv_v1_DepositResponse_fields, &resp, 0);
	if (deposited)
		*deposited = resp.pages_deposited;
	return r;
}

UNIHV_RESULT UnihvWithdrawMemory(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id, uint64_t pages,
				 uint64_t *withdrawn)
{
	unihv_v1_WithdrawRequest req = { .partition_id = id, .pages = pages };
	unihv_v1_WithdrawResponse resp = unihv_v1_WithdrawResponse_init_zero;
	UNIHV_RESULT r = unihv_call(c, MEMORY, "Withdraw", unihv_v1_WithdrawRequest_fields, &req,
				    unihv_v1_WithdrawResponse_fields, &resp, 0);
	if (withdrawn)
		*withdrawn = resp.pages_withdrawn;
	return r;
}

UNIHV_RESULT UnihvGetMemoryBalance(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id,
				   uint64_t *available_pages, uint64_t *in_use_pages)
{
	unihv_v1_PartitionRef req = { .partition_id = id };
	unihv_v1_BalanceResponse resp = unihv_v1_BalanceResponse_init_zero;
	UNIHV_RESULT r = unihv_call(c, MEMORY, "Balance", unihv_v1_PartitionRef_fields, &req,
				    unihv_v1_BalanceResponse_fields, &resp, 0);
	*available_pages = resp.available_pages;
	*in_use_pages = resp.in_use_pages;
	return r;
}

UNIHV_RESULT UnihvMapGpaRange(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id, uint64_t guest_address,
			      uint64_t size, uint32_t flags)
{
	unihv_v1_MapGpaRangeRequest req = {
		.partition_id = id, .guest_address = guest_address, .size_bytes = size, .flags = flags,
	};
	return unihv_call(c, MEMORY, "MapGpaRange", unihv_v1_MapGpaRangeRequest_fields, &req, NULL,
			  NULL, 0);
}

UNIHV_RESULT UnihvUnmapGpaRange(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id,
				uint64_t guest_address, uint64_t size)
{
	unihv_v1_UnmapGpaRangeRequest req = {
		.partition_id = id, .guest_address = guest_address, .size_bytes = size,
	};
	return unihv_call(c, MEMORY, "UnmapGpaRange", unihv_v1_UnmapGpaRangeRequest_fields, &req,
			  NULL, NULL, 0);
}

UNIHV_RESULT UnihvReadGpa(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id, uint64_t guest_address,
			  void *buffer, uint64_t size, UNIHV_PROGRESS_FN progress, void *context)
{
	unihv_v1_ReadGpaResponse *resp = malloc(sizeof(*resp));
	if (!resp)
		return unihv_fail(UNIHV_RESOURCE_EXHAUSTED, "UNIHV_E_NO_MEMORY", "out of memory");
	UNIHV_RESULT r = unihv_ok();
	for (uint64_t done = 0; done < size;) {
		uint32_t n = size - done > UNIHV_GPA_CHUNK ? UNIHV_GPA_CHUNK : (uint32_t)(size - done);
		unihv_v1_ReadGpaRequest req = {
			.partition_id = id, .guest_address = guest_address + done, .size = n,
		};
		resp->data.size = 0;
		r = unihv_call(c, MEMORY, "ReadGpa", unihv_v1_ReadGpaRequest_fields, &req,
			       unihv_v1_ReadGpaResponse_fields, resp, 0);
		if (!UnihvSucceeded(&r))
			break;
		if (resp->data.size != n) {
			r = unihv_fail(UNIHV_INTERNAL, "UNIHV_E_PROTOCOL",
				       "ReadGpa at 0x%llx returned %u bytes, asked %u",
				       (unsigned long long)(guest_address + done),
				       (unsigned)resp->data.size, n);
			break;
		}
		memcpy((uint8_t *)buffer + done, resp->data.bytes, n);
		done += n;
		if (progress)
			progress(context, done, size);
	}
	free(resp);
	return r;
}

/* Chunks in flight: the next request travels while the appliance works on
 * the previous one (its one network CPU would otherwise wait for every
 * round trip). */
#define WRITE_PIPELINE 2

UNIHV_RESULT UnihvWriteGpa(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id, uint64_t guest_address,
			   const void *buffer, uint64_t size, UNIHV_PROGRESS_FN progress,
			   void *context)
{
	unihv_v1_WriteGpaRequest *req = malloc(sizeof(*req));
	if (!req)
		return unihv_fail(UNIHV_RESOURCE_EXHAUSTED, "UNIHV_E_NO_MEMORY", "out of memory");
	UNIHV_RESULT r = unihv_ok();
	uint32_t streams[WRITE_PIPELINE], sizes[WRITE_PIPELINE];
	unsigned in_flight = 0, head = 0;
	uint64_t sent = 0, done = 0;

	while (done < size) {
		/* Keep WRITE_PIPELINE requests on the wire, the oldest answered first. */
		if (sent < size && in_flight < WRITE_PIPELINE) {
			uint32_t n = size - sent > UNIHV_GPA_CHUNK ? UNIHV_GPA_CHUNK : (uint32_t)(size - sent);
			req->partition_id = id;
			req->guest_address = guest_address + sent;
			req->data.size = (pb_size_t)n;
			memcpy(req->data.bytes, (const uint8_t *)buffer + sent, n);
			unsigned slot = (head + in_flight) % WRITE_PIPELINE;
			r = unihv_send_request(c, MEMORY, "WriteGpa", unihv_v1_WriteGpaRequest_fields, req,
					       &streams[slot]);
			if (!UnihvSucceeded(&r))
				break;
			sizes[slot] = n;
			sent += n;
			in_flight++;
			continue;
		}
		r = unihv_receive_response(c, streams[head], MEMORY, "WriteGpa", NULL, NULL, 0);
		uint32_t n = sizes[head];
		head = (head + 1) % WRITE_PIPELINE;
		in_flight--;
		if (!UnihvSucceeded(&r))
			break;
		done += n;
		if (progress)
			progress(context, done, size);
	}
	/* After a refused chunk, the answers to those already sent are read
	 * (and dropped) so the connection stays usable. */
	while (in_flight && UnihvIsConnected(c)) {
		unihv_receive_response(c, streams[head], MEMORY, "WriteGpa", NULL, NULL, 0);
		head = (head + 1) % WRITE_PIPELINE;
		in_flight--;
	}
	free(req);
	return r;
}

UNIHV_RESULT UnihvTranslateGva(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id, uint32_t vp_index,
			       uint64_t gva, uint32_t flags, uint32_t *result_code, uint64_t *gpa)
{
	unihv_v1_TranslateGvaRequest req = {
		.partition_id = id, .vp_index = vp_index, .gva = gva, .flags = flags,
	};
	unihv_v1_TranslateGvaResponse resp = unihv_v1_TranslateGvaResponse_init_zero;
	UNIHV_RESULT r = unihv_call(c, MEMORY, "TranslateGva", unihv_v1_TranslateGvaRequest_fields,
				    &req, unihv_v1_TranslateGvaResponse_fields, &resp, 0);
	*result_code = resp.result_code;
	*gpa = resp.gpa;
	return r;
}
