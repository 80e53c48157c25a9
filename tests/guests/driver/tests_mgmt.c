/*
 * The management services (mgmt/svc_*.c), called through the method
 * table the way the RPC layer calls them: find the entry by service and
 * method name, zero the response, call the handler with a struct
 * mgmt_call, and poll a pending call (Vp/Run) until it is done.
 *
 * mgmt: the whole user flow on VT-x (Create, SetProperty, Setup, Deposit,
 * MapGpaRange, WriteGpa, Vp/Create, SetRegisters, Run -> I/O exits
 * answered with SetRegisters, Run -> Halt, ReadGpa of what the guest
 * wrote, timeout and CancelRun -> Canceled), the error statuses, and
 * Delete giving every page back.
 * mgmt_novmx: without VMX the same services manage partitions and memory
 * (Setup, MapGpaRange, WriteGpa, ReadGpa included), and Vp/Create and Run
 * fail with UNIHV_E_NO_VIRTUALIZATION.
 */
#include <stdio.h>
#include <string.h>
#include "tests/guests/driver/gtest.h"
#include "mgmt/audit.h"
#include "mgmt/service.h"
#include "hv/hv.h"
#include "arch/cpu.h"
#include "time/clock.h"
#include "unihv/hv_message.h"
#include "unihv/hv_regs.h"
#include "unihv/hv_types.h"
#include "unihv/unihv_messages.h"
#include "unihv.pb.h"
/* musl's <limits.h> (through pb.h) and mm/page_alloc.h both define
 * PAGE_SIZE; this file uses neither. */
#undef PAGE_SIZE
#include "mm/pmm.h"

const char *gt_test_mgmt(void);
const char *gt_test_mgmt_novmx(void);

#define NO_SUCH_PARTITION 0x7fffffffull
#define POLL_LIMIT_NS 20000000000ull /* emulated time, generous for Bochs */

static struct mgmt_call call;
/* The big messages, as the RPC layer keeps them: not on the stack. */
static unihv_v1_ReadGpaResponse read_resp;
static unihv_v1_WriteGpaRequest write_req;
static unihv_v1_StatusResponse status_resp;
static unihv_v1_ListResponse list_resp;
static unihv_v1_AuditResponse audit_resp;
static unihv_v1_SetRegistersRequest setreg_req;
static unihv_v1_GetRegistersResponse getreg_resp;

static uint64_t free_pages(void)
{
	struct page_alloc_stats s;
	pmm_get_stats(&s);
	return s.free;
}

/*
 * Call service/method with req; resp (response_size bytes) is zeroed
 * first.  A pending call is polled until done (or cancelled after
 * POLL_LIMIT_NS).  The result is in `call`; returns NULL or a failure of
 * the harness itself.
 */
static const char *invoke(const char *service, const char *method, const void *req, void *resp)
{
	static uint8_t empty[16];
	const struct mgmt_method *m = mgmt_find_method(service, method);

	if (!m)
		return gt_fail("no method %s/%s in the table", service, method);
	memset(&call, 0, sizeof(call));
	call.client = "guest-test";
	call.role = MGMT_ROLE_ADMIN;
	if (!resp)
		resp = empty;
	memset(resp, 0, resp == empty ? sizeof(empty) : m->response_size);
	if (m->handler(&call, req ? req : empty, resp) == MGMT_DONE)
		return NULL;
	if (!call.poll)
		return gt_fail("%s/%s pending without a poll function", service, method);
	uint64_t start = clock_ns();
	while (call.poll(&call, resp) == MGMT_PENDING) {
		if (clock_ns() - start > POLL_LIMIT_NS) {
			if (call.cancel)
				call.cancel(&call);
			return gt_fail("%s/%s still pending after %llu ms", service, method,
				       (unsigned long long)(POLL_LIMIT_NS / 1000000));
		}
		cpu_relax();
	}
	return NULL;
}

/* invoke, and the call must succeed. */
static const char *ok(const char *service, const char *method, const void *req, void *resp)
{
	const char *err = invoke(service, method, req, resp);

	if (err)
		return err;
	if (call.code != RPC_OK)
		return gt_fail("%s/%s: code %d (%s)", service, method, call.code, call.message);
	return NULL;
}

/* invoke, and the call must fail with code and a message starting with
 * name (and containing detail, when not NULL). */
static const char *fails(const char *service, const char *method, const void *req, void *resp,
			 enum rpc_code code, const char *name, const char *detail)
{
	const char *err = invoke(service, method, req, resp);

	if (err)
		return err;
	if (call.code != code || strncmp(call.message, name, strlen(name)) != 0 ||
	    (detail && !strstr(call.message, detail)))
		return gt_fail("%s/%s: code %d \"%s\", want code %d \"%s...%s\"", service, method,
			       call.code, call.message, code, name, detail ? detail : "");
	return NULL;
}

