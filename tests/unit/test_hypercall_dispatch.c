/*
 * Host tests for hv/hypercall/dispatch.c: the TLFS hypercall dispatcher
 * (checks in the order of hypercall-abi.md 13, block copies, rep calls and
 * continuation, fast and XMM-fast forms, counters).
 *
 * The real table (table.c) is not linked: this file provides hc_lookup()
 * and hc_counters_slot() over a fake table whose handlers record what they
 * saw, and a fake guest memory whose accessors count reads and log writes.
 */
#include "harness.h"
#include "hv/hypercall/dispatch.h"
#include "unihv/hv_hypercall.h"
#include "unihv/hv_status.h"
#include "unihv/hv_types.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------------
 * The fake table.
 */
#define C_SIMPLE    0x0044u /* memory call: in 16, out 8 */
#define C_FAST      0x0041u /* two-register fast capable: in 8 */
#define C_REP_IN    0x0048u /* rep: header 8, input element 8 (DepositMemory-like) */
#define C_REP_OUT   0x0049u /* rep: header 16, output element 8 (WithdrawMemory-like) */
#define C_REP_MIXED 0x004Bu /* rep: header 8, in elem 8, fixed out 16, out elem 8 */
#define C_VAR       0x0013u /* variable header, XMM fast: in 16 */
#define C_VAR_REP   0x0014u /* rep with variable header: in 16, in elem 8 */
#define C_XMM       0x0052u /* XMM fast capable: in 32, out 16 */
#define C_XMM_REP   0x0050u /* rep, XMM fast: in 16, in elem 4, out elem 16 */
#define C_PRIV      0x0040u /* gated by CREATE_PARTITIONS: in 8 */
#define C_UNIMPL    0x00C2u /* named, NULL handler */
#define C_EXT       0x8001u /* extended: out 8, gated by ENABLE_EXTENDED_HYPERCALLS */
#define C_UNKNOWN   0x0077u /* not in the table */
#define C_EXT_UNKNOWN 0x8005u

#define PRIV_GATE HV_PARTITION_PRIVILEGE_CREATE_PARTITIONS
#define PRIV_EXT  HV_PARTITION_PRIVILEGE_ENABLE_EXTENDED_HYPERCALLS

static uint16_t fake_handler(struct hc_call *call, uint32_t *done);

static const struct fake_entry {
	uint16_t code;
	struct hc_desc d;
} fake_table[] = {
	{ C_SIMPLE, { "FakeSimple", fake_handler, .in_size = 16, .out_size = 8 } },
	{ C_FAST, { "FakeFast", fake_handler, .fast = true, .in_size = 8 } },
	{ C_REP_IN, { "FakeRepIn", fake_handler, .rep = true, .in_size = 8, .in_elem = 8 } },
	{ C_REP_OUT, { "FakeRepOut", fake_handler, .rep = true, .in_size = 16, .out_elem = 8 } },
	{ C_REP_MIXED, { "FakeRepMixed", fake_handler, .rep = true, .in_size = 8, .in_elem = 8,
			 .out_size = 16, .out_elem = 8 } },
	{ C_VAR, { "FakeVar", fake_handler, .var_header = true, .xmm_fast = true, .in_size = 16 } },
	{ C_VAR_REP, { "FakeVarRep", fake_handler, .rep = true, .var_header = true, .in_size = 16,
		       .in_elem = 8 } },
	{ C_XMM, { "FakeXmm", fake_handler, .xmm_fast = true, .in_size = 32, .out_size = 16 } },
	{ C_XMM_REP, { "FakeXmmRep", fake_handler, .rep = true, .xmm_fast = true, .in_size = 16,
		       .in_elem = 4, .out_elem = 16 } },
	{ C_PRIV, { "FakePriv", fake_handler, .in_size = 8, .privilege = PRIV_GATE } },
	{ C_UNIMPL, { "FakeUnimplemented", NULL, .in_size = 32, .out_size = 8 } },
	{ C_EXT, { "FakeExtQueryCapabilities", fake_handler, .out_size = 8, .privilege = PRIV_EXT } },
};

const struct hc_desc *hc_lookup(uint16_t code)
{
	for (size_t i = 0; i < ARRAY_SIZE(fake_table); i++)
		if (fake_table[i].code == code)
			return &fake_table[i].d;
	return NULL;
}

/* One counter slot per table code, one shared by every other code. */
static struct hc_counters counters[ARRAY_SIZE(fake_table) + 1];

struct hc_counters *hc_counters_slot(uint16_t code)
{
	for (size_t i = 0; i < ARRAY_SIZE(fake_table); i++)
		if (fake_table[i].code == code)
			return &counters[i];
	return &counters[ARRAY_SIZE(fake_table)];
}

/* ---------------------------------------------------------------------
 * What the handler saw, and how it is told to behave.
 */
static struct {
	unsigned calls;
	uint16_t code;
	bool fast;
	const struct hc_caller *caller;
	const uint8_t *input_ptr;
	uint8_t input[HC_BLOCK_SIZE];
	uint32_t var_bytes;
	ptrdiff_t in_elems_off, out_elems_off;
	uint32_t rep_start, rep_count;
	uint32_t done_in; /* *reps_done on entry */
	uint64_t elem_in[64]; /* first 8 bytes of each input element seen (in_elem >= 8) */
} seen;

static struct {
	int fail_at;          /* absolute rep element that fails (-1: none) */
	uint16_t fail_status; /* its status */
	uint16_t status;      /* status returned otherwise */
	bool force_done;      /* overwrite *reps_done with done_value on return */
	uint32_t done_value;
} ctl;

/* Fixed output byte i, and every byte of output element k. */
#define OUT_BYTE(i) ((uint8_t)(0x40 + (i)))
#define ELEM_BYTE(k) ((uint8_t)(0x80 + (k)))

static uint16_t fake_handler(struct hc_call *call, uint32_t *done)
{
	const struct hc_desc *d = hc_lookup(call->code);

	assert_non_null(d);
	seen.calls++;
	seen.code = call->code;
	seen.fast = call->fast;
	seen.caller = call->caller;
	seen.input_ptr = call->input;
	memcpy(seen.input, call->input, HC_BLOCK_SIZE);
	seen.var_bytes = call->var_bytes;
	seen.in_elems_off = call->in_elems - call->input;
	seen.out_elems_off = call->out_elems - call->output;
	seen.rep_start = call->rep_start;
	seen.rep_count = call->rep_count;
	seen.done_in = *done;

	/* The fixed output is filled even when the call fails: the dispatcher
	 * must not hand it to the guest then. */
	for (unsigned i = 0; i < d->out_size; i++)
		call->output[i] = OUT_BYTE(i);
	if (d->rep) {
		for (uint32_t k = call->rep_start; k < call->rep_count; k++) {
			if ((int)k == ctl.fail_at) {
				*done = k;
				return ctl.fail_status;
			}
			if (d->in_elem >= 8 && k < ARRAY_SIZE(seen.elem_in))
				memcpy(&seen.elem_in[k], call->in_elems + (size_t)k * d->in_elem, 8);
			memset(call->out_elems + (size_t)k * d->out_elem, ELEM_BYTE(k), d->out_elem);
			*done = k + 1;
		}
	}
	if (ctl.force_done)
		*done = ctl.done_value;
	return ctl.status;
}

/* ---------------------------------------------------------------------
 * Fake guest memory: MEM_PAGES pages at MEM_BASE inside a GPA space of
 * GPA_LIMIT bytes.  Anything else in the GPA space is unbacked (reads and
 * writes fail), and RO_GPA's page refuses writes.
 */
