/*
 * Host tests for mgmt/rpc_conn.c and mgmt/service.c: ttRPC requests in,
 * response frames out, checked byte for byte against frames built here by
 * hand (not with nanopb's encoder), with a table of test methods: a
 * read-only one, an admin mutating one and a pending one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <pb_decode.h>
#include "harness.h"
#include "mgmt/audit.h"
#include "mgmt/rpc_conn.h"
#include "mgmt/service.h"
#include "mgmt_host_stubs.h"
#include "ttrpc.pb.h"
#include "unihv.pb.h"
#include "unihv/hv_status.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Table rows leave trailing fields (prefix_only) at zero. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

/* ---- the test service table ------------------------------------------------ */

static unsigned handler_calls;
static bool run_ready;      /* the pending call's poll completes */
static unsigned run_polls, run_cancels;

/* Read-only: the value is twice the code; code 13 fails with an HV status. */
static enum mgmt_result get_capability(struct mgmt_call *call, const void *req, void *resp)
{
	const unihv_v1_GetCapabilityRequest *r = req;
	unihv_v1_GetCapabilityResponse *out = resp;

	handler_calls++;
	if (r->code == 13)
		return mgmt_fail_hv(call, HV_STATUS_NOT_FOUND, "capability %u", (unsigned)r->code);
	out->value = 2ull * r->code;
	return MGMT_DONE;
}

/* Admin, mutating: partition 42 unless flags is 99 (INVALID_PARAMETER). */
static enum mgmt_result create_partition(struct mgmt_call *call, const void *req, void *resp)
{
	const unihv_v1_CreateRequest *r = req;
	unihv_v1_CreateResponse *out = resp;

	handler_calls++;
	if (r->flags == 99)
		return mgmt_fail_hv(call, HV_STATUS_INVALID_PARAMETER, "flags %llu",
				    (unsigned long long)r->flags);
	call->partition_id = 42;
	out->partition_id = 42;
	return MGMT_DONE;
}

static enum mgmt_result run_poll(struct mgmt_call *call, void *resp)
{
	unihv_v1_RunResponse *out = resp;

	run_polls++;
	if (!run_ready)
		return MGMT_PENDING;
	out->has_exit = true;
	out->exit.exit_reason = 8;
	return MGMT_DONE;
}

static void run_cancel(struct mgmt_call *call)
{
	run_cancels++;
}

/* Admin, mutating, pending until run_ready. */
static enum mgmt_result run_vp(struct mgmt_call *call, const void *req, void *resp)
{
	const unihv_v1_RunRequest *r = req;

	handler_calls++;
	call->partition_id = r->partition_id;
	call->poll = run_poll;
	call->cancel = run_cancel;
	return MGMT_PENDING;
}

/* Breaks the contract: pending without a poll function. */
static enum mgmt_result broken_pending(struct mgmt_call *call, const void *req, void *resp)
{
	handler_calls++;
	call->cancel = run_cancel;
	return MGMT_PENDING;
}

