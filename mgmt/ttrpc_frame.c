/*
 * The incremental ttRPC frame reader (ttrpc_frame.h).
 */
#include <string.h>
#include "mgmt/ttrpc_frame.h"

enum reader_state {
	READING_HEADER,
	READING_BODY,
	FRAME_DONE,   /* a frame was returned: start a new one on the next feed */
	FAILED,
};

void ttrpc_reader_init(struct ttrpc_reader *r, uint8_t *body, uint32_t body_max)
{
	memset(r, 0, sizeof(*r));
	r->body = body;
	r->body_max = body_max;
	r->state = READING_HEADER;
}

enum ttrpc_read_status ttrpc_reader_feed(struct ttrpc_reader *r, const void *data, size_t len,
					 size_t *consumed)
{
	const uint8_t *in = data;
	size_t used = 0;

	*consumed = 0;
	if (r->state == FAILED)
		return TTRPC_READ_TOO_LARGE;
	if (r->state == FRAME_DONE) {
		r->header_have = 0;
		r->body_have = 0;
		r->state = READING_HEADER;
	}
	if (r->state == READING_HEADER) {
		size_t take = TTRPC_HEADER_SIZE - r->header_have;

		if (take > len)
			take = len;
		if (take)
			memcpy(r->header_bytes + r->header_have, in, take);
		r->header_have += (uint32_t)take;
		used += take;
		if (r->header_have < TTRPC_HEADER_SIZE) {
			*consumed = used;
			return TTRPC_READ_MORE;
		}
		ttrpc_header_read(r->header_bytes, &r->header);
		if (r->header.length > r->body_max) {
			r->state = FAILED;
			*consumed = used;
			return TTRPC_READ_TOO_LARGE;
		}
		r->state = READING_BODY;
	}
	/* READING_BODY */
	size_t take = r->header.length - r->body_have;

	if (take > len - used)
		take = len - used;
	if (take) {
		memcpy(r->body + r->body_have, in + used, take);
		r->body_have += (uint32_t)take;
		used += take;
	}
	*consumed = used;
	if (r->body_have < r->header.length)
		return TTRPC_READ_MORE;
	r->state = FRAME_DONE;
	return TTRPC_READ_FRAME;
}

size_t ttrpc_reader_frame_remaining(const struct ttrpc_reader *r)
{
	if (r->state == FRAME_DONE || r->state == FAILED)
		return TTRPC_HEADER_SIZE;
	if (r->state == READING_HEADER)
		return TTRPC_HEADER_SIZE - r->header_have;
	return r->header.length - r->body_have; /* > 0 while READING_BODY */
}