#define MEM_BASE  0x10000ull
#define MEM_PAGES 4
#define IN_GPA    MEM_BASE               /* page 0: input blocks */
#define OUT_GPA   (MEM_BASE + 0x1000)    /* page 1: output blocks */
#define RO_GPA    (MEM_BASE + 0x3000)    /* page 3: read-only */
#define UNBACKED  0x80000ull             /* inside GPA_LIMIT, no memory */
#define GPA_LIMIT 0x100000ull
#define FILL      0xCC

static uint8_t mem[MEM_PAGES * 4096] __attribute__((aligned(4096)));
static int mem_ctx; /* the caller's ctx */

static unsigned nreads;
static uint64_t read_gpa_log[8];
static size_t read_len_log[8];

static unsigned nwrites;
static struct {
	uint64_t gpa;
	size_t len;
	bool ok;
} wlog[16];

static bool backed(uint64_t gpa, size_t len)
{
	return gpa >= MEM_BASE && gpa - MEM_BASE <= sizeof(mem) &&
	       len <= sizeof(mem) - (gpa - MEM_BASE);
}

static bool fake_read(void *ctx, uint64_t gpa, void *buf, size_t len)
{
	assert_ptr_equal(ctx, &mem_ctx);
	if (nreads < ARRAY_SIZE(read_gpa_log)) {
		read_gpa_log[nreads] = gpa;
		read_len_log[nreads] = len;
	}
	nreads++;
	if (!backed(gpa, len))
		return false;
	memcpy(buf, mem + (gpa - MEM_BASE), len);
	return true;
}

static bool fake_write(void *ctx, uint64_t gpa, const void *buf, size_t len)
{
	assert_ptr_equal(ctx, &mem_ctx);
	bool ok = backed(gpa, len) && !(gpa + len > RO_GPA && gpa < RO_GPA + 4096);
	if (nwrites < ARRAY_SIZE(wlog)) {
		wlog[nwrites].gpa = gpa;
		wlog[nwrites].len = len;
		wlog[nwrites].ok = ok;
	}
	nwrites++;
	if (ok)
		memcpy(mem + (gpa - MEM_BASE), buf, len);
	return ok;
}

static uint8_t *gmem(uint64_t gpa)
{
	assert_true(backed(gpa, 1));
	return mem + (gpa - MEM_BASE);
}

static void put64(uint64_t gpa, uint64_t v)
{
	memcpy(gmem(gpa), &v, 8);
}

/* Guest memory [gpa, gpa + len) still holds FILL. */
static void assert_untouched(uint64_t gpa, size_t len)
{
	const uint8_t *p = gmem(gpa);
	for (size_t i = 0; i < len; i++)
		if (p[i] != FILL)
			fail_msg("guest byte at %#llx was written (%#x)", (unsigned long long)gpa + i, p[i]);
}

/* Guest memory [gpa, gpa + len) is all byte b. */
static void assert_bytes(uint64_t gpa, size_t len, uint8_t b)
{
	const uint8_t *p = gmem(gpa);
	for (size_t i = 0; i < len; i++)
		if (p[i] != b)
			fail_msg("guest byte at %#llx is %#x, want %#x", (unsigned long long)gpa + i, p[i], b);
}

/* ---------------------------------------------------------------------
 * Callers and calls.
 */
static struct hc_scratch scratch;
static uint64_t xmm[6][2];

/* Control value as a constant expression (for the tables); checked against
 * hv_hypercall_input() in test_ctl_macro. */
#define CTL(code, fast, var, cnt, start)                                             \
	((uint64_t)(code) | ((uint64_t)(fast) << 16) | ((uint64_t)(var) << 17) |      \
	 ((uint64_t)(cnt) << 32) | ((uint64_t)(start) << 48))

static uint64_t xmm_init(int i, int half)
{
	return 0x5800000000000000ull | (uint64_t)(i * 2 + half);
}

static struct hc_caller guest(void)
{
	return (struct hc_caller){
		.partition_id = 7,
		.vp_index = 1,
		.privileges = ~0ull,
		.is_root = false,
		.xmm_fast_input = true,
		.read_gpa = fake_read,
		.write_gpa = fake_write,
		.ctx = &mem_ctx,
		.gpa_limit = GPA_LIMIT,
		.rep_budget = 0,
	};
}

static struct hc_caller root(void)
{
	struct hc_caller c = guest();
	c.partition_id = 0;
	c.is_root = true;
	c.privileges = 0; /* the root needs none */
	c.xmm_fast_input = false;
	return c;
}

static struct hc_input regs(uint64_t control, uint64_t rdx, uint64_t r8)
{
	return (struct hc_input){
		.control = control,
		.param = { rdx, r8 },
		.xmm = xmm,
		.cpl = 0,
		.protected_mode = true,
		.virtual_8086 = false,
	};
}

static struct hc_output dispatch(const struct hc_caller *c, struct hc_input *in)
{
	struct hc_output out;
	memset(&out, 0xA5, sizeof(out)); /* *out is written entirely */
	hc_dispatch(c, in, &scratch, &out);
	return out;
}

#define RESULT(st, reps) ((uint64_t)(st) | ((uint64_t)(reps) << 32))

static void assert_complete(const struct hc_output *out, uint16_t st, uint32_t reps)
{
	if (out->action != HC_COMPLETE)
		fail_msg("action %d, want HC_COMPLETE", out->action);
	if (out->result != RESULT(st, reps))
		fail_msg("result %#llx (%s, reps %u), want %#llx (%s, reps %u)",
			 (unsigned long long)out->result,
			 hv_status_name(hv_hypercall_result_status(out->result)),
			 hv_hypercall_result_reps_completed(out->result),
			 (unsigned long long)RESULT(st, reps), hv_status_name(st), reps);
	assert_int_equal(out->control, 0);
}

static int setup(void **state)
{
	memset(&seen, 0, sizeof(seen));
	memset(&ctl, 0, sizeof(ctl));
	ctl.fail_at = -1;
	memset(mem, FILL, sizeof(mem));
	memset(&scratch, 0x5A, sizeof(scratch));
	memset(counters, 0, sizeof(counters));
	nreads = nwrites = 0;
	memset(wlog, 0, sizeof(wlog));
	for (int i = 0; i < 6; i++)
		for (int h = 0; h < 2; h++)
			xmm[i][h] = xmm_init(i, h);
	return 0;
}

/* ---------------------------------------------------------------------
 * Table of calls that must fail (or pass) the checks, each with its exact
 * outcome.  rdx/r8 of 0 mean IN_GPA/OUT_GPA (valid blocks).
 */
struct check_case {
	const char *name;
	uint64_t control;
	uint64_t rdx, r8;
	unsigned cpl;
	bool real_mode, v86, root, no_privs, no_xmm_cpuid, no_xmm_regs;
	enum hc_action action;
	uint16_t status;
	uint32_t reps;
};

#define BIT(n) (1ull << (n))
#define OK HV_STATUS_SUCCESS
#define BAD_CODE HV_STATUS_INVALID_HYPERCALL_CODE
#define BAD_INPUT HV_STATUS_INVALID_HYPERCALL_INPUT
#define BAD_ALIGN HV_STATUS_INVALID_ALIGNMENT
#define DENIED HV_STATUS_ACCESS_DENIED
#define UD HC_INJECT_UD

