/*
 * One ttRPC connection (rpc_conn.h): frames from mgmt/ttrpc_frame.h,
 * envelopes from proto/ttrpc.proto, methods from mgmt/service.h, mutating
 * and refused calls into mgmt/audit.h.
 *
 * Memory: every buffer is allocated once, in rpc_conn_open, so nothing is
 * allocated while a request is decoded or answered.  The ttRPC Request and
 * Response envelopes (~70 KiB each) share one allocation: a Request is no
 * longer needed once its payload is decoded and its names copied.
 *
 * Errors sent on a stream (message "NAME: detail"):
 *   UNIHV_E_UNKNOWN_METHOD      UNIMPLEMENTED        no such service/method
 *   UNIHV_E_PERMISSION_DENIED   PERMISSION_DENIED    role too low
 *   UNIHV_E_BUSY                UNAVAILABLE          a call is pending
 *   UNIHV_E_BAD_PAYLOAD         INVALID_ARGUMENT     payload not the request message
 *   UNIHV_E_DEADLINE_EXCEEDED   DEADLINE_EXCEEDED    pending call ran out of time
 *   UNIHV_E_INTERNAL            INTERNAL             handler broke its contract,
 *                                                    or the response does not encode
 * and, before closing the connection (protocol errors):
 *   UNIHV_E_FRAME_TOO_LARGE     RESOURCE_EXHAUSTED   body over RPC_MAX_FRAME
 *   UNIHV_E_BAD_FRAME_TYPE      INVALID_ARGUMENT     a frame other than a request
 *   UNIHV_E_BAD_STREAM_ID       INVALID_ARGUMENT     even stream id
 *   UNIHV_E_MALFORMED_REQUEST   INVALID_ARGUMENT     Request not valid protobuf,
 *                                                    or without service/method
 * A protocol error is answered only on a non-zero stream id.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pb_decode.h>
#include <pb_encode.h>
#include "console/log.h"
#include "mgmt/audit.h"
#include "mgmt/rpc_conn.h"
#include "mgmt/service.h"
#include "mgmt/ttrpc_frame.h"
#include "time/clock.h"
#include "ttrpc.pb.h"

_Static_assert(RPC_FRAME_HEADER == TTRPC_HEADER_SIZE, "ttRPC header size");
_Static_assert(ttrpc_Request_size <= RPC_MAX_FRAME, "a largest Request fits in a frame");
_Static_assert(ttrpc_Response_size <= RPC_MAX_FRAME, "a largest Response fits in a frame");

/* "service/method" with both names at their nanopb maximum. */
#define FULL_METHOD_MAX (sizeof(((ttrpc_Request *)0)->service) + \
			 sizeof(((ttrpc_Request *)0)->method))

union rpc_envelope {
	ttrpc_Request request;
	ttrpc_Response response;
};

struct rpc_conn {
	char client[MGMT_CLIENT_NAME_MAX];
	enum mgmt_role role;
	rpc_send_fn send;
	void *transport;
	bool closing;                /* a protocol error: refuse further input */

	struct ttrpc_reader reader;
	uint8_t *rx_body;            /* RPC_MAX_FRAME: the frame being read */
	uint8_t *tx;                 /* header + RPC_MAX_FRAME: the frame being sent */
	union rpc_envelope *envelope;
	void *method_request;        /* the largest request struct of mgmt_methods */
	void *method_response;       /* the largest response struct */

	/* The call in progress (at most one). */
	bool pending;
	uint32_t pending_stream;
	const struct mgmt_method *pending_method;
	char pending_name[FULL_METHOD_MAX];
	struct mgmt_call call;
};

static struct rpc_stats stats;

const struct rpc_stats *rpc_get_stats(void)
{
	return &stats;
}

/* ---- opening and closing ------------------------------------------------ */

static void largest_messages(size_t *request, size_t *response)
{
	*request = 1;
	*response = 1;
	for (size_t i = 0; i < mgmt_method_count; i++) {
		if (mgmt_methods[i].request_size > *request)
			*request = mgmt_methods[i].request_size;
		if (mgmt_methods[i].response_size > *response)
			*response = mgmt_methods[i].response_size;
	}
}

static void free_conn(struct rpc_conn *c)
{
	free(c->rx_body);
	free(c->tx);
	free(c->envelope);
	free(c->method_request);
	free(c->method_response);
	free(c);
}