#define METHOD(svc, name, fn, role_, mut, req, resp)                                     \
	{ svc, name, fn, role_, mut, &unihv_v1_##req##_msg, sizeof(unihv_v1_##req),        \
	  &unihv_v1_##resp##_msg, sizeof(unihv_v1_##resp) }

const struct mgmt_method mgmt_methods[] = {
	METHOD("unihv.v1.Host", "GetCapability", get_capability, MGMT_ROLE_READ_ONLY, false,
	       GetCapabilityRequest, GetCapabilityResponse),
	METHOD("unihv.v1.Partition", "Create", create_partition, MGMT_ROLE_ADMIN, true,
	       CreateRequest, CreateResponse),
	METHOD("unihv.v1.Vp", "Run", run_vp, MGMT_ROLE_ADMIN, true, RunRequest, RunResponse),
	METHOD("unihv.v1.Vp", "Broken", broken_pending, MGMT_ROLE_READ_ONLY, false, Empty, Empty),
};
const size_t mgmt_method_count = ARRAY_SIZE(mgmt_methods);

/* ---- hand-built protobuf and frames ----------------------------------------- */

struct bytes {
	uint8_t b[80 * 1024];
	size_t n;
};

static void put_raw(struct bytes *o, const void *data, size_t len)
{
	assert_true(o->n + len <= sizeof(o->b));
	memcpy(o->b + o->n, data, len);
	o->n += len;
}

static void put_varint(struct bytes *o, uint64_t v)
{
	do {
		uint8_t byte = (uint8_t)(v & 0x7f);

		v >>= 7;
		if (v)
			byte |= 0x80;
		put_raw(o, &byte, 1);
	} while (v);
}

static void put_len_field(struct bytes *o, unsigned field, const void *data, size_t len)
{
	put_varint(o, field << 3 | 2);
	put_varint(o, len);
	put_raw(o, data, len);
}

static void put_header(struct bytes *o, uint32_t length, uint32_t stream, uint8_t type,
		       uint8_t flags)
{
	uint8_t h[10] = { length >> 24, length >> 16, length >> 8, length,
			  stream >> 24, stream >> 16, stream >> 8, stream, type, flags };
	put_raw(o, h, sizeof(h));
}

/* Append a type-1 frame carrying Request{service, method, payload, timeout}. */
static void put_request(struct bytes *o, uint32_t stream, const char *service, const char *method,
			const void *payload, size_t payload_len, int64_t timeout_nano)
{
	static struct bytes body;

	body.n = 0;
	if (service[0])
		put_len_field(&body, 1, service, strlen(service));
	if (method[0])
		put_len_field(&body, 2, method, strlen(method));
	if (payload_len)
		put_len_field(&body, 3, payload, payload_len);
	if (timeout_nano) {
		put_varint(&body, 4 << 3 | 0);
		put_varint(&body, (uint64_t)timeout_nano);
	}
	put_header(o, (uint32_t)body.n, stream, 1, 0);
	put_raw(o, body.b, body.n);
}

/* Append the type-2 frame the server must send: Response{Status{code,
 * message}, payload}, the status always present (empty when OK). */
static void put_response(struct bytes *o, uint32_t stream, int32_t code, const char *message,
			 const void *payload, size_t payload_len)
{
	struct bytes *status = calloc(1, sizeof(*status)), *body = calloc(1, sizeof(*body));

	assert_non_null(status);
	assert_non_null(body);
	if (code) {
		put_varint(status, 1 << 3 | 0);
		put_varint(status, (uint64_t)code);
	}
	if (message[0])
		put_len_field(status, 2, message, strlen(message));
	put_len_field(body, 1, status->b, status->n);
	if (payload_len)
		put_len_field(body, 2, payload, payload_len);
	put_header(o, (uint32_t)body->n, stream, 2, 0);
	put_raw(o, body->b, body->n);
	free(status);
	free(body);
}

/* ---- the transport ------------------------------------------------------------ */

static struct capture {
	struct bytes out;
	unsigned sends;
	bool refuse;  /* the transport fails every send */
} cap;

static bool capture_send(void *transport, const void *buf, size_t len)
{
	struct capture *c = transport;

	c->sends++;
	if (c->refuse)
		return false;
	put_raw(&c->out, buf, len);
	return true;
}

static struct bytes in, expected;

static int reset(void **state)
{
	memset(&cap, 0, sizeof(cap));
	in.n = 0;
	expected.n = 0;
	handler_calls = 0;
	run_ready = false;
	run_polls = run_cancels = 0;
	stub_clock_now_ns = 5000;
	audit_reset();
	return 0;
}

static struct rpc_conn *open_conn(const char *client, enum mgmt_role role)
{
	struct rpc_conn *c = rpc_conn_open(client, role, capture_send, &cap);

	assert_non_null(c);
	return c;
}

static void assert_output(const struct bytes *want)
{
	assert_int_equal(cap.out.n, want->n);
	assert_memory_equal(cap.out.b, want->b, want->n);
}

/* The single response frame in cap.out, decoded (for messages whose detail
 * comes from nanopb and is not pinned byte for byte). */
static ttrpc_Response decoded;
static void decode_only_response(uint32_t want_stream, int32_t want_code, const char *prefix)
{
	assert_true(cap.out.n >= 10);
	uint32_t len = (uint32_t)cap.out.b[0] << 24 | cap.out.b[1] << 16 | cap.out.b[2] << 8 |
		       cap.out.b[3];
	uint32_t stream = (uint32_t)cap.out.b[4] << 24 | cap.out.b[5] << 16 |
			  cap.out.b[6] << 8 | cap.out.b[7];
	assert_int_equal(cap.out.n, 10 + len);
	assert_int_equal(stream, want_stream);
	assert_int_equal(cap.out.b[8], 2);
	assert_int_equal(cap.out.b[9], 0);
	pb_istream_t is = pb_istream_from_buffer(cap.out.b + 10, len);
	assert_true(pb_decode(&is, ttrpc_Response_fields, &decoded));
	assert_true(decoded.has_status);
	assert_int_equal(decoded.status.code, want_code);
	if (strncmp(decoded.status.message, prefix, strlen(prefix)) != 0)
		fail_msg("message \"%s\" does not start with \"%s\"", decoded.status.message, prefix);
	assert_int_equal(decoded.payload.size, 0);
}

static const uint8_t cap5_req[] = { 0x08, 0x05 };        /* GetCapabilityRequest{code 5} */
static const uint8_t cap5_resp[] = { 0x08, 0x0a };       /* GetCapabilityResponse{value 10} */
static const uint8_t create_req[] = { 0x08, 0x01 };      /* CreateRequest{flags 1} */
static const uint8_t create_resp[] = { 0x08, 42 };       /* CreateResponse{partition_id 42} */
static const uint8_t run_req[] = { 0x08, 0x07, 0x10, 0x01 }; /* RunRequest{partition 7, vp 1} */
static const uint8_t run_resp[] = { 0x0a, 0x02, 0x08, 0x08 }; /* RunResponse{exit{reason 8}} */

/* ---- requests that succeed ------------------------------------------------------- */

static void valid_request_gets_exact_response(void **state)
{
	struct rpc_stats before = *rpc_get_stats();
	struct rpc_conn *c = open_conn("viewer", MGMT_ROLE_READ_ONLY);

	put_request(&in, 1, "unihv.v1.Host", "GetCapability", cap5_req, sizeof(cap5_req), 0);
	assert_true(rpc_conn_input(c, in.b, in.n));
	/* Pinned once in full: header(len 6, stream 1, type 2), status {}, payload. */
	static const uint8_t want[] = { 0, 0, 0, 6, 0, 0, 0, 1, 2, 0,
					0x0a, 0x00, 0x12, 0x02, 0x08, 0x0a };
	assert_int_equal(cap.out.n, sizeof(want));
	assert_memory_equal(cap.out.b, want, sizeof(want));
	put_response(&expected, 1, 0, "", cap5_resp, sizeof(cap5_resp));
	assert_output(&expected);
	assert_int_equal(cap.sends, 1);
	assert_int_equal(handler_calls, 1);
	assert_false(rpc_conn_busy(c));
	assert_int_equal(rpc_get_stats()->requests, before.requests + 1);
	assert_int_equal(rpc_get_stats()->errors, before.errors);
	assert_int_equal(rpc_get_stats()->protocol_errors, before.protocol_errors);
	/* A read-only method is not audited. */
	assert_int_equal(audit_last_sequence(), 0);
	rpc_conn_close(c);
}

static void request_split_at_every_byte(void **state)
{
	put_request(&in, 0x7fffffff, "unihv.v1.Host", "GetCapability", cap5_req,
		    sizeof(cap5_req), 0);
	put_response(&expected, 0x7fffffff, 0, "", cap5_resp, sizeof(cap5_resp));
	for (size_t cut = 0; cut <= in.n; cut++) {
		struct rpc_conn *c = open_conn("viewer", MGMT_ROLE_READ_ONLY);

		cap.out.n = 0;
		assert_true(rpc_conn_input(c, in.b, cut));
		if (cut < in.n)
			assert_int_equal(cap.out.n, 0);
		assert_true(rpc_conn_input(c, in.b + cut, in.n - cut));
		assert_output(&expected);
		rpc_conn_close(c);
	}
	/* One byte at a time. */
	struct rpc_conn *c = open_conn("viewer", MGMT_ROLE_READ_ONLY);
	cap.out.n = 0;
	for (size_t i = 0; i < in.n; i++)
		assert_true(rpc_conn_input(c, in.b + i, 1));
	assert_output(&expected);
	rpc_conn_close(c);
}

static void two_requests_in_one_buffer(void **state)
{
	struct rpc_conn *c = open_conn("admin", MGMT_ROLE_ADMIN);

	put_request(&in, 1, "unihv.v1.Host", "GetCapability", cap5_req, sizeof(cap5_req), 0);
	put_request(&in, 3, "unihv.v1.Partition", "Create", create_req, sizeof(create_req), 0);
	assert_true(rpc_conn_input(c, in.b, in.n));
	put_response(&expected, 1, 0, "", cap5_resp, sizeof(cap5_resp));
	put_response(&expected, 3, 0, "", create_resp, sizeof(create_resp));
	assert_output(&expected);
	assert_int_equal(cap.sends, 2);

	/* The admin call is audited with its partition. */
	struct audit_entry e[2];
	uint64_t dropped;
	assert_int_equal(audit_read(0, 2, e, &dropped), 1);
	assert_int_equal(e[0].sequence, 1);
	assert_string_equal(e[0].client, "admin");
	assert_string_equal(e[0].method, "unihv.v1.Partition/Create");
	assert_int_equal(e[0].partition_id, 42);
	assert_int_equal(e[0].code, 0);
	assert_string_equal(e[0].result, "OK");
	rpc_conn_close(c);
}

static void empty_payload_is_a_default_request(void **state)
{
	struct rpc_conn *c = open_conn("viewer", MGMT_ROLE_READ_ONLY);

	/* GetCapability{code 0}: value 0, an empty response message. */
	put_request(&in, 9, "unihv.v1.Host", "GetCapability", NULL, 0, 0);
	assert_true(rpc_conn_input(c, in.b, in.n));
	put_response(&expected, 9, 0, "", NULL, 0);
	assert_output(&expected);
	rpc_conn_close(c);
}

/* ---- refused requests (the connection stays) -------------------------------------- */

static void unknown_method_and_service(void **state)
{
	struct rpc_stats before = *rpc_get_stats();
	struct rpc_conn *c = open_conn("admin", MGMT_ROLE_ADMIN);

	put_request(&in, 1, "unihv.v1.Host", "Nope", NULL, 0, 0);
	put_request(&in, 3, "unihv.v9.Nothing", "GetCapability", NULL, 0, 0);
	put_request(&in, 5, "unihv.v1.Host", "GetCapability", cap5_req, sizeof(cap5_req), 0);
	assert_true(rpc_conn_input(c, in.b, in.n));
	put_response(&expected, 1, RPC_UNIMPLEMENTED, "UNIHV_E_UNKNOWN_METHOD: unihv.v1.Host/Nope",
		     NULL, 0);
	put_response(&expected, 3, RPC_UNIMPLEMENTED,
		     "UNIHV_E_UNKNOWN_METHOD: unihv.v9.Nothing/GetCapability", NULL, 0);
	put_response(&expected, 5, 0, "", cap5_resp, sizeof(cap5_resp));
	assert_output(&expected);
	assert_int_equal(handler_calls, 1);
	assert_int_equal(rpc_get_stats()->requests, before.requests + 3);
	assert_int_equal(rpc_get_stats()->errors, before.errors + 2);
	assert_int_equal(audit_last_sequence(), 0);
	rpc_conn_close(c);
}

static void read_only_client_on_admin_method(void **state)
{
	struct rpc_conn *c = open_conn("viewer", MGMT_ROLE_READ_ONLY);

	put_request(&in, 1, "unihv.v1.Partition", "Create", create_req, sizeof(create_req), 0);
	assert_true(rpc_conn_input(c, in.b, in.n));
	put_response(&expected, 1, RPC_PERMISSION_DENIED,
		     "UNIHV_E_PERMISSION_DENIED: unihv.v1.Partition/Create needs the admin role; "
		     "client viewer is read-only",
		     NULL, 0);
	assert_output(&expected);
	assert_int_equal(handler_calls, 0);

	/* A refused mutating call is audited. */
	struct audit_entry e[2];
	assert_int_equal(audit_read(0, 2, e, NULL), 1);
	assert_string_equal(e[0].client, "viewer");
	assert_string_equal(e[0].method, "unihv.v1.Partition/Create");
	assert_int_equal(e[0].partition_id, 0);
	assert_int_equal(e[0].code, RPC_PERMISSION_DENIED);
	assert_string_equal(e[0].result, "UNIHV_E_PERMISSION_DENIED");

	/* The connection still serves what the role allows. */
	cap.out.n = 0;
	expected.n = 0;
	in.n = 0;
	put_request(&in, 3, "unihv.v1.Host", "GetCapability", cap5_req, sizeof(cap5_req), 0);
	assert_true(rpc_conn_input(c, in.b, in.n));
	put_response(&expected, 3, 0, "", cap5_resp, sizeof(cap5_resp));
	assert_output(&expected);
	rpc_conn_close(c);
}

static void handler_error_is_sent_and_audited(void **state)
{
	static const uint8_t bad_flags[] = { 0x08, 99 };
	struct rpc_conn *c = open_conn("admin", MGMT_ROLE_ADMIN);

	put_request(&in, 1, "unihv.v1.Partition", "Create", bad_flags, sizeof(bad_flags), 0);
	put_request(&in, 3, "unihv.v1.Host", "GetCapability", (const uint8_t[]){ 0x08, 13 }, 2, 0);
	assert_true(rpc_conn_input(c, in.b, in.n));
	put_response(&expected, 1, RPC_INVALID_ARGUMENT, "HV_STATUS_INVALID_PARAMETER: flags 99",
		     NULL, 0);
	put_response(&expected, 3, RPC_NOT_FOUND, "HV_STATUS_NOT_FOUND: capability 13", NULL, 0);
	assert_output(&expected);

	struct audit_entry e[2];
	assert_int_equal(audit_read(0, 2, e, NULL), 1);
	assert_int_equal(e[0].code, RPC_INVALID_ARGUMENT);
	assert_string_equal(e[0].result, "HV_STATUS_INVALID_PARAMETER");
	rpc_conn_close(c);
}

static void bad_payload(void **state)
{
	static const uint8_t truncated_varint[] = { 0x08, 0xff };
	static const uint8_t wrong_wire_type[] = { 0x0a, 0x01, 0x00 }; /* field 1 as bytes */
	struct rpc_conn *c = open_conn("admin", MGMT_ROLE_ADMIN);

	put_request(&in, 1, "unihv.v1.Host", "GetCapability", truncated_varint,
		    sizeof(truncated_varint), 0);
	assert_true(rpc_conn_input(c, in.b, in.n));
	decode_only_response(1, RPC_INVALID_ARGUMENT,
			     "UNIHV_E_BAD_PAYLOAD: the payload of unihv.v1.Host/GetCapability "
			     "is not a valid request: ");
	assert_int_equal(handler_calls, 0);
	assert_int_equal(audit_last_sequence(), 0);

	cap.out.n = 0;
	in.n = 0;
	put_request(&in, 3, "unihv.v1.Partition", "Create", wrong_wire_type,
		    sizeof(wrong_wire_type), 0);
	assert_true(rpc_conn_input(c, in.b, in.n));
	decode_only_response(3, RPC_INVALID_ARGUMENT, "UNIHV_E_BAD_PAYLOAD: ");
	assert_int_equal(handler_calls, 0);
	struct audit_entry e[1];
	assert_int_equal(audit_read(0, 1, e, NULL), 1);
	assert_int_equal(e[0].code, RPC_INVALID_ARGUMENT);
	assert_string_equal(e[0].result, "UNIHV_E_BAD_PAYLOAD");

	/* Still serving. */
	cap.out.n = 0;
	in.n = 0;
	put_request(&in, 5, "unihv.v1.Host", "GetCapability", cap5_req, sizeof(cap5_req), 0);
	assert_true(rpc_conn_input(c, in.b, in.n));
	put_response(&expected, 5, 0, "", cap5_resp, sizeof(cap5_resp));
	assert_output(&expected);
	rpc_conn_close(c);
}

/* ---- protocol errors (the connection closes) --------------------------------------- */

struct malformed_case {
	const char *name;
	uint8_t frame[96];
	size_t len;
	uint32_t answered_stream;  /* 0: nothing is sent */
	int32_t code;
	const char *message;       /* exact, or a prefix when prefix_only */
	bool prefix_only;
};

#define RPC_MAX_PLUS_1 ((RPC_MAX_FRAME + 1) >> 24 & 0xff), ((RPC_MAX_FRAME + 1) >> 16 & 0xff), \
		       ((RPC_MAX_FRAME + 1) >> 8 & 0xff), ((RPC_MAX_FRAME + 1) & 0xff)

static const struct malformed_case malformed_cases[] = {
	{ "frame longer than RPC_MAX_FRAME", { RPC_MAX_PLUS_1, 0, 0, 0, 1, 1, 0, 0x0a, 0x00 }, 12,
	  1, RPC_RESOURCE_EXHAUSTED,
	  "UNIHV_E_FRAME_TOO_LARGE: frame of 69633 bytes on stream 1; at most 69632" },
	{ "length 0xffffffff on stream 0", { 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 1, 0 }, 10,
	  0, 0, NULL },
	{ "frame type 7", { 0, 0, 0, 2, 0, 0, 0, 5, 7, 0, 0x0a, 0x00 }, 12, 5,
	  RPC_INVALID_ARGUMENT,
	  "UNIHV_E_BAD_FRAME_TYPE: frame type 7 on stream 5; only requests (1) are accepted" },
	{ "a response from the client", { 0, 0, 0, 0, 0, 0, 0, 7, 2, 0 }, 10, 7,
	  RPC_INVALID_ARGUMENT,
	  "UNIHV_E_BAD_FRAME_TYPE: frame type 2 on stream 7; only requests (1) are accepted" },
	{ "a data frame", { 0, 0, 0, 0, 0, 0, 0, 9, 3, 1 }, 10, 9, RPC_INVALID_ARGUMENT,
	  "UNIHV_E_BAD_FRAME_TYPE: frame type 3 on stream 9; only requests (1) are accepted" },
	{ "even stream id", { 0, 0, 0, 0, 0, 0, 0, 2, 1, 0 }, 10, 2, RPC_INVALID_ARGUMENT,
	  "UNIHV_E_BAD_STREAM_ID: stream 2: client stream ids are odd" },
	{ "stream id 0", { 0, 0, 0, 0, 0, 0, 0, 0, 1, 0 }, 10, 0, 0, NULL },
	{ "garbage Request bytes", { 0, 0, 0, 3, 0, 0, 0, 3, 1, 0, 0xff, 0xff, 0xff }, 13, 3,
	  RPC_INVALID_ARGUMENT, "UNIHV_E_MALFORMED_REQUEST: stream 3: not a ttrpc.Request: ",
	  true },
	{ "Request string running past the body",
	  { 0, 0, 0, 4, 0, 0, 0, 3, 1, 0, 0x0a, 0x10, 'a', 'b' }, 14, 3, RPC_INVALID_ARGUMENT,
	  "UNIHV_E_MALFORMED_REQUEST: stream 3: not a ttrpc.Request: ", true },
	{ "zero-length body", { 0, 0, 0, 0, 0, 0, 0, 5, 1, 0 }, 10, 5, RPC_INVALID_ARGUMENT,
	  "UNIHV_E_MALFORMED_REQUEST: the request names no service or no method" },
	{ "service without method",
	  { 0, 0, 0, 3, 0, 0, 0, 11, 1, 0, 0x0a, 0x01, 'x' }, 13, 11, RPC_INVALID_ARGUMENT,
	  "UNIHV_E_MALFORMED_REQUEST: the request names no service or no method" },
};

/* After a protocol error the connection takes nothing more. */
static void check_closed_for_good(struct rpc_conn *c)
{
	size_t out_before = cap.out.n;
	struct bytes *more = calloc(1, sizeof(*more));

	assert_non_null(more);
	put_request(more, 1, "unihv.v1.Host", "GetCapability", cap5_req, sizeof(cap5_req), 0);
	assert_false(rpc_conn_input(c, more->b, more->n));
	assert_false(rpc_conn_poll(c, 0));
	assert_int_equal(cap.out.n, out_before);
	free(more);
}

static void malformed_frames_close_the_connection(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(malformed_cases); i++) {
		const struct malformed_case *m = &malformed_cases[i];
		struct rpc_stats before = *rpc_get_stats();
		struct rpc_conn *c = open_conn("admin", MGMT_ROLE_ADMIN);

		print_message("case: %s\n", m->name);
		cap.out.n = 0;
		expected.n = 0;
		assert_false(rpc_conn_input(c, m->frame, m->len));
		if (m->answered_stream == 0) {
			assert_int_equal(cap.out.n, 0);
		} else if (m->prefix_only) {
			decode_only_response(m->answered_stream, m->code, m->message);
		} else {
			put_response(&expected, m->answered_stream, m->code, m->message, NULL, 0);
			assert_output(&expected);
		}
		assert_int_equal(rpc_get_stats()->protocol_errors, before.protocol_errors + 1);
		assert_int_equal(rpc_get_stats()->errors,
				 before.errors + (m->answered_stream ? 1 : 0));
		check_closed_for_good(c);
		rpc_conn_close(c);

		/* A fresh connection works. */
		c = open_conn("admin", MGMT_ROLE_ADMIN);
		cap.out.n = 0;
		expected.n = 0;
		in.n = 0;
		put_request(&in, 1, "unihv.v1.Host", "GetCapability", cap5_req, sizeof(cap5_req), 0);
		assert_true(rpc_conn_input(c, in.b, in.n));
		put_response(&expected, 1, 0, "", cap5_resp, sizeof(cap5_resp));
		assert_output(&expected);
		rpc_conn_close(c);
	}
	assert_int_equal(handler_calls, ARRAY_SIZE(malformed_cases));
}

