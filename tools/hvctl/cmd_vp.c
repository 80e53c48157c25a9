/* hvctl vp create|delete|get-regs|set-regs|run|cancel|interrupt
 * (unihv.v1.Vp).  Register names are the short names of libunihv's
 * table (rax, rip, cr3, xmm0, ...). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hvctl.h"
#include "out.h"

/* ID VP from argv[i], argv[i + 1]. */
static bool id_vp(char **argv, int i, uint64_t *id, uint32_t *vp)
{
	return parse_u64(argv[i], id) && parse_u32(argv[i + 1], vp);
}

static int vp_simple(struct hvctl *h, int argc, char **argv,
		     UNIHV_RESULT (*fn)(UNIHV_CONNECTION *, UNIHV_PARTITION_ID, uint32_t))
{
	uint64_t id;
	uint32_t vp;
	if (argc != 3 || !id_vp(argv, 1, &id, &vp))
		return hvctl_usage(h, "partition ID and VP index expected");
	UNIHV_CONNECTION *c = hvctl_connect(h);
	if (!c)
		return HVCTL_EXIT_CONNECT;
	UNIHV_RESULT r = fn(c, id, vp);
	int st = hvctl_result(h, &r);
	if (!st) {
		out_begin(h->command);
		out_u64("partition_id", id);
		out_u64("vp_index", vp);
		out_end();
	}
	return st;
}

int cmd_vp_create(struct hvctl *h, int argc, char **argv)
{
	return vp_simple(h, argc, argv, UnihvCreateVirtualProcessor);
}

int cmd_vp_delete(struct hvctl *h, int argc, char **argv)
{
	return vp_simple(h, argc, argv, UnihvDeleteVirtualProcessor);
}

int cmd_vp_cancel(struct hvctl *h, int argc, char **argv)
{
	return vp_simple(h, argc, argv, UnihvCancelRunVirtualProcessor);
}

static const UNIHV_REGISTER_NAME default_regs[] = {
	WHvX64RegisterRax, WHvX64RegisterRcx, WHvX64RegisterRdx, WHvX64RegisterRbx,
	WHvX64RegisterRsp, WHvX64RegisterRbp, WHvX64RegisterRsi, WHvX64RegisterRdi,
	WHvX64RegisterR8,  WHvX64RegisterR9,  WHvX64RegisterR10, WHvX64RegisterR11,
	WHvX64RegisterR12, WHvX64RegisterR13, WHvX64RegisterR14, WHvX64RegisterR15,
	WHvX64RegisterRip, WHvX64RegisterRflags, WHvX64RegisterCr0, WHvX64RegisterCr3,
	WHvX64RegisterCr4, WHvX64RegisterEfer,
};

/* Split the arguments argv[from..argc) at commas into names (and, for
 * set-regs, "=VALUE" values); false with a message on a bad item. */
static bool parse_regs(struct hvctl *h, int argc, char **argv, int from, bool values,
		       UNIHV_REGISTER_NAME *names, UNIHV_REGISTER_VALUE *vals, uint32_t *count)
{
	*count = 0;
	for (int i = from; i < argc; i++) {
		char *copy = strdup(argv[i]), *save = NULL;
		if (!copy)
			return false;
		for (char *item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
			char *eq = strchr(item, '=');
			if (values != (eq != NULL)) {
				hvctl_usage(h, values ? "'%s': NAME=VALUE expected" : "'%s': NAME expected", item);
				free(copy);
				return false;
			}
			if (eq)
				*eq = '\0';
			if (*count == UNIHV_REGISTERS_MAX) {
				hvctl_usage(h, "at most %u registers", UNIHV_REGISTERS_MAX);
				free(copy);
				return false;
			}
			if (!UnihvRegisterFromString(item, &names[*count])) {
				hvctl_usage(h, "unknown register '%s'", item);
				free(copy);
				return false;
			}
			if (eq) {
				vals[*count].high = 0;
				if (!parse_u64(eq + 1, &vals[*count].low)) {
					hvctl_usage(h, "bad value for %s: '%s'", item, eq + 1);
					free(copy);
					return false;
				}
			}
			(*count)++;
		}
		free(copy);
	}
	return true;
}

static void print_reg(UNIHV_REGISTER_NAME n, const UNIHV_REGISTER_VALUE *v)
{
	char text[48];
	if (v->high)
		snprintf(text, sizeof(text), "0x%llx%016llx", (unsigned long long)v->high,
			 (unsigned long long)v->low);
	else
		snprintf(text, sizeof(text), "0x%llx", (unsigned long long)v->low);
	out_str(UnihvRegisterString(n), text);
}

int cmd_vp_get_regs(struct hvctl *h, int argc, char **argv)
{
	uint64_t id;
	uint32_t vp, n;
	UNIHV_REGISTER_NAME names[UNIHV_REGISTERS_MAX];
	UNIHV_REGISTER_VALUE vals[UNIHV_REGISTERS_MAX];
	if (argc < 3 || !id_vp(argv, 1, &id, &vp))
		return hvctl_usage(h, "partition ID and VP index expected");
	if (argc == 3) {
		n = sizeof(default_regs) / sizeof(default_regs[0]);
		memcpy(names, default_regs, sizeof(default_regs));
	} else if (!parse_regs(h, argc, argv, 3, false, names, vals, &n)) {
		return HVCTL_EXIT_USAGE;
	}
	UNIHV_CONNECTION *c = hvctl_connect(h);
	if (!c)
		return HVCTL_EXIT_CONNECT;
	UNIHV_RESULT r = UnihvGetVirtualProcessorRegisters(c, id, vp, names, n, vals);
	int st = hvctl_result(h, &r);
	if (!st) {
		out_begin(h->command);
		out_u64("partition_id", id);
		out_u64("vp_index", vp);
		out_obj("registers");
		for (uint32_t i = 0; i < n; i++)
			print_reg(names[i], &vals[i]);
		out_close_obj();
		out_end();
	}
	return st;
}