static const struct check_case check_cases[] = {
	/* 1. Legal environment (TLFS 4). */
	{ "cpl3_ud", CTL(C_SIMPLE, 0, 0, 0, 0), .cpl = 3, .action = UD },
	{ "cpl1_ud", CTL(C_SIMPLE, 0, 0, 0, 0), .cpl = 1, .action = UD },
	{ "real_mode_ud", CTL(C_SIMPLE, 0, 0, 0, 0), .real_mode = true, .action = UD },
	{ "v86_ud", CTL(C_SIMPLE, 0, 0, 0, 0), .v86 = true, .cpl = 3, .action = UD },
	{ "v86_cpl0_flag_ud", CTL(C_SIMPLE, 0, 0, 0, 0), .v86 = true, .action = UD },
	{ "ud_before_unknown_code", CTL(C_UNKNOWN, 0, 0, 0, 0), .cpl = 3, .action = UD },
	{ "ud_before_privilege", CTL(C_PRIV, 0, 0, 0, 0), .cpl = 3, .no_privs = true, .action = UD },
	{ "ud_before_reserved_bits", CTL(C_SIMPLE, 0, 0, 0, 0) | BIT(63), .real_mode = true,
	  .action = UD },
	{ "root_exempt_from_environment", CTL(C_SIMPLE, 0, 0, 0, 0), .cpl = 3, .real_mode = true,
	  .v86 = true, .root = true, .status = OK },

	/* 7. Call codes. */
	{ "unknown_code", CTL(C_UNKNOWN, 0, 0, 0, 0), .status = BAD_CODE },
	{ "unknown_extended_code", CTL(C_EXT_UNKNOWN, 0, 0, 0, 0), .status = BAD_CODE },
	{ "null_handler", CTL(C_UNIMPL, 0, 0, 0, 0), .status = BAD_CODE },
	{ "null_handler_before_shape", CTL(C_UNIMPL, 0, 0, 3, 0), .status = BAD_CODE },
	{ "null_handler_fast", CTL(C_UNIMPL, 1, 0, 0, 0), .status = BAD_CODE },

	/* 4. Privilege: before everything that reveals more. */
	{ "priv_missing", CTL(C_PRIV, 0, 0, 0, 0), .no_privs = true, .status = DENIED },
	{ "priv_missing_beats_reserved_bits", CTL(C_PRIV, 0, 0, 0, 0) | BIT(63) | BIT(31),
	  .no_privs = true, .status = DENIED },
	{ "priv_missing_beats_rep_shape", CTL(C_PRIV, 0, 0, 5, 7), .no_privs = true,
	  .status = DENIED },
	{ "priv_missing_beats_var_header", CTL(C_PRIV, 0, 3, 0, 0), .no_privs = true,
	  .status = DENIED },
	{ "priv_missing_beats_bad_gpa", CTL(C_PRIV, 0, 0, 0, 0), .rdx = IN_GPA + 4,
	  .no_privs = true, .status = DENIED },
	{ "priv_missing_beats_fast_misuse", CTL(C_PRIV, 1, 0, 0, 0), .no_privs = true,
	  .no_xmm_cpuid = true, .status = DENIED },
	{ "priv_root_exempt", CTL(C_PRIV, 0, 0, 0, 0), .root = true, .status = OK },
	{ "priv_held", CTL(C_PRIV, 0, 0, 0, 0), .status = OK },
	{ "ext_priv_missing", CTL(C_EXT, 0, 0, 0, 0), .no_privs = true, .status = DENIED },
	{ "ext_priv_held", CTL(C_EXT, 0, 0, 0, 0), .status = OK },

	/* 5. Reserved control bits, one per range. */
	{ "rsvd_bit27", CTL(C_SIMPLE, 0, 0, 0, 0) | BIT(27), .status = BAD_INPUT },
	{ "rsvd_bit30", CTL(C_SIMPLE, 0, 0, 0, 0) | BIT(30), .status = BAD_INPUT },
	{ "rsvd_bit31_is_nested", CTL(C_SIMPLE, 0, 0, 0, 0) | HV_HYPERCALL_INPUT_IS_NESTED,
	  .status = BAD_INPUT },
	{ "rsvd_bit44", CTL(C_SIMPLE, 0, 0, 0, 0) | BIT(44), .status = BAD_INPUT },
	{ "rsvd_bit47", CTL(C_SIMPLE, 0, 0, 0, 0) | BIT(47), .status = BAD_INPUT },
	{ "rsvd_bit60", CTL(C_SIMPLE, 0, 0, 0, 0) | BIT(60), .status = BAD_INPUT },
	{ "rsvd_bit63", CTL(C_SIMPLE, 0, 0, 0, 0) | BIT(63), .status = BAD_INPUT },
	{ "rsvd_all", CTL(C_REP_IN, 0, 0, 1, 0) | HV_HYPERCALL_INPUT_RSVD_MASK,
	  .status = BAD_INPUT },
	{ "rsvd_root_not_exempt", CTL(C_SIMPLE, 0, 0, 0, 0) | BIT(45), .root = true,
	  .status = BAD_INPUT },
	{ "rsvd_beats_unknown_code", CTL(C_UNKNOWN, 0, 0, 0, 0) | BIT(28), .status = BAD_INPUT },
	{ "rsvd_beats_bad_gpa", CTL(C_SIMPLE, 0, 0, 0, 0) | BIT(46), .rdx = IN_GPA + 1,
	  .status = BAD_INPUT },

	/* 8. Simple/rep shape and the variable header. */
	{ "simple_rep_count", CTL(C_SIMPLE, 0, 0, 1, 0), .status = BAD_INPUT },
	{ "simple_rep_start", CTL(C_SIMPLE, 0, 0, 0, 1), .status = BAD_INPUT },
	{ "rep_count_zero", CTL(C_REP_IN, 0, 0, 0, 0), .status = BAD_INPUT },
	{ "rep_count_zero_out", CTL(C_REP_OUT, 0, 0, 0, 0), .status = BAD_INPUT },
	{ "rep_start_eq_count", CTL(C_REP_IN, 0, 0, 3, 3), .status = BAD_INPUT },
	{ "rep_start_gt_count", CTL(C_REP_IN, 0, 0, 3, 5), .status = BAD_INPUT },
	{ "rep_fff_fff", CTL(C_REP_IN, 0, 0, 0xfff, 0xfff), .status = BAD_INPUT },
	{ "rep_start_without_count", CTL(C_REP_OUT, 0, 0, 0, 2), .status = BAD_INPUT },
	{ "var_header_not_allowed", CTL(C_SIMPLE, 0, 1, 0, 0), .status = BAD_INPUT },
	{ "var_header_max_not_allowed", CTL(C_SIMPLE, 0, 0x3ff, 0, 0), .status = BAD_INPUT },
	{ "var_header_rep_not_allowed", CTL(C_REP_IN, 0, 2, 1, 0), .status = BAD_INPUT },
	{ "var_header_allowed", CTL(C_VAR, 0, 2, 0, 0), .status = OK },
	{ "var_header_allowed_zero", CTL(C_VAR, 0, 0, 0, 0), .status = OK },
	{ "var_header_too_big_for_page", CTL(C_VAR, 0, 0x3ff, 0, 0), .status = BAD_ALIGN },

	/* 6, 9. Fast forms. */
	{ "fast_not_fast_capable", CTL(C_PRIV, 1, 0, 0, 0), .status = BAD_INPUT },
	{ "fast_not_capable_with_output", CTL(C_SIMPLE, 1, 0, 0, 0), .status = BAD_INPUT },
	{ "fast_rep_not_capable", CTL(C_REP_IN, 1, 0, 1, 0), .status = BAD_INPUT },
	{ "fast_two_register_ok", CTL(C_FAST, 1, 0, 0, 0), .rdx = 0x123, .r8 = 0x4567,
	  .status = OK },
	{ "fast_two_register_32bit_caller", CTL(C_FAST, 1, 0, 0, 0), .rdx = 1, .r8 = 3,
	  .no_xmm_regs = true, .no_xmm_cpuid = true, .status = OK },
	{ "fast_16_bytes_no_xmm_needed", CTL(C_VAR, 1, 0, 0, 0), .rdx = 1, .r8 = 2,
	  .no_xmm_cpuid = true, .no_xmm_regs = true, .status = OK },
	{ "xmm_block_without_cpuid_ud", CTL(C_XMM, 1, 0, 0, 0), .rdx = 1, .r8 = 2,
	  .no_xmm_cpuid = true, .action = UD },
	{ "xmm_block_without_cpuid_ud_var", CTL(C_VAR, 1, 1, 0, 0), .rdx = 1, .r8 = 2,
	  .no_xmm_cpuid = true, .action = UD },
	{ "xmm_block_without_cpuid_ud_not_capable", CTL(C_REP_IN, 1, 0, 2, 0), .rdx = 1, .r8 = 2,
	  .no_xmm_cpuid = true, .action = UD },
	{ "xmm_block_root_exempt_from_ud", CTL(C_XMM, 1, 0, 0, 0), .rdx = 1, .r8 = 2,
	  .root = true, .status = OK },
	{ "xmm_block_112_ok", CTL(C_VAR, 1, 12, 0, 0), .rdx = 1, .r8 = 2, .status = OK },
	{ "xmm_block_too_large", CTL(C_VAR, 1, 13, 0, 0), .rdx = 1, .r8 = 2, .status = BAD_INPUT },
	{ "xmm_block_far_too_large", CTL(C_VAR, 1, 0x3ff, 0, 0), .rdx = 1, .r8 = 2,
	  .status = BAD_INPUT },
	{ "xmm_in_plus_out_fits", CTL(C_XMM_REP, 1, 0, 4, 0), .rdx = 1, .r8 = 2, .status = OK,
	  .reps = 4 },
	{ "xmm_in_plus_out_too_large", CTL(C_XMM_REP, 1, 0, 5, 0), .rdx = 1, .r8 = 2,
	  .status = BAD_INPUT },
	{ "xmm_without_xmm_registers", CTL(C_XMM, 1, 0, 0, 0), .rdx = 1, .r8 = 2,
	  .no_xmm_regs = true, .status = BAD_INPUT },
	{ "xmm_output_only_call_not_fast", CTL(C_EXT, 1, 0, 0, 0), .status = BAD_INPUT },

	/* 10, 11, 12. Memory blocks. */
	{ "in_gpa_misaligned", CTL(C_SIMPLE, 0, 0, 0, 0), .rdx = IN_GPA + 4, .status = BAD_ALIGN },
	{ "in_gpa_misaligned_1", CTL(C_SIMPLE, 0, 0, 0, 0), .rdx = IN_GPA + 1, .status = BAD_ALIGN },
	{ "out_gpa_misaligned", CTL(C_SIMPLE, 0, 0, 0, 0), .r8 = OUT_GPA + 2, .status = BAD_ALIGN },
	{ "in_block_crosses_page", CTL(C_SIMPLE, 0, 0, 0, 0), .rdx = IN_GPA + 0xff8,
	  .status = BAD_ALIGN },
	{ "in_block_ends_at_page_end", CTL(C_SIMPLE, 0, 0, 0, 0), .rdx = IN_GPA + 0xff0,
	  .status = OK },
	{ "out_block_crosses_page", CTL(C_REP_OUT, 0, 0, 3, 0), .r8 = OUT_GPA + 0xff0,
	  .status = BAD_ALIGN },
	{ "out_block_ends_at_page_end", CTL(C_REP_OUT, 0, 0, 2, 0), .r8 = OUT_GPA + 0xff0,
	  .status = OK, .reps = 2 },
	{ "rep_elements_cross_page", CTL(C_REP_IN, 0, 0, 32, 0), .rdx = IN_GPA + 0xf00,
	  .status = BAD_ALIGN },
	{ "rep_elements_fill_page", CTL(C_REP_IN, 0, 0, 31, 0), .rdx = IN_GPA + 0xf00,
	  .status = OK, .reps = 31 },
	{ "rep_elements_cross_even_from_start", CTL(C_REP_IN, 0, 0, 32, 31), .rdx = IN_GPA + 0xf00,
	  .status = BAD_ALIGN },
	{ "rep_fff_larger_than_page", CTL(C_REP_IN, 0, 0, 0xfff, 0), .status = BAD_ALIGN },
	{ "var_header_crosses_page", CTL(C_VAR, 0, 2, 0, 0), .rdx = IN_GPA + 0xfe8,
	  .status = BAD_ALIGN },
	{ "in_gpa_at_limit", CTL(C_SIMPLE, 0, 0, 0, 0), .rdx = GPA_LIMIT, .status = BAD_ALIGN },
	{ "in_gpa_far_beyond_limit", CTL(C_SIMPLE, 0, 0, 0, 0), .rdx = 0xfffffffffffff000ull,
	  .status = BAD_ALIGN },
	{ "out_gpa_beyond_limit", CTL(C_SIMPLE, 0, 0, 0, 0), .r8 = GPA_LIMIT + 0x1000,
	  .status = BAD_ALIGN },
	{ "in_unreadable", CTL(C_SIMPLE, 0, 0, 0, 0), .rdx = UNBACKED, .status = BAD_ALIGN },
	{ "in_gpa_ignored_without_input", CTL(C_EXT, 0, 0, 0, 0), .rdx = 0x3, .status = OK },
	{ "out_gpa_ignored_without_output", CTL(C_REP_IN, 0, 0, 1, 0), .r8 = 0x5, .status = OK,
	  .reps = 1 },
	{ "gpa_rules_not_applied_to_fast", CTL(C_FAST, 1, 0, 0, 0), .rdx = 0xfffffffffffffff9ull,
	  .r8 = 0x3, .status = OK },
};

