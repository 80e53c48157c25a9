/*
 * Host tests of the guest-facing and port hypercalls through the real
 * dispatcher and table (hv/hypercall/dispatch.c, table.c) with their real
 * handlers (hc_port.c, hc_refusals.c, hc_ext.c, hc_vp.c) and the port
 * logic (hv/port.c).  The partition objects are local; the SynIC and the
 * VP-register layer are stand-ins that record what reached them.  Each
 * call code has a table of bad inputs checked against the exact status.
 */
#include <string.h>
#include "harness.h"
#include "hv/hypercall/dispatch.h"
#include "hv/hv.h"
#include "hv/partition.h"
#include "hv/port.h"
#include "hv/synic.h"
#include "hv/vp.h"
#include "hv/vp_ops.h"
#include "unihv/hv_hypercall.h"
#include "unihv/hv_message.h"
#include "unihv/hv_status.h"
#include "unihv/hv_types.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#define P HV_STATUS_INVALID_PARAMETER
#define DENIED HV_STATUS_ACCESS_DENIED
#define FAST (UINT64_C(1) << 16)
#define VARHEAD(n) ((uint64_t)(n) << 17)
#define REPS(n) ((uint64_t)(n) << 32)
#define RX 2 /* receiving partition (ports) */
#define TX 3 /* sending partition (connections), the guest caller */

/* ---- stand-ins for the rest of hv/ ------------------------------------ */

struct spinlock hv_lock;
static struct partition parts[4];
static struct vp rx_vp0;

struct partition *partition_find(uint64_t id)
{
	return id >= 1 && id < ARRAY_SIZE(parts) && parts[id].id == id ? &parts[id] : NULL;
}

hv_status_t partition_find_active(uint64_t id, struct partition **out)
{
	struct partition *p = partition_find(id);
	if (!p)
		return HV_STATUS_INVALID_PARTITION_ID;
	if (p->state != PARTITION_ACTIVE)
		return HV_STATUS_INVALID_PARTITION_STATE;
	*out = p;
	return HV_STATUS_SUCCESS;
}

static struct {
	unsigned posts, signals;
	struct vp *vp;
	uint32_t sint, flag;
	struct hv_message msg;
	hv_status_t post_status;
} syn;

hv_status_t synic_post_message_locked(struct vp *vp, uint32_t sint, const struct hv_message *msg)
{
	syn.posts++;
	syn.vp = vp;
	syn.sint = sint;
	syn.msg = *msg;
	return syn.post_status;
}

bool synic_ready_for_messages(const struct vp *vp)
{
	return vp->synic.scontrol & 1;
}

bool synic_ready_for_events(const struct vp *vp)
{
	return (vp->synic.scontrol & 1) && (vp->synic.siefp & 1);
}

hv_status_t synic_signal_event_locked(struct vp *vp, uint32_t sint, uint32_t flag, bool *newly)
{
	syn.signals++;
	syn.vp = vp;
	syn.sint = sint;
	syn.flag = flag;
	*newly = true;
	return HV_STATUS_SUCCESS;
}

static struct {
	unsigned own_get, own_set, other_get, other_set, switches;
	uint64_t id, cr3;
	uint32_t vp_index;
} regs;

hv_status_t hv_get_vp_registers(uint64_t id, uint32_t vp_index, const uint32_t *names,
				uint32_t count, union hv_register_value *values, uint32_t *done)
{
	regs.other_get++, regs.id = id, regs.vp_index = vp_index, *done = count;
	return HV_STATUS_SUCCESS;
}
hv_status_t hv_set_vp_registers(uint64_t id, uint32_t vp_index,
				const struct hv_register_assoc *a, uint32_t count, uint32_t *done)
{
	regs.other_set++, regs.id = id, regs.vp_index = vp_index, *done = count;
	return HV_STATUS_SUCCESS;
}
hv_status_t vp_get_own_registers(struct vp *vp, const uint32_t *names, uint32_t count,
				 union hv_register_value *values, uint32_t *done)
{
	regs.own_get++, *done = count;
	return HV_STATUS_SUCCESS;
}
hv_status_t vp_set_own_registers(struct vp *vp, const struct hv_register_assoc *a,
				 uint32_t count, uint32_t *done)
{
	regs.own_set++, *done = count;
	return HV_STATUS_SUCCESS;
}
hv_status_t vp_switch_own_address_space(struct vp *vp, uint64_t cr3)
{
	regs.switches++, regs.cr3 = cr3;
	return HV_STATUS_SUCCESS;
}
hv_status_t hv_translate_virtual_address(uint64_t id, uint32_t vp_index, uint64_t flags,
					 uint64_t gva_page, uint64_t *result, uint64_t *gpa_page)
{
	return HV_STATUS_SUCCESS;
}

/* ---- callers ------------------------------------------------------------ */