static void oversize_refused_without_its_body(void **state)
{
	/* The header alone is enough to refuse: no body byte is awaited. */
	struct rpc_conn *c = open_conn("admin", MGMT_ROLE_ADMIN);

	put_header(&in, RPC_MAX_FRAME + 1, 3, 1, 0);
	assert_false(rpc_conn_input(c, in.b, in.n));
	put_response(&expected, 3, RPC_RESOURCE_EXHAUSTED,
		     "UNIHV_E_FRAME_TOO_LARGE: frame of 69633 bytes on stream 3; at most 69632", NULL,
		     0);
	assert_output(&expected);
	rpc_conn_close(c);

	/* Exactly RPC_MAX_FRAME is read (and here is not a valid Request). */
	c = open_conn("admin", MGMT_ROLE_ADMIN);
	struct bytes *big = calloc(1, sizeof(*big));
	assert_non_null(big);
	put_header(big, RPC_MAX_FRAME, 5, 1, 0);
	memset(big->b + big->n, 0xff, RPC_MAX_FRAME);
	big->n += RPC_MAX_FRAME;
	cap.out.n = 0;
	assert_true(rpc_conn_input(c, big->b, big->n - 1));
	assert_int_equal(cap.out.n, 0);
	assert_false(rpc_conn_input(c, big->b + big->n - 1, 1));
	decode_only_response(5, RPC_INVALID_ARGUMENT, "UNIHV_E_MALFORMED_REQUEST: ");
	free(big);
	rpc_conn_close(c);
}

