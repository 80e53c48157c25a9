/*
 * libunihv: the client library of the unihv management API.
 *
 * One connection is one mutually authenticated TLS 1.2 session to the
 * appliance's management endpoint (port 7443) carrying ttRPC frames
 * (proto/ttrpc.proto) whose payloads are the messages of
 * proto/unihv.proto.  Every operation is one blocking RPC (or, for
 * UnihvReadGpa/UnihvWriteGpa, one RPC per 64 KiB chunk) and returns a
 * UNIHV_RESULT: the gRPC code and the error's name and message as the
 * appliance sent them ("HV_STATUS_INVALID_PARTITION_ID: partition 7 does
 * not exist"), or a UNIHV_E_* name for errors found on this side
 * (connection, TLS, malformed response, bad argument).
 *
 * Names follow the Windows Hypervisor Platform (WHv*) where the operation
 * has a WHv equivalent; docs/management.md lists the differences.
 *
 * A connection is not thread-safe: one call at a time.  To cancel a
 * UnihvRunVirtualProcessor in progress, call
 * UnihvCancelRunVirtualProcessor on a second connection.
 */
#ifndef UNIHV_TOOLS_LIBUNIHV_UNIHV_H
#define UNIHV_TOOLS_LIBUNIHV_UNIHV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- results ------------------------------------------------------------ */

/* gRPC status codes (google.rpc.Code), as in mgmt/service.h. */
enum {
	UNIHV_OK = 0,
	UNIHV_CANCELLED = 1,
	UNIHV_UNKNOWN = 2,
	UNIHV_INVALID_ARGUMENT = 3,
	UNIHV_DEADLINE_EXCEEDED = 4,
	UNIHV_NOT_FOUND = 5,
	UNIHV_ALREADY_EXISTS = 6,
	UNIHV_PERMISSION_DENIED = 7,
	UNIHV_RESOURCE_EXHAUSTED = 8,
	UNIHV_FAILED_PRECONDITION = 9,
	UNIHV_ABORTED = 10,
	UNIHV_OUT_OF_RANGE = 11,
	UNIHV_UNIMPLEMENTED = 12,
	UNIHV_INTERNAL = 13,
	UNIHV_UNAVAILABLE = 14,
	UNIHV_DATA_LOSS = 15,
	UNIHV_UNAUTHENTICATED = 16,
};

#define UNIHV_NAME_MAX 64
#define UNIHV_MESSAGE_MAX 256

typedef struct UNIHV_RESULT {
	int32_t code;                    /* gRPC code; UNIHV_OK on success */
	char name[UNIHV_NAME_MAX];       /* "OK", "HV_STATUS_*", "UNIHV_E_*" */
	char message[UNIHV_MESSAGE_MAX]; /* "NAME: detail" ("OK" on success) */
} UNIHV_RESULT;

/* Whether r is a success. */
static inline bool UnihvSucceeded(const UNIHV_RESULT *r) { return r->code == UNIHV_OK; }

/* The gRPC name of a code ("PERMISSION_DENIED"); "UNKNOWN_CODE" when out
 * of range.  Never NULL. */
const char *UnihvCodeName(int32_t code);

/* ---- connection --------------------------------------------------------- */

typedef struct UNIHV_CONNECT_OPTIONS {
	const char *address;     /* "host:port" or "host" (port 7443) */
	const char *ca_file;     /* PEM: the CA that signed the server's certificate */
	const char *cert_file;   /* PEM: this client's certificate */
	const char *key_file;    /* PEM: its private key */
	const char *server_name; /* check the server certificate's name; NULL: CA check only */
	uint32_t timeout_ms;     /* handshake and per-call reply timeout; 0: 30000 */
} UNIHV_CONNECT_OPTIONS;

typedef struct UNIHV_CONNECTION UNIHV_CONNECTION;

/* Connect and complete the TLS 1.2 handshake: the client presents its
 * certificate, the server's must chain to ca_file (and carry server_name
 * when given).  On success *out is a connection to pass to every other
 * call and to UnihvDisconnect; on failure *out is NULL and the result
 * says why (UNIHV_E_CONFIG, UNIHV_E_CONNECT, UNIHV_E_TLS; code
 * UNAVAILABLE or UNAUTHENTICATED). */
