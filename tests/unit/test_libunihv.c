/*
 * libunihv (tools/libunihv/): the 10-byte ttRPC header, the Request
 * envelope against hand-computed protobuf bytes, Response decoding, the
 * call path over a scripted transport (stream ids, skipped frames,
 * oversized frames, errors), GPA chunking and register translation.
 */
#include "harness.h"
#include <stdlib.h>
#include "internal.h"
#include "unihv/hv_regs.h"

/* ---- a scripted transport: sent bytes are captured, received bytes come
 * from a preloaded buffer. */
struct fake {
	uint8_t sent[4 * 70000];
	size_t sent_len;
	uint8_t in[4096];
	size_t in_len, in_pos;
	unsigned sends, closes;
};

static bool fake_send(void *ctx, const uint8_t *buf, size_t len, UNIHV_RESULT *err)
{
	struct fake *f = ctx;
	(void)err;
	assert_true(f->sent_len + len <= sizeof(f->sent));
	memcpy(f->sent + f->sent_len, buf, len);
	f->sent_len += len;
	f->sends++;
	return true;
}

static bool fake_recv(void *ctx, uint8_t *buf, size_t len, uint32_t timeout_ms, UNIHV_RESULT *err)
{
	struct fake *f = ctx;
	(void)timeout_ms;
	if (f->in_len - f->in_pos < len) {
		*err = unihv_fail(UNIHV_UNAVAILABLE, "UNIHV_E_CONNECTION", "end of script");
		return false;
	}
	memcpy(buf, f->in + f->in_pos, len);
	f->in_pos += len;
	return true;
}

static void fake_close(void *ctx)
{
	((struct fake *)ctx)->closes++;
}

static void feed(struct fake *f, const uint8_t *b, size_t n)
{
	assert_true(f->in_len + n <= sizeof(f->in));
	memcpy(f->in + f->in_len, b, n);
	f->in_len += n;
}

static UNIHV_CONNECTION *fake_conn(struct fake *f)
{
	memset(f, 0, sizeof(*f));
	struct unihv_transport t = { fake_send, fake_recv, fake_close, f };
	UNIHV_CONNECTION *c = unihv_connection_new(&t, 1000);
	assert_non_null(c);
	return c;
}

/* Response frame for stream: Response{payload = CreateResponse{partition_id = 5}}. */
static const uint8_t resp_create_5[] = {
	0, 0, 0, 4, 0, 0, 0, 1, 2, 0, /* length 4, stream 1, response */
	0x12, 0x02, 0x08, 0x05,       /* payload (field 2, 2 bytes): field 1 varint 5 */
};

static void test_header_round_trip(void **state)
{
	(void)state;
	struct unihv_frame_header h = { .length = 0x01020304, .stream = 0x0a0b0c0d, .type = 2, .flags = 0 };
	uint8_t b[UNIHV_FRAME_HEADER];
	unihv_frame_header_encode(&h, b);
	static const uint8_t want[] = { 1, 2, 3, 4, 0x0a, 0x0b, 0x0c, 0x0d, 2, 0 };
	assert_memory_equal(b, want, sizeof(want));
	struct unihv_frame_header d;
	unihv_frame_header_decode(want, &d);
	assert_int_equal(d.length, 0x01020304);
	assert_int_equal(d.stream, 0x0a0b0c0d);
	assert_int_equal(d.type, 2);
	assert_int_equal(d.flags, 0);
}