/* ---- small wrappers ----------------------------------------------------------- */

static const char *create_partition(uint64_t *id)
{
	unihv_v1_CreateRequest req = { .flags = 0 };
	unihv_v1_CreateResponse resp;
	const char *err = ok("unihv.v1.Partition", "Create", &req, &resp);

	if (err)
		return err;
	if (!resp.partition_id || call.partition_id != resp.partition_id)
		return gt_fail("Create: id %llu, audit id %llu",
			       (unsigned long long)resp.partition_id,
			       (unsigned long long)call.partition_id);
	*id = resp.partition_id;
	return NULL;
}

static const char *delete_partition(uint64_t id)
{
	unihv_v1_PartitionRef ref = { .partition_id = id };
	return ok("unihv.v1.Partition", "Delete", &ref, NULL);
}

/* Delete id (if created) and return err, or the delete's failure. */
static const char *finish(uint64_t id, const char *err)
{
	if (!id)
		return err;
	const char *err2 = delete_partition(id);
	return err ? err : err2;
}

static const char *write_gpa(uint64_t id, uint64_t gpa, const void *data, size_t len)
{
	memset(&write_req, 0, sizeof(write_req));
	write_req.partition_id = id;
	write_req.guest_address = gpa;
	write_req.data.size = (pb_size_t)len;
	memcpy(write_req.data.bytes, data, len);
	return ok("unihv.v1.Memory", "WriteGpa", &write_req, NULL);
}

static const char *map_range(uint64_t id, uint64_t gpa, uint64_t size, uint32_t flags)
{
	unihv_v1_MapGpaRangeRequest req = { .partition_id = id, .guest_address = gpa,
					    .size_bytes = size, .flags = flags };
	return ok("unihv.v1.Memory", "MapGpaRange", &req, NULL);
}

/* Set n registers of VP 0 (names[i] = (low, high)). */
static const char *set_regs(uint64_t id, unsigned n, const uint32_t *names, const uint64_t *low,
			    const uint64_t *high)
{
	memset(&setreg_req, 0, sizeof(setreg_req));
	setreg_req.partition_id = id;
	setreg_req.vp_index = 0;
	for (unsigned i = 0; i < n; i++)
		setreg_req.registers[i] =
			(unihv_v1_Register){ names[i], low[i], high ? high[i] : 0 };
	setreg_req.registers_count = n;
	return ok("unihv.v1.Vp", "SetRegisters", &setreg_req, NULL);
}

static const char *get_reg(uint64_t id, uint32_t name, uint64_t *value)
{
	static unihv_v1_GetRegistersRequest req;
	const char *err;

	memset(&req, 0, sizeof(req));
	req.partition_id = id;
	req.names[0] = name;
	req.names_count = 1;
	if ((err = ok("unihv.v1.Vp", "GetRegisters", &req, &getreg_resp)))
		return err;
	if (getreg_resp.registers_count != 1 || getreg_resp.registers[0].name != name)
		return gt_fail("GetRegisters: %u registers", (unsigned)getreg_resp.registers_count);
	*value = getreg_resp.registers[0].low;
	return NULL;
}

/* Real mode at 0:ip, flat 64 KiB segments (segment value: low = base,
 * high = limit | selector << 32 | attributes << 48). */
static const char *setup_real_mode(uint64_t id, uint64_t ip)
{
	static const uint32_t names[] = { HV_X64_REGISTER_CS, HV_X64_REGISTER_DS,
					  HV_X64_REGISTER_ES, HV_X64_REGISTER_FS,
					  HV_X64_REGISTER_GS, HV_X64_REGISTER_SS,
					  HV_X64_REGISTER_RIP, HV_X64_REGISTER_RSP };
	const uint64_t code = 0xffffull | 0x9bull << 48, data = 0xffffull | 0x93ull << 48;
	const uint64_t low[] = { 0, 0, 0, 0, 0, 0, ip, 0x8000 };
	const uint64_t high[] = { code, data, data, data, data, data, 0, 0 };

	return set_regs(id, 8, names, low, high);
}

/* Run VP 0 (timeout_ms 0: none) and expect exit_reason. */
static const char *run(uint64_t id, uint32_t timeout_ms, uint32_t exit_reason,
		       unihv_v1_ExitContext *exit)
{
	unihv_v1_RunRequest req = { .partition_id = id, .vp_index = 0, .timeout_ms = timeout_ms };
	unihv_v1_RunResponse resp;
	const char *err = ok("unihv.v1.Vp", "Run", &req, &resp);

	if (err)
		return err;
	if (!resp.has_exit || resp.exit.hv_message.size != HV_MESSAGE_SIZE)
		return gt_fail("Run: no exit context or raw message (%u bytes)",
			       (unsigned)resp.exit.hv_message.size);
	const struct hv_message *m = (const void *)resp.exit.hv_message.bytes;
	if (m->header.message_type != resp.exit.message_type)
		return gt_fail("Run: message type 0x%x, raw 0x%x", resp.exit.message_type,
			       m->header.message_type);
	if (resp.exit.exit_reason != exit_reason)
		return gt_fail("Run: exit reason 0x%x (message 0x%x) at rip 0x%llx, want 0x%x",
			       resp.exit.exit_reason, resp.exit.message_type,
			       (unsigned long long)resp.exit.rip, exit_reason);
	*exit = resp.exit;
	return NULL;
}