static void valid_request_then_garbage_in_one_buffer(void **state)
{
	struct rpc_conn *c = open_conn("admin", MGMT_ROLE_ADMIN);

	put_request(&in, 1, "unihv.v1.Host", "GetCapability", cap5_req, sizeof(cap5_req), 0);
	put_header(&in, 0, 4, 1, 0);
	put_request(&in, 5, "unihv.v1.Host", "GetCapability", cap5_req, sizeof(cap5_req), 0);
	assert_false(rpc_conn_input(c, in.b, in.n));
	put_response(&expected, 1, 0, "", cap5_resp, sizeof(cap5_resp));
	put_response(&expected, 4, RPC_INVALID_ARGUMENT,
		     "UNIHV_E_BAD_STREAM_ID: stream 4: client stream ids are odd", NULL, 0);
	assert_output(&expected);
	assert_int_equal(handler_calls, 1);
	rpc_conn_close(c);
}

static void transport_refusing_a_send_closes(void **state)
{
	struct rpc_conn *c = open_conn("admin", MGMT_ROLE_ADMIN);

	cap.refuse = true;
	put_request(&in, 1, "unihv.v1.Host", "GetCapability", cap5_req, sizeof(cap5_req), 0);
	assert_false(rpc_conn_input(c, in.b, in.n));
	assert_int_equal(cap.sends, 1);
	rpc_conn_close(c);
}