static uint8_t guest_mem[2 * 4096]; /* input block at GPA 0, output at 0x1000 */

static bool read_mem(void *ctx, uint64_t gpa, void *buf, size_t len)
{
	if (gpa + len > sizeof(guest_mem))
		return false;
	memcpy(buf, guest_mem + gpa, len);
	return true;
}

static bool write_mem(void *ctx, uint64_t gpa, const void *buf, size_t len)
{
	if (gpa + len > sizeof(guest_mem))
		return false;
	memcpy(guest_mem + gpa, buf, len);
	return true;
}

static struct vp caller_vp;

static struct hc_caller guest_caller(uint64_t extra_privileges)
{
	return (struct hc_caller){
		.partition_id = TX, .vp_index = 0, .vp = &caller_vp,
		.privileges = parts[TX].privilege_flags | extra_privileges,
		.read_gpa = read_mem, .write_gpa = write_mem,
		.gpa_limit = UINT64_C(1) << HV_GPA_WIDTH_BITS,
	};
}

static const struct hc_caller root = {
	.is_root = true, .read_gpa = read_mem, .write_gpa = write_mem,
	.gpa_limit = UINT64_C(1) << 52,
};

static struct hc_output call(const struct hc_caller *c, uint64_t control, uint64_t rdx,
			     const void *input, size_t in_len)
{
	static struct hc_scratch scratch;
	struct hc_input in = { .control = control, .param = { 0, 0x1000 }, .protected_mode = true };
	struct hc_output out;

	if (control & FAST)
		in.param[0] = rdx;
	memset(guest_mem, 0, sizeof(guest_mem));
	if (input)
		memcpy(guest_mem, input, in_len);
	hc_dispatch(c, &in, &scratch, &out);
	return out;
}

static uint16_t status_of(struct hc_output o)
{
	assert_int_equal(o.action, HC_COMPLETE);
	return (uint16_t)o.result;
}

static void reset(void **state)
{
	(void)state;
	memset(parts, 0, sizeof(parts));
	memset(&syn, 0, sizeof(syn));
	memset(&regs, 0, sizeof(regs));
	for (uint64_t i = 1; i < ARRAY_SIZE(parts); i++) {
		parts[i].id = i;
		parts[i].state = PARTITION_ACTIVE;
		parts[i].privilege_flags = HV_PARTITION_PRIVILEGE_POST_MESSAGES |
					   HV_PARTITION_PRIVILEGE_SIGNAL_EVENTS |
					   HV_PARTITION_PRIVILEGE_ACCESS_VP_REGISTERS |
					   HV_PARTITION_PRIVILEGE_ENABLE_EXTENDED_HYPERCALLS;
	}
	memset(&rx_vp0, 0, sizeof(rx_vp0));
	rx_vp0.synic.scontrol = 1;
	rx_vp0.synic.siefp = 1;
	parts[RX].vps[0] = &rx_vp0;
}

/* ---- CreatePort / ConnectPort / DeletePort / DisconnectPort ------------- */

static struct hv_input_create_port port_in(uint32_t id, uint32_t type, uint32_t sint,
					   uint32_t vp, uint16_t base, uint16_t count)
{
	struct hv_input_create_port in = { .port_partition_id = RX, .port_id = id,
					   .connection_partition_id = TX };
	in.port_info.port_type = type;
	in.port_info.event_port_info.target_sint = sint;
	in.port_info.event_port_info.target_vp = vp;
	if (type == HV_PORT_TYPE_EVENT) {
		in.port_info.event_port_info.base_flag_number = base;
		in.port_info.event_port_info.flag_count = count;
	}
	return in;
}

static uint16_t create(struct hv_input_create_port in)
{
	return status_of(call(&root, HVCALL_CREATE_PORT, 0, &in, sizeof(in)));
}

static struct hv_input_connect_port conn_in(uint32_t conn, uint32_t port, uint32_t type)
{
	struct hv_input_connect_port in = { .connection_partition_id = TX, .connection_id = conn,
					    .port_partition_id = RX, .port_id = port };
	in.connection_info.port_type = type;
	return in;
}

static uint16_t connect(struct hv_input_connect_port in)
{
	return status_of(call(&root, HVCALL_CONNECT_PORT, 0, &in, sizeof(in)));
}

