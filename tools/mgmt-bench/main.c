/*
 * mgmt-bench: management-plane figures against a running appliance, with
 * libunihv over mutually authenticated TLS:
 *   handshake   N full TLS 1.2 handshakes (connect + certificate checks +
 *               the first call), median and p99 wall time;
 *   small call  p50/p99 round trip of Partition/GetProperty on one session
 *               (a VP's GetRegisters needs VT-x, which QEMU TCG lacks: this
 *               is the same size of request and response through the same
 *               path);
 *   WriteGpa    throughput of writing a mapped range in 64 KiB RPCs.
 *
 * usage: mgmt-bench HOST:PORT PKI_DIR
 * Prints "BENCH name: value unit" lines; exit status 1 if a call fails.
 * MGMT_BENCH_TRACE=1 also prints each handshake's time on stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "unihv.h"
#include "unihv/hv_types.h"

#define HANDSHAKES 20
#define SMALL_CALLS 2000
#define WRITE_BYTES (16u << 20)
#define WRITE_GPA 0x1000000ull


static double now_us(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The q-th quantile (0..1) of n sorted samples. */
static double quantile(const double *sorted, size_t n, double q)
{
	size_t i = (size_t)(q * (double)(n - 1) + 0.5);
	return sorted[i < n ? i : n - 1];
}

static int check(const char *what, UNIHV_RESULT r)
{
	if (r.code == UNIHV_OK)
		return 0;
	fprintf(stderr, "mgmt-bench: %s: %s\n", what, r.message);
	return 1;
}

int main(int argc, char **argv)
{
	char ca[512], cert[512], key[512];
	static double samples[SMALL_CALLS];
	UNIHV_CONNECTION *c = NULL;
	UNIHV_PARTITION_ID id = 0;
	UNIHV_VERSION version;
	uint64_t value;

	if (argc != 3) {
		fprintf(stderr, "usage: mgmt-bench HOST:PORT PKI_DIR\n");
		return 2;
	}
	snprintf(ca, sizeof(ca), "%s/ca.crt", argv[2]);
	snprintf(cert, sizeof(cert), "%s/client.crt", argv[2]);
	snprintf(key, sizeof(key), "%s/client.key", argv[2]);
	UNIHV_CONNECT_OPTIONS o = { .address = argv[1], .ca_file = ca, .cert_file = cert,
				    .key_file = key, .timeout_ms = 60000 };

	/* A first session, not timed: right after boot the appliance may still
	 * be waiting for its DHCP lease, and the client's first SYN with it. */
	if (check("first connect", UnihvConnect(&o, &c)))
		return 1;
	UnihvDisconnect(c);

	/* Handshakes: connect, one call (the session is usable), disconnect. */
	for (int i = 0; i < HANDSHAKES; i++) {
		double t0 = now_us();
		if (check("connect", UnihvConnect(&o, &c)) ||
		    check("version", UnihvGetVersion(c, &version)))
			return 1;
		samples[i] = now_us() - t0;
		if (getenv("MGMT_BENCH_TRACE"))
			fprintf(stderr, "handshake %d: %.1f ms\n", i, samples[i] / 1e3);
		UnihvDisconnect(c);
	}
	qsort(samples, HANDSHAKES, sizeof(double), by_value);
	printf("BENCH tls_handshake_p50: %.1f ms (connect, ECDHE-ECDSA P-256 handshake with client "
	       "certificate, first call; %d sessions)\n", quantile(samples, HANDSHAKES, 0.5) / 1e3,
	       HANDSHAKES);
	printf("BENCH tls_handshake_p99: %.1f ms\n", quantile(samples, HANDSHAKES, 0.99) / 1e3);

	if (check("connect", UnihvConnect(&o, &c)) ||
	    check("partition create", UnihvCreatePartition(c, 0, &id)) ||
	    check("deposit", UnihvDepositMemory(c, id, 16, &value)) ||
	    check("setup", UnihvSetupPartition(c, id)))
		return 1;

	for (int i = 0; i < SMALL_CALLS; i++) {
		double t0 = now_us();
		if (check("get property", UnihvGetPartitionProperty(c, id, HV_PARTITION_PROPERTY_CPU_WEIGHT, &value)))
			return 1;
		samples[i] = now_us() - t0;
	}
	qsort(samples, SMALL_CALLS, sizeof(double), by_value);
	printf("BENCH small_call_p50: %.3f ms (Partition/GetProperty round trip, %d calls on one "
	       "session)\n", quantile(samples, SMALL_CALLS, 0.5) / 1e3, SMALL_CALLS);
	printf("BENCH small_call_p99: %.3f ms\n", quantile(samples, SMALL_CALLS, 0.99) / 1e3);

	unsigned char *data = malloc(WRITE_BYTES);
	if (!data)
		return 1;
	for (size_t i = 0; i < WRITE_BYTES; i++)
		data[i] = (unsigned char)(i * 131 + 7);
	if (check("map", UnihvMapGpaRange(c, id, WRITE_GPA, WRITE_BYTES, 3)))
		return 1;
	double t0 = now_us();
	if (check("write gpa", UnihvWriteGpa(c, id, WRITE_GPA, data, WRITE_BYTES, NULL, NULL)))
		return 1;
	double us = now_us() - t0;
	printf("BENCH write_gpa_throughput: %.1f MB/s (%u MiB in 64 KiB WriteGpa calls, one "
	       "session)\n", WRITE_BYTES / us, WRITE_BYTES >> 20);
	/* The bytes arrived: read a chunk back. */
	static unsigned char back[65536];
	if (check("read gpa", UnihvReadGpa(c, id, WRITE_GPA + WRITE_BYTES - sizeof(back), back,
					   sizeof(back), NULL, NULL)))
		return 1;
	if (memcmp(back, data + WRITE_BYTES - sizeof(back), sizeof(back))) {
		fprintf(stderr, "mgmt-bench: the last 64 KiB read back differ from what was written\n");
		return 1;
	}
	free(data);
	int st = check("delete", UnihvDeletePartition(c, id));
	UnihvDisconnect(c);
	return st;
}