/* Run to an I/O exit on port, of size bytes, in the direction given. */
static const char *run_io(uint64_t id, uint32_t port, uint32_t size, bool write,
			  unihv_v1_ExitContext *exit)
{
	const char *err = run(id, 0, 2 /* X64IoPortAccess */, exit);

	if (err)
		return err;
	if (exit->io_port != port || exit->io_access_size != size || exit->io_is_write != write ||
	    exit->message_type != HV_MESSAGE_TYPE_X64_IO_PORT_INTERCEPT ||
	    exit->instruction_length == 0)
		return gt_fail("I/O exit: port 0x%x size %u write %d length %u, want 0x%x %u %d",
			       exit->io_port, exit->io_access_size, exit->io_is_write,
			       exit->instruction_length, port, size, write);
	return NULL;
}

/* Answer an intercept: RIP past the instruction (and RAX when asked). */
static const char *resume(uint64_t id, const unihv_v1_ExitContext *exit, bool set_rax,
			  uint64_t rax)
{
	const uint32_t names[] = { HV_X64_REGISTER_RIP, HV_X64_REGISTER_RAX };
	const uint64_t low[] = { exit->rip + exit->instruction_length, rax };

	return set_regs(id, set_rax ? 2 : 1, names, low, NULL);
}

static bool listed(uint64_t id, const char *state)
{
	if (invoke("unihv.v1.Partition", "List", NULL, &list_resp) || call.code != RPC_OK)
		return false;
	for (pb_size_t i = 0; i < list_resp.partitions_count; i++)
		if (list_resp.partitions[i].partition_id == id)
			return !state || strcmp(list_resp.partitions[i].state, state) == 0;
	return false;
}

static uint64_t counter(const char *name)
{
	if (invoke("unihv.v1.Host", "Status", NULL, &status_resp) || call.code != RPC_OK)
		return ~0ull;
	for (pb_size_t i = 0; i < status_resp.counters_count; i++)
		if (strcmp(status_resp.counters[i].name, name) == 0)
			return status_resp.counters[i].value;
	return ~0ull;
}

/* ---- checks shared by both tests ------------------------------------------------ */

/* Every method is found by its names, read-only exactly where it changes
 * nothing. */
static const char *check_table(void)
{
	static const char *const readers[] = {
		"Host/Version", "Host/GetCapability", "Host/Status", "Host/Audit",
		"Partition/GetProperty", "Partition/List", "Memory/Balance", "Memory/ReadGpa",
		"Memory/TranslateGva", "Vp/GetRegisters",
	};
	unsigned found_readers = 0;

	for (size_t i = 0; i < mgmt_method_count; i++) {
		const struct mgmt_method *m = &mgmt_methods[i];
		char name[64];
		bool reader = false;

		if (mgmt_find_method(m->service, m->method) != m || !m->handler || !m->request ||
		    !m->response)
			return gt_fail("table entry %s/%s is incomplete or shadowed", m->service,
				       m->method);
		snprintf(name, sizeof(name), "%s/%s", m->service + strlen("unihv.v1."), m->method);
		for (size_t r = 0; r < sizeof(readers) / sizeof(readers[0]); r++)
			reader |= strcmp(name, readers[r]) == 0;
		found_readers += reader;
		if (reader != (m->role == MGMT_ROLE_READ_ONLY) || reader == m->mutating)
			return gt_fail("%s: role %d mutating %d", name, m->role, m->mutating);
	}
	if (found_readers != sizeof(readers) / sizeof(readers[0]) || mgmt_method_count < 25)
		return gt_fail("%u read-only methods of %zu", found_readers, mgmt_method_count);
	return NULL;
}