UNIHV_RESULT UnihvConnect(const UNIHV_CONNECT_OPTIONS *options, UNIHV_CONNECTION **out);

/* Close the session (TLS close_notify) and free the connection.  NULL is
 * accepted. */
void UnihvDisconnect(UNIHV_CONNECTION *c);

/* After a transport or protocol error every further call fails with
 * UNIHV_E_CLOSED: the connection must be reopened. */
bool UnihvIsConnected(const UNIHV_CONNECTION *c);

/* ---- unihv.v1.Host ------------------------------------------------------ */

typedef struct UNIHV_VERSION {
	char version[32];
	char git_rev[48];
	uint32_t api_version;
} UNIHV_VERSION;

typedef struct UNIHV_COUNTER {
	char name[64];
	uint64_t value;
} UNIHV_COUNTER;

typedef struct UNIHV_HOST_STATUS {
	uint64_t uptime_ns;
	uint32_t cpus_online;
	uint64_t memory_total_bytes;
	uint64_t memory_free_bytes;
	uint32_t partitions;
	uint32_t sessions;
	uint32_t max_sessions;
	bool virtualization;     /* VMX available: VPs can run */
	char version[32];
	uint32_t counter_count;
	UNIHV_COUNTER counters[64];
} UNIHV_HOST_STATUS;

/* WHV_CAPABILITY_CODE values. */
enum {
	WHvCapabilityCodeHypervisorPresent = 0x00000000,
	WHvCapabilityCodeFeatures = 0x00000001,
	WHvCapabilityCodeExtendedVmExits = 0x00000002,
	WHvCapabilityCodeExceptionExitBitmap = 0x00000003,
	WHvCapabilityCodeX64MsrExitBitmap = 0x00000004,
	WHvCapabilityCodeProcessorVendor = 0x00001000,
	WHvCapabilityCodeProcessorFeatures = 0x00001001,
	WHvCapabilityCodeProcessorClFlushSize = 0x00001002,
	WHvCapabilityCodeProcessorXsaveFeatures = 0x00001003,
	WHvCapabilityCodeProcessorClockFrequency = 0x00001004,
	WHvCapabilityCodeInterruptClockFrequency = 0x00001005,
	WHvCapabilityCodeProcessorFeaturesBanks = 0x00001006,
};

/* Host/Version: the appliance's version, git revision and API version. */
UNIHV_RESULT UnihvGetVersion(UNIHV_CONNECTION *c, UNIHV_VERSION *out);

/* Host/GetCapability (WHvGetCapability): the capability as a 64-bit value
 * (WHv returns a union of up to 64 bits for the codes above). */
UNIHV_RESULT UnihvGetCapability(UNIHV_CONNECTION *c, uint32_t code, uint64_t *value);

/* Host/Status: uptime, CPUs, memory, partitions, sessions, counters. */
UNIHV_RESULT UnihvGetStatus(UNIHV_CONNECTION *c, UNIHV_HOST_STATUS *out);

typedef struct UNIHV_AUDIT_RECORD {
	uint64_t sequence;
	uint64_t time_ns;        /* appliance uptime when recorded */
	char client[64];         /* certificate CN of the caller */
	char method[64];         /* "unihv.v1.Partition/Create" */
	uint64_t partition_id;   /* 0 when none */
	int32_t code;            /* gRPC code of the result */
	char result[48];         /* error name, "OK" on success */
} UNIHV_AUDIT_RECORD;

#define UNIHV_AUDIT_MAX 128 /* records per call */

/* Host/Audit: up to min(capacity, max_records, 128) records with a
 * sequence number larger than after_sequence (max_records 0: as many as
 * fit); *count receives how many, *dropped (may be NULL) how many were
 * overwritten on the appliance before being read. */
UNIHV_RESULT UnihvGetAuditLog(UNIHV_CONNECTION *c, uint64_t after_sequence, uint32_t max_records,
			      UNIHV_AUDIT_RECORD *records, uint32_t capacity, uint32_t *count,
			      uint64_t *dropped);