static void test_request_frame_bytes(void **state)
{
	(void)state;
	uint8_t buf[256];
	static const uint8_t payload[] = { 0x08, 0x07 };
	size_t n = unihv_request_frame_encode(buf, sizeof(buf), 3, "unihv.v1.Host", "Version",
					      payload, sizeof(payload), 0);
	/* Body: 0a 0d "unihv.v1.Host" 12 07 "Version" 1a 02 08 07 = 28 bytes. */
	static const uint8_t want[] = {
		0, 0, 0, 28, 0, 0, 0, 3, 1, 0,
		0x0a, 13, 'u', 'n', 'i', 'h', 'v', '.', 'v', '1', '.', 'H', 'o', 's', 't',
		0x12, 7, 'V', 'e', 'r', 's', 'i', 'o', 'n',
		0x1a, 2, 0x08, 0x07,
	};
	assert_int_equal(n, sizeof(want));
	assert_memory_equal(buf, want, sizeof(want));
	/* Too small a buffer, too long a service name. */
	assert_int_equal(unihv_request_frame_encode(buf, 20, 1, "unihv.v1.Host", "Version", NULL, 0, 0), 0);
	char longname[80];
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	assert_int_equal(unihv_request_frame_encode(buf, sizeof(buf), 1, longname, "X", NULL, 0, 0), 0);
}

static void test_response_status_decoding(void **state)
{
	(void)state;
	/* Response{status{code 7, message "UNIHV_E_PERMISSION: no"}} */
	uint8_t body[64] = { 0x0a, 26, 0x08, 7, 0x12, 22 };
	memcpy(body + 6, "UNIHV_E_PERMISSION: no", 22);
	uint8_t *payload = malloc(UNIHV_MAX_FRAME);
	size_t plen = 99;
	UNIHV_RESULT r;
	assert_true(unihv_response_decode(body, 28, &r, payload, &plen));
	assert_int_equal(r.code, UNIHV_PERMISSION_DENIED);
	assert_string_equal(r.name, "UNIHV_E_PERMISSION");
	assert_string_equal(r.message, "UNIHV_E_PERMISSION: no");
	assert_int_equal(plen, 0);
	/* Not protobuf: a truncated length-delimited field. */
	static const uint8_t bad[] = { 0x0a, 50, 1 };
	assert_false(unihv_response_decode(bad, sizeof(bad), &r, payload, &plen));
	free(payload);

	/* A message without a NAME prefix takes the code's name. */
	r = unihv_result_from_status(5, "partition 7 does not exist");
	assert_string_equal(r.name, "NOT_FOUND");
	r = unihv_result_from_status(0, "");
	assert_string_equal(r.name, "OK");
	assert_string_equal(UnihvCodeName(16), "UNAUTHENTICATED");
	assert_string_equal(UnihvCodeName(17), "UNKNOWN_CODE");
}

static void test_call_create_partition(void **state)
{
	(void)state;
	struct fake *f = calloc(1, sizeof(*f));
	UNIHV_CONNECTION *c = fake_conn(f);
	/* A frame for another stream first: skipped. */
	static const uint8_t other[] = { 0, 0, 0, 2, 0, 0, 0, 9, 2, 0, 0x12, 0x00 };
	feed(f, other, sizeof(other));
	feed(f, resp_create_5, sizeof(resp_create_5));
	UNIHV_PARTITION_ID id = 0;
	UNIHV_RESULT r = UnihvCreatePartition(c, 0, &id);
	assert_int_equal(r.code, 0);
	assert_string_equal(r.name, "OK");
	assert_int_equal(id, 5);
	/* The request: CreateRequest{flags 0} is an empty payload. */
	static const uint8_t want[] = {
		0, 0, 0, 28, 0, 0, 0, 1, 1, 0,
		0x0a, 18, 'u', 'n', 'i', 'h', 'v', '.', 'v', '1', '.',
		'P', 'a', 'r', 't', 'i', 't', 'i', 'o', 'n',
		0x12, 6, 'C', 'r', 'e', 'a', 't', 'e',
	};
	assert_int_equal(f->sent_len, sizeof(want));
	assert_memory_equal(f->sent, want, sizeof(want));

	/* The next call uses stream 3; an error status comes back. */
	uint8_t err[] = { 0, 0, 0, 28, 0, 0, 0, 3, 2, 0, 0x0a, 26, 0x08, 5, 0x12, 22 };
	feed(f, err, sizeof(err));
	feed(f, (const uint8_t *)"HV_STATUS_INVALID_X: 7", 22);
	f->sent_len = 0;
	r = UnihvDeletePartition(c, 7);
	assert_int_equal(r.code, UNIHV_NOT_FOUND);
	assert_string_equal(r.name, "HV_STATUS_INVALID_X");
	assert_int_equal(f->sent[7], 3);
	assert_int_equal(f->sent[8], 1);
	assert_true(UnihvIsConnected(c));
	UnihvDisconnect(c);
	assert_int_equal(f->closes, 1);
	free(f);
}

