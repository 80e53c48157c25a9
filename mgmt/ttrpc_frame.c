/*
 * ttRPC frame header codec and incremental frame reader (ttrpc_frame.h).
 */
#include <string.h>
#include "mgmt/ttrpc_frame.h"

enum reader_state {
	READING_HEADER,
	READING_BODY,
	FRAME_DONE,   /* a frame was returned: start a new one on the next feed */
	FAILED,
};

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static uint32_t get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

void ttrpc_header_write(uint8_t out[TTRPC_HEADER_SIZE], const struct ttrpc_header *h)
{
	put_be32(out, h->length);
	put_be32(out + 4, h->stream_id);
	out[8] = h->type;
	out[9] = h->flags;
}

void ttrpc_header_read(const uint8_t in[TTRPC_HEADER_SIZE], struct ttrpc_header *h)
{
	h->length = get_be32(in);
	h->stream_id = get_be32(in + 4);
	h->type = in[8];
	h->flags = in[9];
}

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