static const char *check_host(bool vmx)
{
	unihv_v1_VersionResponse ver;
	unihv_v1_GetCapabilityRequest cap = { .code = 0 /* HypervisorPresent */ };
	unihv_v1_GetCapabilityResponse capv;
	const char *err;

	if ((err = ok("unihv.v1.Host", "Version", NULL, &ver)))
		return err;
	if (strcmp(ver.version, UNIHV_VERSION) != 0 || ver.api_version != 1)
		return gt_fail("Version: \"%s\" api %u", ver.version, ver.api_version);
	if ((err = ok("unihv.v1.Host", "GetCapability", &cap, &capv)))
		return err;
	if (capv.value != (vmx ? 1 : 0))
		return gt_fail("HypervisorPresent = %llu", (unsigned long long)capv.value);
	cap.code = 0x1004; /* ProcessorClockFrequency */
	if ((err = ok("unihv.v1.Host", "GetCapability", &cap, &capv)))
		return err;
	if (capv.value != clock_tsc_hz())
		return gt_fail("ProcessorClockFrequency = %llu", (unsigned long long)capv.value);
	cap.code = 0x100A; /* PhysicalAddressWidth */
	if ((err = ok("unihv.v1.Host", "GetCapability", &cap, &capv)))
		return err;
	if (capv.value != 39)
		return gt_fail("PhysicalAddressWidth = %llu", (unsigned long long)capv.value);
	cap.code = 0x1000; /* ProcessorVendor: 0 AMD, 1 Intel, 2 Hygon */
	if ((err = ok("unihv.v1.Host", "GetCapability", &cap, &capv)))
		return err;
	if (capv.value > 2 || (vmx && capv.value != 1))
		return gt_fail("ProcessorVendor = %llu", (unsigned long long)capv.value);
	cap.code = 0x7777;
	if ((err = fails("unihv.v1.Host", "GetCapability", &cap, &capv, RPC_INVALID_ARGUMENT,
			 "WHV_E_UNKNOWN_CAPABILITY", "0x7777")))
		return err;

	if ((err = ok("unihv.v1.Host", "Status", NULL, &status_resp)))
		return err;
	if (status_resp.virtualization != vmx || status_resp.cpus_online < 1 ||
	    status_resp.memory_free_bytes != free_pages() * 4096 ||
	    status_resp.memory_total_bytes < status_resp.memory_free_bytes ||
	    strcmp(status_resp.version, UNIHV_VERSION) != 0 || status_resp.counters_count < 3)
		return gt_fail("Status: vmx %d cpus %u free %llu of %llu, %u counters",
			       status_resp.virtualization, status_resp.cpus_online,
			       (unsigned long long)status_resp.memory_free_bytes,
			       (unsigned long long)status_resp.memory_total_bytes,
			       (unsigned)status_resp.counters_count);

	/* Audit: a record made now comes back, and only newer ones. */
	unihv_v1_AuditRequest areq = { .after_sequence = audit_last_sequence() };
	audit_record("guest-test", "unihv.v1.Partition/Create", 42, RPC_OK, "OK");
	if ((err = ok("unihv.v1.Host", "Audit", &areq, &audit_resp)))
		return err;
	if (audit_resp.records_count != 1 || audit_resp.records[0].partition_id != 42 ||
	    strcmp(audit_resp.records[0].client, "guest-test") != 0 ||
	    strcmp(audit_resp.records[0].method, "unihv.v1.Partition/Create") != 0 ||
	    audit_resp.records[0].sequence != areq.after_sequence + 1)
		return gt_fail("Audit: %u records", (unsigned)audit_resp.records_count);
	return NULL;
}

/* Requests naming a partition that does not exist: NOT_FOUND with the
 * TLFS status's name. */
static const char *check_unknown_partition(void)
{
	unihv_v1_PartitionRef ref = { .partition_id = NO_SUCH_PARTITION };
	unihv_v1_BalanceResponse bal;
	unihv_v1_GetPropertyRequest getp = { .partition_id = NO_SUCH_PARTITION,
					     .property = HV_PARTITION_PROPERTY_CPU_WEIGHT };
	unihv_v1_GetPropertyResponse getv;
	unihv_v1_DepositRequest dep = { .partition_id = NO_SUCH_PARTITION, .pages = 2 };
	unihv_v1_DepositResponse depv;
	static unihv_v1_ReadGpaRequest rd = { .partition_id = NO_SUCH_PARTITION, .size = 4 };
	const char *name = "HV_STATUS_INVALID_PARTITION_ID";
	const char *err;
	uint64_t before = free_pages();

	if ((err = fails("unihv.v1.Partition", "Setup", &ref, NULL, RPC_NOT_FOUND, name, NULL)) ||
	    (err = fails("unihv.v1.Partition", "Delete", &ref, NULL, RPC_NOT_FOUND, name, NULL)) ||
	    (err = fails("unihv.v1.Partition", "GetProperty", &getp, &getv, RPC_NOT_FOUND, name,
			 NULL)) ||
	    (err = fails("unihv.v1.Memory", "Balance", &ref, &bal, RPC_NOT_FOUND, name, NULL)) ||
	    (err = fails("unihv.v1.Memory", "Deposit", &dep, &depv, RPC_NOT_FOUND, name, NULL)) ||
	    (err = fails("unihv.v1.Memory", "ReadGpa", &rd, &read_resp, RPC_NOT_FOUND, name,
			 NULL)))
		return err;
	if (call.partition_id != NO_SUCH_PARTITION)
		return gt_fail("audit partition id %llu", (unsigned long long)call.partition_id);
	if (free_pages() != before)
		return gt_fail("a refused deposit kept %lld pages",
			       (long long)(before - free_pages()));
	return NULL;
}