static void test_create_port(void **state)
{
	reset(state);
	struct hv_input_create_port in;

	assert_int_equal(create(port_in(5, HV_PORT_TYPE_MESSAGE, 2, 0, 0, 0)), 0);
	assert_int_equal(create(port_in(6, HV_PORT_TYPE_EVENT, 3, HV_ANY_VP, 10, 4)), 0);
	assert_int_equal(create(port_in(5, HV_PORT_TYPE_MESSAGE, 2, 0, 0, 0)),
			 HV_STATUS_INVALID_PORT_ID);
	assert_int_equal(create(port_in(1u << 24, HV_PORT_TYPE_MESSAGE, 2, 0, 0, 0)),
			 HV_STATUS_INVALID_PORT_ID);
	const struct { const char *what; uint32_t type, sint, vp; uint16_t base, count; uint16_t want; }
	bad[] = {
		{ "SINT 0", HV_PORT_TYPE_MESSAGE, 0, 0, 0, 0, P },
		{ "SINT 16", HV_PORT_TYPE_MESSAGE, 16, 0, 0, 0, P },
		{ "monitor port", HV_PORT_TYPE_MONITOR, 2, 0, 0, 0, P },
		{ "doorbell port", HV_PORT_TYPE_DOORBELL, 2, 0, 0, 0, P },
		{ "type 0", 0, 2, 0, 0, 0, P },
		{ "no flags", HV_PORT_TYPE_EVENT, 3, 0, 0, 0, P },
		{ "flags beyond 2048", HV_PORT_TYPE_EVENT, 3, 0, 2047, 2, P },
		{ "VP 64", HV_PORT_TYPE_MESSAGE, 2, 64, 0, 0, HV_STATUS_INVALID_VP_INDEX },
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		in = port_in(7, bad[i].type, bad[i].sint, bad[i].vp, bad[i].base, bad[i].count);
		if (create(in) != bad[i].want)
			fail_msg("%s: got 0x%x, want 0x%x", bad[i].what, create(in), bad[i].want);
	}
	in = port_in(7, HV_PORT_TYPE_MESSAGE, 2, 0, 0, 0);
	in.port_info.message_port_info.rsvdz = 1;
	assert_int_equal(create(in), P);
	in = port_in(7, HV_PORT_TYPE_MESSAGE, 2, 0, 0, 0);
	in.port_vtl = 1;
	assert_int_equal(create(in), P);
	in = port_in(7, HV_PORT_TYPE_MESSAGE, 2, 0, 0, 0);
	in.rsvdz = 1;
	assert_int_equal(create(in), P);
	in = port_in(7, HV_PORT_TYPE_MESSAGE, 2, 0, 0, 0);
	in.connection_partition_id = RX;
	assert_int_equal(create(in), HV_STATUS_INVALID_PARTITION_ID);
	in.connection_partition_id = 99;
	assert_int_equal(create(in), HV_STATUS_INVALID_PARTITION_ID);
	in = port_in(7, HV_PORT_TYPE_MESSAGE, 2, 0, 0, 0);
	in.port_partition_id = 99;
	assert_int_equal(create(in), HV_STATUS_INVALID_PARTITION_ID);
	parts[RX].state = PARTITION_UNINITIALIZED;
	assert_int_equal(create(port_in(7, HV_PORT_TYPE_MESSAGE, 2, 0, 0, 0)),
			 HV_STATUS_INVALID_PARTITION_STATE);
	parts[RX].state = PARTITION_ACTIVE;
	for (uint32_t id = 7; id < 7 + HV_MAX_PORTS - 2; id++)
		assert_int_equal(create(port_in(id, HV_PORT_TYPE_MESSAGE, 2, 0, 0, 0)), 0);
	assert_int_equal(create(port_in(100, HV_PORT_TYPE_MESSAGE, 2, 0, 0, 0)),
			 HV_STATUS_NO_RESOURCES);
	/* A guest may not create ports, even holding the privilege. */
	struct hc_caller g = guest_caller(HV_PARTITION_PRIVILEGE_CREATE_PORT);
	in = port_in(200, HV_PORT_TYPE_MESSAGE, 2, 0, 0, 0);
	assert_int_equal(status_of(call(&g, HVCALL_CREATE_PORT, 0, &in, sizeof(in))), DENIED);
	g = guest_caller(0);
	assert_int_equal(status_of(call(&g, HVCALL_CREATE_PORT, 0, &in, sizeof(in))), DENIED);
}

static void setup_ports(void)
{
	assert_int_equal(create(port_in(5, HV_PORT_TYPE_MESSAGE, 2, 0, 0, 0)), 0);
	assert_int_equal(create(port_in(6, HV_PORT_TYPE_EVENT, 3, HV_ANY_VP, 10, 4)), 0);
	assert_int_equal(connect(conn_in(0x21, 5, HV_PORT_TYPE_MESSAGE)), 0);
	assert_int_equal(connect(conn_in(0x22, 6, HV_PORT_TYPE_EVENT)), 0);
}

