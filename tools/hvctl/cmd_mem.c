/* hvctl mem deposit|withdraw|balance|map|unmap, gpa read|write,
 * gva translate (unihv.v1.Memory). */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hvctl.h"
#include "out.h"

/* "rwx" letters (any subset) or a number, into WHvMapGpaRangeFlag*. */
static bool parse_rwx(const char *s, uint32_t *flags)
{
	if (parse_u32(s, flags))
		return true;
	*flags = 0;
	for (; *s; s++) {
		switch (*s) {
		case 'r': *flags |= WHvMapGpaRangeFlagRead; break;
		case 'w': *flags |= WHvMapGpaRangeFlagWrite; break;
		case 'x': *flags |= WHvMapGpaRangeFlagExecute; break;
		case ',': break;
		default: return false;
		}
	}
	return true;
}

static int pages_cmd(struct hvctl *h, int argc, char **argv, bool deposit)
{
	uint64_t id, pages, moved = 0;
	if (argc != 3)
		return hvctl_usage(h, "ID and page count expected");
	if (!parse_u64(argv[1], &id) || !parse_u64(argv[2], &pages))
		return hvctl_usage(h, "bad number");
	UNIHV_CONNECTION *c = hvctl_connect(h);
	if (!c)
		return HVCTL_EXIT_CONNECT;
	UNIHV_RESULT r = deposit ? UnihvDepositMemory(c, id, pages, &moved)
				 : UnihvWithdrawMemory(c, id, pages, &moved);
	int st = hvctl_result(h, &r);
	if (!st) {
		out_begin(h->command);
		out_u64("partition_id", id);
		out_u64(deposit ? "pages_deposited" : "pages_withdrawn", moved);
		out_end();
	}
	return st;
}

int cmd_mem_deposit(struct hvctl *h, int argc, char **argv)
{
	return pages_cmd(h, argc, argv, true);
}

int cmd_mem_withdraw(struct hvctl *h, int argc, char **argv)
{
	return pages_cmd(h, argc, argv, false);
}

int cmd_mem_balance(struct hvctl *h, int argc, char **argv)
{
	uint64_t id, avail, used;
	if (argc != 2 || !parse_u64(argv[1], &id))
		return hvctl_usage(h, "a partition ID expected");
	UNIHV_CONNECTION *c = hvctl_connect(h);
	if (!c)
		return HVCTL_EXIT_CONNECT;
	UNIHV_RESULT r = UnihvGetMemoryBalance(c, id, &avail, &used);
	int st = hvctl_result(h, &r);
	if (!st) {
		out_begin(h->command);
		out_u64("partition_id", id);
		out_u64("available_pages", avail);
		out_u64("in_use_pages", used);
		out_end();
	}
	return st;
}

int cmd_mem_map(struct hvctl *h, int argc, char **argv)
{
	uint32_t flags = WHvMapGpaRangeFlagRead | WHvMapGpaRangeFlagWrite | WHvMapGpaRangeFlagExecute;
	static const struct option opts[] = { { "flags", required_argument, NULL, 'f' }, { 0 } };
	int o;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1)
		if (o != 'f' || !parse_rwx(optarg, &flags))
			return hvctl_usage(h, "bad option");
	uint64_t id, gpa, size;
	if (argc - optind != 3)
		return hvctl_usage(h, "ID, GPA and size expected");
	if (!parse_u64(argv[optind], &id) || !parse_u64(argv[optind + 1], &gpa) ||
	    !parse_size(argv[optind + 2], &size))
		return hvctl_usage(h, "bad number");
	UNIHV_CONNECTION *c = hvctl_connect(h);
	if (!c)
		return HVCTL_EXIT_CONNECT;
	UNIHV_RESULT r = UnihvMapGpaRange(c, id, gpa, size, flags);
	int st = hvctl_result(h, &r);
	if (!st) {
		out_begin(h->command);
		out_u64("partition_id", id);
		out_hex("guest_address", gpa);
		out_u64("size_bytes", size);
		out_u64("flags", flags);
		out_end();
	}
	return st;
}

