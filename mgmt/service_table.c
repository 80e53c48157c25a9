/*
 * The method table of the management API (mgmt/service.h): one entry per
 * method of proto/unihv.proto, with its handler, the least role allowed,
 * whether it changes state (and so goes to the audit log), and the nanopb
 * descriptors and sizes of its request and response messages.
 *
 * Methods that change nothing (Version, GetCapability, Status, Audit,
 * GetProperty, List, Balance, ReadGpa, TranslateGva, GetRegisters) are
 * open to READ_ONLY clients; every other method needs ADMIN and is
 * audited.  Vp/Run is "mutating": it changes the VP's state.
 */
#include "mgmt/service.h"
#include "mgmt/svc.h"
#include "unihv.pb.h"

#define SVC(name) "unihv.v1." name

/* A method reading state (READ_ONLY, not audited). */
#define READER(service, method, fn, req, resp)                                             \
	{ SVC(service), method, fn, MGMT_ROLE_READ_ONLY, false, &unihv_v1_##req##_msg,      \
	  sizeof(unihv_v1_##req), &unihv_v1_##resp##_msg, sizeof(unihv_v1_##resp) }
/* A method changing state (ADMIN, audited). */
#define WRITER(service, method, fn, req, resp)                                             \
	{ SVC(service), method, fn, MGMT_ROLE_ADMIN, true, &unihv_v1_##req##_msg,           \
	  sizeof(unihv_v1_##req), &unihv_v1_##resp##_msg, sizeof(unihv_v1_##resp) }

const struct mgmt_method mgmt_methods[] = {
	/* unihv.v1.Host */
	READER("Host", "Version", svc_host_version, Empty, VersionResponse),
	READER("Host", "GetCapability", svc_host_get_capability, GetCapabilityRequest,
	       GetCapabilityResponse),
	READER("Host", "Status", svc_host_status, Empty, StatusResponse),
	READER("Host", "Audit", svc_host_audit, AuditRequest, AuditResponse),

	/* unihv.v1.Partition */
	WRITER("Partition", "Create", svc_partition_create, CreateRequest, CreateResponse),
	WRITER("Partition", "SetProperty", svc_partition_set_property, SetPropertyRequest, Empty),
	READER("Partition", "GetProperty", svc_partition_get_property, GetPropertyRequest,
	       GetPropertyResponse),
	WRITER("Partition", "Setup", svc_partition_setup, PartitionRef, Empty),
	WRITER("Partition", "Delete", svc_partition_delete, PartitionRef, Empty),
	READER("Partition", "List", svc_partition_list, Empty, ListResponse),

	/* unihv.v1.Memory */
	WRITER("Memory", "Deposit", svc_memory_deposit, DepositRequest, DepositResponse),
	WRITER("Memory", "Withdraw", svc_memory_withdraw, WithdrawRequest, WithdrawResponse),
	READER("Memory", "Balance", svc_memory_balance, PartitionRef, BalanceResponse),
	WRITER("Memory", "MapGpaRange", svc_memory_map_gpa_range, MapGpaRangeRequest, Empty),
	WRITER("Memory", "UnmapGpaRange", svc_memory_unmap_gpa_range, UnmapGpaRangeRequest, Empty),
	READER("Memory", "ReadGpa", svc_memory_read_gpa, ReadGpaRequest, ReadGpaResponse),
	WRITER("Memory", "WriteGpa", svc_memory_write_gpa, WriteGpaRequest, Empty),
	READER("Memory", "TranslateGva", svc_memory_translate_gva, TranslateGvaRequest,
	       TranslateGvaResponse),

	/* unihv.v1.Vp */
	WRITER("Vp", "Create", svc_vp_create, VpRef, Empty),
	WRITER("Vp", "Delete", svc_vp_delete, VpRef, Empty),
	READER("Vp", "GetRegisters", svc_vp_get_registers, GetRegistersRequest,
	       GetRegistersResponse),
	WRITER("Vp", "SetRegisters", svc_vp_set_registers, SetRegistersRequest, Empty),
	WRITER("Vp", "Run", svc_vp_run, RunRequest, RunResponse),
	WRITER("Vp", "CancelRun", svc_vp_cancel_run, VpRef, Empty),
	WRITER("Vp", "RequestInterrupt", svc_vp_request_interrupt, RequestInterruptRequest, Empty),

	/* unihv.v1.Port */
	WRITER("Port", "Create", svc_port_create, CreatePortRequest, Empty),
	WRITER("Port", "Connect", svc_port_connect, ConnectPortRequest, Empty),
	WRITER("Port", "Delete", svc_port_delete, PortRef, Empty),
};

const size_t mgmt_method_count = sizeof(mgmt_methods) / sizeof(mgmt_methods[0]);
