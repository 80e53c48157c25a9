/*
 * Guest-facing hypercalls beyond flushes and IPIs, from a 64-bit guest
 * through the command loop of tests/guests/hcguest64.S (hc_cases.h):
 *
 *   hc_calls       SwitchVirtualAddressSpace, Get/SetVpRegisters on the
 *                  caller itself and others, the VSM calls (ACCESS_DENIED;
 *                  VtlCall/VtlReturn #UD), RetargetDeviceInterrupt (input
 *                  checks, then INVALID_DEVICE_ID), the extended calls
 *                  (capabilities, boot-zeroed ranges, heat hints, 0x8004
 *                  and 0x8006 not offered), port management refused to a
 *                  guest; a valid call from CPL 3 -> #UD.
 *   port_messages  two partitions: the root creates a message port and an
 *                  event port in the receiver (tests/guests/portrx64.S,
 *                  running on CPU 1) and connects the sender to them
 *                  (hv_root_call, the hypercall path); the sender's
 *                  PostMessage lands in the receiver's SINT2 slot (type,
 *                  size, port ID, payload checked in what the receiver's
 *                  handler copied out; four in a row keep their order
 *                  through the pending/EOM protocol) and its SignalEvent
 *                  sets the flag in the receiver's SIEF page and raises
 *                  SINT3 once per newly set flag; every error status.
 *   post_round_trip  two partitions running tests/guests/portrx64.S, each
 *                  with a port the other is connected to: A posts a ping
 *                  (PostMessage from its own VP), B's interrupt handler
 *                  answers it with a PostMessage of its own, and A's
 *                  handler receives the answer with the ping's payload.
 */
#include <string.h>
#include "tests/guests/driver/gtest.h"
#include "tests/guests/driver/hc_cases.h"
#include "arch/cpu.h"
#include "hv/hypercall/root_call.h"
#include "hv/vp_ops.h"
#include "smp/smp.h"
#include "time/clock.h"
#include "unihv/hv_hypercall.h"
#include "unihv/hv_types.h"

const char *gt_test_hc_calls(void);
const char *gt_test_port_messages(void);
const char *gt_test_post_round_trip(void);

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#define SELF HV_PARTITION_ID_SELF
#define VPSELF HV_VP_INDEX_SELF
#define P HV_STATUS_INVALID_PARAMETER
#define DENIED HV_STATUS_ACCESS_DENIED
#define NO_CODE HV_STATUS_INVALID_HYPERCALL_CODE

/* The command-loop guest on VP 0 of a fresh partition. */
static const char *sender_vm(struct gt_vm *vm)
{
	const char *err;

	if ((err = gt_vm_create(vm, 16, 32)) || (err = gt_vm_load(vm, 0x1000, GT_BLOB(hcguest64))))
		return err;
	if (hv_create_vp(vm->id, 0) != HV_STATUS_SUCCESS)
		return gt_fail("CreateVp failed");
	if ((err = gt_setup_long_mode(vm, 0, 0x1000, PML4)))
		return err;
	if (gt_set(vm, 0, HV_X64_REGISTER_CR4, 0x220) || gt_set(vm, 0, HV_X64_REGISTER_RSP, 0x8000))
		return gt_fail("setting CR4/RSP failed");
	return NULL;
}

static const char *stop_loop(struct gt_vm *vm)
{
	struct gt_hc_cmd cmd = { 0, 0, 0, 2, { 0 } };
	struct hv_message m;
	const char *err = gt_vm_write(vm, CMD, &cmd, sizeof(cmd));
	return err ? err : gt_run_expect(vm, 0, HV_MESSAGE_TYPE_X64_HALT, &m);
}

/* A #UD handler for the command-loop guest: an IDT at UD_IDT whose
 * vector 6 gate (selector 0x08, the CS of gt_setup_long_mode) runs
 * UD_HANDLER: OUT EAX to UD_PORT, step over the 3-byte VMCALL, IRETQ. */
#define UD_IDT 0x1c000ull
#define UD_HANDLER 0x1b000ull
#define UD_PORT 0x1262
#define UD_GDT 0x1b100ull