int cmd_mem_unmap(struct hvctl *h, int argc, char **argv)
{
	uint64_t id, gpa, size;
	if (argc != 4)
		return hvctl_usage(h, "ID, GPA and size expected");
	if (!parse_u64(argv[1], &id) || !parse_u64(argv[2], &gpa) || !parse_size(argv[3], &size))
		return hvctl_usage(h, "bad number");
	UNIHV_CONNECTION *c = hvctl_connect(h);
	if (!c)
		return HVCTL_EXIT_CONNECT;
	UNIHV_RESULT r = UnihvUnmapGpaRange(c, id, gpa, size);
	int st = hvctl_result(h, &r);
	if (!st) {
		out_begin(h->command);
		out_u64("partition_id", id);
		out_hex("guest_address", gpa);
		out_u64("size_bytes", size);
		out_end();
	}
	return st;
}

/* --file F for gpa read/write, --hex for write; positional arguments left
 * in argv[optind..]. */
static int gpa_options(struct hvctl *h, int argc, char **argv, const char **file, const char **hex)
{
	static const struct option opts[] = {
		{ "file", required_argument, NULL, 'f' },
		{ "hex", required_argument, NULL, 'x' },
		{ 0 },
	};
	int o;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'f')
			*file = optarg;
		else if (o == 'x' && hex)
			*hex = optarg;
		else
			return hvctl_usage(h, "bad option");
	}
	return 0;
}

int cmd_gpa_read(struct hvctl *h, int argc, char **argv)
{
	const char *file = NULL;
	int st = gpa_options(h, argc, argv, &file, NULL);
	if (st)
		return st;
	uint64_t id, gpa, size;
	if (argc - optind != 3)
		return hvctl_usage(h, "ID, GPA and size expected");
	if (!parse_u64(argv[optind], &id) || !parse_u64(argv[optind + 1], &gpa) ||
	    !parse_size(argv[optind + 2], &size) || size > (1ull << 32))
		return hvctl_usage(h, "bad number (size at most 4 GiB)");
	uint8_t *buf = malloc(size ? size : 1);
	if (!buf)
		return hvctl_usage(h, "cannot allocate %llu bytes", (unsigned long long)size);
	UNIHV_CONNECTION *c = hvctl_connect(h);
	if (!c) {
		free(buf);
		return HVCTL_EXIT_CONNECT;
	}
	UNIHV_RESULT r = UnihvReadGpa(c, id, gpa, buf, size, progress_bar, "read");
	progress_done();
	st = hvctl_result(h, &r);
	if (!st && file) {
		FILE *f = fopen(file, "wb");
		if (!f || fwrite(buf, 1, size, f) != size || fclose(f)) {
			fprintf(stderr, "hvctl: %s: cannot write %s\n", h->command, file);
			free(buf);
			return HVCTL_EXIT_FAILED;
		}
	}
	if (!st) {
		out_begin(h->command);
		out_u64("partition_id", id);
		out_hex("guest_address", gpa);
		out_u64("size", size);
		if (file) {
			out_str("file", file);
		} else if (out_json) {
			char *hex = malloc(size * 2 + 1);
			if (hex) {
				for (uint64_t i = 0; i < size; i++)
					sprintf(hex + 2 * i, "%02x", buf[i]);
				hex[size * 2] = '\0';
				out_str("data_hex", hex);
				free(hex);
			}
		} else {
			for (uint64_t i = 0; i < size; i += 16) {
				printf("%016llx ", (unsigned long long)(gpa + i));
				for (uint64_t j = i; j < i + 16 && j < size; j++)
					printf(" %02x", buf[j]);
				putchar('\n');
			}
		}
		out_end();
	}
	free(buf);
	return st;
}