/* ---- unihv.v1.Partition ------------------------------------------------- */

typedef uint64_t UNIHV_PARTITION_ID;

typedef struct UNIHV_PARTITION_INFO {
	UNIHV_PARTITION_ID partition_id;
	char state[16];          /* "created", "initialized", "finalized" */
	uint32_t vp_count;
	uint64_t pool_available_pages;
	uint64_t pool_in_use_pages;
	uint64_t mapped_pages;
} UNIHV_PARTITION_INFO;

#define UNIHV_LIST_MAX 64 /* partitions per List */

/* Partition/Create (WHvCreatePartition): a new partition in the "created"
 * state; flags are HV_PARTITION_CREATION_FLAGS (0 is usual). */
UNIHV_RESULT UnihvCreatePartition(UNIHV_CONNECTION *c, uint64_t flags, UNIHV_PARTITION_ID *id);

/* Partition/SetProperty (WHvSetPartitionProperty).  property is a TLFS
 * HV_PARTITION_PROPERTY_CODE (include/unihv/hv_types.h), not a
 * WHV_PARTITION_PROPERTY_CODE, and the value is always 64 bits. */
UNIHV_RESULT UnihvSetPartitionProperty(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id,
				       uint32_t property, uint64_t value);

/* Partition/GetProperty (WHvGetPartitionProperty), same codes. */
UNIHV_RESULT UnihvGetPartitionProperty(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id,
				       uint32_t property, uint64_t *value);

/* Partition/Setup (WHvSetupPartition): initialize the partition. */
UNIHV_RESULT UnihvSetupPartition(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id);

/* Partition/Delete (WHvDeletePartition): its memory returns to the
 * appliance. */
UNIHV_RESULT UnihvDeletePartition(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id);

/* Partition/List: up to min(capacity, 64) partitions in *count. */
UNIHV_RESULT UnihvListPartitions(UNIHV_CONNECTION *c, UNIHV_PARTITION_INFO *list,
				 uint32_t capacity, uint32_t *count);

/* ---- unihv.v1.Memory ---------------------------------------------------- */

/* WHV_MAP_GPA_RANGE_FLAGS */
enum {
	WHvMapGpaRangeFlagNone = 0,
	WHvMapGpaRangeFlagRead = 1,
	WHvMapGpaRangeFlagWrite = 2,
	WHvMapGpaRangeFlagExecute = 4,
};

/* Memory/Deposit (HvCallDepositMemory; no WHv equivalent): move pages
 * (4 KiB) of the appliance's free memory into the partition's pool;
 * *deposited (may be NULL) receives how many. */
UNIHV_RESULT UnihvDepositMemory(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id, uint64_t pages,
				uint64_t *deposited);

/* Memory/Withdraw (HvCallWithdrawMemory): give up to pages unused pages
 * back; *withdrawn (may be NULL) receives how many. */
UNIHV_RESULT UnihvWithdrawMemory(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id, uint64_t pages,
				 uint64_t *withdrawn);

/* Memory/Balance (HvCallGetMemoryBalance): pages available and in use in
 * the partition's pool. */
UNIHV_RESULT UnihvGetMemoryBalance(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id,
				   uint64_t *available_pages, uint64_t *in_use_pages);

/* Memory/MapGpaRange (WHvMapGpaRange without a source address): back
 * [guest_address, +size) with zeroed appliance memory from the pool.
 * Both page aligned; flags WHvMapGpaRangeFlag*. */
UNIHV_RESULT UnihvMapGpaRange(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id, uint64_t guest_address,
			      uint64_t size, uint32_t flags);

/* Memory/UnmapGpaRange (WHvUnmapGpaRange). */
UNIHV_RESULT UnihvUnmapGpaRange(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id,
				uint64_t guest_address, uint64_t size);

/* Called after each chunk of a transfer: bytes done of total. */
typedef void (*UNIHV_PROGRESS_FN)(void *context, uint64_t done, uint64_t total);

#define UNIHV_GPA_CHUNK 65536 /* bytes per ReadGpa/WriteGpa RPC */