static const char *install_ud_handler(struct gt_vm *vm)
{
	static const uint8_t code[] = {
		0x66, 0xba, UD_PORT & 0xff, UD_PORT >> 8, /* mov $UD_PORT, %dx */
		0xef,                                     /* out %eax, %dx */
		0x48, 0x83, 0x04, 0x24, 0x03,             /* addq $3, (%rsp) */
		0x48, 0xcf,                               /* iretq */
	};
	uint64_t gate[2] = { (UD_HANDLER & 0xffff) | 0x08ull << 16 | 0x8eull << 40 |
				     ((UD_HANDLER >> 16) & 0xffff) << 48,
			     UD_HANDLER >> 32 };
	/* Delivery reads the gate's CS from the GDT: give it one, with ring-3
	 * code (0x2b) and data (0x33) for the CPL 3 check (0x18 is the TSS). */
	static const uint64_t gdt[7] = { 0, 0x00af9b000000ffffull, 0x00cf93000000ffffull, 0, 0,
					 0x00affb000000ffffull, 0x00cff3000000ffffull };
	const char *err;
	struct hv_register_assoc a[2] = { { .name = HV_X64_REGISTER_IDTR },
					  { .name = HV_X64_REGISTER_GDTR } };
	uint32_t done;

	if ((err = gt_vm_write(vm, UD_HANDLER, code, sizeof(code))) ||
	    (err = gt_vm_write(vm, UD_GDT, gdt, sizeof(gdt))) ||
	    (err = gt_vm_write(vm, UD_IDT + 6 * 16, gate, sizeof(gate))))
		return err;
	a[0].value.table.limit = 256 * 16 - 1;
	a[0].value.table.base = UD_IDT;
	a[1].value.table.limit = sizeof(gdt) - 1;
	a[1].value.table.base = UD_GDT;
	if (hv_set_vp_registers(vm->id, 0, a, 2, &done) != HV_STATUS_SUCCESS)
		return gt_fail("setting IDTR/GDTR failed");
	return NULL;
}

/* VtlCall/VtlReturn: #UD delivered to the guest at the VMCALL, RAX
 * untouched (no status). */
static const char *vtl_switch_ud(struct gt_vm *vm, uint16_t code)
{
	struct gt_hc_cmd cmd = { code, 0, 0, 0, { 0 } };
	uint64_t v;
	const char *err;

	if ((err = gt_vm_write(vm, CMD, &cmd, sizeof(cmd))) ||
	    (err = gt_run_out(vm, 0, UD_PORT, 4, &v)))
		return err;
	/* RAX still holds what the loop left there (mode 0): no status. */
	if (v != 0)
		return gt_fail("call 0x%x: the #UD handler saw EAX 0x%llx", code, (unsigned long long)v);
	if ((err = gt_run_out(vm, 0, PORT, 4, &v)) || (err = gt_run_out(vm, 0, PORT, 4, &v)))
		return err;
	return NULL;
}

/* A hypercall from CPL 3 (TLFS "Hypercall Interface": only CPL 0 may
 * call): the loop runs in ring 3 (CS 0x2b, SS 0x33, IOPL 3 for its OUTs,
 * a TSS whose RSP0 the #UD takes) and its valid NotifyLongSpinWait is
 * answered with #UD, RAX untouched; then back to ring 0. */
#define USER_TSS 0x1b200ull
static const char *cpl3_call(struct gt_vm *vm)
{
	const uint64_t rsp0 = 0x7800;
	struct gt_hc_cmd cmd = { HVCALL_NOTIFY_LONG_SPIN_WAIT | FAST, 1, 0, 0, { 0 } };
	uint64_t v;
	const char *err;

	if ((err = gt_vm_write(vm, USER_TSS + 4, &rsp0, 8)))
		return err;
	if (gt_set_segment(vm, 0, HV_X64_REGISTER_TR, USER_TSS, 0x67, 0x18, 0x8b) ||
	    gt_set_segment(vm, 0, HV_X64_REGISTER_CS, 0, 0xffffffff, 0x2b, 0xa0fb) ||
	    gt_set_segment(vm, 0, HV_X64_REGISTER_SS, 0, 0xffffffff, 0x33, 0xc0f3) ||
	    gt_set(vm, 0, HV_X64_REGISTER_RFLAGS, 0x3002))
		return gt_fail("entering ring 3 refused");
	if ((err = gt_vm_write(vm, CMD, &cmd, sizeof(cmd))) ||
	    (err = gt_run_out(vm, 0, UD_PORT, 4, &v)))
		return err;
	uint64_t lo, hi;
	if ((err = gt_run_out(vm, 0, PORT, 4, &lo)) || (err = gt_run_out(vm, 0, PORT, 4, &hi)))
		return err;
	if (v != 0 || lo != 0 || hi != 0)
		return gt_fail("CPL 3 hypercall: #UD saw EAX 0x%llx, the loop RAX 0x%llx", (unsigned long long)v,
			       (unsigned long long)(lo | hi << 32));
	if (gt_set_segment(vm, 0, HV_X64_REGISTER_CS, 0, 0xffffffff, 0x08, 0xa09b) ||
	    gt_set_segment(vm, 0, HV_X64_REGISTER_SS, 0, 0xffffffff, 0x10, 0xc093) ||
	    gt_set(vm, 0, HV_X64_REGISTER_RFLAGS, 0x2))
		return gt_fail("leaving ring 3 refused");
	/* The same call from ring 0 succeeds. */
	const struct gt_hc_case c = { "spin wait from ring 0", HVCALL_NOTIFY_LONG_SPIN_WAIT | FAST, 1,
				      0, {}, {}, 0, 0 };
	return gt_hc_run_case(vm, &c);
}