static void test_call_protocol_errors(void **state)
{
	(void)state;
	struct fake *f = calloc(1, sizeof(*f));
	UNIHV_CONNECTION *c = fake_conn(f);
	/* A response header announcing more than 68 KiB. */
	static const uint8_t huge[] = { 0, 0x02, 0, 0, 0, 0, 0, 1, 2, 0 };
	feed(f, huge, sizeof(huge));
	UNIHV_VERSION v;
	UNIHV_RESULT r = UnihvGetVersion(c, &v);
	assert_string_equal(r.name, "UNIHV_E_PROTOCOL");
	assert_false(UnihvIsConnected(c));
	/* Every later call fails without sending. */
	unsigned sends = f->sends;
	r = UnihvGetVersion(c, &v);
	assert_string_equal(r.name, "UNIHV_E_CLOSED");
	assert_int_equal(f->sends, sends);
	UnihvDisconnect(c);

	/* The peer closes mid-frame. */
	c = fake_conn(f);
	static const uint8_t half[] = { 0, 0, 0, 8, 0, 0, 0, 1, 2, 0, 0x12 };
	feed(f, half, sizeof(half));
	r = UnihvGetVersion(c, &v);
	assert_string_equal(r.name, "UNIHV_E_CONNECTION");
	assert_int_equal(r.code, UNIHV_UNAVAILABLE);
	UnihvDisconnect(c);

	/* A Response whose payload is not the method's message. */
	c = fake_conn(f);
	static const uint8_t badpayload[] = { 0, 0, 0, 4, 0, 0, 0, 1, 2, 0, 0x12, 0x02, 0x0a, 0x09 };
	feed(f, badpayload, sizeof(badpayload));
	r = UnihvGetVersion(c, &v);
	assert_string_equal(r.name, "UNIHV_E_PROTOCOL");
	UnihvDisconnect(c);
	free(f);
}

static uint64_t progress_calls, progress_last;
static void progress(void *ctx, uint64_t done, uint64_t total)
{
	(void)ctx;
	assert_int_equal(total, 150000);
	assert_true(done > progress_last);
	progress_last = done;
	progress_calls++;
}

static void test_write_gpa_chunks(void **state)
{
	(void)state;
	struct fake *f = calloc(1, sizeof(*f));
	UNIHV_CONNECTION *c = fake_conn(f);
	for (uint8_t s = 1; s <= 5; s += 2) {
		uint8_t ok[] = { 0, 0, 0, 0, 0, 0, 0, s, 2, 0 };
		feed(f, ok, sizeof(ok));
	}
	uint8_t *data = malloc(150000);
	for (size_t i = 0; i < 150000; i++)
		data[i] = (uint8_t)(i * 7);
	UNIHV_RESULT r = UnihvWriteGpa(c, 2, 0x100000, data, 150000, progress, NULL);
	assert_int_equal(r.code, 0);
	assert_int_equal(f->sends, 3);
	assert_int_equal(progress_calls, 3);
	assert_int_equal(progress_last, 150000);
	/* The third frame carries the last 18928 bytes at 0x120000. */
	struct unihv_frame_header h;
	size_t off = 0;
	for (int i = 0; i < 2; i++) {
		unihv_frame_header_decode(f->sent + off, &h);
		off += UNIHV_FRAME_HEADER + h.length;
	}
	unihv_frame_header_decode(f->sent + off, &h);
	assert_int_equal(h.stream, 5);
	assert_int_equal(off + UNIHV_FRAME_HEADER + h.length, f->sent_len);
	/* The chunk's bytes end the frame (data is WriteGpaRequest's last field). */
	assert_memory_equal(f->sent + f->sent_len - 18928, data + 131072, 18928);
	free(data);
	UnihvDisconnect(c);
	free(f);
}