/* ---- pending calls ------------------------------------------------------------------- */

static void pending_call_completes_from_poll(void **state)
{
	struct rpc_conn *c = open_conn("admin", MGMT_ROLE_ADMIN);

	put_request(&in, 1, "unihv.v1.Vp", "Run", run_req, sizeof(run_req), 0);
	assert_true(rpc_conn_input(c, in.b, in.n));
	assert_int_equal(cap.out.n, 0);
	assert_true(rpc_conn_busy(c));
	assert_int_equal(audit_last_sequence(), 0);

	/* A second call meanwhile: busy (and audited, being mutating). */
	in.n = 0;
	put_request(&in, 3, "unihv.v1.Partition", "Create", create_req, sizeof(create_req), 0);
	put_request(&in, 5, "unihv.v1.Host", "GetCapability", cap5_req, sizeof(cap5_req), 0);
	assert_true(rpc_conn_input(c, in.b, in.n));
	put_response(&expected, 3, RPC_UNAVAILABLE,
		     "UNIHV_E_BUSY: unihv.v1.Vp/Run is still running on this connection", NULL, 0);
	put_response(&expected, 5, RPC_UNAVAILABLE,
		     "UNIHV_E_BUSY: unihv.v1.Vp/Run is still running on this connection", NULL, 0);
	assert_output(&expected);
	assert_int_equal(handler_calls, 1);
	assert_int_equal(audit_last_sequence(), 1);

	/* No deadline: polls until done. */
	cap.out.n = 0;
	expected.n = 0;
	assert_true(rpc_conn_poll(c, 1000000000000ull));
	assert_true(rpc_conn_poll(c, 2000000000000ull));
	assert_int_equal(run_polls, 2);
	assert_int_equal(cap.out.n, 0);
	assert_true(rpc_conn_busy(c));
	run_ready = true;
	assert_true(rpc_conn_poll(c, 2000000000001ull));
	put_response(&expected, 1, 0, "", run_resp, sizeof(run_resp));
	assert_output(&expected);
	assert_false(rpc_conn_busy(c));
	assert_int_equal(run_cancels, 0);
	/* Nothing pending: poll does nothing. */
	assert_true(rpc_conn_poll(c, 2000000000002ull));
	assert_int_equal(run_polls, 3);
	assert_int_equal(cap.out.n, expected.n);

	struct audit_entry e[4];
	assert_int_equal(audit_read(0, 4, e, NULL), 2);
	assert_string_equal(e[0].method, "unihv.v1.Partition/Create");
	assert_int_equal(e[0].code, RPC_UNAVAILABLE);
	assert_string_equal(e[0].result, "UNIHV_E_BUSY");
	assert_string_equal(e[1].method, "unihv.v1.Vp/Run");
	assert_int_equal(e[1].partition_id, 7);
	assert_int_equal(e[1].code, 0);
	assert_string_equal(e[1].result, "OK");

	/* The connection takes a new call. */
	cap.out.n = 0;
	expected.n = 0;
	in.n = 0;
	put_request(&in, 7, "unihv.v1.Host", "GetCapability", cap5_req, sizeof(cap5_req), 0);
	assert_true(rpc_conn_input(c, in.b, in.n));
	put_response(&expected, 7, 0, "", cap5_resp, sizeof(cap5_resp));
	assert_output(&expected);
	rpc_conn_close(c);
	assert_int_equal(run_cancels, 0);
}

