/*
 * The ttRPC frame header on the wire (containerd/ttrpc channel), shared by
 * the appliance (mgmt/ttrpc_frame.c) and the client library
 * (tools/libunihv/frame.c).  Every message is a 10-byte header and a body;
 * the header is big endian:
 *
 *   uint32 length     of the body, in bytes
 *   uint32 stream id  odd for client-initiated streams
 *   uint8  type       1 request, 2 response, 3 data
 *   uint8  flags      stream flags (0 for unary calls)
 */
#ifndef UNIHV_TTRPC_WIRE_H
#define UNIHV_TTRPC_WIRE_H

#include <stdint.h>

#define TTRPC_HEADER_SIZE 10

enum ttrpc_frame_type {
	TTRPC_TYPE_REQUEST = 1,
	TTRPC_TYPE_RESPONSE = 2,
	TTRPC_TYPE_DATA = 3,
};

struct ttrpc_header {
	uint32_t length;    /* body bytes that follow the header */
	uint32_t stream_id;
	uint8_t type;       /* enum ttrpc_frame_type, or anything a peer sent */
	uint8_t flags;
};

/* Write h as the 10 wire bytes at out. */
static inline void ttrpc_header_write(uint8_t out[TTRPC_HEADER_SIZE], const struct ttrpc_header *h)
{
	const uint32_t words[2] = { h->length, h->stream_id };
	for (int w = 0; w < 2; w++)
		for (int i = 0; i < 4; i++)
			out[4 * w + i] = (uint8_t)(words[w] >> (24 - 8 * i));
	out[8] = h->type;
	out[9] = h->flags;
}

/* Parse the 10 wire bytes at in into *h (any values: no checks). */
static inline void ttrpc_header_read(const uint8_t in[TTRPC_HEADER_SIZE], struct ttrpc_header *h)
{
	uint32_t words[2] = { 0, 0 };
	for (int w = 0; w < 2; w++)
		for (int i = 0; i < 4; i++)
			words[w] = words[w] << 8 | in[4 * w + i];
	h->length = words[0];
	h->stream_id = words[1];
	h->type = in[8];
	h->flags = in[9];
}

#endif