static bool read_file(const char *path, uint8_t **data, uint64_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	size_t cap = 65536, n = 0;
	uint8_t *buf = malloc(cap);
	while (buf) {
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (n < cap)
			break;
		uint8_t *nb = realloc(buf, cap * 2);
		if (!nb) {
			free(buf);
			buf = NULL;
			break;
		}
		buf = nb;
		cap *= 2;
	}
	bool ok = buf && !ferror(f);
	fclose(f);
	if (!ok) {
		free(buf);
		return false;
	}
	*data = buf;
	*size = n;
	return true;
}

static bool parse_hex(const char *s, uint8_t **data, uint64_t *size)
{
	size_t n = strlen(s);
	if (n % 2)
		return false;
	uint8_t *buf = malloc(n / 2 + 1);
	if (!buf)
		return false;
	for (size_t i = 0; i < n / 2; i++) {
		unsigned v;
		if (!isxdigit((unsigned char)s[2 * i]) || !isxdigit((unsigned char)s[2 * i + 1]) ||
		    sscanf(s + 2 * i, "%2x", &v) != 1) {
			free(buf);
			return false;
		}
		buf[i] = (uint8_t)v;
	}
	*data = buf;
	*size = n / 2;
	return true;
}

int cmd_gpa_write(struct hvctl *h, int argc, char **argv)
{
	const char *file = NULL, *hex = NULL;
	int st = gpa_options(h, argc, argv, &file, &hex);
	if (st)
		return st;
	uint64_t id, gpa, size = 0;
	uint8_t *data = NULL;
	if (argc - optind != 2 || !file == !hex)
		return hvctl_usage(h, "ID, GPA and one of --file or --hex expected");
	if (!parse_u64(argv[optind], &id) || !parse_u64(argv[optind + 1], &gpa))
		return hvctl_usage(h, "bad number");
	if (file && !read_file(file, &data, &size)) {
		fprintf(stderr, "hvctl: %s: cannot read %s\n", h->command, file);
		return HVCTL_EXIT_USAGE;
	}
	if (hex && !parse_hex(hex, &data, &size))
		return hvctl_usage(h, "bad --hex bytes");
	UNIHV_CONNECTION *c = hvctl_connect(h);
	if (!c) {
		free(data);
		return HVCTL_EXIT_CONNECT;
	}
	UNIHV_RESULT r = UnihvWriteGpa(c, id, gpa, data, size, progress_bar, "write");
	progress_done();
	free(data);
	st = hvctl_result(h, &r);
	if (!st) {
		out_begin(h->command);
		out_u64("partition_id", id);
		out_hex("guest_address", gpa);
		out_u64("size", size);
		out_end();
	}
	return st;
}

int cmd_gva_translate(struct hvctl *h, int argc, char **argv)
{
	uint32_t flags = 1; /* HV_TRANSLATE_GVA_VALIDATE_READ */
	static const struct option opts[] = { { "flags", required_argument, NULL, 'f' }, { 0 } };
	int o;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1)
		if (o != 'f' || !parse_rwx(optarg, &flags)) /* r 1, w 2, x 4 as the TLFS VALIDATE_* */
			return hvctl_usage(h, "bad option");
	uint64_t id, gva;
	uint32_t vp;
	if (argc - optind != 3)
		return hvctl_usage(h, "ID, VP and GVA expected");
	if (!parse_u64(argv[optind], &id) || !parse_u32(argv[optind + 1], &vp) ||
	    !parse_u64(argv[optind + 2], &gva))
		return hvctl_usage(h, "bad number");
	UNIHV_CONNECTION *c = hvctl_connect(h);
	if (!c)
		return HVCTL_EXIT_CONNECT;
	uint32_t code;
	uint64_t gpa;
	UNIHV_RESULT r = UnihvTranslateGva(c, id, vp, gva, flags, &code, &gpa);
	int st = hvctl_result(h, &r);
	if (!st) {
		out_begin(h->command);
		out_u64("partition_id", id);
		out_u64("vp_index", vp);
		out_hex("gva", gva);
		out_u64("result_code", code);
		out_hex("gpa", gpa);
		out_end();
	}
	return st;
}