static const char *boot_zeroed(struct gt_vm *vm)
{
	const struct gt_hc_case c = { "boot zeroed memory", HVCALL_EXT_GET_BOOT_ZEROED_MEMORY, 0,
				      OUT_GPA, {}, {}, 0, 0 };
	uint64_t out[9], prev = UINT64_MAX, zero[512] = { 0 };
	const char *err;

	/* Pages 0x1e and 0x1f are mapped and zero; page 0x1d is not. */
	uint64_t marker = 0x5a;
	if ((err = gt_vm_write(vm, 0x1d000, &marker, 8)) ||
	    (err = gt_vm_write(vm, 0x1e000, zero, sizeof(zero))) ||
	    (err = gt_vm_write(vm, 0x1f000, zero, sizeof(zero))) ||
	    (err = gt_hc_run_case(vm, &c)) || (err = gt_vm_read(vm, OUT_GPA, out, sizeof(out))))
		return err;
	if (out[0] == 0 || out[0] > 255)
		return gt_fail("boot zeroed: %llu ranges", (unsigned long long)out[0]);
	bool found = false;
	for (uint64_t i = 0; i < out[0] && i < 4; i++) {
		uint64_t start = out[1 + 2 * i], count = out[2 + 2 * i];
		if (count > prev || start + count > 32 || (start <= 0x1d && 0x1d < start + count))
			return gt_fail("boot zeroed: range %llu = [0x%llx, +%llu) (largest first, "
				       "mapped, never page 0x1d)", (unsigned long long)i,
				       (unsigned long long)start, (unsigned long long)count);
		found |= start <= 0x1e && start + count >= 0x20;
		prev = count;
	}
	return found || out[0] > 4 ? NULL : gt_fail("boot zeroed: pages 0x1e-0x1f not reported");
}