/* Memory/ReadGpa, in chunks of 64 KiB: size bytes of guest memory at
 * guest_address into buffer.  progress (may be NULL) runs after every
 * chunk.  On failure the bytes before the failing chunk have been read. */
UNIHV_RESULT UnihvReadGpa(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id, uint64_t guest_address,
			  void *buffer, uint64_t size, UNIHV_PROGRESS_FN progress, void *context);

/* Memory/WriteGpa, in chunks of 64 KiB; as UnihvReadGpa.  Two chunks are
 * in flight at a time; after a refused chunk the result is that chunk's
 * error, the progress callback has reported every chunk written before
 * it, and a chunk already sent after it may have been written too. */
UNIHV_RESULT UnihvWriteGpa(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id, uint64_t guest_address,
			   const void *buffer, uint64_t size, UNIHV_PROGRESS_FN progress,
			   void *context);

/* Memory/TranslateGva (WHvTranslateGva): flags are TLFS
 * HV_TRANSLATE_GVA_CONTROL_FLAGS (VALIDATE_READ 1, _WRITE 2, _EXECUTE 4,
 * ...), *result_code an HV_TRANSLATE_GVA_RESULT_CODE (0 success), *gpa
 * the guest physical address on success. */
UNIHV_RESULT UnihvTranslateGva(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id, uint32_t vp_index,
			       uint64_t gva, uint32_t flags, uint32_t *result_code, uint64_t *gpa);

/* ---- unihv.v1.Vp -------------------------------------------------------- */

/*
 * Register names of the WHv API (WHV_REGISTER_NAME numbering).  The RPC
 * carries TLFS HV_REGISTER_NAME values (include/unihv/hv_regs.h); the
 * Get/Set functions translate, and reject a name outside this list with
 * UNIHV_E_UNKNOWN_REGISTER before sending anything.
 */
typedef enum UNIHV_REGISTER_NAME {
	WHvX64RegisterRax = 0x00000000,
	WHvX64RegisterRcx = 0x00000001,
	WHvX64RegisterRdx = 0x00000002,
	WHvX64RegisterRbx = 0x00000003,
	WHvX64RegisterRsp = 0x00000004,
	WHvX64RegisterRbp = 0x00000005,
	WHvX64RegisterRsi = 0x00000006,
	WHvX64RegisterRdi = 0x00000007,
	WHvX64RegisterR8 = 0x00000008,
	WHvX64RegisterR9 = 0x00000009,
	WHvX64RegisterR10 = 0x0000000A,
	WHvX64RegisterR11 = 0x0000000B,
	WHvX64RegisterR12 = 0x0000000C,
	WHvX64RegisterR13 = 0x0000000D,
	WHvX64RegisterR14 = 0x0000000E,
	WHvX64RegisterR15 = 0x0000000F,
	WHvX64RegisterRip = 0x00000010,
	WHvX64RegisterRflags = 0x00000011,
	WHvX64RegisterEs = 0x00000012,
	WHvX64RegisterCs = 0x00000013,
	WHvX64RegisterSs = 0x00000014,
	WHvX64RegisterDs = 0x00000015,
	WHvX64RegisterFs = 0x00000016,
	WHvX64RegisterGs = 0x00000017,
	WHvX64RegisterLdtr = 0x00000018,
	WHvX64RegisterTr = 0x00000019,
	WHvX64RegisterIdtr = 0x0000001A,
	WHvX64RegisterGdtr = 0x0000001B,
	WHvX64RegisterCr0 = 0x0000001C,
	WHvX64RegisterCr2 = 0x0000001D,
	WHvX64RegisterCr3 = 0x0000001E,
	WHvX64RegisterCr4 = 0x0000001F,
	WHvX64RegisterCr8 = 0x00000020,
	WHvX64RegisterDr0 = 0x00000021,
	WHvX64RegisterDr1 = 0x00000022,
	WHvX64RegisterDr2 = 0x00000023,
	WHvX64RegisterDr3 = 0x00000024,
	WHvX64RegisterDr6 = 0x00000025,
	WHvX64RegisterDr7 = 0x00000026,
	WHvX64RegisterXCr0 = 0x00000027,
	WHvX64RegisterXmm0 = 0x00001000, /* ... Xmm15 = 0x0000100F */
	WHvX64RegisterXmm15 = 0x0000100F,
	WHvX64RegisterFpMmx0 = 0x00001010, /* ... FpMmx7 = 0x00001017 */
	WHvX64RegisterFpMmx7 = 0x00001017,
	WHvX64RegisterFpControlStatus = 0x00001018,
	WHvX64RegisterXmmControlStatus = 0x00001019,
	WHvX64RegisterTsc = 0x00002000,
	WHvX64RegisterEfer = 0x00002001,
	WHvX64RegisterKernelGsBase = 0x00002002,
	WHvX64RegisterApicBase = 0x00002003,
	WHvX64RegisterPat = 0x00002004,
	WHvX64RegisterSysenterCs = 0x00002005,
	WHvX64RegisterSysenterEip = 0x00002006,
	WHvX64RegisterSysenterEsp = 0x00002007,
	WHvX64RegisterStar = 0x00002008,
	WHvX64RegisterLstar = 0x00002009,
	WHvX64RegisterCstar = 0x0000200A,
	WHvX64RegisterSfmask = 0x0000200B,
	WHvRegisterPendingInterruption = (int)0x80000000,
	WHvRegisterInterruptState = (int)0x80000001,
} UNIHV_REGISTER_NAME;