static void run_check_case(void **state)
{
	const struct check_case *k = *state;
	struct hc_caller c = k->root ? root() : guest();
	struct hc_input in = regs(k->control, k->rdx ? k->rdx : IN_GPA, k->r8 ? k->r8 : OUT_GPA);
	uint16_t code = hv_hypercall_input_code(k->control);

	in.cpl = k->cpl;
	in.protected_mode = !k->real_mode;
	in.virtual_8086 = k->v86;
	if (k->no_privs)
		c.privileges = 0;
	else if (!k->root)
		c.privileges = ~0ull;
	if (k->no_xmm_cpuid)
		c.xmm_fast_input = false;
	if (k->no_xmm_regs)
		in.xmm = NULL;

	struct hc_output out = dispatch(&c, &in);
	const struct hc_counters *ctr = hc_counters_slot(code);

	if (k->action == HC_INJECT_UD) {
		assert_int_equal(out.action, HC_INJECT_UD);
		assert_int_equal(out.result, 0);
		assert_int_equal(out.control, 0);
		assert_int_equal(seen.calls, 0);
		assert_int_equal(ctr->calls, 0); /* not a completed call */
	} else {
		assert_complete(&out, k->status, k->reps);
		/* The handler runs exactly when the checks pass. */
		assert_int_equal(seen.calls, k->status == OK ? 1 : 0);
		assert_int_equal(ctr->calls, 1);
		assert_int_equal(ctr->by_status[k->status], 1);
	}
	if (k->action == HC_INJECT_UD || k->status != OK) {
		/* A refused call never writes guest memory, and reads it only
		 * when the failure is the read itself. */
		assert_int_equal(nwrites, 0);
		if (k->status != BAD_ALIGN)
			assert_int_equal(nreads, 0);
		assert_false(out.xmm_written);
	}
}

/* ---------------------------------------------------------------------
 * Memory calls: copy in once, handler input, output on success only.
 */
