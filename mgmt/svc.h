/*
 * The management service handlers (private to mgmt/): one function per
 * RPC method of proto/unihv.proto's Host, Partition, Memory and Vp
 * services, listed in mgmt/service_table.c.  Each has the
 * mgmt_handler_fn signature of mgmt/service.h: req and resp point at the
 * nanopb structs named in the method's table entry, the handler fills
 * resp (or fails the call with mgmt_fail/mgmt_fail_hv) and sets
 * call->partition_id for the audit log.
 *
 * Every handler calls the hv/ function of the matching root hypercall;
 * nothing here re-implements hypervisor logic.  Boot CPU (network
 * context) only: the handlers share static state without locks.
 */
#ifndef UNIHV_MGMT_SVC_H
#define UNIHV_MGMT_SVC_H

#include <stdbool.h>
#include <stdint.h>
#include "mgmt/service.h"

/* The name of the failure when an operation needs VT-x and the machine
 * has none (QEMU TCG, VMX off in the firmware). */
#define SVC_E_NO_VIRTUALIZATION "UNIHV_E_NO_VIRTUALIZATION"
/* The appliance has not enough free pages for the request. */
#define SVC_E_OUT_OF_MEMORY "UNIHV_E_OUT_OF_MEMORY"

/* mgmt/svc_host.c.  Version: VERSION, git revision, API version 1.
 * GetCapability: a WHV_CAPABILITY_CODE's value, INVALID_ARGUMENT
 * WHV_E_UNKNOWN_CAPABILITY for codes unihv does not answer.  Status:
 * uptime, CPUs, memory, partitions, sessions, counters.  Audit: the audit
 * records after a sequence number (mgmt/audit.h). */
enum mgmt_result svc_host_version(struct mgmt_call *call, const void *req, void *resp);
enum mgmt_result svc_host_get_capability(struct mgmt_call *call, const void *req, void *resp);
enum mgmt_result svc_host_status(struct mgmt_call *call, const void *req, void *resp);
enum mgmt_result svc_host_audit(struct mgmt_call *call, const void *req, void *resp);

/* mgmt/svc_partition.c.  Create/SetProperty/GetProperty: the TLFS calls
 * (TLFS property codes).  Setup: InitializePartition, after topping the
 * pool up to what it needs (works without VMX: only VPs need it).  Delete: finalize, free the mapped and pool pages, delete.
 * List: every partition, in creation order (at most 64). */
enum mgmt_result svc_partition_create(struct mgmt_call *call, const void *req, void *resp);
enum mgmt_result svc_partition_set_property(struct mgmt_call *call, const void *req, void *resp);
enum mgmt_result svc_partition_get_property(struct mgmt_call *call, const void *req, void *resp);
enum mgmt_result svc_partition_setup(struct mgmt_call *call, const void *req, void *resp);
enum mgmt_result svc_partition_delete(struct mgmt_call *call, const void *req, void *resp);
enum mgmt_result svc_partition_list(struct mgmt_call *call, const void *req, void *resp);

/* mgmt/svc_memory.c.  Deposit/Withdraw: appliance pages into and out of
 * the pool (all or none for Deposit).  Balance: GetMemoryBalance.
 * MapGpaRange: fresh zeroed pages mapped at a page-aligned range not
 * mapped yet (ALREADY_EXISTS UNIHV_E_GPA_RANGE_MAPPED otherwise), all or
 * none; the pool is topped up with the EPT table pages the range needs, as
 * WHvMapGpaRange does.  UnmapGpaRange: unmap and free.  ReadGpa/WriteGpa: at most 64 KiB
 * of mapped guest memory (HV_STATUS_INVALID_PARAMETER otherwise).
 * TranslateGva: TranslateVirtualAddress, the GPA with the page offset. */
