/*
 * unihv.v1.Host: Version, GetCapability (WHvGetCapability, capability
 * codes of /work/shared/spec/whp-api.md 6), Status (uptime, CPUs, memory,
 * partitions, sessions, counters) and Audit (the audit ring of
 * mgmt/audit.h).
 */
#include <stdio.h>
#include <string.h>
#include "mgmt/svc.h"
#include "mgmt/audit.h"
#include "mgmt/rpc_conn.h"
#include "mgmt/tls_endpoint.h" /* mgmt_sessions_active, mgmt_sessions_max */
#include "apic/lapic.h"
#include "arch/cpu.h"
#include "hv/hv.h"
#include "hv/hypercall/dispatch.h"
#include "hv/partition.h"
/* musl's <limits.h> (through nanopb's pb.h) and mm/page_alloc.h both
 * define PAGE_SIZE; this file uses neither. */
#undef PAGE_SIZE
#include "mm/pmm.h"
#include "smp/smp.h"
#include "time/clock.h"
#include "unihv/hv_status.h"
#include "unihv.pb.h"

#define API_VERSION 1 /* the version of proto/unihv.proto */

/* WHV_CAPABILITY_CODE (whp-api.md 6). */
#define WHV_CAP_HYPERVISOR_PRESENT 0x0000u
#define WHV_CAP_FEATURES 0x0001u
#define WHV_CAP_EXTENDED_VM_EXITS 0x0002u
#define WHV_CAP_PROCESSOR_VENDOR 0x1000u
#define WHV_CAP_PROCESSOR_CLOCK_FREQUENCY 0x1004u
#define WHV_CAP_INTERRUPT_CLOCK_FREQUENCY 0x1005u
#define WHV_CAP_PHYSICAL_ADDRESS_WIDTH 0x100Au

/* WHV_CAPABILITY_FEATURES bit 0: unmapping part of a mapped range. */
#define WHV_FEATURE_PARTIAL_UNMAP (1u << 0)
/* WHV_EXTENDED_VM_EXITS bit 1: MSR exits.  unihv always delivers the MSRs
 * it does not implement; CPUID and exception exits exist in hv/
 * (InstallIntercept) but no RPC enables them yet, so they are not
 * offered. */
#define WHV_EXTENDED_EXIT_X64_MSR (1u << 1)

/* WHV_PROCESSOR_VENDOR, the TLFS's numbering too (data-types 9.3). */
#define WHV_VENDOR_AMD 0u
#define WHV_VENDOR_INTEL 1u
#define WHV_VENDOR_HYGON 2u

enum mgmt_result svc_host_version(struct mgmt_call *call, const void *req, void *resp)
{
	unihv_v1_VersionResponse *out = resp;

	(void)call;
	(void)req;
	memset(out, 0, sizeof(*out));
	snprintf(out->version, sizeof(out->version), "%s", UNIHV_VERSION);
	snprintf(out->git_rev, sizeof(out->git_rev), "%s", UNIHV_GIT_REV);
	out->api_version = API_VERSION;
	return MGMT_DONE;
}

/* CPUID leaf 0's vendor string as WHV_PROCESSOR_VENDOR. */
static uint64_t processor_vendor(void)
{
	struct cpuid_regs r = cpuid(0, 0);
	char v[13];

	memcpy(v, &r.ebx, 4);
	memcpy(v + 4, &r.edx, 4);
	memcpy(v + 8, &r.ecx, 4);
	v[12] = 0;
	if (strcmp(v, "AuthenticAMD") == 0)
		return WHV_VENDOR_AMD;
	if (strcmp(v, "HygonGenuine") == 0)
		return WHV_VENDOR_HYGON;
	return WHV_VENDOR_INTEL; /* the only backend (hv/vmx/) */
}

enum mgmt_result svc_host_get_capability(struct mgmt_call *call, const void *req, void *resp)
{
	const unihv_v1_GetCapabilityRequest *r = req;
	unihv_v1_GetCapabilityResponse *out = resp;

	memset(out, 0, sizeof(*out));
	switch (r->code) {
	case WHV_CAP_HYPERVISOR_PRESENT:
		out->value = hv_virtualization_available();
		break;
	case WHV_CAP_FEATURES:
		out->value = WHV_FEATURE_PARTIAL_UNMAP; /* hv/memory.c unmaps any page */
		break;
	case WHV_CAP_EXTENDED_VM_EXITS:
		out->value = WHV_EXTENDED_EXIT_X64_MSR;
		break;
	case WHV_CAP_PROCESSOR_VENDOR:
		out->value = processor_vendor();
		break;
	case WHV_CAP_PROCESSOR_CLOCK_FREQUENCY:
		out->value = clock_tsc_hz();
		break;
	case WHV_CAP_INTERRUPT_CLOCK_FREQUENCY:
		/* The local APIC timer's input clock (lapic.c measures it
		 * divided by 16).  unihv emulates no APIC for guests yet. */
		out->value = lapic_timer_hz() * 16;
		break;
	case WHV_CAP_PHYSICAL_ADDRESS_WIDTH:
		out->value = HV_GPA_WIDTH_BITS;
		break;
	default:
		return mgmt_fail(call, RPC_INVALID_ARGUMENT, "WHV_E_UNKNOWN_CAPABILITY",
				 "capability code 0x%x is not supported", r->code);
	}
	return MGMT_DONE;
}