static void test_ctl_macro(void **state)
{
	assert_int_equal(CTL(0x1234, 1, 0x3ff, 0xfff, 0xabc),
			 hv_hypercall_input(0x1234, 1, 0x3ff, 0xfff, 0xabc));
	assert_int_equal(CTL(C_REP_OUT, 0, 2, 10, 5), hv_hypercall_input(C_REP_OUT, 0, 2, 10, 5));
}

static void test_simple_memory_call(void **state)
{
	struct hc_caller c = guest();
	struct hc_input in = regs(CTL(C_SIMPLE, 0, 0, 0, 0), IN_GPA + 0x100, OUT_GPA + 0x200);

	for (int i = 0; i < 16; i++)
		gmem(IN_GPA + 0x100)[i] = (uint8_t)(0x10 + i);
	struct hc_output out = dispatch(&c, &in);

	assert_complete(&out, OK, 0);
	assert_int_equal(seen.calls, 1);
	assert_int_equal(seen.code, C_SIMPLE);
	assert_false(seen.fast);
	assert_ptr_equal(seen.caller, &c);
	for (int i = 0; i < 16; i++)
		assert_int_equal(seen.input[i], 0x10 + i);
	assert_int_equal(seen.var_bytes, 0);
	assert_int_equal(seen.rep_start, 0);
	assert_int_equal(seen.rep_count, 0);
	/* The output block: exactly 8 bytes at R8. */
	assert_int_equal(nwrites, 1);
	assert_int_equal(wlog[0].gpa, OUT_GPA + 0x200);
	assert_int_equal(wlog[0].len, 8);
	for (int i = 0; i < 8; i++)
		assert_int_equal(gmem(OUT_GPA + 0x200)[i], OUT_BYTE(i));
	assert_untouched(OUT_GPA + 0x208, 8);
	assert_untouched(OUT_GPA + 0x1f8, 8);
	assert_false(out.xmm_written);
}

/* The input block is read exactly once, as a whole, into hypervisor memory:
 * the handler never sees guest memory (no double fetch). */
static void test_single_fetch(void **state)
{
	struct hc_caller c = guest();
	struct hc_input in = regs(CTL(C_VAR_REP, 0, 3, 4, 1), IN_GPA + 0x40, OUT_GPA);

	for (int i = 0; i < 16 + 24 + 32; i += 8)
		put64(IN_GPA + 0x40 + i, 0x1000 + i);
	struct hc_output out = dispatch(&c, &in);

	assert_complete(&out, OK, 4);
	assert_int_equal(nreads, 1);
	assert_int_equal(read_gpa_log[0], IN_GPA + 0x40);
	assert_int_equal(read_len_log[0], 16 + 24 + 32);
	assert_ptr_equal(seen.input_ptr, scratch.input);
	/* Header, variable header, then elements (element 0 first). */
	assert_int_equal(seen.var_bytes, 24);
	assert_int_equal(seen.in_elems_off, 16 + 24);
	for (int i = 0; i < 16 + 24; i += 8) {
		uint64_t v;
		memcpy(&v, seen.input + i, 8);
		assert_int_equal(v, 0x1000 + i);
	}
	for (int k = 1; k < 4; k++)
		assert_int_equal(seen.elem_in[k], 0x1000 + 40 + 8 * k);
	assert_int_equal(nwrites, 0); /* no output block */
}

static void test_var_header_passed(void **state)
{
	struct hc_caller c = guest();
	struct hc_input in = regs(CTL(C_VAR, 0, 2, 0, 0), IN_GPA, OUT_GPA);

	for (int i = 0; i < 32; i++)
		gmem(IN_GPA)[i] = (uint8_t)i;
	struct hc_output out = dispatch(&c, &in);

	assert_complete(&out, OK, 0);
	assert_int_equal(seen.var_bytes, 16);
	assert_int_equal(nreads, 1);
	assert_int_equal(read_len_log[0], 32);
	for (int i = 0; i < 32; i++)
		assert_int_equal(seen.input[i], i);
}

/* A simple call's output reaches the guest only on success. */
static void test_simple_output_only_on_success(void **state)
{
	struct hc_caller c = guest();
	struct hc_input in = regs(CTL(C_SIMPLE, 0, 0, 0, 0), IN_GPA, OUT_GPA);

	ctl.status = HV_STATUS_INVALID_PARAMETER;
	struct hc_output out = dispatch(&c, &in);

	assert_complete(&out, HV_STATUS_INVALID_PARAMETER, 0);
	assert_int_equal(seen.calls, 1);
	assert_int_equal(nwrites, 0);
	assert_untouched(OUT_GPA, 64);
}

/* Simple calls report 0 reps completed whatever the handler does. */
static void test_simple_reps_zero(void **state)
{
	struct hc_caller c = guest();
	struct hc_input in = regs(CTL(C_SIMPLE, 0, 0, 0, 0), IN_GPA, OUT_GPA);

	ctl.force_done = true;
	ctl.done_value = 7;
	struct hc_output out = dispatch(&c, &in);
	assert_complete(&out, OK, 0);
}

static void test_output_unwritable(void **state)
{
	struct hc_caller c = guest();
	struct hc_input in = regs(CTL(C_SIMPLE, 0, 0, 0, 0), IN_GPA, RO_GPA);
	struct hc_output out = dispatch(&c, &in);
	assert_complete(&out, BAD_ALIGN, 0);

	/* Unbacked output of a rep call. */
	setup(NULL);
	in = regs(CTL(C_REP_OUT, 0, 0, 3, 0), IN_GPA, UNBACKED);
	out = dispatch(&c, &in);
	assert_int_equal(out.action, HC_COMPLETE);
	assert_int_equal(hv_hypercall_result_status(out.result), BAD_ALIGN);
}

static void test_extended_call(void **state)
{
	struct hc_caller c = guest();
	struct hc_input in = regs(CTL(C_EXT, 0, 0, 0, 0), 0, OUT_GPA + 8);

	c.privileges = PRIV_EXT;
	struct hc_output out = dispatch(&c, &in);

	assert_complete(&out, OK, 0);
	assert_int_equal(seen.code, C_EXT);
	assert_int_equal(nreads, 0); /* no input block */
	for (int i = 0; i < 8; i++)
		assert_int_equal(gmem(OUT_GPA + 8)[i], OUT_BYTE(i));
	assert_untouched(OUT_GPA, 8);
	assert_int_equal(hc_counters_slot(C_EXT)->calls, 1);

	/* Other privileges do not open it. */
	setup(NULL);
	c.privileges = ~PRIV_EXT;
	out = dispatch(&c, &in);
	assert_complete(&out, DENIED, 0);
	assert_int_equal(seen.calls, 0);
}

/* ---------------------------------------------------------------------
 * Fast calls.
 */
static void set_counting_registers(struct hc_input *in)
{
	uint8_t block[112];
	for (int i = 0; i < 112; i++)
		block[i] = (uint8_t)i;
	memcpy(&in->param[0], block, 8);
	memcpy(&in->param[1], block + 8, 8);
	memcpy(xmm, block + 16, 96);
}

/* Bytes 0-7 from RDX, 8-15 from R8, then XMM0 low, XMM0 high, XMM1 ... */
static void test_fast_register_order(void **state)
{
	struct hc_caller c = guest();
	struct hc_input in = regs(CTL(C_VAR, 1, 12, 0, 0), 0, 0);

	set_counting_registers(&in);
	struct hc_output out = dispatch(&c, &in);

	assert_complete(&out, OK, 0);
	assert_true(seen.fast);
	assert_int_equal(seen.var_bytes, 96);
	for (int i = 0; i < 112; i++)
		if (seen.input[i] != i)
			fail_msg("fast input byte %d is %#x", i, seen.input[i]);
	assert_int_equal(nreads, 0);
	assert_int_equal(nwrites, 0);
	assert_false(out.xmm_written); /* no output: registers untouched */
	for (int i = 0; i < 96; i++)
		assert_int_equal(((uint8_t *)xmm)[i], 16 + i);
}