enum mgmt_result svc_memory_deposit(struct mgmt_call *call, const void *req, void *resp);
enum mgmt_result svc_memory_withdraw(struct mgmt_call *call, const void *req, void *resp);
enum mgmt_result svc_memory_balance(struct mgmt_call *call, const void *req, void *resp);
enum mgmt_result svc_memory_map_gpa_range(struct mgmt_call *call, const void *req, void *resp);
enum mgmt_result svc_memory_unmap_gpa_range(struct mgmt_call *call, const void *req, void *resp);
enum mgmt_result svc_memory_read_gpa(struct mgmt_call *call, const void *req, void *resp);
enum mgmt_result svc_memory_write_gpa(struct mgmt_call *call, const void *req, void *resp);
enum mgmt_result svc_memory_translate_gva(struct mgmt_call *call, const void *req, void *resp);

/* mgmt/svc_vp.c.  Create (FAILED_PRECONDITION without VMX), Delete,
 * Get/SetRegisters (TLFS register names, at most 64), CancelRun,
 * RequestInterrupt (fixed vectors 16-255, destination = VP index).  Run:
 * MGMT_PENDING, then the exit as WHV_RUN_VP_EXIT_CONTEXT (exit_reason and
 * the raw HV_MESSAGE); timeout_ms cancels the VP (Canceled exit 0x2001);
 * FAILED_PRECONDITION without VMX or with only the boot CPU online. */
enum mgmt_result svc_vp_create(struct mgmt_call *call, const void *req, void *resp);
enum mgmt_result svc_vp_delete(struct mgmt_call *call, const void *req, void *resp);
enum mgmt_result svc_vp_get_registers(struct mgmt_call *call, const void *req, void *resp);
enum mgmt_result svc_vp_set_registers(struct mgmt_call *call, const void *req, void *resp);
enum mgmt_result svc_vp_run(struct mgmt_call *call, const void *req, void *resp);
enum mgmt_result svc_vp_cancel_run(struct mgmt_call *call, const void *req, void *resp);
enum mgmt_result svc_vp_request_interrupt(struct mgmt_call *call, const void *req, void *resp);

/* mgmt/svc_port.c.  Create/Connect/Delete: HvCallCreatePort,
 * HvCallConnectPort (the connection takes the port's type), HvDeletePort;
 * TLFS statuses. */
enum mgmt_result svc_port_create(struct mgmt_call *call, const void *req, void *resp);
enum mgmt_result svc_port_connect(struct mgmt_call *call, const void *req, void *resp);
enum mgmt_result svc_port_delete(struct mgmt_call *call, const void *req, void *resp);

/*
 * Shared between the services (mgmt/svc_memory.c): the root pages that
 * Memory/MapGpaRange allocated and mapped into a partition.
 *
 * svc_memory_release_partition: after hv_finalize_partition gave every
 * guest page of partition id back to the root, free the pages recorded
 * for it to the page allocator and forget the record.  Returns how many
 * pages were freed.
 *
 * svc_memory_mapped_pages: how many pages the record holds for id.
 */
uint64_t svc_memory_release_partition(uint64_t id);
uint64_t svc_memory_mapped_pages(uint64_t id);

/*
 * Take pages from the page allocator as root pages and deposit them into
 * partition id's pool (DepositMemory 0x0048), all or none: on any failure
 * the pages taken are given back.  Returns HV_STATUS_SUCCESS, the
 * deposit's HV status, or SVC_NO_ROOT_MEMORY when the allocator ran out.
 */
#define SVC_NO_ROOT_MEMORY 0xFFFFu
uint16_t svc_deposit_root_pages(uint64_t id, uint64_t pages);

/*
 * Withdraw up to pages unused pages from id's pool (WithdrawMemory
 * 0x0049) and free them to the page allocator.  Returns how many;
 * *status is the status of the withdrawal that stopped early
 * (HV_STATUS_NO_RESOURCES once the pool has no unused page), or
 * HV_STATUS_SUCCESS when all pages came back.
 */
uint64_t svc_withdraw_to_allocator(uint64_t id, uint64_t pages, uint16_t *status);

/*
 * Counters of the services for Host/Status (mgmt/svc_vp.c): VP runs
 * started, runs ended by their timeout, runs in progress.
 */
struct svc_vp_stats {
	uint64_t runs;
	uint64_t run_timeouts;
	uint64_t runs_pending;
};
void svc_vp_get_stats(struct svc_vp_stats *out);

#endif