struct rpc_conn *rpc_conn_open(const char *client_name, enum mgmt_role role,
			       rpc_send_fn send, void *transport)
{
	struct rpc_conn *c = calloc(1, sizeof(*c));
	size_t request_max, response_max;

	if (!c)
		return NULL;
	snprintf(c->client, sizeof(c->client), "%s", client_name ? client_name : "");
	c->role = role;
	c->send = send;
	c->transport = transport;
	largest_messages(&request_max, &response_max);
	c->rx_body = malloc(RPC_MAX_FRAME);
	c->tx = malloc(RPC_FRAME_HEADER + RPC_MAX_FRAME);
	c->envelope = malloc(sizeof(*c->envelope));
	c->method_request = malloc(request_max);
	c->method_response = malloc(response_max);
	if (!c->rx_body || !c->tx || !c->envelope || !c->method_request || !c->method_response) {
		free_conn(c);
		return NULL;
	}
	ttrpc_reader_init(&c->reader, c->rx_body, RPC_MAX_FRAME);
	return c;
}

/* ---- answering ------------------------------------------------------------ */

/* The error name at the start of a call's message ("OK" when it succeeded). */
static void result_name(const struct mgmt_call *call, char *out, size_t size)
{
	size_t n;

	if (call->code == RPC_OK) {
		snprintf(out, size, "OK");
		return;
	}
	n = strcspn(call->message, ":");
	if (n == 0) {
		snprintf(out, size, "UNIHV_E_UNNAMED");
		return;
	}
	if (n >= size)
		n = size - 1;
	memcpy(out, call->message, n);
	out[n] = '\0';
}

static void audit_call(const struct rpc_conn *c, const char *full_name,
		       const struct mgmt_call *call)
{
	char result[AUDIT_RESULT_MAX];

	result_name(call, result, sizeof(result));
	audit_record(c->client, full_name, call->partition_id, (int32_t)call->code, result);
}

/* Encode c->envelope->response into a type-2 frame on stream_id and send it. */
static bool send_response_frame(struct rpc_conn *c, uint32_t stream_id)
{
	pb_ostream_t os = pb_ostream_from_buffer(c->tx + RPC_FRAME_HEADER, RPC_MAX_FRAME);
	struct ttrpc_header h;

	if (!pb_encode(&os, ttrpc_Response_fields, &c->envelope->response)) {
		/* Cannot happen: a largest Response fits (static assert above). */
		log_warn("rpc: %s: response on stream %u does not encode: %s", c->client,
			 (unsigned)stream_id, PB_GET_ERROR(&os));
		return false;
	}
	h.length = (uint32_t)os.bytes_written;
	h.stream_id = stream_id;
	h.type = TTRPC_TYPE_RESPONSE;
	h.flags = 0;
	ttrpc_header_write(c->tx, &h);
	if (!c->send(c->transport, c->tx, RPC_FRAME_HEADER + os.bytes_written))
		return false;
	return true;
}

/* Send a response with status code/message and no payload. */
static bool send_status(struct rpc_conn *c, uint32_t stream_id, enum rpc_code code,
			const char *message)
{
	ttrpc_Response *r = &c->envelope->response;

	r->has_status = true;
	r->status.code = (int32_t)code;
	snprintf(r->status.message, sizeof(r->status.message), "%s", message);
	r->payload.size = 0;
	if (code != RPC_OK)
		stats.errors++;
	return send_response_frame(c, stream_id);
}

/*
 * A call is over (done, refused or timed out): send its response (the
 * encoded response struct when OK, else the status alone), record it in
 * the audit log when the method mutates.  method may be NULL (unknown).
 */
static bool finish_call(struct rpc_conn *c, uint32_t stream_id, const struct mgmt_method *method,
			const char *full_name, struct mgmt_call *call, const void *response)
{
	ttrpc_Response *r = &c->envelope->response;

	r->payload.size = 0;
	if (call->code == RPC_OK && method && method->response) {
		pb_ostream_t os = pb_ostream_from_buffer(r->payload.bytes, sizeof(r->payload.bytes));

		if (pb_encode(&os, method->response, response)) {
			r->payload.size = (pb_size_t)os.bytes_written;
		} else {
			mgmt_fail(call, RPC_INTERNAL, "UNIHV_E_INTERNAL",
				  "the response of %s does not encode: %s", full_name,
				  PB_GET_ERROR(&os));
			log_warn("rpc: %s", call->message);
		}
	}
	if (method && method->mutating)
		audit_call(c, full_name, call);
	r->has_status = true;
	r->status.code = (int32_t)call->code;
	snprintf(r->status.message, sizeof(r->status.message), "%s", call->message);
	if (call->code != RPC_OK)
		stats.errors++;
	return send_response_frame(c, stream_id);
}