static void test_register_names(void **state)
{
	(void)state;
	uint32_t hv;
	assert_true(UnihvRegisterToHv(WHvX64RegisterRip, &hv));
	assert_int_equal(hv, HV_X64_REGISTER_RIP);
	assert_true(UnihvRegisterToHv((UNIHV_REGISTER_NAME)(WHvX64RegisterXmm0 + 5), &hv));
	assert_int_equal(hv, HV_X64_REGISTER_XMM5);
	assert_true(UnihvRegisterToHv(WHvX64RegisterXCr0, &hv));
	assert_int_equal(hv, HV_X64_REGISTER_XFEM);
	assert_true(UnihvRegisterToHv(WHvRegisterPendingInterruption, &hv));
	assert_int_equal(hv, HV_REGISTER_PENDING_INTERRUPTION);
	assert_false(UnihvRegisterToHv((UNIHV_REGISTER_NAME)0x7777, &hv));
	UNIHV_REGISTER_NAME n;
	assert_true(UnihvRegisterFromString("CR3", &n));
	assert_int_equal(n, WHvX64RegisterCr3);
	assert_true(UnihvRegisterFromString("mm7", &n));
	assert_int_equal(n, WHvX64RegisterFpMmx7);
	assert_false(UnihvRegisterFromString("rzz", &n));
	assert_string_equal(UnihvRegisterString(WHvX64RegisterEfer), "efer");

	/* An unknown name fails before anything is sent. */
	struct fake *f = calloc(1, sizeof(*f));
	UNIHV_CONNECTION *c = fake_conn(f);
	UNIHV_REGISTER_NAME names[] = { WHvX64RegisterRax, (UNIHV_REGISTER_NAME)0x7777 };
	UNIHV_REGISTER_VALUE vals[2];
	UNIHV_RESULT r = UnihvGetVirtualProcessorRegisters(c, 1, 0, names, 2, vals);
	assert_string_equal(r.name, "UNIHV_E_UNKNOWN_REGISTER");
	assert_int_equal(f->sends, 0);
	/* GetRegisters carries the HV names: Rax -> 0x00020000. */
	static const uint8_t resp[] = {
		0, 0, 0, 10, 0, 0, 0, 1, 2, 0,
		0x12, 8, 0x0a, 6, 0x08, 0x80, 0x80, 0x08, 0x10, 0x2a, /* {name 0x20000, low 42} */
	};
	feed(f, resp, sizeof(resp));
	r = UnihvGetVirtualProcessorRegisters(c, 1, 0, names, 1, vals);
	assert_int_equal(r.code, 0);
	assert_int_equal(vals[0].low, 42);
	/* The request's names field (3, packed): 1a 03 80 80 08 at the end. */
	static const uint8_t tail[] = { 0x1a, 0x03, 0x80, 0x80, 0x08 };
	assert_memory_equal(f->sent + f->sent_len - sizeof(tail), tail, sizeof(tail));
	UnihvDisconnect(c);
	free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_round_trip),
		cmocka_unit_test(test_request_frame_bytes),
		cmocka_unit_test(test_response_status_decoding),
		cmocka_unit_test(test_call_create_partition),
		cmocka_unit_test(test_call_protocol_errors),
		cmocka_unit_test(test_write_gpa_chunks),
		cmocka_unit_test(test_register_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