static void test_fast_two_register(void **state)
{
	struct hc_caller c = guest();
	struct hc_input in = regs(CTL(C_FAST, 1, 0, 0, 0), 0x1122334455667788ull, 0xdeadull);

	c.xmm_fast_input = false;
	in.xmm = NULL;
	struct hc_output out = dispatch(&c, &in);

	assert_complete(&out, OK, 0);
	assert_true(seen.fast);
	uint64_t v;
	memcpy(&v, seen.input, 8);
	assert_int_equal(v, 0x1122334455667788ull);
	assert_int_equal(nreads, 0);
	assert_false(out.xmm_written);
}

/* XMM fast output starts at the register pair after the input (TLFS 10.3):
 * a 32-byte input (RDX, R8, XMM0) puts the 16-byte output in XMM1. */
static void test_fast_xmm_output(void **state)
{
	struct hc_caller c = guest();
	struct hc_input in = regs(CTL(C_XMM, 1, 0, 0, 0), 0x11, 0x22);
	struct hc_output out = dispatch(&c, &in);
	uint8_t want[16];

	assert_complete(&out, OK, 0);
	assert_true(out.xmm_written);
	uint64_t v;
	memcpy(&v, seen.input + 16, 8);
	assert_int_equal(v, xmm_init(0, 0));
	for (int i = 0; i < 16; i++)
		want[i] = OUT_BYTE(i);
	assert_memory_equal(xmm[1], want, 16);
	/* Input register and the pairs after the output are preserved. */
	assert_int_equal(xmm[0][0], xmm_init(0, 0));
	assert_int_equal(xmm[0][1], xmm_init(0, 1));
	for (int i = 2; i < 6; i++) {
		assert_int_equal(xmm[i][0], xmm_init(i, 0));
		assert_int_equal(xmm[i][1], xmm_init(i, 1));
	}
	assert_int_equal(nwrites, 0);
}

/* TLFS 10.3 (digest): on a simple call's failure nothing is written back.
 * The handler filled its output buffer before failing. */
static void test_fast_xmm_output_not_written_on_failure(void **state)
{
	struct hc_caller c = guest();
	struct hc_input in = regs(CTL(C_XMM, 1, 0, 0, 0), 0x11, 0x22);

	ctl.status = HV_STATUS_INVALID_PARAMETER;
	struct hc_output out = dispatch(&c, &in);

	assert_complete(&out, HV_STATUS_INVALID_PARAMETER, 0);
	for (int i = 0; i < 6; i++) {
		if (xmm[i][0] != xmm_init(i, 0) || xmm[i][1] != xmm_init(i, 1))
			fail_msg("XMM%d overwritten on a failed call: %#llx:%#llx", i,
				 (unsigned long long)xmm[i][1], (unsigned long long)xmm[i][0]);
	}
}

/* A fast rep call with output writes back only the completed elements
 * (hypercall-abi.md 10.3): element k of C_XMM_REP with 4 reps (input 32
 * bytes) lives in XMM(1 + k). */
static void test_fast_rep_output_only_completed(void **state)
{
	struct hc_caller c = guest();
	struct hc_input in = regs(CTL(C_XMM_REP, 1, 0, 4, 0), 0x11, 0x22);
	uint8_t want[16];

	ctl.fail_at = 2;
	ctl.fail_status = HV_STATUS_INVALID_PARAMETER;
	struct hc_output out = dispatch(&c, &in);

	assert_complete(&out, HV_STATUS_INVALID_PARAMETER, 2);
	for (int k = 0; k < 2; k++) {
		memset(want, ELEM_BYTE(k), 16);
		assert_memory_equal(xmm[1 + k], want, 16);
	}
	for (int i = 3; i < 6; i++)
		if (xmm[i][0] != xmm_init(i, 0) || xmm[i][1] != xmm_init(i, 1))
			fail_msg("XMM%d (element not completed) overwritten: %#llx:%#llx", i,
				 (unsigned long long)xmm[i][1], (unsigned long long)xmm[i][0]);
}

/* Continuation of a fast rep call with output: the resumed call must not
 * rewrite elements below its rep start (TLFS 7; the registers the guest
 * re-executes with already hold them). */
static void test_fast_rep_output_continuation(void **state)
{
	struct hc_caller c = guest();
	uint64_t control = CTL(C_XMM_REP, 1, 0, 4, 0);
	struct hc_input in = regs(control, 0x11, 0x22);
	uint8_t want[16];

	c.rep_budget = 2;
	struct hc_output out = dispatch(&c, &in);
	assert_int_equal(out.action, HC_CONTINUE);
	assert_int_equal(out.control, hv_hypercall_input_with_rep_start(control, 2));
	assert_int_equal(seen.rep_start, 0);
	assert_int_equal(seen.rep_count, 2);

	/* The guest re-executes with the updated control and the registers as
	 * the first round left them. */
	in.control = out.control;
	out = dispatch(&c, &in);
	assert_complete(&out, OK, 4);
	assert_int_equal(seen.calls, 2);
	assert_int_equal(seen.rep_start, 2);
	for (int k = 0; k < 4; k++) {
		memset(want, ELEM_BYTE(k), 16);
		if (memcmp(xmm[1 + k], want, 16))
			fail_msg("element %d (XMM%d) lost over the continuation: %#llx:%#llx", k,
				 1 + k, (unsigned long long)xmm[1 + k][1],
				 (unsigned long long)xmm[1 + k][0]);
	}
	assert_int_equal(xmm[0][0], xmm_init(0, 0));
	assert_int_equal(xmm[5][1], xmm_init(5, 1));
}

/* ---------------------------------------------------------------------
 * Rep calls.
 */

/* Reps completed is absolute (TLFS example: start 5, count 10 -> 10), and
 * only elements [rep_start, done) are written. */
static void test_rep_success_absolute(void **state)
{
	struct hc_caller c = guest();
	struct hc_input in = regs(CTL(C_REP_OUT, 0, 0, 10, 5), IN_GPA, OUT_GPA);
	struct hc_output out = dispatch(&c, &in);

	assert_complete(&out, OK, 10);
	assert_int_equal(seen.rep_start, 5);
	assert_int_equal(seen.rep_count, 10);
	assert_int_equal(seen.done_in, 5);
	assert_int_equal(seen.out_elems_off, 0);
	assert_int_equal(nreads, 1);
	assert_int_equal(read_len_log[0], 16); /* header only: no input elements */
	assert_untouched(OUT_GPA, 5 * 8);
	for (int k = 5; k < 10; k++)
		assert_bytes(OUT_GPA + 8 * k, 8, ELEM_BYTE(k));
	assert_untouched(OUT_GPA + 80, 64);
	assert_int_equal(nwrites, 1);
	assert_int_equal(wlog[0].gpa, OUT_GPA + 40);
	assert_int_equal(wlog[0].len, 40);
}

/* Failure at element k: its status, reps completed = k, and the output
 * elements written only for [rep_start, k). */
static void test_rep_failure_at_k(void **state)
{
	struct hc_caller c = guest();
	struct hc_input in = regs(CTL(C_REP_OUT, 0, 0, 10, 2), IN_GPA, OUT_GPA);

	ctl.fail_at = 6;
	ctl.fail_status = HV_STATUS_INSUFFICIENT_MEMORY;
	struct hc_output out = dispatch(&c, &in);

	assert_complete(&out, HV_STATUS_INSUFFICIENT_MEMORY, 6);
	assert_untouched(OUT_GPA, 2 * 8);
	for (int k = 2; k < 6; k++)
		assert_bytes(OUT_GPA + 8 * k, 8, ELEM_BYTE(k));
	assert_untouched(OUT_GPA + 6 * 8, 4 * 8 + 64);
	assert_int_equal(hc_counters_slot(C_REP_OUT)->by_status[HV_STATUS_INSUFFICIENT_MEMORY], 1);
}