static void test_connect_port(void **state)
{
	reset(state);
	struct hv_input_connect_port in;

	assert_int_equal(create(port_in(5, HV_PORT_TYPE_MESSAGE, 2, 0, 0, 0)), 0);
	assert_int_equal(create(port_in(6, HV_PORT_TYPE_EVENT, 3, 0, 0, 8)), 0);
	assert_int_equal(connect(conn_in(0x21, 5, HV_PORT_TYPE_EVENT)), P);      /* type mismatch */
	assert_int_equal(connect(conn_in(0x21, 5, HV_PORT_TYPE_MESSAGE)), 0);
	assert_int_equal(connect(conn_in(0x21, 6, HV_PORT_TYPE_EVENT)), HV_STATUS_INVALID_CONNECTION_ID);
	assert_int_equal(connect(conn_in(0x23, 5, HV_PORT_TYPE_MESSAGE)), HV_STATUS_INVALID_PORT_ID);
	assert_int_equal(connect(conn_in(0x23, 9, HV_PORT_TYPE_MESSAGE)), HV_STATUS_INVALID_PORT_ID);
	assert_int_equal(connect(conn_in(1u << 24, 6, HV_PORT_TYPE_EVENT)),
			 HV_STATUS_INVALID_CONNECTION_ID);
	in = conn_in(0x23, 6, HV_PORT_TYPE_EVENT);
	in.connection_partition_id = 1; /* not the port's connection partition */
	assert_int_equal(connect(in), HV_STATUS_INVALID_PORT_ID);
	in = conn_in(0x23, 6, HV_PORT_TYPE_EVENT);
	in.connection_vtl = 1;
	assert_int_equal(connect(in), P);
	in = conn_in(0x23, 6, HV_PORT_TYPE_EVENT);
	in.rsvdz2 = 1;
	assert_int_equal(connect(in), P);
	in = conn_in(0x23, 6, HV_PORT_TYPE_EVENT);
	in.connection_info.event_connection_info.rsvdz = 1;
	assert_int_equal(connect(in), P);
	in = conn_in(0x23, 6, HV_PORT_TYPE_EVENT);
	in.port_partition_id = 99;
	assert_int_equal(connect(in), HV_STATUS_INVALID_PARTITION_ID);
	assert_int_equal(connect(conn_in(0x23, 6, HV_PORT_TYPE_EVENT)), 0);

	/* Delete / disconnect (fast, 16 bytes). */
	struct { uint64_t partition; uint32_t id, rsvd; } ref = { RX, 6, 0 };
	uint64_t *w = (uint64_t *)&ref;
	struct hc_input fin = { .control = HVCALL_DELETE_PORT | FAST, .param = { w[0], w[1] },
				.protected_mode = true };
	static struct hc_scratch s;
	struct hc_output o;
	hc_dispatch(&root, &fin, &s, &o);
	assert_int_equal(status_of(o), 0);
	hc_dispatch(&root, &fin, &s, &o);
	assert_int_equal(status_of(o), HV_STATUS_INVALID_PORT_ID);
	ref.rsvd = 1;
	fin.param[1] = w[1];
	hc_dispatch(&root, &fin, &s, &o);
	assert_int_equal(status_of(o), P);
	ref = (typeof(ref)){ TX, 0x21, 0 };
	fin = (struct hc_input){ .control = HVCALL_DISCONNECT_PORT | FAST, .param = { w[0], w[1] },
				 .protected_mode = true };
	hc_dispatch(&root, &fin, &s, &o);
	assert_int_equal(status_of(o), 0);
	hc_dispatch(&root, &fin, &s, &o);
	assert_int_equal(status_of(o), HV_STATUS_INVALID_CONNECTION_ID);
	/* Disconnected: the port takes a new connection. */
	assert_int_equal(connect(conn_in(0x24, 5, HV_PORT_TYPE_MESSAGE)), 0);
}

/* ---- PostMessage / SignalEvent ------------------------------------------ */

static uint16_t post(uint32_t conn, uint32_t type, uint32_t size, uint32_t rsvd,
		     uint64_t privileges_removed)
{
	struct hv_input_post_message in = { .connection_id = conn, .rsvdz = rsvd,
					    .message_type = type, .payload_size = size };
	for (unsigned i = 0; i < 30; i++)
		in.payload[i] = 0x1000 + i;
	struct hc_caller g = guest_caller(0);
	g.privileges &= ~privileges_removed;
	return status_of(call(&g, HVCALL_POST_MESSAGE, 0, &in, sizeof(in)));
}