const char *gt_test_hc_calls(void)
{
	struct gt_vm vm;
	const char *err;

	GT_TRY(sender_vm(&vm));
	GT_TRY(install_ud_handler(&vm));
	const uint64_t set = HVCALL_SET_VP_REGISTERS | REPS(1), get = HVCALL_GET_VP_REGISTERS | REPS(1);
	const struct gt_hc_case cases[] = {
		{ "switch address space", HVCALL_SWITCH_VIRTUAL_ADDRESS_SPACE | FAST, PML4, 0, {}, {},
		  0, 0 },
		{ "switch address space, bit 40", HVCALL_SWITCH_VIRTUAL_ADDRESS_SPACE | FAST,
		  PML4 | 1ull << 40, 0, {}, {}, 0, P },
		{ "switch address space, memory form", HVCALL_SWITCH_VIRTUAL_ADDRESS_SPACE, IN_GPA, 0,
		  {}, { PML4 }, 8, 0 },
		{ "get own CR3", get, IN_GPA, OUT_GPA, {},
		  { SELF, VPSELF, HV_X64_REGISTER_CR3 }, 20, REPS(1), { (uint32_t)PML4, 0, 0, 0 }, 4 },
		{ "set own R15", set, IN_GPA, 0, {},
		  { SELF, VPSELF, HV_X64_REGISTER_R15, 0, 0x1234567, 0 }, 48, REPS(1) },
		{ "get own R15 by partition ID and index", get, IN_GPA, OUT_GPA, {},
		  { vm.id, 0, HV_X64_REGISTER_R15 }, 20, REPS(1), { 0x1234567, 0, 0, 0 }, 4 },
		{ "set own RIP refused", set, IN_GPA, 0, {},
		  { SELF, VPSELF, HV_X64_REGISTER_RIP, 0, 0x5000, 0 }, 48, P },
		{ "set own CR0 invalid", set, IN_GPA, 0, {},
		  { SELF, VPSELF, HV_X64_REGISTER_CR0, 0, 0x80000000, 0 }, 48,
		  HV_STATUS_INVALID_REGISTER_VALUE },
		{ "get unknown register", get, IN_GPA, OUT_GPA, {}, { SELF, VPSELF, 0x7777777 }, 20, P },
		{ "get VP 1 (none)", get, IN_GPA, OUT_GPA, {}, { SELF, 1, HV_X64_REGISTER_RAX }, 20,
		  HV_STATUS_INVALID_VP_INDEX },
		{ "get another partition's VP", get, IN_GPA, OUT_GPA, {},
		  { vm.id + 1000, 0, HV_X64_REGISTER_RAX }, 20, DENIED },
		{ "get VTL 1", get, IN_GPA, OUT_GPA, {}, { SELF, VPSELF | 1ull << 32, 0 }, 20, P },
		{ "modify VTL protection mask", HVCALL_MODIFY_VTL_PROTECTION_MASK | REPS(1), IN_GPA, 0,
		  {}, { SELF, 0, 0x10 }, 24, DENIED },
		{ "enable partition VTL", HVCALL_ENABLE_PARTITION_VTL, IN_GPA, 0, {}, { SELF, 1 }, 16,
		  DENIED },
		{ "enable VP VTL", HVCALL_ENABLE_VP_VTL, IN_GPA, 0, {}, { SELF, 1ull << 32 }, 240,
		  DENIED },
		{ "retarget: no such device", HVCALL_RETARGET_DEVICE_INTERRUPT, IN_GPA, 0, {},
		  { SELF, 7, HV_INTERRUPT_SOURCE_MSI, 0xfee00000 | 0x30ull << 32, 0, 0x30, 1 }, 56,
		  HV_STATUS_INVALID_DEVICE_ID },
		{ "retarget: processor set", HVCALL_RETARGET_DEVICE_INTERRUPT | VARHEAD(2), IN_GPA, 0,
		  {}, { SELF, 7, 1, 0, 0, 0x30 | (uint64_t)HV_DEVICE_INTERRUPT_TARGET_PROCESSOR_SET << 32,
			0, 1, 1 }, 72, HV_STATUS_INVALID_DEVICE_ID },
		{ "retarget: all-processors set", HVCALL_RETARGET_DEVICE_INTERRUPT | VARHEAD(1),
		  IN_GPA, 0, {}, { SELF, 7, 1, 0, 0,
		  0x30 | (uint64_t)HV_DEVICE_INTERRUPT_TARGET_PROCESSOR_SET << 32, 1, 0 }, 64, P },
		{ "retarget: other partition", HVCALL_RETARGET_DEVICE_INTERRUPT, IN_GPA, 0, {},
		  { 77, 7, 1, 0, 0, 0x30, 1 }, 56, HV_STATUS_INVALID_PARTITION_ID },
		{ "retarget: vector 5", HVCALL_RETARGET_DEVICE_INTERRUPT, IN_GPA, 0, {},
		  { SELF, 7, 1, 0, 0, 0x5, 1 }, 56, P },
		{ "retarget: source 3", HVCALL_RETARGET_DEVICE_INTERRUPT, IN_GPA, 0, {},
		  { SELF, 7, 3, 0, 0, 0x30, 1 }, 56, P },
		{ "retarget: reserved word", HVCALL_RETARGET_DEVICE_INTERRUPT, IN_GPA, 0, {},
		  { SELF, 7, 1, 0, 1, 0x30, 1 }, 56, P },
		{ "retarget: empty mask", HVCALL_RETARGET_DEVICE_INTERRUPT, IN_GPA, 0, {},
		  { SELF, 7, 1, 0, 0, 0x30, 0 }, 56, P },
		{ "ext capabilities", HVCALL_EXT_QUERY_CAPABILITIES, 0, OUT_GPA, {}, {}, 0, 0,
		  { 3, 0 }, 2 },
		{ "heat hint", HVCALL_EXT_MEMORY_HEAT_HINT | REPS(2), IN_GPA, 0, {},
		  { 1, 0x1c000 | 3, 1ull << 11 }, 24, REPS(2) },
		{ "heat hint type 3", HVCALL_EXT_MEMORY_HEAT_HINT | REPS(1), IN_GPA, 0, {},
		  { 3, 0x1c000 }, 16, P },
		{ "heat hint beyond the GPA space", HVCALL_EXT_MEMORY_HEAT_HINT | REPS(2), IN_GPA, 0,
		  {}, { 0, 0x1c000, 1ull << 51 }, 24, P | REPS(1) },
		{ "heat hint 1 GiB range", HVCALL_EXT_MEMORY_HEAT_HINT | REPS(1), IN_GPA, 0, {},
		  { 2, 1ull << 11 | 1ull << 12 }, 16, P },
		{ "EpfSetup not offered", 0x8004, 0, 0, {}, {}, 0, NO_CODE },
		{ "MemoryHeatHintAsync not offered", 0x8006, 0, 0, {}, {}, 0, NO_CODE },
		{ "create port from a guest", HVCALL_CREATE_PORT, IN_GPA, 0, {}, { SELF }, 56, DENIED },
		{ "connect port from a guest", HVCALL_CONNECT_PORT, IN_GPA, 0, {}, { SELF }, 72, DENIED },
		{ "post to no connection", HVCALL_POST_MESSAGE, IN_GPA, 0, {}, { 9, 1 }, 256,
		  HV_STATUS_INVALID_CONNECTION_ID },
		{ "signal no connection", HVCALL_SIGNAL_EVENT | FAST, 9, 0, {}, {}, 0,
		  HV_STATUS_INVALID_CONNECTION_ID },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		GT_TRY(gt_hc_run_case(&vm, &cases[i]));
	GT_TRY_CHECK(gt_get(&vm, 0, HV_X64_REGISTER_R15) == 0x1234567,
		     "R15 set by the guest itself reads 0x%llx from the root",
		     (unsigned long long)gt_get(&vm, 0, HV_X64_REGISTER_R15));
	GT_TRY(boot_zeroed(&vm));
	GT_TRY(vtl_switch_ud(&vm, HVCALL_VTL_CALL));
	GT_TRY(vtl_switch_ud(&vm, HVCALL_VTL_RETURN));
	GT_TRY(cpl3_call(&vm));
	GT_TRY(stop_loop(&vm));
out:
	return gt_finish(&vm, err);
}

/* ---- port_messages ---------------------------------------------------- */

#define RX_FLAGS 0x19000
#define RX_LOG 0x19100
#define MSG_PORT 5
#define EVT_PORT 6
#define MSG_CONN 0x21
#define EVT_CONN 0x22

static uint16_t root_create_port(uint64_t owner, uint32_t id, uint64_t peer, uint32_t type,
				 uint32_t sint, uint32_t vp, uint16_t base, uint16_t count)
{
	struct hv_input_create_port in = { .port_partition_id = owner, .port_id = id,
					   .connection_partition_id = peer };
	in.port_info.port_type = type;
	in.port_info.event_port_info.target_sint = sint;
	in.port_info.event_port_info.target_vp = vp;
	if (type == HV_PORT_TYPE_EVENT) {
		in.port_info.event_port_info.base_flag_number = base;
		in.port_info.event_port_info.flag_count = count;
	}
	return (uint16_t)hv_root_call(HVCALL_CREATE_PORT, &in, sizeof(in), NULL, 0);
}

static uint16_t root_connect(uint64_t from, uint32_t conn, uint64_t to, uint32_t port,
			     uint32_t type)
{
	struct hv_input_connect_port in = { .connection_partition_id = from,
					    .connection_id = conn, .port_partition_id = to,
					    .port_id = port };
	in.connection_info.port_type = type;
	return (uint16_t)hv_root_call(HVCALL_CONNECT_PORT, &in, sizeof(in), NULL, 0);
}

static const char *wait_u32(struct gt_vm *vm, uint64_t gpa, uint32_t want, const char *what)
{
	uint64_t end = clock_ns() + 5000000000ull;
	uint32_t v = 0;
	const char *err;

	while (!(err = gt_vm_read(vm, gpa, &v, 4)) && v != want) {
		if (clock_ns() > end)
			return gt_fail("%s: %u, want %u", what, v, want);
		cpu_relax();
	}
	return err;
}

/* Port management through the root's hypercalls: every refusal. */
static const char *port_setup(struct gt_vm *tx, struct gt_vm *rx)
{
	GT_STATUS(root_create_port(rx->id, MSG_PORT, tx->id, HV_PORT_TYPE_MESSAGE, 2, 0, 0, 0),
		  HV_STATUS_SUCCESS);
	GT_STATUS(root_create_port(rx->id, EVT_PORT, tx->id, HV_PORT_TYPE_EVENT, 3, HV_ANY_VP, 10, 4),
		  HV_STATUS_SUCCESS);
	GT_STATUS(root_create_port(rx->id, MSG_PORT, tx->id, HV_PORT_TYPE_MESSAGE, 2, 0, 0, 0),
		  HV_STATUS_INVALID_PORT_ID);
	GT_STATUS(root_create_port(rx->id, 1u << 24, tx->id, HV_PORT_TYPE_MESSAGE, 2, 0, 0, 0),
		  HV_STATUS_INVALID_PORT_ID);
	GT_STATUS(root_create_port(rx->id, 7, rx->id, HV_PORT_TYPE_MESSAGE, 2, 0, 0, 0),
		  HV_STATUS_INVALID_PARTITION_ID);
	GT_STATUS(root_create_port(rx->id + 1000, 7, tx->id, HV_PORT_TYPE_MESSAGE, 2, 0, 0, 0),
		  HV_STATUS_INVALID_PARTITION_ID);
	GT_STATUS(root_create_port(rx->id, 7, tx->id, HV_PORT_TYPE_MESSAGE, 0, 0, 0, 0), P);
	GT_STATUS(root_create_port(rx->id, 7, tx->id, HV_PORT_TYPE_MONITOR, 2, 0, 0, 0), P);
	GT_STATUS(root_create_port(rx->id, 7, tx->id, HV_PORT_TYPE_EVENT, 3, 0, 2047, 2), P);
	GT_STATUS(root_create_port(rx->id, 7, tx->id, HV_PORT_TYPE_EVENT, 3, 0, 0, 0), P);
	GT_STATUS(root_create_port(rx->id, 7, tx->id, HV_PORT_TYPE_MESSAGE, 2, 64, 0, 0),
		  HV_STATUS_INVALID_VP_INDEX);

	GT_STATUS(root_connect(tx->id, MSG_CONN, rx->id, MSG_PORT, HV_PORT_TYPE_MESSAGE),
		  HV_STATUS_SUCCESS);
	GT_STATUS(root_connect(tx->id, EVT_CONN, rx->id, EVT_PORT, HV_PORT_TYPE_EVENT),
		  HV_STATUS_SUCCESS);
	GT_STATUS(root_connect(tx->id, MSG_CONN, rx->id, EVT_PORT, HV_PORT_TYPE_EVENT),
		  HV_STATUS_INVALID_CONNECTION_ID);
	GT_STATUS(root_connect(tx->id, 0x23, rx->id, MSG_PORT, HV_PORT_TYPE_MESSAGE),
		  HV_STATUS_INVALID_PORT_ID); /* already connected */
	GT_STATUS(root_connect(tx->id, 0x23, rx->id, 99, HV_PORT_TYPE_MESSAGE),
		  HV_STATUS_INVALID_PORT_ID);
	GT_STATUS(root_connect(rx->id, 0x23, rx->id, MSG_PORT, HV_PORT_TYPE_MESSAGE),
		  HV_STATUS_INVALID_PORT_ID); /* not the port's connection partition */
	GT_STATUS(root_connect(tx->id, 1u << 24, rx->id, MSG_PORT, HV_PORT_TYPE_MESSAGE),
		  HV_STATUS_INVALID_CONNECTION_ID);
	return NULL;
}

static const char *post(struct gt_vm *tx, uint32_t conn, uint32_t type, uint32_t size,
			uint64_t tag, uint64_t want)
{
	const struct gt_hc_case c = { "post message", HVCALL_POST_MESSAGE, IN_GPA, 0, {},
				      { conn, type | (uint64_t)size << 32, tag, ~tag }, 256, want };
	return gt_hc_run_case(tx, &c);
}

static const char *signal(struct gt_vm *tx, uint32_t conn, uint16_t flag, uint64_t want)
{
	const struct gt_hc_case c = { "signal event", HVCALL_SIGNAL_EVENT | FAST,
				      hv_signal_event_fast_input(conn, flag), 0, {}, {}, 0, want };
	return gt_hc_run_case(tx, &c);
}

const char *gt_test_port_messages(void)
{
	struct gt_vm tx = { 0 }, rx = { 0 };
	struct hv_dispatch_request req = { 0 };
	bool started = false;
	const char *err;

	if (smp_cpus_online() < 2)
		return gt_fail("needs 2 CPUs");
	GT_TRY(sender_vm(&tx));
	GT_TRY(gt_vm_create(&rx, 16, 32));
	GT_TRY(gt_vm_load(&rx, 0x1000, GT_BLOB(portrx64)));
	GT_TRY_STATUS(hv_create_vp(rx.id, 0), HV_STATUS_SUCCESS);
	GT_TRY(gt_setup_long_mode(&rx, 0, 0x1000, PML4));
	GT_TRY_STATUS(gt_set(&rx, 0, HV_X64_REGISTER_RSP, 0x8000), HV_STATUS_SUCCESS);
	GT_TRY(port_setup(&tx, &rx));

	/* The receiver's SynIC is off: no VP can take the message yet. */
	GT_TRY(post(&tx, MSG_CONN, 0x42, 16, 1, HV_STATUS_INVALID_SYNIC_STATE));
	GT_TRY(signal(&tx, EVT_CONN, 1, HV_STATUS_INVALID_VP_INDEX));

	req.id = rx.id;
	req.vp_index = 0;
	GT_TRY_CHECK(hv_dispatch_vp_start(1, &req), "CPU 1 is busy");
	started = true;
	GT_TRY(wait_u32(&rx, RX_FLAGS + 16, 1, "receiver ready"));

	/* Four messages; each lands in slot 2 in order. */
	for (uint64_t i = 0; i < 4; i++)
		GT_TRY(post(&tx, MSG_CONN, 0x42 + (uint32_t)i, 16, 0x1000 + i, 0));
	if ((err = wait_u32(&rx, RX_FLAGS, 4, "messages received"))) {
		uint32_t slot[4] = { 0 };
		gt_vm_read(&rx, 0x17000 + 2 * 256, slot, sizeof(slot));
		err = gt_fail("%s (slot 2: type 0x%x size/flags 0x%x; receiver %s: %s, message 0x%x "
			      "at RIP 0x%llx)", err, slot[0], slot[1],
			      req.done ? "stopped" : "running", hv_status_name(req.status),
			      req.msg.header.message_type,
			      (unsigned long long)req.msg.u.intercept_header.rip);
		goto out;
	}
	for (uint64_t i = 0; i < 4; i++) {
		struct hv_message_header h;
		uint64_t payload[2];
		GT_TRY(gt_vm_read(&rx, RX_LOG + 32 * i, &h, sizeof(h)));
		GT_TRY(gt_vm_read(&rx, RX_LOG + 32 * i + 16, payload, sizeof(payload)));
		GT_TRY_CHECK(h.message_type == 0x42 + i && h.payload_size == 16 &&
			     h.origination_id == MSG_PORT && payload[0] == 0x1000 + i &&
			     payload[1] == ~(0x1000 + i),
			     "message %llu: type 0x%x size %u origin %llu payload 0x%llx 0x%llx",
			     (unsigned long long)i, h.message_type, h.payload_size,
			     (unsigned long long)h.origination_id, (unsigned long long)payload[0],
			     (unsigned long long)payload[1]);
	}
	GT_TRY(post(&tx, MSG_CONN, 0x80000001u, 16, 0, P));
	GT_TRY(post(&tx, MSG_CONN, 0, 16, 0, P));
	GT_TRY(post(&tx, MSG_CONN, 0x42, 241, 0, P));
	GT_TRY(post(&tx, EVT_CONN, 0x42, 16, 0, HV_STATUS_INVALID_PORT_ID));
	GT_TRY(post(&tx, 0x99, 0x42, 16, 0, HV_STATUS_INVALID_CONNECTION_ID));

	/* Events: flag 10 + 1 = 11 of SINT3; a second signal of the same flag
	 * before the receiver took it would not raise the SINT again. */
	GT_TRY(signal(&tx, EVT_CONN, 1, 0));
	GT_TRY(wait_u32(&rx, RX_FLAGS + 4, 1, "event interrupts"));
	GT_TRY(signal(&tx, EVT_CONN, 3, 0));
	GT_TRY(wait_u32(&rx, RX_FLAGS + 4, 2, "event interrupts"));
	{
		uint64_t flags;
		GT_TRY(gt_vm_read(&rx, RX_FLAGS + 8, &flags, 8));
		GT_TRY_CHECK(flags == (1ull << 11 | 1ull << 13), "SIEF flags seen 0x%llx, want 0x%llx",
			     (unsigned long long)flags, (unsigned long long)(1ull << 11 | 1ull << 13));
	}
	GT_TRY(signal(&tx, EVT_CONN, 4, P));
	GT_TRY(signal(&tx, MSG_CONN, 0, HV_STATUS_INVALID_PORT_ID));
	{
		struct { uint64_t partition; uint32_t id, rsvd; } del = { rx.id, EVT_PORT, 0 };
		GT_TRY_STATUS((uint16_t)hv_root_call(HVCALL_DELETE_PORT, &del, sizeof(del), NULL, 0),
			      HV_STATUS_SUCCESS);
		GT_TRY_STATUS((uint16_t)hv_root_call(HVCALL_DELETE_PORT, &del, sizeof(del), NULL, 0),
			      HV_STATUS_INVALID_PORT_ID);
		GT_TRY(signal(&tx, EVT_CONN, 1, HV_STATUS_INVALID_PORT_ID));
		struct { uint64_t partition; uint32_t id, rsvd; } disc = { tx.id, MSG_CONN, 0 };
		GT_TRY_STATUS((uint16_t)hv_root_call(HVCALL_DISCONNECT_PORT, &disc, sizeof(disc),
						     NULL, 0), HV_STATUS_SUCCESS);
		GT_TRY(post(&tx, MSG_CONN, 0x42, 16, 0, HV_STATUS_INVALID_CONNECTION_ID));
	}

	/* Stop the receiver: it reports its message count and halts. */
	{
		uint32_t one = 1;
		GT_TRY(gt_vm_write(&rx, RX_FLAGS + 24, &one, 4));
		uint64_t end = clock_ns() + 5000000000ull;
		while (!__atomic_load_n(&req.done, __ATOMIC_ACQUIRE) && clock_ns() < end)
			cpu_relax();
		GT_TRY_CHECK(req.done, "the receiver did not stop");
		started = false;
		GT_TRY_CHECK(req.status == HV_STATUS_SUCCESS &&
			     req.msg.header.message_type == HV_MESSAGE_TYPE_X64_IO_PORT_INTERCEPT &&
			     req.msg.u.io_port.port_number == 0x1261 && req.msg.u.io_port.rax == 4,
			     "receiver stop: status %s message 0x%x",
			     hv_status_name(req.status), req.msg.header.message_type);
	}
	GT_TRY(stop_loop(&tx));
out:
	if (started) {
		hv_cancel_vp(rx.id, 0);
		while (!__atomic_load_n(&req.done, __ATOMIC_ACQUIRE))
			cpu_relax();
	}
	err = gt_finish(&rx, err);
	return gt_finish(&tx, err);
}

/* ---- post_round_trip ---------------------------------------------------- */

#define RX_SEND_IN 0x1e000

/* A portrx64 partition, set up to long mode; not yet running. */
static const char *portrx_vm(struct gt_vm *vm)
{
	const char *err;

	if ((err = gt_vm_create(vm, 16, 32)) || (err = gt_vm_load(vm, 0x1000, GT_BLOB(portrx64))))
		return err;
	if (hv_create_vp(vm->id, 0) != HV_STATUS_SUCCESS)
		return gt_fail("CreateVp failed");
	if ((err = gt_setup_long_mode(vm, 0, 0x1000, PML4)))
		return err;
	return gt_set(vm, 0, HV_X64_REGISTER_RSP, 0x8000) ? gt_fail("RSP refused") : NULL;
}

static const char *check_logged(struct gt_vm *vm, uint32_t type, uint64_t origin,
				const uint64_t payload[2], const char *who)
{
	struct hv_message_header h;
	uint64_t got[2];
	const char *err;

	if ((err = gt_vm_read(vm, RX_LOG, &h, sizeof(h))) ||
	    (err = gt_vm_read(vm, RX_LOG + 16, got, sizeof(got))))
		return err;
	if (h.message_type != type || h.payload_size != 16 || h.origination_id != origin ||
	    got[0] != payload[0] || got[1] != payload[1])
		return gt_fail("%s got type 0x%x size %u from port %llu payload 0x%llx 0x%llx", who,
			       h.message_type, h.payload_size, (unsigned long long)h.origination_id,
			       (unsigned long long)got[0], (unsigned long long)got[1]);
	return NULL;
}

const char *gt_test_post_round_trip(void)
{
	struct gt_vm a = { 0 }, b = { 0 };
	struct hv_dispatch_request req = { 0 };
	bool started = false;
	const uint64_t payload[2] = { 0x0123456789abcdefull, 0xfedcba9876543210ull };
	const char *err;
	uint64_t v;

	if (smp_cpus_online() < 2)
		return gt_fail("needs 2 CPUs");
	GT_TRY(portrx_vm(&a));
	GT_TRY(portrx_vm(&b));
	/* A -> B: port 5 of B, connection 0x21 of A; B -> A: port 7, 0x31. */
	GT_TRY_STATUS(root_create_port(b.id, 5, a.id, HV_PORT_TYPE_MESSAGE, 2, 0, 0, 0), 0);
	GT_TRY_STATUS(root_create_port(a.id, 7, b.id, HV_PORT_TYPE_MESSAGE, 2, 0, 0, 0), 0);
	GT_TRY_STATUS(root_connect(a.id, 0x21, b.id, 5, HV_PORT_TYPE_MESSAGE), 0);
	GT_TRY_STATUS(root_connect(b.id, 0x31, a.id, 7, HV_PORT_TYPE_MESSAGE), 0);
	{
		const uint64_t ping[4] = { 0x21, 0x50 | 16ull << 32, payload[0], payload[1] };
		const uint32_t reply_conn = 0x31, step = 1;
		GT_TRY(gt_vm_write(&a, RX_SEND_IN, ping, sizeof(ping)));
		GT_TRY(gt_vm_write(&b, RX_FLAGS + 40, &reply_conn, 4));
		GT_TRY(gt_vm_write(&b, RX_FLAGS + 44, &step, 4));
	}
	/* A runs on CPU 1; B on this CPU, one step at a time. */
	req.id = a.id;
	GT_TRY_CHECK(hv_dispatch_vp_start(1, &req), "CPU 1 is busy");
	started = true;
	GT_TRY(wait_u32(&a, RX_FLAGS + 16, 1, "A ready"));
	GT_TRY(gt_run_out(&b, 0, 0x1263, 4, &v));            /* B set up */
	{
		uint32_t go = 1, status = ~0u;
		GT_TRY(gt_vm_write(&a, RX_FLAGS + 28, &go, 4));
		GT_TRY(wait_u32(&a, RX_FLAGS + 28, 0, "A's post"));
		GT_TRY(gt_vm_read(&a, RX_FLAGS + 32, &status, 4));
		GT_TRY_CHECK(status == 0, "A's PostMessage: status 0x%x", status);
	}
	GT_TRY(gt_run_out(&b, 0, 0x1264, 4, &v));            /* B answered */
	{
		uint32_t status = ~0u;
		GT_TRY(gt_vm_read(&b, RX_FLAGS + 36, &status, 4));
		GT_TRY_CHECK(status == 0, "B's answering PostMessage: status 0x%x", status);
	}
	GT_TRY(check_logged(&b, 0x50, 5, payload, "B"));
	GT_TRY(wait_u32(&a, RX_FLAGS, 1, "answers received by A"));
	GT_TRY(check_logged(&a, 0x51, 7, payload, "A"));
	{
		uint32_t one = 1;
		GT_TRY(gt_vm_write(&a, RX_FLAGS + 24, &one, 4));
		uint64_t end = clock_ns() + 5000000000ull;
		while (!__atomic_load_n(&req.done, __ATOMIC_ACQUIRE) && clock_ns() < end)
			cpu_relax();
		GT_TRY_CHECK(req.done, "A did not stop");
		started = false;
		GT_TRY_CHECK(req.msg.header.message_type == HV_MESSAGE_TYPE_X64_IO_PORT_INTERCEPT &&
			     req.msg.u.io_port.port_number == 0x1261 && req.msg.u.io_port.rax == 1,
			     "A's stop: message 0x%x", req.msg.header.message_type);
	}
out:
	if (started) {
		hv_cancel_vp(a.id, 0);
		while (!__atomic_load_n(&req.done, __ATOMIC_ACQUIRE))
			cpu_relax();
	}
	err = gt_finish(&b, err);
	return gt_finish(&a, err);
}