/* ---- Status ------------------------------------------------------------------ */

static void add_counter(unihv_v1_StatusResponse *out, const char *name, uint64_t value)
{
	const size_t max = sizeof(out->counters) / sizeof(out->counters[0]);

	if (out->counters_count >= max)
		return;
	unihv_v1_Counter *c = &out->counters[out->counters_count++];
	snprintf(c->name, sizeof(c->name), "%s", name);
	c->value = value;
}

/* Guest hypercalls (the dispatcher's counters): calls and calls that did
 * not succeed, over the standard (below 0x400) and extended (0x8001 on)
 * codes. */
static void hypercall_totals(uint64_t *calls, uint64_t *failed)
{
	static const uint32_t ranges[][2] = { { 0x0000, 0x0400 }, { 0x8001, 0x8400 } };
	/* Codes outside the table share one counter block: count it once. */
	const struct hc_counters *other = hc_counters_for(0xFFFF);

	*calls = other->calls;
	*failed = other->calls - other->by_status[HV_STATUS_SUCCESS];
	for (size_t r = 0; r < sizeof(ranges) / sizeof(ranges[0]); r++) {
		for (uint32_t code = ranges[r][0]; code < ranges[r][1]; code++) {
			const struct hc_counters *c = hc_counters_for((uint16_t)code);
			if (c == other)
				continue;
			*calls += c->calls;
			*failed += c->calls - c->by_status[HV_STATUS_SUCCESS];
		}
	}
}

/* Live partitions, by GetNextChildPartition. */
static uint32_t partition_count(void)
{
	uint64_t id = 0, next;
	uint32_t n = 0;

	while (hv_get_next_child_partition(id, &next) == HV_STATUS_SUCCESS && next) {
		n++;
		id = next;
	}
	return n;
}

enum mgmt_result svc_host_status(struct mgmt_call *call, const void *req, void *resp)
{
	unihv_v1_StatusResponse *out = resp;
	struct page_alloc_stats mem;
	struct svc_vp_stats vp;
	uint64_t hc_calls, hc_failed;

	(void)call;
	(void)req;
	memset(out, 0, sizeof(*out));
	out->uptime_ns = clock_ns();
	out->cpus_online = smp_cpus_online();
	pmm_get_stats(&mem);
	out->memory_total_bytes = mem.total * 4096;
	out->memory_free_bytes = mem.free * 4096;
	out->partitions = partition_count();
	out->sessions = mgmt_sessions_active();
	out->max_sessions = mgmt_sessions_max();
	out->virtualization = hv_virtualization_available();
	snprintf(out->version, sizeof(out->version), "%s", UNIHV_VERSION);

	const struct rpc_stats *rpc = rpc_get_stats();
	add_counter(out, "rpc.requests", rpc->requests);
	add_counter(out, "rpc.errors", rpc->errors);
	add_counter(out, "rpc.protocol_errors", rpc->protocol_errors);
	svc_vp_get_stats(&vp);
	add_counter(out, "vp.runs", vp.runs);
	add_counter(out, "vp.run_timeouts", vp.run_timeouts);
	add_counter(out, "vp.runs_pending", vp.runs_pending);
	hypercall_totals(&hc_calls, &hc_failed);
	add_counter(out, "hv.hypercalls", hc_calls);
	add_counter(out, "hv.hypercalls_failed", hc_failed);
	add_counter(out, "memory.allocated_pages", mem.allocated);
	add_counter(out, "audit.last_sequence", audit_last_sequence());
	return MGMT_DONE;
}

/* ---- Audit ---------------------------------------------------------------------- */

enum mgmt_result svc_host_audit(struct mgmt_call *call, const void *req, void *resp)
{
	const unihv_v1_AuditRequest *r = req;
	unihv_v1_AuditResponse *out = resp;
	static struct audit_entry entries[sizeof(out->records) / sizeof(out->records[0])];
	const size_t cap = sizeof(entries) / sizeof(entries[0]);
	uint64_t dropped = 0;

	(void)call;
	memset(out, 0, sizeof(*out));
	size_t max = r->max_records && r->max_records < cap ? r->max_records : cap;
	size_t n = audit_read(r->after_sequence, max, entries, &dropped);
	for (size_t i = 0; i < n; i++) {
		const struct audit_entry *a = &entries[i];
		unihv_v1_AuditRecord *o = &out->records[i];
		o->sequence = a->sequence;
		o->time_ns = a->time_ns;
		snprintf(o->client, sizeof(o->client), "%s", a->client);
		snprintf(o->method, sizeof(o->method), "%s", a->method);
		o->partition_id = a->partition_id;
		o->code = a->code;
		snprintf(o->result, sizeof(o->result), "%s", a->result);
	}
	out->records_count = (pb_size_t)n;
	out->dropped = dropped;
	return MGMT_DONE;
}
