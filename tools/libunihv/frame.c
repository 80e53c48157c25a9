/*
 * ttRPC framing: the 10-byte big-endian frame header and the
 * ttrpc.Request / ttrpc.Response envelopes (nanopb, proto/ttrpc.proto).
 */
#include <stdlib.h>
#include <string.h>
#include <pb_decode.h>
#include <pb_encode.h>
#include "ttrpc.pb.h"
#include "internal.h"
#include "unihv/ttrpc_wire.h"

void unihv_frame_header_encode(const struct unihv_frame_header *h, uint8_t out[UNIHV_FRAME_HEADER])
{
	const struct ttrpc_header w = { h->length, h->stream, h->type, h->flags };
	ttrpc_header_write(out, &w);
}

void unihv_frame_header_decode(const uint8_t in[UNIHV_FRAME_HEADER], struct unihv_frame_header *h)
{
	struct ttrpc_header w;
	ttrpc_header_read(in, &w);
	*h = (struct unihv_frame_header){ w.length, w.stream_id, w.type, w.flags };
}

size_t unihv_request_frame_encode(uint8_t *buf, size_t cap, uint32_t stream, const char *service,
				  const char *method, const uint8_t *payload, size_t plen,
				  int64_t timeout_nano)
{
	if (cap < UNIHV_FRAME_HEADER || strlen(service) >= sizeof(((ttrpc_Request *)0)->service) ||
	    strlen(method) >= sizeof(((ttrpc_Request *)0)->method))
		return 0;
	ttrpc_Request *req = calloc(1, sizeof(*req));
	if (!req)
		return 0;
	size_t n = 0;
	if (plen <= sizeof(req->payload.bytes)) {
		strcpy(req->service, service);
		strcpy(req->method, method);
		if (plen)
			memcpy(req->payload.bytes, payload, plen);
		req->payload.size = (pb_size_t)plen;
		req->timeout_nano = timeout_nano;
		size_t body_cap = cap - UNIHV_FRAME_HEADER;
		if (body_cap > UNIHV_MAX_FRAME)
			body_cap = UNIHV_MAX_FRAME;
		pb_ostream_t os = pb_ostream_from_buffer(buf + UNIHV_FRAME_HEADER, body_cap);
		if (pb_encode(&os, ttrpc_Request_fields, req)) {
			struct unihv_frame_header h = {
				.length = (uint32_t)os.bytes_written,
				.stream = stream,
				.type = UNIHV_FRAME_REQUEST,
				.flags = 0,
			};
			unihv_frame_header_encode(&h, buf);
			n = UNIHV_FRAME_HEADER + os.bytes_written;
		}
	}
	free(req);
	return n;
}

bool unihv_response_decode(const uint8_t *body, size_t len, UNIHV_RESULT *res,
			   uint8_t *payload_buf, size_t *plen)
{
	ttrpc_Response *resp = calloc(1, sizeof(*resp));
	if (!resp)
		return false;
	pb_istream_t is = pb_istream_from_buffer(body, len);
	bool ok = pb_decode(&is, ttrpc_Response_fields, resp);
	if (ok) {
		if (resp->has_status)
			*res = unihv_result_from_status(resp->status.code, resp->status.message);
		else
			*res = unihv_ok();
		memcpy(payload_buf, resp->payload.bytes, resp->payload.size);
		*plen = resp->payload.size;
	}
	free(resp);
	return ok;
}