/* A 128-bit register value (WHV_REGISTER_VALUE, as two halves; segment
 * and table registers use the TLFS layouts of include/unihv/hv_regs.h). */
typedef struct UNIHV_REGISTER_VALUE {
	uint64_t low;  /* bits 63:0 (the whole value of a 64-bit register) */
	uint64_t high; /* bits 127:64 */
} UNIHV_REGISTER_VALUE;

#define UNIHV_REGISTERS_MAX 64 /* names per Get/Set call */

/* The TLFS HV_REGISTER_NAME for a WHv name; false when it has none here. */
bool UnihvRegisterToHv(UNIHV_REGISTER_NAME name, uint32_t *hv_name);

/* The WHv name for a short lower-case name ("rax", "rip", "cr3", "xmm0",
 * "efer", ...); false when unknown.  UnihvRegisterString is the inverse
 * (NULL when unknown). */
bool UnihvRegisterFromString(const char *s, UNIHV_REGISTER_NAME *name);
const char *UnihvRegisterString(UNIHV_REGISTER_NAME name);

/* Vp/Create (WHvCreateVirtualProcessor). */
UNIHV_RESULT UnihvCreateVirtualProcessor(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id,
					 uint32_t vp_index);

/* Vp/Delete (WHvDeleteVirtualProcessor). */
UNIHV_RESULT UnihvDeleteVirtualProcessor(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id,
					 uint32_t vp_index);

/* Vp/GetRegisters (WHvGetVirtualProcessorRegisters): values[i] receives
 * names[i]; count at most 64. */
UNIHV_RESULT UnihvGetVirtualProcessorRegisters(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id,
					       uint32_t vp_index, const UNIHV_REGISTER_NAME *names,
					       uint32_t count, UNIHV_REGISTER_VALUE *values);

/* Vp/SetRegisters (WHvSetVirtualProcessorRegisters); count at most 64. */
UNIHV_RESULT UnihvSetVirtualProcessorRegisters(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id,
					       uint32_t vp_index, const UNIHV_REGISTER_NAME *names,
					       uint32_t count, const UNIHV_REGISTER_VALUE *values);

/* WHV_RUN_VP_EXIT_REASON values. */
enum {
	WHvRunVpExitReasonNone = 0x00000000,
	WHvRunVpExitReasonMemoryAccess = 0x00000001,
	WHvRunVpExitReasonX64IoPortAccess = 0x00000002,
	WHvRunVpExitReasonUnrecoverableException = 0x00000004,
	WHvRunVpExitReasonInvalidVpRegisterValue = 0x00000005,
	WHvRunVpExitReasonUnsupportedFeature = 0x00000006,
	WHvRunVpExitReasonX64InterruptWindow = 0x00000007,
	WHvRunVpExitReasonX64Halt = 0x00000008,
	WHvRunVpExitReasonX64ApicEoi = 0x00000009,
	WHvRunVpExitReasonX64MsrAccess = 0x00001000,
	WHvRunVpExitReasonX64Cpuid = 0x00001001,
	WHvRunVpExitReasonException = 0x00001002,
	WHvRunVpExitReasonX64Rdtsc = 0x00001003,
	WHvRunVpExitReasonHypercall = 0x00001005,
	WHvRunVpExitReasonCanceled = 0x00002001,
};