static void test_rep_failure_at_start(void **state)
{
	struct hc_caller c = guest();
	struct hc_input in = regs(CTL(C_REP_OUT, 0, 0, 10, 3), IN_GPA, OUT_GPA);

	ctl.fail_at = 3;
	ctl.fail_status = HV_STATUS_INVALID_PARAMETER;
	struct hc_output out = dispatch(&c, &in);

	assert_complete(&out, HV_STATUS_INVALID_PARAMETER, 3);
	assert_int_equal(nwrites, 0);
	assert_untouched(OUT_GPA, 128);
}

/* Rep input elements: the whole list is read, handler sees each. */
static void test_rep_input_elements(void **state)
{
	struct hc_caller c = guest();
	struct hc_input in = regs(CTL(C_REP_IN, 0, 0, 5, 0), IN_GPA + 0x800, 0x3 /* ignored */);

	put64(IN_GPA + 0x800, 0xabcdef);
	for (int k = 0; k < 5; k++)
		put64(IN_GPA + 0x808 + 8 * k, 0x500 + k);
	struct hc_output out = dispatch(&c, &in);

	assert_complete(&out, OK, 5);
	assert_int_equal(nreads, 1);
	assert_int_equal(read_len_log[0], 8 + 5 * 8);
	assert_int_equal(seen.in_elems_off, 8);
	for (int k = 0; k < 5; k++)
		assert_int_equal(seen.elem_in[k], 0x500 + k);
	assert_int_equal(nwrites, 0);
}

/* Fixed output then the elements (TLFS 7): fixed 16 bytes at R8, element
 * k at R8 + 16 + 8k. */
static void test_rep_fixed_output_and_elements(void **state)
{
	struct hc_caller c = guest();
	struct hc_input in = regs(CTL(C_REP_MIXED, 0, 0, 3, 0), IN_GPA, OUT_GPA);
	struct hc_output out = dispatch(&c, &in);

	assert_complete(&out, OK, 3);
	assert_int_equal(seen.out_elems_off, 16);
	for (int i = 0; i < 16; i++)
		assert_int_equal(gmem(OUT_GPA)[i], OUT_BYTE(i));
	for (int k = 0; k < 3; k++)
		assert_bytes(OUT_GPA + 16 + 8 * k, 8, ELEM_BYTE(k));
	assert_untouched(OUT_GPA + 40, 64);
}

/* On failure the fixed output is not written, the completed elements are. */
static void test_rep_fixed_output_on_failure(void **state)
{
	struct hc_caller c = guest();
	struct hc_input in = regs(CTL(C_REP_MIXED, 0, 0, 4, 1), IN_GPA, OUT_GPA);

	ctl.fail_at = 3;
	ctl.fail_status = HV_STATUS_INVALID_PARAMETER;
	struct hc_output out = dispatch(&c, &in);

	assert_complete(&out, HV_STATUS_INVALID_PARAMETER, 3);
	assert_untouched(OUT_GPA, 16 + 8);
	assert_bytes(OUT_GPA + 16 + 8, 8, ELEM_BYTE(1));
	assert_bytes(OUT_GPA + 16 + 16, 8, ELEM_BYTE(2));
	assert_untouched(OUT_GPA + 16 + 24, 64);
}

/* A handler claiming more than it was given is clamped. */
static void test_rep_done_clamped_to_end(void **state)
{
	struct hc_caller c = guest();
	struct hc_input in = regs(CTL(C_REP_OUT, 0, 0, 10, 0), IN_GPA, OUT_GPA);

	ctl.force_done = true;
	ctl.done_value = 4000;
	struct hc_output out = dispatch(&c, &in);
	assert_complete(&out, OK, 10);

	/* And to the budget's end: the call continues there. */
	setup(NULL);
	ctl.force_done = true;
	ctl.done_value = 4000;
	c.rep_budget = 4;
	out = dispatch(&c, &in);
	assert_int_equal(out.action, HC_CONTINUE);
	assert_int_equal(hv_hypercall_input_rep_start(out.control), 4);
}

/* A handler reporting fewer than rep_start done (a relative count, say)
 * must not move the guest backwards nor make the dispatcher write
 * (done - rep_start) * elem bytes with a wrapped-around length. */
static void test_rep_done_below_start_clamped(void **state)
{
	struct hc_caller c = guest();
	struct hc_input in = regs(CTL(C_REP_OUT, 0, 0, 10, 5), IN_GPA, OUT_GPA);

	ctl.force_done = true;
	ctl.done_value = 2;
	ctl.status = HV_STATUS_INVALID_PARAMETER;
	struct hc_output out = dispatch(&c, &in);

	for (unsigned i = 0; i < nwrites && i < ARRAY_SIZE(wlog); i++)
		if (wlog[i].len > HC_BLOCK_SIZE)
			fail_msg("output write of %zu bytes at %#llx", wlog[i].len,
				 (unsigned long long)wlog[i].gpa);
	assert_complete(&out, HV_STATUS_INVALID_PARAMETER, 5);
}

/* ---------------------------------------------------------------------
 * Continuation (TLFS 7).
 */
static void test_continuation(void **state)
{
	struct hc_caller c = guest();
	uint64_t control = CTL(C_REP_OUT, 0, 0, 10, 0);
	struct hc_input in = regs(control, IN_GPA, OUT_GPA);

	c.rep_budget = 4;
	struct hc_output out = dispatch(&c, &in);
	assert_int_equal(out.action, HC_CONTINUE);
	assert_int_equal(out.result, 0);
	assert_int_equal(out.control, CTL(C_REP_OUT, 0, 0, 10, 4));
	assert_int_equal(seen.rep_start, 0);
	assert_int_equal(seen.rep_count, 4); /* the handler is given [0, 4) */
	assert_int_equal(nwrites, 1);
	assert_int_equal(wlog[0].gpa, OUT_GPA);
	assert_int_equal(wlog[0].len, 32);
	/* Not counted until the call completes. */
	assert_int_equal(hc_counters_slot(C_REP_OUT)->calls, 0);

	in.control = out.control;
	out = dispatch(&c, &in);
	assert_int_equal(out.action, HC_CONTINUE);
	assert_int_equal(out.control, CTL(C_REP_OUT, 0, 0, 10, 8));
	assert_int_equal(seen.rep_start, 4);
	assert_int_equal(seen.rep_count, 8);
	/* Elements below the rep start are not rewritten. */
	assert_int_equal(nwrites, 2);
	assert_int_equal(wlog[1].gpa, OUT_GPA + 32);
	assert_int_equal(wlog[1].len, 32);

	in.control = out.control;
	out = dispatch(&c, &in);
	assert_complete(&out, OK, 10);
	assert_int_equal(seen.rep_start, 8);
	assert_int_equal(seen.rep_count, 10);
	assert_int_equal(nwrites, 3);
	assert_int_equal(wlog[2].gpa, OUT_GPA + 64);
	assert_int_equal(wlog[2].len, 16);
	for (int k = 0; k < 10; k++)
		assert_bytes(OUT_GPA + 8 * k, 8, ELEM_BYTE(k));
	assert_untouched(OUT_GPA + 80, 64);
	assert_int_equal(seen.calls, 3);
	assert_int_equal(nreads, 3); /* each invocation copies its input once */
	assert_int_equal(hc_counters_slot(C_REP_OUT)->calls, 1);
	assert_int_equal(hc_counters_slot(C_REP_OUT)->by_status[0], 1);
}

