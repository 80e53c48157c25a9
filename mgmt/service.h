/*
 * The management services: one table entry per RPC method.  The RPC
 * layer (mgmt/rpc_conn.c) decodes a ttRPC Request, finds the entry by
 * service and method name, checks the caller's role, decodes the payload
 * into the entry's request message (nanopb, static sizes), calls the
 * handler, encodes the response message and, for mutating methods,
 * records the call in the audit log (mgmt/audit.h).
 *
 * Handlers run on the boot CPU in the network context; they must not
 * block for long.  A handler that has to wait (Vp/Run) returns
 * MGMT_PENDING after setting call->poll; the RPC layer then calls
 * call->poll from its poll loop until it returns MGMT_DONE, and the
 * session may close meanwhile (then call->cancel runs, if set).
 */
#ifndef UNIHV_MGMT_SERVICE_H
#define UNIHV_MGMT_SERVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <pb.h>
#include "mgmt/mgmt_role.h"

/* gRPC status codes (google.rpc.Code), used in ttrpc.Status.code. */
enum rpc_code {
	RPC_OK = 0,
	RPC_CANCELLED = 1,
	RPC_UNKNOWN = 2,
	RPC_INVALID_ARGUMENT = 3,
	RPC_DEADLINE_EXCEEDED = 4,
	RPC_NOT_FOUND = 5,
	RPC_ALREADY_EXISTS = 6,
	RPC_PERMISSION_DENIED = 7,
	RPC_RESOURCE_EXHAUSTED = 8,
	RPC_FAILED_PRECONDITION = 9,
	RPC_ABORTED = 10,
	RPC_OUT_OF_RANGE = 11,
	RPC_UNIMPLEMENTED = 12,
	RPC_INTERNAL = 13,
	RPC_UNAVAILABLE = 14,
	RPC_DATA_LOSS = 15,
	RPC_UNAUTHENTICATED = 16,
};

enum mgmt_result { MGMT_DONE, MGMT_PENDING };

struct mgmt_call;
typedef enum mgmt_result (*mgmt_handler_fn)(struct mgmt_call *call, const void *req, void *resp);
typedef enum mgmt_result (*mgmt_poll_fn)(struct mgmt_call *call, void *resp);
typedef void (*mgmt_cancel_fn)(struct mgmt_call *call);

struct mgmt_call {
	const char *client;        /* certificate CN of the caller */
	enum mgmt_role role;
	/* Set by the handler: the result (RPC_OK unless set) and, on error, a
	 * message that starts with the error's name (mgmt_fail()). */
	enum rpc_code code;
	char message[256];
	uint64_t partition_id;     /* for the audit log; 0 when none */
	/* For MGMT_PENDING: */
	mgmt_poll_fn poll;
	mgmt_cancel_fn cancel;
	/* The RPC layer sets deadline_ns from the ttRPC timeout before the
	 * handler runs; the handler may replace it.  When it passes, cancel
	 * runs and the call ends with DEADLINE_EXCEEDED. */
	uint64_t deadline_ns;      /* 0: none (from RunRequest.timeout_ms or the ttRPC timeout) */
	void *state;               /* the handler's own, freed by poll/cancel */
};

struct mgmt_method {
	const char *service;       /* "unihv.v1.Partition" */
	const char *method;        /* "Create" */
	mgmt_handler_fn handler;
	enum mgmt_role role;       /* the least role allowed */
	bool mutating;             /* recorded in the audit log */
	const pb_msgdesc_t *request;   /* unihv_v1_*_msg */
	size_t request_size;           /* sizeof the decoded request struct */
	const pb_msgdesc_t *response;
	size_t response_size;
};

/* Every method, and how many (mgmt/service_table.c). */
extern const struct mgmt_method mgmt_methods[];
extern const size_t mgmt_method_count;

/* The entry for service/method, or NULL. */
const struct mgmt_method *mgmt_find_method(const char *service, const char *method);

/* Set call->code and call->message ("NAME: detail") and return MGMT_DONE. */
enum mgmt_result mgmt_fail(struct mgmt_call *call, enum rpc_code code, const char *name,
			   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Fail with the HV status's name (HV_STATUS_*) and the matching gRPC code;
 * MGMT_DONE.  status 0 (success) leaves the call OK. */
enum mgmt_result mgmt_fail_hv(struct mgmt_call *call, uint16_t hv_status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
