/*
 * The ttRPC frame reader (containerd/ttrpc channel): the header codec is
 * include/unihv/ttrpc_wire.h; this reads a byte stream into frames.
 * Pure C, no allocation: the caller hands the reader its body buffer.
 */
#ifndef UNIHV_MGMT_TTRPC_FRAME_H
#define UNIHV_MGMT_TTRPC_FRAME_H

#include <stddef.h>
#include <stdint.h>

#include "unihv/ttrpc_wire.h"

enum ttrpc_read_status {
	TTRPC_READ_MORE,      /* every byte consumed, no complete frame yet */
	TTRPC_READ_FRAME,     /* a complete frame: reader->header and reader->body */
	TTRPC_READ_TOO_LARGE, /* reader->header announces a body over body_max */
};

/* Incremental reader: accepts the byte stream in any split. */
struct ttrpc_reader {
	uint8_t *body;            /* caller's buffer of body_max bytes */
	uint32_t body_max;
	struct ttrpc_header header;  /* of the frame being read or just read */
	uint8_t header_bytes[TTRPC_HEADER_SIZE];
	uint32_t header_have;     /* header bytes received so far */
	uint32_t body_have;       /* body bytes received so far */
	uint8_t state;            /* private (ttrpc_frame.c) */
};

/* Bytes that complete the frame being read (its header, or then its
 * body): feeding at most this many completes at most one frame.  At least
 * 1 (a frame with an empty body ends with its header). */
size_t ttrpc_reader_frame_remaining(const struct ttrpc_reader *r);

/* Start reading frames whose bodies go to body (body_max bytes; body may be
 * NULL when body_max is 0). */
void ttrpc_reader_init(struct ttrpc_reader *r, uint8_t *body, uint32_t body_max);

/*
 * Consume bytes from data[0..len) and set *consumed to how many were taken.
 *  - TTRPC_READ_MORE: all len bytes taken, the frame is still incomplete.
 *  - TTRPC_READ_FRAME: a frame is complete after *consumed bytes (the rest
 *    belongs to later frames: call again with it).  r->header and
 *    r->body[0..r->header.length) stay valid until the next call.
 *  - TTRPC_READ_TOO_LARGE: the header just completed announces a body
 *    larger than body_max; no body byte was buffered and r->header holds
 *    the header (for its stream id).  The reader is then failed: every
 *    later call consumes nothing and returns TTRPC_READ_TOO_LARGE.
 */
enum ttrpc_read_status ttrpc_reader_feed(struct ttrpc_reader *r, const void *data, size_t len,
					 size_t *consumed);

#endif