/* ---- with VT-x: the whole flow ----------------------------------------------------- */

/* WHV_RUN_VP_EXIT_REASON values the test expects (whp-api.md 3). */
#define EXIT_HALT 8u
#define EXIT_CANCELED 0x2001u

static const char *flow(uint64_t *idp, uint64_t start_free)
{
	const char *err;
	uint64_t id, value = 0;
	unihv_v1_ExitContext ex;
	struct gt_blob io = GT_BLOB(io), mem = GT_BLOB(mem), spin = GT_BLOB(spin);

	if ((err = create_partition(idp)))
		return err;
	id = *idp;
	if (!listed(id, "created"))
		return gt_fail("List does not show partition %llu as created",
			       (unsigned long long)id);

	/* Properties: TLFS codes (hv/ has no processor-count property). */
	unihv_v1_SetPropertyRequest setp = { .partition_id = id,
					     .property = HV_PARTITION_PROPERTY_CPU_WEIGHT,
					     .value = 200 };
	unihv_v1_GetPropertyRequest getp = { .partition_id = id,
					     .property = HV_PARTITION_PROPERTY_CPU_WEIGHT };
	unihv_v1_GetPropertyResponse getv;
	if ((err = ok("unihv.v1.Partition", "SetProperty", &setp, NULL)) ||
	    (err = ok("unihv.v1.Partition", "GetProperty", &getp, &getv)))
		return err;
	if (getv.value != 200)
		return gt_fail("CpuWeight read back as %llu", (unsigned long long)getv.value);

	unihv_v1_PartitionRef ref = { .partition_id = id };
	if ((err = ok("unihv.v1.Partition", "Setup", &ref, NULL)))
		return err;
	if (!listed(id, "initialized"))
		return gt_fail("List does not show partition %llu as initialized",
			       (unsigned long long)id);
	if ((err = fails("unihv.v1.Partition", "Setup", &ref, NULL, RPC_FAILED_PRECONDITION,
			 "HV_STATUS_INVALID_PARTITION_STATE", NULL)))
		return err;

	unihv_v1_DepositRequest dep = { .partition_id = id, .pages = 16 };
	unihv_v1_DepositResponse depv;
	unihv_v1_BalanceResponse bal;
	if ((err = ok("unihv.v1.Memory", "Deposit", &dep, &depv)) ||
	    (err = ok("unihv.v1.Memory", "Balance", &ref, &bal)))
		return err;
	if (depv.pages_deposited != 16 || bal.available_pages < 16)
		return gt_fail("deposited %llu, balance %llu available",
			       (unsigned long long)depv.pages_deposited,
			       (unsigned long long)bal.available_pages);

	/* Guest memory: code at 0x1000-0x3fff, data at 0x20000. */
	if ((err = map_range(id, 0, 0x10000, 7)) || (err = map_range(id, 0x20000, 0x1000, 3)))
		return err;
	unihv_v1_MapGpaRangeRequest over = { .partition_id = id, .guest_address = 0x3000,
					     .size_bytes = 0x2000, .flags = 3 };
	if ((err = fails("unihv.v1.Memory", "MapGpaRange", &over, NULL, RPC_ALREADY_EXISTS,
			 "UNIHV_E_GPA_RANGE_MAPPED", "0x3000")))
		return err;
	over.guest_address = 0x40800;
	if ((err = fails("unihv.v1.Memory", "MapGpaRange", &over, NULL, RPC_INVALID_ARGUMENT,
			 "HV_STATUS_INVALID_PARAMETER", "aligned")))
		return err;
	const uint8_t data = 0x5a;
	if ((err = write_gpa(id, 0x1000, io.start, (size_t)(io.end - io.start))) ||
	    (err = write_gpa(id, 0x2000, mem.start, (size_t)(mem.end - mem.start))) ||
	    (err = write_gpa(id, 0x3000, spin.start, (size_t)(spin.end - spin.start))) ||
	    (err = write_gpa(id, 0x20000, &data, 1)))
		return err;
	static unihv_v1_ReadGpaRequest rd;
	rd = (unihv_v1_ReadGpaRequest){ .partition_id = id, .guest_address = 0x1000,
					 .size = (uint32_t)(io.end - io.start) };
	if ((err = ok("unihv.v1.Memory", "ReadGpa", &rd, &read_resp)))
		return err;
	if (read_resp.data.size != rd.size || memcmp(read_resp.data.bytes, io.start, rd.size))
		return gt_fail("ReadGpa does not return what WriteGpa wrote");

	unihv_v1_VpRef vp = { .partition_id = id, .vp_index = 0 };
	if ((err = ok("unihv.v1.Vp", "Create", &vp, NULL)) ||
	    (err = fails("unihv.v1.Vp", "Create", &vp, NULL, RPC_NOT_FOUND,
			 "HV_STATUS_INVALID_VP_INDEX", NULL)) ||
	    (err = setup_real_mode(id, 0x1000)))
		return err;

	/* io.S: OUT 0x5a to 0x1234, IN from 0x1235 (answered 0xbeef), OUT of
	 * it to 0x1236, HLT. */
	if ((err = run_io(id, 0x1234, 1, true, &ex)))
		return err;
	if ((ex.rax & 0xff) != 0x5a || ex.rip != 0x1005 || ex.cs_selector != 0)
		return gt_fail("OUT: rax 0x%llx rip 0x%llx", (unsigned long long)ex.rax,
			       (unsigned long long)ex.rip);
	if ((err = resume(id, &ex, false, 0)) || (err = run_io(id, 0x1235, 2, false, &ex)) ||
	    (err = resume(id, &ex, true, (ex.rax & ~0xffffull) | 0xbeef)) ||
	    (err = run_io(id, 0x1236, 2, true, &ex)))
		return err;
	if ((ex.rax & 0xffff) != 0xbeef)
		return gt_fail("the guest echoed 0x%llx, not the IN value 0xbeef",
			       (unsigned long long)ex.rax);
	if ((err = resume(id, &ex, false, 0)) || (err = run(id, 0, EXIT_HALT, &ex)))
		return err;

	/* mem.S at 0x2040: read GPA 0x20000, OUT it to 0x1240, write 0x77
	 * there, HLT. */
	const uint32_t rip_name = HV_X64_REGISTER_RIP;
	const uint64_t rip = 0x2040;
	if ((err = set_regs(id, 1, &rip_name, &rip, NULL)) ||
	    (err = run_io(id, 0x1240, 1, true, &ex)))
		return err;
	if ((ex.rax & 0xff) != data)
		return gt_fail("the guest read 0x%llx at GPA 0x20000, WriteGpa put 0x%x there",
			       (unsigned long long)ex.rax & 0xff, data);
	if ((err = resume(id, &ex, false, 0)) || (err = run(id, 0, EXIT_HALT, &ex)))
		return err;
	rd = (unihv_v1_ReadGpaRequest){ .partition_id = id, .guest_address = 0x20000, .size = 1 };
	if ((err = ok("unihv.v1.Memory", "ReadGpa", &rd, &read_resp)))
		return err;
	if (read_resp.data.size != 1 || read_resp.data.bytes[0] != 0x77)
		return gt_fail("ReadGpa 0x20000: 0x%x, the guest wrote 0x77",
			       read_resp.data.bytes[0]);
	if ((err = get_reg(id, HV_X64_REGISTER_RAX, &value)))
		return err;
	if ((value & 0xff) != data)
		return gt_fail("GetRegisters RAX 0x%llx", (unsigned long long)value);

	/* Real mode: a GVA is its GPA. */
	unihv_v1_TranslateGvaRequest tr = { .partition_id = id, .vp_index = 0, .gva = 0x2345,
					    .flags = HV_TRANSLATE_GVA_VALIDATE_READ };
	unihv_v1_TranslateGvaResponse trv;
	if ((err = ok("unihv.v1.Memory", "TranslateGva", &tr, &trv)))
		return err;
	if (trv.result_code != 0 || trv.gpa != 0x2345)
		return gt_fail("TranslateGva 0x2345: result %u gpa 0x%llx", trv.result_code,
			       (unsigned long long)trv.gpa);

	/* A spinning guest: the timeout cancels it. */
	const uint64_t spin_rip = 0x3000;
	uint64_t timeouts = counter("vp.run_timeouts");
	if ((err = set_regs(id, 1, &rip_name, &spin_rip, NULL)) ||
	    (err = run(id, 20, EXIT_CANCELED, &ex)))
		return err;
	if (ex.rip != 0x3000 || ex.message_type != UNIHV_MESSAGE_TYPE_CANCELED ||
	    counter("vp.run_timeouts") != timeouts + 1)
		return gt_fail("timeout: rip 0x%llx type 0x%x, %llu timeouts before, %llu after",
			       (unsigned long long)ex.rip, ex.message_type,
			       (unsigned long long)timeouts,
			       (unsigned long long)counter("vp.run_timeouts"));

	/* ... and so does CancelRun, sent while the run is pending. */
	unihv_v1_RunRequest runreq = { .partition_id = id, .vp_index = 0 };
	static unihv_v1_RunResponse runv;
	const struct mgmt_method *m = mgmt_find_method("unihv.v1.Vp", "Run");
	struct mgmt_call run_call = { .client = "guest-test", .role = MGMT_ROLE_ADMIN };
	memset(&runv, 0, sizeof(runv));
	if (m->handler(&run_call, &runreq, &runv) != MGMT_PENDING)
		return gt_fail("Run did not pend: %s", run_call.message);
	for (int i = 0; i < 1000; i++) /* the VP is spinning by now, or soon */
		if (run_call.poll(&run_call, &runv) != MGMT_PENDING)
			return gt_fail("the spinning VP stopped: %s", run_call.message);
	if ((err = ok("unihv.v1.Vp", "CancelRun", &vp, NULL)))
		return err;
	uint64_t t0 = clock_ns();
	while (run_call.poll(&run_call, &runv) == MGMT_PENDING) {
		if (clock_ns() - t0 > POLL_LIMIT_NS) {
			run_call.cancel(&run_call);
			return gt_fail("CancelRun did not end the run");
		}
		cpu_relax();
	}
	if (run_call.code != RPC_OK || runv.exit.exit_reason != EXIT_CANCELED)
		return gt_fail("CancelRun: code %d exit 0x%x", run_call.code,
			       runv.exit.exit_reason);

	/* Interrupts: fixed vectors to existing VPs only. */
	unihv_v1_RequestInterruptRequest irq = { .partition_id = id, .type = 0, .destination = 0,
						 .vector = 0x30 };
	if ((err = ok("unihv.v1.Vp", "RequestInterrupt", &irq, NULL)))
		return err;
	irq.destination = 5;
	if ((err = fails("unihv.v1.Vp", "RequestInterrupt", &irq, NULL, RPC_NOT_FOUND,
			 "HV_STATUS_INVALID_VP_INDEX", NULL)))
		return err;
	irq.destination = 0;
	irq.type = 4; /* NMI */
	if ((err = fails("unihv.v1.Vp", "RequestInterrupt", &irq, NULL, RPC_UNIMPLEMENTED,
			 "UNIHV_E_UNSUPPORTED_INTERRUPT_TYPE", NULL)))
		return err;

	/* Errors: unmapped GPA, oversize, unknown VP. */
	rd = (unihv_v1_ReadGpaRequest){ .partition_id = id, .guest_address = 0x30000, .size = 16 };
	if ((err = fails("unihv.v1.Memory", "ReadGpa", &rd, &read_resp, RPC_INVALID_ARGUMENT,
			 "HV_STATUS_INVALID_PARAMETER", "not mapped")))
		return err;
	rd = (unihv_v1_ReadGpaRequest){ .partition_id = id, .guest_address = 0x1000,
					 .size = 65537 };
	if ((err = fails("unihv.v1.Memory", "ReadGpa", &rd, &read_resp, RPC_INVALID_ARGUMENT,
			 "HV_STATUS_INVALID_PARAMETER", "65536")))
		return err;
	runreq.vp_index = 7;
	if ((err = fails("unihv.v1.Vp", "Run", &runreq, &runv, RPC_NOT_FOUND,
			 "HV_STATUS_INVALID_VP_INDEX", NULL)))
		return err;

	/* Unmap gives the page straight back to the allocator. */
	unihv_v1_UnmapGpaRangeRequest un = { .partition_id = id, .guest_address = 0x20000,
					     .size_bytes = 0x1000 };
	uint64_t before_unmap = free_pages();
	if ((err = ok("unihv.v1.Memory", "UnmapGpaRange", &un, NULL)))
		return err;
	if (free_pages() != before_unmap + 1)
		return gt_fail("UnmapGpaRange of one page freed %lld pages",
			       (long long)(free_pages() - before_unmap));
	rd = (unihv_v1_ReadGpaRequest){ .partition_id = id, .guest_address = 0x20000, .size = 1 };
	if ((err = fails("unihv.v1.Memory", "ReadGpa", &rd, &read_resp, RPC_INVALID_ARGUMENT,
			 "HV_STATUS_INVALID_PARAMETER", "not mapped")))
		return err;

	if ((err = ok("unihv.v1.Host", "Status", NULL, &status_resp)))
		return err;
	if (status_resp.partitions < 1 || status_resp.cpus_online < 2 ||
	    counter("vp.runs") < 8 || counter("vp.runs_pending") != 0)
		return gt_fail("Status: %u partitions %u CPUs, %llu runs, %llu pending",
			       status_resp.partitions, status_resp.cpus_online,
			       (unsigned long long)counter("vp.runs"),
			       (unsigned long long)counter("vp.runs_pending"));

	/* Delete: every page back (the VP, the pool, the mappings). */
	*idp = 0;
	if ((err = delete_partition(id)))
		return err;
	if (listed(id, NULL))
		return gt_fail("List still shows deleted partition %llu", (unsigned long long)id);
	if ((err = fails("unihv.v1.Memory", "Balance", &ref, &bal, RPC_NOT_FOUND,
			 "HV_STATUS_INVALID_PARTITION_ID", NULL)))
		return err;
	if (free_pages() != start_free)
		return gt_fail("after Delete %llu free pages, %llu before Create",
			       (unsigned long long)free_pages(), (unsigned long long)start_free);
	return NULL;
}

