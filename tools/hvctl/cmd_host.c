/* hvctl status, version, capability, audit (unihv.v1.Host). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include "hvctl.h"
#include "out.h"

int cmd_status(struct hvctl *h, int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return hvctl_usage(h, "no arguments expected");
	UNIHV_CONNECTION *c = hvctl_connect(h);
	if (!c)
		return HVCTL_EXIT_CONNECT;
	UNIHV_HOST_STATUS *s = malloc(sizeof(*s));
	if (!s)
		return HVCTL_EXIT_FAILED;
	UNIHV_RESULT r = UnihvGetStatus(c, s);
	int st = hvctl_result(h, &r);
	if (!st) {
		out_begin(h->command);
		out_str("version", s->version);
		out_u64("uptime_ns", s->uptime_ns);
		out_u64("cpus_online", s->cpus_online);
		out_u64("memory_total_bytes", s->memory_total_bytes);
		out_u64("memory_free_bytes", s->memory_free_bytes);
		out_u64("partitions", s->partitions);
		out_u64("sessions", s->sessions);
		out_u64("max_sessions", s->max_sessions);
		out_bool("virtualization", s->virtualization);
		out_obj("counters");
		if (!out_json && s->counter_count)
			printf("counters:\n");
		for (uint32_t i = 0; i < s->counter_count; i++) {
			if (out_json)
				out_u64(s->counters[i].name, s->counters[i].value);
			else
				printf("  %-36s %llu\n", s->counters[i].name,
				       (unsigned long long)s->counters[i].value);
		}
		out_close_obj();
		out_end();
	}
	free(s);
	return st;
}

int cmd_version(struct hvctl *h, int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return hvctl_usage(h, "no arguments expected");
	UNIHV_CONNECTION *c = hvctl_connect(h);
	if (!c)
		return HVCTL_EXIT_CONNECT;
	UNIHV_VERSION v;
	UNIHV_RESULT r = UnihvGetVersion(c, &v);
	int st = hvctl_result(h, &r);
	if (!st) {
		out_begin(h->command);
		out_str("version", v.version);
		out_str("git_rev", v.git_rev);
		out_u64("api_version", v.api_version);
		out_end();
	}
	return st;
}

int cmd_capability(struct hvctl *h, int argc, char **argv)
{
	uint32_t code;
	if (argc != 2)
		return hvctl_usage(h, "one capability expected");
	if (!capability_code(argv[1], &code)) {
		list_capabilities();
		return hvctl_usage(h, "unknown capability '%s'", argv[1]);
	}
	UNIHV_CONNECTION *c = hvctl_connect(h);
	if (!c)
		return HVCTL_EXIT_CONNECT;
	uint64_t value;
	UNIHV_RESULT r = UnihvGetCapability(c, code, &value);
	int st = hvctl_result(h, &r);
	if (!st) {
		const char *name = capability_name(code);
		out_begin(h->command);
		out_u64("code", code);
		out_str("name", name ? name : "");
		out_hex("value", value);
		out_end();
	}
	return st;
}

int cmd_audit(struct hvctl *h, int argc, char **argv)
{
	uint64_t after = 0;
	uint32_t max = 0;
	static const struct option opts[] = {
		{ "after", required_argument, NULL, 'a' },
		{ "max", required_argument, NULL, 'm' },
		{ 0 },
	};
	int o;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'a' && parse_u64(optarg, &after))
			continue;
		if (o == 'm' && parse_u32(optarg, &max))
			continue;
		return hvctl_usage(h, "bad option");
	}
	if (optind != argc)
		return hvctl_usage(h, "unexpected argument '%s'", argv[optind]);
	UNIHV_CONNECTION *c = hvctl_connect(h);
	if (!c)
		return HVCTL_EXIT_CONNECT;
	UNIHV_AUDIT_RECORD *recs = calloc(UNIHV_AUDIT_MAX, sizeof(*recs));
	if (!recs)
		return HVCTL_EXIT_FAILED;
	uint32_t n;
	uint64_t dropped;
	UNIHV_RESULT r = UnihvGetAuditLog(c, after, max, recs, UNIHV_AUDIT_MAX, &n, &dropped);
	int st = hvctl_result(h, &r);
	if (!st) {
		out_begin(h->command);
		out_u64("dropped", dropped);
		out_arr("records");
		if (!out_json)
			printf("%-8s %-14s %-12s %-34s %-10s %s\n", "SEQ", "TIME_S", "CLIENT",
			       "METHOD", "PARTITION", "RESULT");
		for (uint32_t i = 0; i < n; i++) {
			const UNIHV_AUDIT_RECORD *a = &recs[i];
			if (out_json) {
				out_item();
				out_u64("sequence", a->sequence);
				out_u64("time_ns", a->time_ns);
				out_str("client", a->client);
				out_str("method", a->method);
				out_u64("partition_id", a->partition_id);
				out_i64("code", a->code);
				out_str("result", a->result);
				out_close_obj();
			} else {
				printf("%-8llu %-14.3f %-12s %-34s %-10llu %s\n",
				       (unsigned long long)a->sequence, (double)a->time_ns / 1e9,
				       a->client, a->method, (unsigned long long)a->partition_id,
				       a->result);
			}
		}
		out_close_arr();
		out_end();
	}
	free(recs);
	return st;
}