static void test_post_message(void **state)
{
	reset(state);
	setup_ports();

	assert_int_equal(post(0x21, 0x42, 16, 0, 0), 0);
	assert_int_equal(syn.posts, 1);
	assert_ptr_equal(syn.vp, &rx_vp0);
	assert_int_equal(syn.sint, 2);
	assert_int_equal(syn.msg.header.message_type, 0x42);
	assert_int_equal(syn.msg.header.payload_size, 16);
	assert_int_equal(syn.msg.header.origination_id, 5);
	assert_int_equal(syn.msg.u.payload[0], 0x1000);
	assert_int_equal(syn.msg.u.payload[1], 0x1001);
	assert_int_equal(syn.msg.u.payload[2], 0); /* only payload_size bytes are sent */

	const struct { const char *what; uint32_t conn, type, size, rsvd; uint64_t priv; uint16_t want; }
	bad[] = {
		{ "type 0", 0x21, 0, 16, 0, 0, P },
		{ "hypervisor type (bit 31)", 0x21, 0x80000001u, 16, 0, 0, P },
		{ "241 bytes", 0x21, 0x42, 241, 0, 0, P },
		{ "reserved word", 0x21, 0x42, 16, 1, 0, P },
		{ "unknown connection", 0x99, 0x42, 16, 0, 0, HV_STATUS_INVALID_CONNECTION_ID },
		{ "connection ID high bits", 0x21 | 1u << 24, 0x42, 16, 0, 0,
		  HV_STATUS_INVALID_CONNECTION_ID },
		{ "event port", 0x22, 0x42, 16, 0, 0, HV_STATUS_INVALID_PORT_ID },
		{ "no PostMessages privilege", 0x21, 0x42, 16, 0, HV_PARTITION_PRIVILEGE_POST_MESSAGES,
		  DENIED },
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		uint16_t st = post(bad[i].conn, bad[i].type, bad[i].size, bad[i].rsvd, bad[i].priv);
		if (st != bad[i].want)
			fail_msg("%s: got 0x%x, want 0x%x", bad[i].what, st, bad[i].want);
	}
	assert_int_equal(syn.posts, 1);
	assert_int_equal(post(0x21, 0x42, 240, 0, 0), 0);     /* the largest payload */
	syn.post_status = HV_STATUS_INSUFFICIENT_BUFFERS;      /* the SynIC's answer passes through */
	assert_int_equal(post(0x21, 0x42, 0, 0, 0), HV_STATUS_INSUFFICIENT_BUFFERS);
	syn.post_status = 0;
	parts[RX].vps[0] = NULL;                                /* target VP gone */
	assert_int_equal(post(0x21, 0x42, 0, 0, 0), HV_STATUS_INVALID_VP_INDEX);
	parts[RX].vps[0] = &rx_vp0;
	parts[RX].state = PARTITION_FINALIZED;                  /* owner not active */
	assert_int_equal(post(0x21, 0x42, 0, 0, 0), HV_STATUS_INVALID_PORT_ID);
	parts[RX].state = PARTITION_ACTIVE;
	struct hv_input_post_message in = { .connection_id = 0x21, .message_type = 1 };
	assert_int_equal(status_of(call(&root, HVCALL_POST_MESSAGE, 0, &in, sizeof(in))), DENIED);
	/* Not a fast call: 256 bytes would need XMM fast input, not offered
	 * to this caller (#UD, TLFS 4). */
	struct hc_caller g = guest_caller(0);
	assert_int_equal(call(&g, HVCALL_POST_MESSAGE | FAST, 0x21, NULL, 0).action, HC_INJECT_UD);
	g.xmm_fast_input = true;
	assert_int_equal(status_of(call(&g, HVCALL_POST_MESSAGE | FAST, 0x21, NULL, 0)),
			 HV_STATUS_INVALID_HYPERCALL_INPUT);
}

static uint16_t signal_fast(uint64_t rdx)
{
	struct hc_caller g = guest_caller(0);
	return status_of(call(&g, HVCALL_SIGNAL_EVENT | FAST, rdx, NULL, 0));
}

static void test_signal_event(void **state)
{
	reset(state);
	setup_ports();

	assert_int_equal(signal_fast(hv_signal_event_fast_input(0x22, 3)), 0);
	assert_int_equal(syn.signals, 1);
	assert_ptr_equal(syn.vp, &rx_vp0); /* HV_ANY_VP: the first VP that takes events */
	assert_int_equal(syn.sint, 3);
	assert_int_equal(syn.flag, 13);
	/* The memory form. */
	struct hv_input_signal_event in = { .connection_id = 0x22, .flag_number = 0 };
	struct hc_caller g = guest_caller(0);
	assert_int_equal(status_of(call(&g, HVCALL_SIGNAL_EVENT, 0, &in, sizeof(in))), 0);
	assert_int_equal(syn.flag, 10);

	assert_int_equal(signal_fast(hv_signal_event_fast_input(0x22, 4)), P);
	assert_int_equal(signal_fast(hv_signal_event_fast_input(0x22, 0) | UINT64_C(1) << 48), P);
	assert_int_equal(signal_fast(hv_signal_event_fast_input(0x21, 0)), HV_STATUS_INVALID_PORT_ID);
	assert_int_equal(signal_fast(hv_signal_event_fast_input(0x77, 0)),
			 HV_STATUS_INVALID_CONNECTION_ID);
	g.privileges &= ~HV_PARTITION_PRIVILEGE_SIGNAL_EVENTS;
	assert_int_equal(status_of(call(&g, HVCALL_SIGNAL_EVENT | FAST, 0x22, NULL, 0)), DENIED);
	assert_int_equal(syn.signals, 2);
}