const char *gt_test_mgmt(void)
{
	const char *err;
	uint64_t id = 0;

	if ((err = check_table()) || (err = check_host(true)) || (err = check_unknown_partition()))
		return err;
	err = flow(&id, free_pages());
	return finish(id, err);
}

/* ---- without VT-x ---------------------------------------------------------------- */

static const char *flow_novmx(uint64_t *idp, uint64_t start_free)
{
	const char *err;
	uint64_t id;

	if ((err = create_partition(idp)))
		return err;
	id = *idp;
	unihv_v1_PartitionRef ref = { .partition_id = id };
	unihv_v1_DepositRequest dep = { .partition_id = id, .pages = 4 };
	unihv_v1_DepositResponse depv;
	unihv_v1_WithdrawRequest wd = { .partition_id = id, .pages = 3 };
	unihv_v1_WithdrawResponse wdv;
	unihv_v1_BalanceResponse bal;
	if ((err = ok("unihv.v1.Memory", "Deposit", &dep, &depv)) ||
	    (err = ok("unihv.v1.Memory", "Withdraw", &wd, &wdv)) ||
	    (err = ok("unihv.v1.Memory", "Balance", &ref, &bal)))
		return err;
	if (depv.pages_deposited != 4 || wdv.pages_withdrawn != 3 || bal.available_pages != 1 ||
	    free_pages() != start_free - 1)
		return gt_fail("deposit 4 (%llu), withdraw 3 (%llu): balance %llu, %lld pages out",
			       (unsigned long long)depv.pages_deposited,
			       (unsigned long long)wdv.pages_withdrawn,
			       (unsigned long long)bal.available_pages,
			       (long long)(start_free - free_pages()));
	if (!listed(id, "created"))
		return gt_fail("List does not show partition %llu", (unsigned long long)id);

	unihv_v1_VpRef vp = { .partition_id = id, .vp_index = 0 };
	unihv_v1_RunRequest runreq = { .partition_id = id, .vp_index = 0 };
	unihv_v1_RunResponse runv;
	static unihv_v1_ReadGpaRequest rd;
	rd = (unihv_v1_ReadGpaRequest){ .partition_id = id, .guest_address = 0, .size = 8 };
	static const char text[] = "no VMX needed";
	if ((err = ok("unihv.v1.Partition", "Setup", &ref, NULL)) ||
	    (err = map_range(id, 0x4000, 4096, 3)) ||
	    (err = write_gpa(id, 0x4010, text, sizeof(text))))
		return err;
	rd = (unihv_v1_ReadGpaRequest){ .partition_id = id, .guest_address = 0x4010,
					.size = sizeof(text) };
	if ((err = ok("unihv.v1.Memory", "ReadGpa", &rd, &read_resp)))
		return err;
	if (read_resp.data.size != sizeof(text) || memcmp(read_resp.data.bytes, text, sizeof(text)))
		return gt_fail("ReadGpa without VMX: %u bytes, not what WriteGpa wrote",
			       (unsigned)read_resp.data.size);
	rd = (unihv_v1_ReadGpaRequest){ .partition_id = id, .guest_address = 0, .size = 8 };
	if ((err = fails("unihv.v1.Vp", "Create", &vp, NULL, RPC_FAILED_PRECONDITION,
			 "UNIHV_E_NO_VIRTUALIZATION", NULL)) ||
	    (err = fails("unihv.v1.Vp", "Run", &runreq, &runv, RPC_FAILED_PRECONDITION,
			 "UNIHV_E_NO_VIRTUALIZATION", NULL)) ||
	    (err = fails("unihv.v1.Memory", "ReadGpa", &rd, &read_resp, RPC_INVALID_ARGUMENT,
			 "HV_STATUS_INVALID_PARAMETER", "not mapped")))
		return err;

	*idp = 0;
	if ((err = delete_partition(id)))
		return err;
	if (listed(id, NULL) || free_pages() != start_free)
		return gt_fail("after Delete: listed %d, %lld pages out", listed(id, NULL),
			       (long long)(start_free - free_pages()));
	return NULL;
}

const char *gt_test_mgmt_novmx(void)
{
	const char *err;
	uint64_t id = 0;

	if ((err = check_table()) || (err = check_host(false)) || (err = check_unknown_partition()))
		return err;
	err = flow_novmx(&id, free_pages());
	return finish(id, err);
}