int cmd_vp_set_regs(struct hvctl *h, int argc, char **argv)
{
	uint64_t id;
	uint32_t vp, n;
	UNIHV_REGISTER_NAME names[UNIHV_REGISTERS_MAX];
	UNIHV_REGISTER_VALUE vals[UNIHV_REGISTERS_MAX];
	if (argc < 4 || !id_vp(argv, 1, &id, &vp))
		return hvctl_usage(h, "partition ID, VP index and NAME=VALUE expected");
	if (!parse_regs(h, argc, argv, 3, true, names, vals, &n))
		return HVCTL_EXIT_USAGE;
	UNIHV_CONNECTION *c = hvctl_connect(h);
	if (!c)
		return HVCTL_EXIT_CONNECT;
	UNIHV_RESULT r = UnihvSetVirtualProcessorRegisters(c, id, vp, names, n, vals);
	int st = hvctl_result(h, &r);
	if (!st) {
		out_begin(h->command);
		out_u64("partition_id", id);
		out_u64("vp_index", vp);
		out_obj("registers");
		for (uint32_t i = 0; i < n; i++)
			print_reg(names[i], &vals[i]);
		out_close_obj();
		out_end();
	}
	return st;
}

int cmd_vp_run(struct hvctl *h, int argc, char **argv)
{
	uint32_t timeout = 0;
	static const struct option opts[] = { { "timeout", required_argument, NULL, 't' }, { 0 } };
	int o;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1)
		if (o != 't' || !parse_u32(optarg, &timeout))
			return hvctl_usage(h, "bad option");
	uint64_t id;
	uint32_t vp;
	if (argc - optind != 2 || !id_vp(argv, optind, &id, &vp))
		return hvctl_usage(h, "partition ID and VP index expected");
	UNIHV_CONNECTION *c = hvctl_connect(h);
	if (!c)
		return HVCTL_EXIT_CONNECT;
	UNIHV_RUN_VP_EXIT_CONTEXT x;
	UNIHV_RESULT r = UnihvRunVirtualProcessor(c, id, vp, timeout, &x);
	int st = hvctl_result(h, &r);
	if (st)
		return st;
	out_begin(h->command);
	out_u64("partition_id", id);
	out_u64("vp_index", vp);
	out_obj("exit");
	out_u64("exit_reason", x.exit_reason);
	out_str("exit_reason_name", exit_reason_name(x.exit_reason));
	out_hex("message_type", x.message_type);
	out_hex("rip", x.rip);
	out_hex("rflags", x.rflags);
	out_hex("cs_selector", x.cs_selector);
	out_u64("instruction_length", x.instruction_length);
	switch (x.exit_reason) {
	case WHvRunVpExitReasonX64IoPortAccess:
		out_hex("io_port", x.io_port);
		out_u64("io_access_size", x.io_access_size);
		out_bool("io_is_write", x.io_is_write);
		out_hex("rax", x.rax);
		break;
	case WHvRunVpExitReasonMemoryAccess:
		out_hex("gpa", x.gpa);
		out_hex("gva", x.gva);
		out_u64("memory_access_type", x.memory_access_type);
		break;
	case WHvRunVpExitReasonX64MsrAccess:
		out_hex("msr_number", x.msr_number);
		out_bool("msr_is_write", x.msr_is_write);
		out_hex("rax", x.rax);
		out_hex("rdx", x.rdx);
		break;
	case WHvRunVpExitReasonX64Cpuid:
		out_hex("cpuid_rax", x.cpuid_rax);
		out_hex("cpuid_rcx", x.cpuid_rcx);
		break;
	case WHvRunVpExitReasonException:
		out_u64("exception_vector", x.exception_vector);
		out_hex("error_code", x.error_code);
		break;
	case WHvRunVpExitReasonCanceled:
		out_u64("cancel_reason", x.cancel_reason);
		break;
	}
	out_close_obj();
	out_end();
	return 0;
}

int cmd_vp_interrupt(struct hvctl *h, int argc, char **argv)
{
	uint64_t id;
	uint32_t vp, vector;
	if (argc != 4 || !id_vp(argv, 1, &id, &vp) || !parse_u32(argv[3], &vector))
		return hvctl_usage(h, "partition ID, VP index and vector expected");
	UNIHV_CONNECTION *c = hvctl_connect(h);
	if (!c)
		return HVCTL_EXIT_CONNECT;
	UNIHV_RESULT r = UnihvRequestInterrupt(c, id, vp, vector);
	int st = hvctl_result(h, &r);
	if (!st) {
		out_begin(h->command);
		out_u64("partition_id", id);
		out_u64("vp_index", vp);
		out_u64("vector", vector);
		out_end();
	}
	return st;
}