/* The continuation control differs from the original only in the rep start:
 * fast bit and variable header size are kept. */
static void test_continuation_keeps_control(void **state)
{
	struct hc_caller c = guest();
	uint64_t control = CTL(C_VAR_REP, 0, 1, 10, 3);
	struct hc_input in = regs(control, IN_GPA, OUT_GPA);

	c.rep_budget = 4;
	struct hc_output out = dispatch(&c, &in);
	assert_int_equal(out.action, HC_CONTINUE);
	assert_int_equal(out.control ^ control, (uint64_t)(3 ^ 7) << 48);
	assert_int_equal(out.control, CTL(C_VAR_REP, 0, 1, 10, 7));

	/* Fast form too. */
	setup(NULL);
	control = CTL(C_XMM_REP, 1, 0, 3, 0);
	in = regs(control, 1, 2);
	c.rep_budget = 1;
	out = dispatch(&c, &in);
	assert_int_equal(out.action, HC_CONTINUE);
	assert_int_equal(out.control, CTL(C_XMM_REP, 1, 0, 3, 1));
}

static void test_continuation_then_failure(void **state)
{
	struct hc_caller c = guest();
	struct hc_input in = regs(CTL(C_REP_OUT, 0, 0, 10, 0), IN_GPA, OUT_GPA);

	c.rep_budget = 4;
	ctl.fail_at = 6;
	ctl.fail_status = HV_STATUS_INVALID_PARAMETER;
	struct hc_output out = dispatch(&c, &in);
	assert_int_equal(out.action, HC_CONTINUE);
	in.control = out.control;
	out = dispatch(&c, &in);
	assert_complete(&out, HV_STATUS_INVALID_PARAMETER, 6);
	for (int k = 0; k < 6; k++)
		assert_bytes(OUT_GPA + 8 * k, 8, ELEM_BYTE(k));
	assert_untouched(OUT_GPA + 48, 32);
}

/* The root has no budget: it completes at once. */
static void test_continuation_root_unlimited(void **state)
{
	struct hc_caller c = root();
	struct hc_input in = regs(CTL(C_REP_OUT, 0, 0, 10, 0), IN_GPA, OUT_GPA);

	assert_int_equal(c.rep_budget, 0);
	struct hc_output out = dispatch(&c, &in);
	assert_complete(&out, OK, 10);
	assert_int_equal(seen.calls, 1);
	assert_int_equal(seen.rep_count, 10);
}

/* A budget covering the remaining elements completes at once. */
static void test_continuation_budget_enough(void **state)
{
	struct hc_caller c = guest();
	struct hc_input in = regs(CTL(C_REP_OUT, 0, 0, 10, 6), IN_GPA, OUT_GPA);

	c.rep_budget = 4;
	struct hc_output out = dispatch(&c, &in);
	assert_complete(&out, OK, 10);
	assert_int_equal(seen.calls, 1);
}

/* Budgets do not apply to simple calls. */
static void test_budget_ignored_for_simple(void **state)
{
	struct hc_caller c = guest();
	struct hc_input in = regs(CTL(C_SIMPLE, 0, 0, 0, 0), IN_GPA, OUT_GPA);

	c.rep_budget = 1;
	struct hc_output out = dispatch(&c, &in);
	assert_complete(&out, OK, 0);
}

/* ---------------------------------------------------------------------
 * Counters.
 */
static void test_counters(void **state)
{
	struct hc_caller c = guest();
	struct hc_input in = regs(CTL(C_SIMPLE, 0, 0, 0, 0), IN_GPA, OUT_GPA);
	const struct hc_counters *s = hc_counters_slot(C_SIMPLE);

	dispatch(&c, &in);
	dispatch(&c, &in);
	assert_int_equal(s->calls, 2);
	assert_int_equal(s->by_status[OK], 2);

	in.control = CTL(C_SIMPLE, 0, 0, 1, 0);
	dispatch(&c, &in);
	assert_int_equal(s->calls, 3);
	assert_int_equal(s->by_status[BAD_INPUT], 1);

	/* Statuses >= 0x1f share the last slot. */
	in.control = CTL(C_SIMPLE, 0, 0, 0, 0);
	ctl.status = HV_STATUS_INSUFFICIENT_BUFFER; /* 0x33 */
	dispatch(&c, &in);
	ctl.status = HV_STATUS_PARTIAL_PACKET; /* 0x1f */
	dispatch(&c, &in);
	assert_int_equal(s->calls, 5);
	assert_int_equal(s->by_status[0x1f], 2);

	/* Denied calls are counted under their code. */
	c.privileges = 0;
	in.control = CTL(C_PRIV, 0, 0, 0, 0);
	dispatch(&c, &in);
	assert_int_equal(hc_counters_slot(C_PRIV)->calls, 1);
	assert_int_equal(hc_counters_slot(C_PRIV)->by_status[DENIED], 1);

	/* Unknown codes in their (shared) slot. */
	in.control = CTL(C_UNKNOWN, 0, 0, 0, 0);
	dispatch(&c, &in);
	assert_int_equal(hc_counters_slot(C_UNKNOWN)->calls, 1);
	assert_int_equal(hc_counters_slot(C_UNKNOWN)->by_status[BAD_CODE], 1);

	/* #UD is not a completed call. */
	in.control = CTL(C_SIMPLE, 0, 0, 0, 0);
	in.cpl = 3;
	struct hc_output out = dispatch(&c, &in);
	assert_int_equal(out.action, HC_INJECT_UD);
	assert_int_equal(s->calls, 5);

	uint64_t total = 0;
	for (size_t i = 0; i < ARRAY_SIZE(counters); i++)
		total += counters[i].calls;
	assert_int_equal(total, 7);
}

/* ---------------------------------------------------------------------
 * main: the table cases, one cmocka test each, then the others.
 */
#define T(f) { #f, f, setup, NULL, NULL }

static const struct CMUnitTest fixed_tests[] = {
	T(test_ctl_macro),
	T(test_simple_memory_call),
	T(test_single_fetch),
	T(test_var_header_passed),
	T(test_simple_output_only_on_success),
	T(test_simple_reps_zero),
	T(test_output_unwritable),
	T(test_extended_call),
	T(test_fast_register_order),
	T(test_fast_two_register),
	T(test_fast_xmm_output),
	T(test_fast_xmm_output_not_written_on_failure),
	T(test_fast_rep_output_only_completed),
	T(test_fast_rep_output_continuation),
	T(test_rep_success_absolute),
	T(test_rep_failure_at_k),
	T(test_rep_failure_at_start),
	T(test_rep_input_elements),
	T(test_rep_fixed_output_and_elements),
	T(test_rep_fixed_output_on_failure),
	T(test_rep_done_clamped_to_end),
	T(test_rep_done_below_start_clamped),
	T(test_continuation),
	T(test_continuation_keeps_control),
	T(test_continuation_then_failure),
	T(test_continuation_root_unlimited),
	T(test_continuation_budget_enough),
	T(test_budget_ignored_for_simple),
	T(test_counters),
};

static struct CMUnitTest tests[ARRAY_SIZE(check_cases) + ARRAY_SIZE(fixed_tests)];

int main(void)
{
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_SIZE(check_cases); i++)
		tests[n++] = (struct CMUnitTest){ check_cases[i].name, run_check_case, setup, NULL,
						  (void *)&check_cases[i] };
	for (size_t i = 0; i < ARRAY_SIZE(fixed_tests); i++)
		tests[n++] = fixed_tests[i];
	return cmocka_run_group_tests_name("test_hypercall_dispatch", tests, NULL, NULL);
}