/* ---- RetargetDeviceInterrupt, VSM, extended calls ------------------------ */

static void test_retarget_device_interrupt(void **state)
{
	reset(state);
	const uint64_t SET = (uint64_t)HV_DEVICE_INTERRUPT_TARGET_PROCESSOR_SET << 32;
	const struct { const char *what; uint64_t control; uint64_t in[9]; uint16_t want; } cases[] = {
		{ "well formed: no such device", HVCALL_RETARGET_DEVICE_INTERRUPT,
		  { HV_PARTITION_ID_SELF, 7, 1, 0, 0, 0x30, 1 }, HV_STATUS_INVALID_DEVICE_ID },
		{ "own ID", HVCALL_RETARGET_DEVICE_INTERRUPT, { TX, 7, 2, 0, 0, 0x30, 1 },
		  HV_STATUS_INVALID_DEVICE_ID },
		{ "processor set", HVCALL_RETARGET_DEVICE_INTERRUPT | VARHEAD(2),
		  { HV_PARTITION_ID_SELF, 7, 1, 0, 0, 0x30 | SET, 0, 1, 1 }, HV_STATUS_INVALID_DEVICE_ID },
		{ "other partition", HVCALL_RETARGET_DEVICE_INTERRUPT, { RX, 7, 1, 0, 0, 0x30, 1 },
		  HV_STATUS_INVALID_PARTITION_ID },
		{ "entry reserved", HVCALL_RETARGET_DEVICE_INTERRUPT,
		  { HV_PARTITION_ID_SELF, 7, 1 | UINT64_C(1) << 32, 0, 0, 0x30, 1 }, P },
		{ "reserved word", HVCALL_RETARGET_DEVICE_INTERRUPT,
		  { HV_PARTITION_ID_SELF, 7, 1, 0, 1, 0x30, 1 }, P },
		{ "unknown flag", HVCALL_RETARGET_DEVICE_INTERRUPT,
		  { HV_PARTITION_ID_SELF, 7, 1, 0, 0, 0x30 | UINT64_C(8) << 32, 1 }, P },
		{ "source 0", HVCALL_RETARGET_DEVICE_INTERRUPT, { HV_PARTITION_ID_SELF, 7, 0, 0, 0, 0x30, 1 },
		  P },
		{ "vector 15", HVCALL_RETARGET_DEVICE_INTERRUPT, { HV_PARTITION_ID_SELF, 7, 1, 0, 0, 15, 1 },
		  P },
		{ "vector 256", HVCALL_RETARGET_DEVICE_INTERRUPT,
		  { HV_PARTITION_ID_SELF, 7, 1, 0, 0, 256, 1 }, P },
		{ "empty mask", HVCALL_RETARGET_DEVICE_INTERRUPT, { HV_PARTITION_ID_SELF, 7, 1, 0, 0, 0x30, 0 },
		  P },
		{ "mask with a variable header", HVCALL_RETARGET_DEVICE_INTERRUPT | VARHEAD(1),
		  { HV_PARTITION_ID_SELF, 7, 1, 0, 0, 0x30, 1, 0 }, P },
		{ "all-processors set", HVCALL_RETARGET_DEVICE_INTERRUPT | VARHEAD(1),
		  { HV_PARTITION_ID_SELF, 7, 1, 0, 0, 0x30 | SET, 1, 0 }, P },
		{ "set without banks", HVCALL_RETARGET_DEVICE_INTERRUPT,
		  { HV_PARTITION_ID_SELF, 7, 1, 0, 0, 0x30 | SET, 0 }, P },
		{ "set with a missing bank word", HVCALL_RETARGET_DEVICE_INTERRUPT | VARHEAD(1),
		  { HV_PARTITION_ID_SELF, 7, 1, 0, 0, 0x30 | SET, 0, 1 },
		  HV_STATUS_INVALID_HYPERCALL_INPUT },
		{ "empty set", HVCALL_RETARGET_DEVICE_INTERRUPT | VARHEAD(2),
		  { HV_PARTITION_ID_SELF, 7, 1, 0, 0, 0x30 | SET, 0, 1, 0 }, P },
	};
	struct hc_caller g = guest_caller(0);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		uint16_t st = status_of(call(&g, cases[i].control, 0, cases[i].in, sizeof(cases[i].in)));
		if (st != cases[i].want)
			fail_msg("%s: got 0x%x, want 0x%x", cases[i].what, st, cases[i].want);
	}
	assert_int_equal(status_of(call(&root, cases[0].control, 0, cases[0].in, 56)), DENIED);
}

