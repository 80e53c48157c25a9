/*
 * The call path: one ttRPC request out, its response back, over a
 * connection's transport.  Streams are odd and increase (1, 3, 5, ...).
 */
#include <stdlib.h>
#include <string.h>
#include <pb_decode.h>
#include <pb_encode.h>
#include "internal.h"

UNIHV_CONNECTION *unihv_connection_new(const struct unihv_transport *transport,
				       uint32_t timeout_ms)
{
	UNIHV_CONNECTION *c = calloc(1, sizeof(*c));
	if (c) {
		c->buf = malloc(UNIHV_FRAME_HEADER + UNIHV_MAX_FRAME);
		c->payload = malloc(UNIHV_MAX_FRAME);
	}
	if (!c || !c->buf || !c->payload) {
		if (c) {
			free(c->buf);
			free(c->payload);
			free(c);
		}
		if (transport->close)
			transport->close(transport->ctx);
		return NULL;
	}
	c->transport = *transport;
	c->next_stream = 1;
	c->timeout_ms = timeout_ms ? timeout_ms : 30000;
	return c;
}

void UnihvDisconnect(UNIHV_CONNECTION *c)
{
	if (!c)
		return;
	if (c->transport.close)
		c->transport.close(c->transport.ctx);
	free(c->buf);
	free(c->payload);
	free(c);
}

bool UnihvIsConnected(const UNIHV_CONNECTION *c)
{
	return c && !c->broken;
}

static UNIHV_RESULT broken(UNIHV_CONNECTION *c, UNIHV_RESULT r)
{
	c->broken = true;
	return r;
}

/* Receive frames until the response for stream; the body is left in
 * c->buf + UNIHV_FRAME_HEADER with its length in *len. */
static bool receive_response(UNIHV_CONNECTION *c, uint32_t stream, uint32_t timeout_ms,
			     size_t *len, UNIHV_RESULT *err)
{
	for (;;) {
		struct unihv_frame_header h;
		if (!c->transport.recv(c->transport.ctx, c->buf, UNIHV_FRAME_HEADER, timeout_ms, err))
			return false;
		unihv_frame_header_decode(c->buf, &h);
		if (h.length > UNIHV_MAX_FRAME) {
			*err = unihv_fail(UNIHV_INTERNAL, "UNIHV_E_PROTOCOL",
					  "response frame of %u bytes (limit %u)", h.length,
					  UNIHV_MAX_FRAME);
			return false;
		}
		if (h.length &&
		    !c->transport.recv(c->transport.ctx, c->buf + UNIHV_FRAME_HEADER, h.length,
				       timeout_ms, err))
			return false;
		if (h.type == UNIHV_FRAME_RESPONSE && h.stream == stream) {
			*len = h.length;
			return true;
		}
		/* A frame for another stream (none are open) or another type: skip. */
	}
}

UNIHV_RESULT unihv_send_request(UNIHV_CONNECTION *c, const char *service, const char *method,
				const pb_msgdesc_t *req_desc, const void *req, uint32_t *stream)
{
	if (!c)
		return unihv_fail(UNIHV_INVALID_ARGUMENT, "UNIHV_E_ARGUMENT", "no connection");
	if (c->broken)
		return unihv_fail(UNIHV_UNAVAILABLE, "UNIHV_E_CLOSED",
				  "the connection failed earlier; reconnect");

	/* The method's request message, then the envelope around it. */
	size_t plen = 0;
	if (req_desc) {
		pb_ostream_t os = pb_ostream_from_buffer(c->payload, UNIHV_MAX_FRAME);
		if (!pb_encode(&os, req_desc, req))
			return unihv_fail(UNIHV_INVALID_ARGUMENT, "UNIHV_E_ARGUMENT",
					  "cannot encode the %s/%s request: %s", service, method,
					  PB_GET_ERROR(&os));
		plen = os.bytes_written;
	}
	*stream = c->next_stream;
	size_t n = unihv_request_frame_encode(c->buf, UNIHV_FRAME_HEADER + UNIHV_MAX_FRAME, *stream,
					      service, method, c->payload, plen, 0);
	if (!n)
		return unihv_fail(UNIHV_INVALID_ARGUMENT, "UNIHV_E_ARGUMENT",
				  "the %s/%s request does not fit in a frame", service, method);
	c->next_stream += 2;

	UNIHV_RESULT err;
	if (!c->transport.send(c->transport.ctx, c->buf, n, &err))
		return broken(c, err);
	return unihv_ok();
}

UNIHV_RESULT unihv_receive_response(UNIHV_CONNECTION *c, uint32_t stream, const char *service,
				    const char *method, const pb_msgdesc_t *resp_desc, void *resp,
				    uint32_t extra_timeout_ms)
{
	if (c->broken)
		return unihv_fail(UNIHV_UNAVAILABLE, "UNIHV_E_CLOSED",
				  "the connection failed earlier; reconnect");
	uint32_t timeout = 0; /* no limit */
	if (extra_timeout_ms != UINT32_MAX)
		timeout = (uint64_t)c->timeout_ms + extra_timeout_ms > UINT32_MAX - 1
				  ? UINT32_MAX - 1
				  : c->timeout_ms + extra_timeout_ms;
	size_t len;
	UNIHV_RESULT err;
	if (!receive_response(c, stream, timeout, &len, &err))
		return broken(c, err);

	UNIHV_RESULT res;
	size_t rlen;
	if (!unihv_response_decode(c->buf + UNIHV_FRAME_HEADER, len, &res, c->payload, &rlen))
		return broken(c, unihv_fail(UNIHV_INTERNAL, "UNIHV_E_PROTOCOL",
					    "the %s/%s response is not a ttrpc.Response", service,
					    method));
	if (res.code != UNIHV_OK || !resp_desc)
		return res;
	pb_istream_t is = pb_istream_from_buffer(c->payload, rlen);
	if (!pb_decode(&is, resp_desc, resp))
		return unihv_fail(UNIHV_INTERNAL, "UNIHV_E_PROTOCOL",
				  "cannot decode the %s/%s response payload: %s", service, method,
				  PB_GET_ERROR(&is));
	return res;
}

UNIHV_RESULT unihv_call(UNIHV_CONNECTION *c, const char *service, const char *method,
			const pb_msgdesc_t *req_desc, const void *req,
			const pb_msgdesc_t *resp_desc, void *resp, uint32_t extra_timeout_ms)
{
	uint32_t stream;
	UNIHV_RESULT r = unihv_send_request(c, service, method, req_desc, req, &stream);
	if (!UnihvSucceeded(&r))
		return r;
	return unihv_receive_response(c, stream, service, method, resp_desc, resp, extra_timeout_ms);
}