static void pending_call_deadline(void **state)
{
	struct rpc_conn *c = open_conn("admin", MGMT_ROLE_ADMIN);

	/* Requested at t=5000 with a 1000 ns timeout: deadline 6000. */
	stub_clock_now_ns = 5000;
	put_request(&in, 11, "unihv.v1.Vp", "Run", run_req, sizeof(run_req), 1000);
	assert_true(rpc_conn_input(c, in.b, in.n));
	assert_true(rpc_conn_busy(c));
	assert_true(rpc_conn_poll(c, 5999));
	assert_int_equal(cap.out.n, 0);
	assert_int_equal(run_cancels, 0);
	assert_true(rpc_conn_poll(c, 6000));
	assert_int_equal(run_cancels, 1);
	put_response(&expected, 11, RPC_DEADLINE_EXCEEDED,
		     "UNIHV_E_DEADLINE_EXCEEDED: unihv.v1.Vp/Run did not finish in time", NULL, 0);
	assert_output(&expected);
	assert_false(rpc_conn_busy(c));

	struct audit_entry e[1];
	assert_int_equal(audit_read(0, 1, e, NULL), 1);
	assert_int_equal(e[0].code, RPC_DEADLINE_EXCEEDED);
	assert_int_equal(e[0].partition_id, 7);
	assert_string_equal(e[0].result, "UNIHV_E_DEADLINE_EXCEEDED");
	rpc_conn_close(c);
	assert_int_equal(run_cancels, 1);
}