/* Close the connection for a bad byte stream, after answering stream_id
 * (when non-zero) with code and "name: detail".  Returns false. */
static bool protocol_error(struct rpc_conn *c, uint32_t stream_id, enum rpc_code code,
			   const char *name, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static bool protocol_error(struct rpc_conn *c, uint32_t stream_id, enum rpc_code code,
			   const char *name, const char *fmt, ...)
{
	char message[sizeof(c->call.message)];
	va_list ap;
	int n;

	n = snprintf(message, sizeof(message), "%s: ", name);
	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < sizeof(message))
		vsnprintf(message + n, sizeof(message) - (size_t)n, fmt, ap);
	va_end(ap);
	log_warn("rpc: %s: closing the connection: %s", c->client, message);
	c->closing = true;
	stats.protocol_errors++;
	if (stream_id != 0)
		send_status(c, stream_id, code, message);
	return false;
}

/* ---- dispatch ------------------------------------------------------------- */

static void start_call(struct rpc_conn *c, struct mgmt_call *call)
{
	memset(call, 0, sizeof(*call));
	call->client = c->client;
	call->role = c->role;
	call->code = RPC_OK;
}

static uint64_t deadline_from_timeout(int64_t timeout_nano)
{
	uint64_t now;

	if (timeout_nano <= 0)
		return 0;
	now = clock_ns();
	if ((uint64_t)timeout_nano > UINT64_MAX - now)
		return UINT64_MAX;
	return now + (uint64_t)timeout_nano;
}

/* One decoded Request (c->envelope->request) on stream_id. */
static bool dispatch_request(struct rpc_conn *c, uint32_t stream_id)
{
	ttrpc_Request *req = &c->envelope->request;
	const struct mgmt_method *method;
	char full_name[FULL_METHOD_MAX];
	struct mgmt_call refused;
	struct mgmt_call *call;

	if (req->service[0] == '\0' || req->method[0] == '\0')
		return protocol_error(c, stream_id, RPC_INVALID_ARGUMENT,
				      "UNIHV_E_MALFORMED_REQUEST",
				      "the request names no service or no method");
	snprintf(full_name, sizeof(full_name), "%s/%s", req->service, req->method);
	method = mgmt_find_method(req->service, req->method);
	if (!method) {
		start_call(c, &refused);
		mgmt_fail(&refused, RPC_UNIMPLEMENTED, "UNIHV_E_UNKNOWN_METHOD", "%s", full_name);
		return finish_call(c, stream_id, NULL, full_name, &refused, NULL);
	}
	/* Refusals use a call of their own: a pending call keeps c->call. */
	start_call(c, &refused);
	if (c->role < method->role) {
		mgmt_fail(&refused, RPC_PERMISSION_DENIED, "UNIHV_E_PERMISSION_DENIED",
			  "%s needs the admin role; client %s is read-only", full_name, c->client);
		return finish_call(c, stream_id, method, full_name, &refused, NULL);
	}
	if (c->pending) {
		mgmt_fail(&refused, RPC_UNAVAILABLE, "UNIHV_E_BUSY",
			  "%s is still running on this connection", c->pending_name);
		return finish_call(c, stream_id, method, full_name, &refused, NULL);
	}

	call = &c->call;
	start_call(c, call);
	/* pb_decode sets every field to its default first: no memset of the
	 * (up to 64 KiB) request struct. */
	if (method->request) {
		pb_istream_t is = pb_istream_from_buffer(req->payload.bytes, req->payload.size);

		if (!pb_decode(&is, method->request, c->method_request)) {
			mgmt_fail(call, RPC_INVALID_ARGUMENT, "UNIHV_E_BAD_PAYLOAD",
				  "the payload of %s is not a valid request: %s", full_name,
				  PB_GET_ERROR(&is));
			return finish_call(c, stream_id, method, full_name, call, NULL);
		}
	}
	memset(c->method_response, 0, method->response_size);
	call->deadline_ns = deadline_from_timeout(req->timeout_nano);
	/* From here the envelope is the Response's: req is not used again. */
	if (method->handler(call, c->method_request, c->method_response) == MGMT_PENDING) {
		if (call->poll) {
			c->pending = true;
			c->pending_stream = stream_id;
			c->pending_method = method;
			snprintf(c->pending_name, sizeof(c->pending_name), "%s", full_name);
			return true;
		}
		if (call->cancel)
			call->cancel(call);
		mgmt_fail(call, RPC_INTERNAL, "UNIHV_E_INTERNAL",
			  "%s returned pending without a poll function", full_name);
	}
	return finish_call(c, stream_id, method, full_name, call, c->method_response);
}