static void test_vsm_calls(void **state)
{
	reset(state);
	struct hc_caller g = guest_caller(0);
	uint64_t in[30] = { HV_PARTITION_ID_SELF, 1 };

	/* Without AccessVsm: the gate. */
	assert_int_equal(status_of(call(&g, HVCALL_MODIFY_VTL_PROTECTION_MASK | REPS(1), 0, in, 24)),
			 DENIED);
	assert_int_equal(status_of(call(&g, HVCALL_ENABLE_PARTITION_VTL, 0, in, 16)), DENIED);
	assert_int_equal(status_of(call(&g, HVCALL_ENABLE_VP_VTL, 0, in, 240)), DENIED);
	/* With it (granted by a root): still no VTL to enable. */
	g = guest_caller(HV_PARTITION_PRIVILEGE_ACCESS_VSM);
	assert_int_equal(status_of(call(&g, HVCALL_ENABLE_PARTITION_VTL, 0, in, 16)), DENIED);
	assert_int_equal(status_of(call(&g, HVCALL_ENABLE_VP_VTL, 0, in, 240)), DENIED);
	/* VtlCall / VtlReturn: #UD, no status. */
	assert_int_equal(call(&g, HVCALL_VTL_CALL, 0, NULL, 0).action, HC_INJECT_UD);
	assert_int_equal(call(&g, HVCALL_VTL_RETURN, 0, NULL, 0).action, HC_INJECT_UD);
	assert_int_equal(call(&g, HVCALL_VTL_CALL | UINT64_C(1) << 31, 0, NULL, 0).action,
			 HC_INJECT_UD); /* reserved control bits: still no status */
	assert_int_equal(call(&g, HVCALL_VTL_RETURN | 1, 0, NULL, 0).action, HC_COMPLETE); /* other code */
	assert_int_equal(status_of(call(&root, HVCALL_VTL_CALL, 0, NULL, 0)),
			 HV_STATUS_INVALID_HYPERCALL_CODE); /* the root has no VTL */
}

static void test_extended_calls(void **state)
{
	reset(state);
	struct hc_caller g = guest_caller(0);
	struct hc_output o = call(&g, HVCALL_EXT_QUERY_CAPABILITIES, 0, NULL, 0);
	uint64_t caps;

	assert_int_equal(status_of(o), 0);
	memcpy(&caps, guest_mem + 0x1000, 8);
	assert_int_equal(caps, HV_EXT_CAPABILITY_GET_BOOT_ZEROED_MEMORY |
			       HV_EXT_CAPABILITY_MEMORY_HEAT_HINT);
	assert_int_equal(status_of(call(&g, 0x8004, 0, NULL, 0)), HV_STATUS_INVALID_HYPERCALL_CODE);
	assert_int_equal(status_of(call(&g, 0x8006, 0, NULL, 0)), HV_STATUS_INVALID_HYPERCALL_CODE);

	const struct { const char *what; uint64_t control; uint64_t in[4]; uint64_t want; } heat[] = {
		{ "cold, two ranges", HVCALL_EXT_MEMORY_HEAT_HINT | REPS(2),
		  { 0, 0x5000 | 7, 1ull << 11 | 1ull << 21 }, REPS(2) },
		{ "cold discard", HVCALL_EXT_MEMORY_HEAT_HINT | REPS(1), { 2, 0x5000 }, REPS(1) },
		{ "type 3", HVCALL_EXT_MEMORY_HEAT_HINT | REPS(1), { 3, 0x5000 }, P },
		{ "reserved header bits", HVCALL_EXT_MEMORY_HEAT_HINT | REPS(1), { 4, 0x5000 }, P },
		{ "second range beyond the GPA space", HVCALL_EXT_MEMORY_HEAT_HINT | REPS(2),
		  { 1, 0x5000, (UINT64_C(1) << HV_GPA_WIDTH_BITS) }, P | REPS(1) },
		{ "1 GiB range", HVCALL_EXT_MEMORY_HEAT_HINT | REPS(1), { 0, 3ull << 11 }, P },
		{ "large range reserved bits", HVCALL_EXT_MEMORY_HEAT_HINT | REPS(1),
		  { 0, 1ull << 11 | 1ull << 15 }, P },
		{ "no rep count", HVCALL_EXT_MEMORY_HEAT_HINT, { 0 }, HV_STATUS_INVALID_HYPERCALL_INPUT },
	};
	for (size_t i = 0; i < ARRAY_SIZE(heat); i++) {
		o = call(&g, heat[i].control, 0, heat[i].in, sizeof(heat[i].in));
		if (o.result != heat[i].want)
			fail_msg("%s: got 0x%llx, want 0x%llx", heat[i].what,
				 (unsigned long long)o.result, (unsigned long long)heat[i].want);
	}
	g.privileges &= ~HV_PARTITION_PRIVILEGE_ENABLE_EXTENDED_HYPERCALLS;
	assert_int_equal(status_of(call(&g, HVCALL_EXT_QUERY_CAPABILITIES, 0, NULL, 0)), DENIED);
	assert_int_equal(status_of(call(&root, HVCALL_EXT_GET_BOOT_ZEROED_MEMORY, 0, NULL, 0)), DENIED);
}