/* WHV_RUN_VP_EXIT_CONTEXT, flattened as in proto/unihv.proto's
 * ExitContext: the fields of other exit reasons are 0. */
typedef struct UNIHV_RUN_VP_EXIT_CONTEXT {
	uint32_t exit_reason;        /* WHvRunVpExitReason* */
	uint32_t message_type;       /* the HV_MESSAGE_TYPE it came from */
	uint32_t execution_state;
	uint32_t instruction_length;
	uint64_t rip;
	uint64_t rflags;
	uint32_t cs_selector;
	uint32_t io_port;            /* X64IoPortAccess */
	uint32_t io_access_size;
	bool io_is_write;
	uint64_t rax;                /* I/O, MSR */
	uint64_t gpa;                /* MemoryAccess */
	uint64_t gva;
	uint32_t memory_access_type; /* 0 read, 1 write, 2 execute */
	uint32_t msr_number;         /* X64MsrAccess */
	bool msr_is_write;
	uint64_t rdx;
	uint64_t cpuid_rax;          /* X64Cpuid */
	uint64_t cpuid_rcx;
	uint32_t exception_vector;   /* Exception */
	uint32_t error_code;
	uint32_t cancel_reason;      /* Canceled */
	uint32_t hv_message_size;    /* bytes in hv_message (256 or 0) */
	uint8_t hv_message[256];     /* the raw HV_MESSAGE */
} UNIHV_RUN_VP_EXIT_CONTEXT;

/* Vp/Run (WHvRunVirtualProcessor): run until an exit, a cancel or
 * timeout_ms (0: no limit; the appliance then answers with reason
 * Canceled).  Blocks the connection for that long. */
UNIHV_RESULT UnihvRunVirtualProcessor(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id,
				      uint32_t vp_index, uint32_t timeout_ms,
				      UNIHV_RUN_VP_EXIT_CONTEXT *exit_context);

/* Vp/CancelRun (WHvCancelRunVirtualProcessor): the pending Run returns
 * with reason Canceled.  Use a second connection. */
UNIHV_RESULT UnihvCancelRunVirtualProcessor(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id,
					    uint32_t vp_index);

/* Vp/RequestInterrupt (WHvRequestInterrupt, fixed interrupts only):
 * vector to the VP whose APIC ID (= VP index) is destination. */
UNIHV_RESULT UnihvRequestInterrupt(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id,
				   uint32_t destination, uint32_t vector);

/* ---- unihv.v1.Port (HvCallCreatePort / ConnectPort / DeletePort) ------- */

typedef struct UNIHV_PORT_INFO {
	uint32_t port_id;
	uint32_t port_type;   /* HV_PORT_TYPE: 1 message, 2 event */
	uint32_t target_vp;
	uint32_t target_sint;
	uint32_t flag_number; /* event ports: the first SIEF flag */
	uint32_t flag_count;  /* event ports: how many flags (0 means 1) */
	UNIHV_PARTITION_ID connection_partition; /* the only partition that may connect */
} UNIHV_PORT_INFO;

/* Port/Create: a port owned by partition id (the receiver). */
UNIHV_RESULT UnihvCreatePort(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id,
			     const UNIHV_PORT_INFO *port);

/* Port/Connect: connection_id of connection_partition (the sender) now
 * reaches port port_id of port_partition. */
UNIHV_RESULT UnihvConnectPort(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID connection_partition,
			      uint32_t connection_id, UNIHV_PARTITION_ID port_partition,
			      uint32_t port_id);

/* Port/Delete. */
UNIHV_RESULT UnihvDeletePort(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id, uint32_t port_id);

#ifdef __cplusplus
}
#endif

#endif