static void done_at_the_deadline_wins(void **state)
{
	struct rpc_conn *c = open_conn("admin", MGMT_ROLE_ADMIN);

	put_request(&in, 1, "unihv.v1.Vp", "Run", run_req, sizeof(run_req), 10);
	assert_true(rpc_conn_input(c, in.b, in.n));
	run_ready = true;
	assert_true(rpc_conn_poll(c, 1000000));
	put_response(&expected, 1, 0, "", run_resp, sizeof(run_resp));
	assert_output(&expected);
	assert_int_equal(run_cancels, 0);
	rpc_conn_close(c);
}

static void closing_cancels_the_pending_call(void **state)
{
	struct rpc_conn *c = open_conn("admin", MGMT_ROLE_ADMIN);

	put_request(&in, 1, "unihv.v1.Vp", "Run", run_req, sizeof(run_req), 0);
	assert_true(rpc_conn_input(c, in.b, in.n));
	assert_true(rpc_conn_busy(c));
	rpc_conn_close(c);
	assert_int_equal(run_cancels, 1);
	assert_int_equal(cap.out.n, 0);

	struct audit_entry e[1];
	assert_int_equal(audit_read(0, 1, e, NULL), 1);
	assert_string_equal(e[0].method, "unihv.v1.Vp/Run");
	assert_int_equal(e[0].code, RPC_CANCELLED);
	assert_string_equal(e[0].result, "UNIHV_E_CONNECTION_CLOSED");
}

static void pending_without_poll_is_internal(void **state)
{
	struct rpc_conn *c = open_conn("viewer", MGMT_ROLE_READ_ONLY);

	put_request(&in, 1, "unihv.v1.Vp", "Broken", NULL, 0, 0);
	assert_true(rpc_conn_input(c, in.b, in.n));
	put_response(&expected, 1, RPC_INTERNAL,
		     "UNIHV_E_INTERNAL: unihv.v1.Vp/Broken returned pending without a poll "
		     "function",
		     NULL, 0);
	assert_output(&expected);
	assert_false(rpc_conn_busy(c));
	assert_int_equal(run_cancels, 1);
	rpc_conn_close(c);
}

