/* hvctl port create|connect|delete (unihv.v1.Port). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "unihv/hv_types.h"
#include "hvctl.h"
#include "out.h"

int cmd_port_create(struct hvctl *h, int argc, char **argv)
{
	UNIHV_PORT_INFO p = { 0 };
	static const struct option opts[] = {
		{ "type", required_argument, NULL, 't' },
		{ "vp", required_argument, NULL, 'v' },
		{ "sint", required_argument, NULL, 's' },
		{ "flag", required_argument, NULL, 'f' },
		{ "flags", required_argument, NULL, 'n' },
		{ "peer", required_argument, NULL, 'p' },
		{ 0 },
	};
	int o;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		bool ok = false;
		switch (o) {
		case 't':
			ok = true;
			if (!strcmp(optarg, "message"))
				p.port_type = HV_PORT_TYPE_MESSAGE;
			else if (!strcmp(optarg, "event"))
				p.port_type = HV_PORT_TYPE_EVENT;
			else
				ok = parse_u32(optarg, &p.port_type);
			break;
		case 'v': ok = parse_u32(optarg, &p.target_vp); break;
		case 's': ok = parse_u32(optarg, &p.target_sint); break;
		case 'f': ok = parse_u32(optarg, &p.flag_number); break;
		case 'n': ok = parse_u32(optarg, &p.flag_count); break;
		case 'p': ok = parse_u64(optarg, &p.connection_partition); break;
		}
		if (!ok)
			return hvctl_usage(h, "bad option");
	}
	uint64_t id;
	if (argc - optind != 2 || !parse_u64(argv[optind], &id) ||
	    !parse_u32(argv[optind + 1], &p.port_id))
		return hvctl_usage(h, "partition ID and port ID expected");
	if (!p.port_type)
		return hvctl_usage(h, "--type message|event expected");
	if (!p.connection_partition)
		return hvctl_usage(h, "--peer PARTITION (the partition that will connect) expected");
	UNIHV_CONNECTION *c = hvctl_connect(h);
	if (!c)
		return HVCTL_EXIT_CONNECT;
	UNIHV_RESULT r = UnihvCreatePort(c, id, &p);
	int st = hvctl_result(h, &r);
	if (!st) {
		out_begin(h->command);
		out_u64("partition_id", id);
		out_u64("port_id", p.port_id);
		out_u64("port_type", p.port_type);
		out_u64("target_vp", p.target_vp);
		out_u64("target_sint", p.target_sint);
		out_u64("flag_number", p.flag_number);
		out_u64("flag_count", p.flag_count ? p.flag_count : 1);
		out_u64("connection_partition_id", p.connection_partition);
		out_end();
	}
	return st;
}

int cmd_port_connect(struct hvctl *h, int argc, char **argv)
{
	uint64_t cpart, ppart;
	uint32_t conn_id, port_id;
	if (argc != 5 || !parse_u64(argv[1], &cpart) || !parse_u32(argv[2], &conn_id) ||
	    !parse_u64(argv[3], &ppart) || !parse_u32(argv[4], &port_id))
		return hvctl_usage(h, "four numbers expected");
	UNIHV_CONNECTION *c = hvctl_connect(h);
	if (!c)
		return HVCTL_EXIT_CONNECT;
	UNIHV_RESULT r = UnihvConnectPort(c, cpart, conn_id, ppart, port_id);
	int st = hvctl_result(h, &r);
	if (!st) {
		out_begin(h->command);
		out_u64("connection_partition_id", cpart);
		out_u64("connection_id", conn_id);
		out_u64("port_partition_id", ppart);
		out_u64("port_id", port_id);
		out_end();
	}
	return st;
}

int cmd_port_delete(struct hvctl *h, int argc, char **argv)
{
	uint64_t id;
	uint32_t port;
	if (argc != 3 || !parse_u64(argv[1], &id) || !parse_u32(argv[2], &port))
		return hvctl_usage(h, "partition ID and port ID expected");
	UNIHV_CONNECTION *c = hvctl_connect(h);
	if (!c)
		return HVCTL_EXIT_CONNECT;
	UNIHV_RESULT r = UnihvDeletePort(c, id, port);
	int st = hvctl_result(h, &r);
	if (!st) {
		out_begin(h->command);
		out_u64("partition_id", id);
		out_u64("port_id", port);
		out_end();
	}
	return st;
}