/* ---- Get/SetVpRegisters targets, SwitchVirtualAddressSpace --------------- */

static void test_register_targets(void **state)
{
	reset(state);
	struct hc_caller g = guest_caller(0);
	uint64_t in[4] = { HV_PARTITION_ID_SELF, HV_VP_INDEX_SELF, 0x20000 };

	assert_int_equal(status_of(call(&g, HVCALL_GET_VP_REGISTERS | REPS(1), 0, in, 20)) , 0);
	assert_int_equal(regs.own_get, 1);
	in[0] = TX, in[1] = 0; /* own ID and own index: the caller itself */
	assert_int_equal(status_of(call(&g, HVCALL_GET_VP_REGISTERS | REPS(1), 0, in, 20)), 0);
	assert_int_equal(regs.own_get, 2);
	in[1] = 1; /* another VP of its partition */
	assert_int_equal(status_of(call(&g, HVCALL_GET_VP_REGISTERS | REPS(1), 0, in, 20)), 0);
	assert_int_equal(regs.other_get, 1);
	assert_int_equal(regs.id, TX);
	assert_int_equal(regs.vp_index, 1);
	in[0] = RX; /* another partition */
	assert_int_equal(status_of(call(&g, HVCALL_GET_VP_REGISTERS | REPS(1), 0, in, 20)), DENIED);
	in[0] = HV_PARTITION_ID_SELF, in[1] = HV_VP_INDEX_SELF | UINT64_C(1) << 32; /* VTL 1 */
	assert_int_equal(status_of(call(&g, HVCALL_GET_VP_REGISTERS | REPS(1), 0, in, 20)), P);
	in[1] = HV_VP_INDEX_SELF | UINT64_C(1) << 40; /* reserved byte */
	assert_int_equal(status_of(call(&g, HVCALL_GET_VP_REGISTERS | REPS(1), 0, in, 20)), P);

	uint64_t set[6] = { HV_PARTITION_ID_SELF, HV_VP_INDEX_SELF, 0x20000, 0, 5, 0 };
	assert_int_equal(call(&g, HVCALL_SET_VP_REGISTERS | REPS(1), 0, set, 48).result, REPS(1));
	assert_int_equal(regs.own_set, 1);
	set[2] |= UINT64_C(1) << 32; /* element reserved field */
	assert_int_equal(status_of(call(&g, HVCALL_SET_VP_REGISTERS | REPS(1), 0, set, 48)), P);
	g.privileges &= ~HV_PARTITION_PRIVILEGE_ACCESS_VP_REGISTERS;
	set[2] = 0x20000;
	assert_int_equal(status_of(call(&g, HVCALL_SET_VP_REGISTERS | REPS(1), 0, set, 48)), DENIED);
	assert_int_equal(regs.own_set, 1);
	/* The root names partition and VP; SELF means nothing to it. */
	in[0] = RX, in[1] = 0;
	assert_int_equal(status_of(call(&root, HVCALL_GET_VP_REGISTERS | REPS(1), 0, in, 20)), 0);
	assert_int_equal(regs.id, RX);
}

static void test_switch_address_space(void **state)
{
	reset(state);
	struct hc_caller g = guest_caller(0);

	assert_int_equal(status_of(call(&g, HVCALL_SWITCH_VIRTUAL_ADDRESS_SPACE | FAST, 0x10000,
					NULL, 0)), 0);
	assert_int_equal(regs.switches, 1);
	assert_int_equal(regs.cr3, 0x10000);
	uint64_t cr3 = 0x20000;
	assert_int_equal(status_of(call(&g, HVCALL_SWITCH_VIRTUAL_ADDRESS_SPACE, 0, &cr3, 8)), 0);
	assert_int_equal(regs.cr3, 0x20000);
	assert_int_equal(status_of(call(&g, HVCALL_SWITCH_VIRTUAL_ADDRESS_SPACE | REPS(1) | FAST,
					1, NULL, 0)), HV_STATUS_INVALID_HYPERCALL_INPUT);
	assert_int_equal(status_of(call(&root, HVCALL_SWITCH_VIRTUAL_ADDRESS_SPACE | FAST, 1, NULL, 0)),
			 DENIED);
	assert_int_equal(regs.switches, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_port),
		cmocka_unit_test(test_connect_port),
		cmocka_unit_test(test_post_message),
		cmocka_unit_test(test_signal_event),
		cmocka_unit_test(test_retarget_device_interrupt),
		cmocka_unit_test(test_vsm_calls),
		cmocka_unit_test(test_extended_calls),
		cmocka_unit_test(test_register_targets),
		cmocka_unit_test(test_switch_address_space),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