/* ---- service.c ------------------------------------------------------------------------ */

static void find_method(void **state)
{
	assert_ptr_equal(mgmt_find_method("unihv.v1.Vp", "Run"), &mgmt_methods[2]);
	assert_ptr_equal(mgmt_find_method("unihv.v1.Host", "GetCapability"), &mgmt_methods[0]);
	assert_null(mgmt_find_method("unihv.v1.Host", "Run"));
	assert_null(mgmt_find_method("unihv.v1.Vp", "run"));
	assert_null(mgmt_find_method("", ""));
}

static void fail_helpers(void **state)
{
	static const struct {
		uint16_t status;
		enum rpc_code code;
	} map[] = {
		{ HV_STATUS_INVALID_PARTITION_ID, RPC_NOT_FOUND },
		{ HV_STATUS_INVALID_VP_INDEX, RPC_NOT_FOUND },
		{ HV_STATUS_ACCESS_DENIED, RPC_PERMISSION_DENIED },
		{ HV_STATUS_INSUFFICIENT_MEMORY, RPC_RESOURCE_EXHAUSTED },
		{ HV_STATUS_INVALID_PARTITION_STATE, RPC_FAILED_PRECONDITION },
		{ HV_STATUS_INVALID_VP_STATE, RPC_FAILED_PRECONDITION },
		{ HV_STATUS_INVALID_HYPERCALL_CODE, RPC_UNIMPLEMENTED },
		{ HV_STATUS_FEATURE_UNAVAILABLE, RPC_UNIMPLEMENTED },
		{ HV_STATUS_INVALID_PARAMETER, RPC_INVALID_ARGUMENT },
		{ HV_STATUS_INVALID_ALIGNMENT, RPC_INVALID_ARGUMENT },
		{ HV_STATUS_INVALID_HYPERCALL_INPUT, RPC_INVALID_ARGUMENT },
		{ HV_STATUS_INVALID_REGISTER_VALUE, RPC_INVALID_ARGUMENT },
		{ HV_STATUS_OPERATION_FAILED, RPC_INTERNAL },
	};
	struct mgmt_call call;

	for (size_t i = 0; i < ARRAY_SIZE(map); i++) {
		char want[256];

		memset(&call, 0, sizeof(call));
		assert_int_equal(mgmt_fail_hv(&call, map[i].status, "partition %d", 3), MGMT_DONE);
		assert_int_equal(call.code, map[i].code);
		snprintf(want, sizeof(want), "%s: partition 3", hv_status_name(map[i].status));
		assert_string_equal(call.message, want);
	}
	/* Success leaves the call alone. */
	memset(&call, 0, sizeof(call));
	assert_int_equal(mgmt_fail_hv(&call, HV_STATUS_SUCCESS, "x"), MGMT_DONE);
	assert_int_equal(call.code, RPC_OK);
	assert_string_equal(call.message, "");

	assert_int_equal(mgmt_fail(&call, RPC_ALREADY_EXISTS, "UNIHV_E_EXISTS", "port %u", 9u),
			 MGMT_DONE);
	assert_int_equal(call.code, RPC_ALREADY_EXISTS);
	assert_string_equal(call.message, "UNIHV_E_EXISTS: port 9");
	/* Long details are cut to the message buffer, NUL-terminated. */
	char longdetail[600];
	memset(longdetail, 'd', sizeof(longdetail) - 1);
	longdetail[sizeof(longdetail) - 1] = '\0';
	mgmt_fail(&call, RPC_INTERNAL, "UNIHV_E_X", "%s", longdetail);
	assert_int_equal(strlen(call.message), sizeof(call.message) - 1);
	assert_memory_equal(call.message, "UNIHV_E_X: ddd", 14);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(valid_request_gets_exact_response, reset),
		cmocka_unit_test_setup(request_split_at_every_byte, reset),
		cmocka_unit_test_setup(two_requests_in_one_buffer, reset),
		cmocka_unit_test_setup(empty_payload_is_a_default_request, reset),
		cmocka_unit_test_setup(unknown_method_and_service, reset),
		cmocka_unit_test_setup(read_only_client_on_admin_method, reset),
		cmocka_unit_test_setup(handler_error_is_sent_and_audited, reset),
		cmocka_unit_test_setup(bad_payload, reset),
		cmocka_unit_test_setup(malformed_frames_close_the_connection, reset),
		cmocka_unit_test_setup(oversize_refused_without_its_body, reset),
		cmocka_unit_test_setup(valid_request_then_garbage_in_one_buffer, reset),
		cmocka_unit_test_setup(transport_refusing_a_send_closes, reset),
		cmocka_unit_test_setup(pending_call_completes_from_poll, reset),
		cmocka_unit_test_setup(pending_call_deadline, reset),
		cmocka_unit_test_setup(done_at_the_deadline_wins, reset),
		cmocka_unit_test_setup(closing_cancels_the_pending_call, reset),
		cmocka_unit_test_setup(pending_without_poll_is_internal, reset),
		cmocka_unit_test(find_method),
		cmocka_unit_test(fail_helpers),
	};
	return cmocka_run_group_tests_name("test_rpc_conn", tests, NULL, NULL);
}
