/*
 * libunihv internals: ttRPC framing (frame.c), the call path (call.c),
 * results (result.c) and the transport a connection reads and writes
 * through (TLS in tls.c; unit tests substitute their own).
 */
#ifndef UNIHV_TOOLS_LIBUNIHV_INTERNAL_H
#define UNIHV_TOOLS_LIBUNIHV_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <pb.h>
#include "unihv.h"

/* ---- framing (frame.c) ------------------------------------------------ */

#define UNIHV_FRAME_HEADER 10
#define UNIHV_FRAME_REQUEST 1
#define UNIHV_FRAME_RESPONSE 2
#define UNIHV_MAX_FRAME (68 * 1024) /* largest body sent or accepted (mgmt/rpc_conn.h) */

struct unihv_frame_header {
	uint32_t length;   /* body bytes after the header */
	uint32_t stream;
	uint8_t type;
	uint8_t flags;
};

/* Write the 10-byte big-endian header of h into out. */
void unihv_frame_header_encode(const struct unihv_frame_header *h, uint8_t out[UNIHV_FRAME_HEADER]);

/* Read a 10-byte header from in into *h. */
void unihv_frame_header_decode(const uint8_t in[UNIHV_FRAME_HEADER], struct unihv_frame_header *h);

/* Encode one complete request frame (header and ttrpc.Request body) for
 * stream into buf (capacity cap): service, method, the already-encoded
 * payload (plen bytes, at most 66560) and timeout_nano (0: none).
 * Returns the frame's size, or 0 when it does not fit (cap or the
 * envelope's static sizes). */
size_t unihv_request_frame_encode(uint8_t *buf, size_t cap, uint32_t stream, const char *service,
				  const char *method, const uint8_t *payload, size_t plen,
				  int64_t timeout_nano);

/* Decode a ttrpc.Response body: *res receives its status (OK when absent)
 * and payload/plen point into a buffer of at least UNIHV_MAX_FRAME bytes
 * given as payload_buf.  False when the body is not a valid Response. */
bool unihv_response_decode(const uint8_t *body, size_t len, UNIHV_RESULT *res,
			   uint8_t *payload_buf, size_t *plen);

/* ---- results (result.c) ----------------------------------------------- */

/* A success. */
UNIHV_RESULT unihv_ok(void);

/* A failure with code, name and a printf-style detail: message becomes
 * "NAME: detail". */
UNIHV_RESULT unihv_fail(int32_t code, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The result for a ttrpc.Status: the name is the message's prefix before
 * ": " when it is an identifier, else the code's gRPC name. */
UNIHV_RESULT unihv_result_from_status(int32_t code, const char *message);

/* ---- transport and connection (call.c) ---------------------------------- */

struct unihv_transport {
	/* Send all len bytes; false on failure (err gets a reason). */
	bool (*send)(void *ctx, const uint8_t *buf, size_t len, UNIHV_RESULT *err);
	/* Receive exactly len bytes within timeout_ms (0: no limit); false on
	 * failure, timeout or end of stream (err gets a reason). */
	bool (*recv)(void *ctx, uint8_t *buf, size_t len, uint32_t timeout_ms, UNIHV_RESULT *err);
	/* Release the transport (may be NULL). */
	void (*close)(void *ctx);
	void *ctx;
};

struct UNIHV_CONNECTION {
	struct unihv_transport transport;
	uint32_t next_stream;   /* odd: 1, 3, 5, ... */
	uint32_t timeout_ms;    /* reply timeout of a call */
	bool broken;            /* a transport or protocol error happened */
	uint8_t *buf;           /* UNIHV_FRAME_HEADER + UNIHV_MAX_FRAME bytes */
	uint8_t *payload;       /* UNIHV_MAX_FRAME bytes */
};

/* A connection over transport (taken over: closed by UnihvDisconnect);
 * NULL when out of memory (the transport is then closed). */
UNIHV_CONNECTION *unihv_connection_new(const struct unihv_transport *transport,
				       uint32_t timeout_ms);

/* One RPC: encode req (req_desc NULL: empty payload), send it as a request
 * on the next odd stream, wait for the response on that stream (frames of
 * other streams are skipped) and decode its payload into resp (resp_desc
 * NULL: payload ignored).  extra_timeout_ms is added to the connection's
 * reply timeout (UINT32_MAX: wait without limit).  Transport and protocol
 * errors mark the connection broken. */
UNIHV_RESULT unihv_call(UNIHV_CONNECTION *c, const char *service, const char *method,
			const pb_msgdesc_t *req_desc, const void *req,
			const pb_msgdesc_t *resp_desc, void *resp, uint32_t extra_timeout_ms);

/* The two halves of unihv_call, for pipelining (several requests sent
 * before their responses are read; the appliance answers in order):
 * send one request and give its stream; wait for and decode the response
 * of a stream sent earlier on this connection. */
UNIHV_RESULT unihv_send_request(UNIHV_CONNECTION *c, const char *service, const char *method,
				const pb_msgdesc_t *req_desc, const void *req, uint32_t *stream);
UNIHV_RESULT unihv_receive_response(UNIHV_CONNECTION *c, uint32_t stream, const char *service,
				    const char *method, const pb_msgdesc_t *resp_desc, void *resp,
				    uint32_t extra_timeout_ms);

/* Copy a NUL-terminated string into dst (size n), truncating. */
void unihv_strlcpy(char *dst, const char *src, size_t n);

#endif
