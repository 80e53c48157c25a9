/* unihv.v1.Host: Version, GetCapability, Status, Audit. */
#include <stdlib.h>
#include <string.h>
#include "unihv.pb.h"
#include "internal.h"

#define HOST "unihv.v1.Host"

UNIHV_RESULT UnihvGetVersion(UNIHV_CONNECTION *c, UNIHV_VERSION *out)
{
	unihv_v1_VersionResponse resp = unihv_v1_VersionResponse_init_zero;
	UNIHV_RESULT r = unihv_call(c, HOST, "Version", NULL, NULL, unihv_v1_VersionResponse_fields,
				    &resp, 0);
	memset(out, 0, sizeof(*out));
	if (UnihvSucceeded(&r)) {
		unihv_strlcpy(out->version, resp.version, sizeof(out->version));
		unihv_strlcpy(out->git_rev, resp.git_rev, sizeof(out->git_rev));
		out->api_version = resp.api_version;
	}
	return r;
}

UNIHV_RESULT UnihvGetCapability(UNIHV_CONNECTION *c, uint32_t code, uint64_t *value)
{
	unihv_v1_GetCapabilityRequest req = { .code = code };
	unihv_v1_GetCapabilityResponse resp = unihv_v1_GetCapabilityResponse_init_zero;
	UNIHV_RESULT r = unihv_call(c, HOST, "GetCapability", unihv_v1_GetCapabilityRequest_fields,
				    &req, unihv_v1_GetCapabilityResponse_fields, &resp, 0);
	*value = UnihvSucceeded(&r) ? resp.value : 0;
	return r;
}

UNIHV_RESULT UnihvGetStatus(UNIHV_CONNECTION *c, UNIHV_HOST_STATUS *out)
{
	memset(out, 0, sizeof(*out));
	unihv_v1_StatusResponse *resp = calloc(1, sizeof(*resp));
	if (!resp)
		return unihv_fail(UNIHV_RESOURCE_EXHAUSTED, "UNIHV_E_NO_MEMORY", "out of memory");
	UNIHV_RESULT r = unihv_call(c, HOST, "Status", NULL, NULL, unihv_v1_StatusResponse_fields,
				    resp, 0);
	if (UnihvSucceeded(&r)) {
		out->uptime_ns = resp->uptime_ns;
		out->cpus_online = resp->cpus_online;
		out->memory_total_bytes = resp->memory_total_bytes;
		out->memory_free_bytes = resp->memory_free_bytes;
		out->partitions = resp->partitions;
		out->sessions = resp->sessions;
		out->max_sessions = resp->max_sessions;
		out->virtualization = resp->virtualization;
		unihv_strlcpy(out->version, resp->version, sizeof(out->version));
		out->counter_count = resp->counters_count;
		for (pb_size_t i = 0; i < resp->counters_count; i++) {
			unihv_strlcpy(out->counters[i].name, resp->counters[i].name,
				      sizeof(out->counters[i].name));
			out->counters[i].value = resp->counters[i].value;
		}
	}
	free(resp);
	return r;
}

UNIHV_RESULT UnihvGetAuditLog(UNIHV_CONNECTION *c, uint64_t after_sequence, uint32_t max_records,
			      UNIHV_AUDIT_RECORD *records, uint32_t capacity, uint32_t *count,
			      uint64_t *dropped)
{
	*count = 0;
	if (dropped)
		*dropped = 0;
	if (max_records == 0 || max_records > capacity)
		max_records = capacity;
	if (max_records == 0)
		return unihv_fail(UNIHV_INVALID_ARGUMENT, "UNIHV_E_ARGUMENT", "no room for records");
	unihv_v1_AuditRequest req = { .after_sequence = after_sequence, .max_records = max_records };
	unihv_v1_AuditResponse *resp = calloc(1, sizeof(*resp));
	if (!resp)
		return unihv_fail(UNIHV_RESOURCE_EXHAUSTED, "UNIHV_E_NO_MEMORY", "out of memory");
	UNIHV_RESULT r = unihv_call(c, HOST, "Audit", unihv_v1_AuditRequest_fields, &req,
				    unihv_v1_AuditResponse_fields, resp, 0);
	if (UnihvSucceeded(&r)) {
		uint32_t n = resp->records_count < max_records ? resp->records_count : max_records;
		for (uint32_t i = 0; i < n; i++) {
			const unihv_v1_AuditRecord *s = &resp->records[i];
			UNIHV_AUDIT_RECORD *d = &records[i];
			d->sequence = s->sequence;
			d->time_ns = s->time_ns;
			unihv_strlcpy(d->client, s->client, sizeof(d->client));
			unihv_strlcpy(d->method, s->method, sizeof(d->method));
			d->partition_id = s->partition_id;
			d->code = s->code;
			unihv_strlcpy(d->result, s->result, sizeof(d->result));
		}
		*count = n;
		if (dropped)
			*dropped = resp->dropped;
	}
	free(resp);
	return r;
}