/* One complete frame from the reader. */
static bool handle_frame(struct rpc_conn *c)
{
	const struct ttrpc_header *h = &c->reader.header;
	pb_istream_t is;

	if (h->type != TTRPC_TYPE_REQUEST)
		return protocol_error(c, h->stream_id, RPC_INVALID_ARGUMENT,
				      "UNIHV_E_BAD_FRAME_TYPE",
				      "frame type %u on stream %u; only requests (1) are accepted",
				      (unsigned)h->type, (unsigned)h->stream_id);
	stats.requests++;
	if (h->stream_id % 2 == 0)
		return protocol_error(c, h->stream_id, RPC_INVALID_ARGUMENT,
				      "UNIHV_E_BAD_STREAM_ID",
				      "stream %u: client stream ids are odd", (unsigned)h->stream_id);
	is = pb_istream_from_buffer(c->rx_body, h->length);
	if (!pb_decode(&is, ttrpc_Request_fields, &c->envelope->request))
		return protocol_error(c, h->stream_id, RPC_INVALID_ARGUMENT,
				      "UNIHV_E_MALFORMED_REQUEST",
				      "stream %u: not a ttrpc.Request: %s", (unsigned)h->stream_id,
				      PB_GET_ERROR(&is));
	return dispatch_request(c, h->stream_id);
}

bool rpc_conn_input(struct rpc_conn *c, const void *data, size_t len)
{
	const uint8_t *in = data;

	if (c->closing)
		return false;
	while (len > 0) {
		size_t used;
		enum ttrpc_read_status st = ttrpc_reader_feed(&c->reader, in, len, &used);

		in += used;
		len -= used;
		if (st == TTRPC_READ_MORE)
			break;
		if (st == TTRPC_READ_TOO_LARGE)
			return protocol_error(c, c->reader.header.stream_id, RPC_RESOURCE_EXHAUSTED,
					      "UNIHV_E_FRAME_TOO_LARGE",
					      "frame of %u bytes on stream %u; at most %u",
					      (unsigned)c->reader.header.length,
					      (unsigned)c->reader.header.stream_id,
					      (unsigned)RPC_MAX_FRAME);
		if (!handle_frame(c))
			return false;
	}
	return true;
}

/* ---- pending calls --------------------------------------------------------- */

bool rpc_conn_poll(struct rpc_conn *c, uint64_t now_ns)
{
	struct mgmt_call *call = &c->call;

	if (c->closing)
		return false;
	if (!c->pending)
		return true;
	if (call->poll(call, c->method_response) == MGMT_PENDING) {
		if (call->deadline_ns == 0 || now_ns < call->deadline_ns)
			return true;
		if (call->cancel)
			call->cancel(call);
		mgmt_fail(call, RPC_DEADLINE_EXCEEDED, "UNIHV_E_DEADLINE_EXCEEDED",
			  "%s did not finish in time", c->pending_name);
	}
	c->pending = false;
	return finish_call(c, c->pending_stream, c->pending_method, c->pending_name, call,
			   c->method_response);
}

bool rpc_conn_busy(const struct rpc_conn *c)
{
	return c->pending;
}

void rpc_conn_close(struct rpc_conn *c)
{
	if (!c)
		return;
	if (c->pending) {
		struct mgmt_call *call = &c->call;

		if (call->cancel)
			call->cancel(call);
		mgmt_fail(call, RPC_CANCELLED, "UNIHV_E_CONNECTION_CLOSED",
			  "%s cancelled: the connection closed", c->pending_name);
		if (c->pending_method->mutating)
			audit_call(c, c->pending_name, call);
		c->pending = false;
	}
	free_conn(c);
}

size_t rpc_conn_input_room(const struct rpc_conn *c)
{
	return ttrpc_reader_frame_remaining(&c->reader);
}
