/* hvctl partition create|list|setup|delete|set-prop|get-prop. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include "hvctl.h"
#include "out.h"

int cmd_partition_create(struct hvctl *h, int argc, char **argv)
{
	uint64_t flags = 0;
	static const struct option opts[] = { { "flags", required_argument, NULL, 'f' }, { 0 } };
	int o;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1)
		if (o != 'f' || !parse_u64(optarg, &flags))
			return hvctl_usage(h, "bad option");
	if (optind != argc)
		return hvctl_usage(h, "unexpected argument '%s'", argv[optind]);
	UNIHV_CONNECTION *c = hvctl_connect(h);
	if (!c)
		return HVCTL_EXIT_CONNECT;
	UNIHV_PARTITION_ID id;
	UNIHV_RESULT r = UnihvCreatePartition(c, flags, &id);
	int st = hvctl_result(h, &r);
	if (!st) {
		out_begin(h->command);
		out_u64("partition_id", id);
		out_end();
	}
	return st;
}

int cmd_partition_list(struct hvctl *h, int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return hvctl_usage(h, "no arguments expected");
	UNIHV_CONNECTION *c = hvctl_connect(h);
	if (!c)
		return HVCTL_EXIT_CONNECT;
	UNIHV_PARTITION_INFO list[UNIHV_LIST_MAX];
	uint32_t n;
	UNIHV_RESULT r = UnihvListPartitions(c, list, UNIHV_LIST_MAX, &n);
	int st = hvctl_result(h, &r);
	if (st)
		return st;
	out_begin(h->command);
	out_arr("partitions");
	if (!out_json)
		printf("%-10s %-12s %-4s %-12s %-12s %s\n", "ID", "STATE", "VPS", "POOL_FREE",
		       "POOL_USED", "MAPPED");
	for (uint32_t i = 0; i < n; i++) {
		const UNIHV_PARTITION_INFO *p = &list[i];
		if (out_json) {
			out_item();
			out_u64("partition_id", p->partition_id);
			out_str("state", p->state);
			out_u64("vp_count", p->vp_count);
			out_u64("pool_available_pages", p->pool_available_pages);
			out_u64("pool_in_use_pages", p->pool_in_use_pages);
			out_u64("mapped_pages", p->mapped_pages);
			out_close_obj();
		} else {
			printf("%-10llu %-12s %-4u %-12llu %-12llu %llu\n",
			       (unsigned long long)p->partition_id, p->state, p->vp_count,
			       (unsigned long long)p->pool_available_pages,
			       (unsigned long long)p->pool_in_use_pages,
			       (unsigned long long)p->mapped_pages);
		}
	}
	out_close_arr();
	out_end();
	return 0;
}

/* ID as the only argument. */
static int one_id(struct hvctl *h, int argc, char **argv, uint64_t *id)
{
	if (argc != 2)
		return hvctl_usage(h, "a partition ID expected");
	if (!parse_u64(argv[1], id))
		return hvctl_usage(h, "bad partition ID '%s'", argv[1]);
	return 0;
}

static int simple(struct hvctl *h, UNIHV_RESULT (*fn)(UNIHV_CONNECTION *, UNIHV_PARTITION_ID),
		  int argc, char **argv)
{
	uint64_t id;
	int st = one_id(h, argc, argv, &id);
	if (st)
		return st;
	UNIHV_CONNECTION *c = hvctl_connect(h);
	if (!c)
		return HVCTL_EXIT_CONNECT;
	UNIHV_RESULT r = fn(c, id);
	st = hvctl_result(h, &r);
	if (!st) {
		out_begin(h->command);
		out_u64("partition_id", id);
		out_end();
	}
	return st;
}

int cmd_partition_setup(struct hvctl *h, int argc, char **argv)
{
	return simple(h, UnihvSetupPartition, argc, argv);
}

int cmd_partition_delete(struct hvctl *h, int argc, char **argv)
{
	return simple(h, UnihvDeletePartition, argc, argv);
}

int cmd_partition_set_prop(struct hvctl *h, int argc, char **argv)
{
	uint64_t id, value;
	uint32_t prop;
	if (argc != 4)
		return hvctl_usage(h, "ID, property and value expected");
	if (!parse_u64(argv[1], &id))
		return hvctl_usage(h, "bad partition ID '%s'", argv[1]);
	if (!property_code(argv[2], &prop)) {
		list_properties();
		return hvctl_usage(h, "unknown property '%s'", argv[2]);
	}
	if (!parse_u64(argv[3], &value))
		return hvctl_usage(h, "bad value '%s'", argv[3]);
	UNIHV_CONNECTION *c = hvctl_connect(h);
	if (!c)
		return HVCTL_EXIT_CONNECT;
	UNIHV_RESULT r = UnihvSetPartitionProperty(c, id, prop, value);
	int st = hvctl_result(h, &r);
	if (!st) {
		out_begin(h->command);
		out_u64("partition_id", id);
		out_hex("property", prop);
		out_u64("value", value);
		out_end();
	}
	return st;
}

int cmd_partition_get_prop(struct hvctl *h, int argc, char **argv)
{
	uint64_t id, value;
	uint32_t prop;
	if (argc != 3)
		return hvctl_usage(h, "ID and property expected");
	if (!parse_u64(argv[1], &id))
		return hvctl_usage(h, "bad partition ID '%s'", argv[1]);
	if (!property_code(argv[2], &prop)) {
		list_properties();
		return hvctl_usage(h, "unknown property '%s'", argv[2]);
	}
	UNIHV_CONNECTION *c = hvctl_connect(h);
	if (!c)
		return HVCTL_EXIT_CONNECT;
	UNIHV_RESULT r = UnihvGetPartitionProperty(c, id, prop, &value);
	int st = hvctl_result(h, &r);
	if (!st) {
		const char *name = property_name(prop);
		out_begin(h->command);
		out_u64("partition_id", id);
		out_hex("property", prop);
		out_str("name", name ? name : "");
		out_u64("value", value);
		out_end();
	}
	return st;
}
