/*
 * test=echo: the echo service on port 7 as an in-image self test, driven
 * by a host client through the emulator's port forward
 * (tests/integration/net-echo.sh).
 */
#include <stdbool.h>
#include <stdio.h>
#include "net/echo.h"
#include "net/net.h"
#include "boot/cmdline.h"
#include "console/log.h"
#include "drivers/netdev.h"
#include "time/clock.h"

#define ECHO_PORT 7
#define ADDRESS_TIMEOUT_NS (60ull * 1000000000ull)
/* After the last connection: let the final FIN/ACK exchange finish. */
#define DRAIN_NS 300000000ull

static void poll_for(uint64_t ns)
{
	uint64_t t0 = clock_ns();
	while (clock_ns() - t0 < ns)
		net_poll();
}

const char *net_echo_selftest(const char *cmdline)
{
	static char why[96];
	uint64_t conns = 0, restart_after = 0;
	char addr[16];

	if (cmdline_has(cmdline, "echo_conns") && !cmdline_get_u64(cmdline, "echo_conns", &conns))
		return "echo_conns= is not a number";
	if (cmdline_has(cmdline, "echo_restart") &&
	    (!cmdline_get_u64(cmdline, "echo_restart", &restart_after) || !restart_after))
		return "echo_restart= is not a positive number";
	if (!net_enabled())
		return "networking is off (see the net: lines above)";
	uint64_t t0 = clock_ns();
	while (!net_is_up()) {
		if (clock_ns() - t0 > ADDRESS_TIMEOUT_NS)
			return "no IPv4 address within 60 s";
		net_poll();
	}
	const char *err = echo_start(ECHO_PORT);
	if (err)
		return err;
	net_address_string(addr, sizeof(addr));
	log_info("selftest: echo service listening on %s:%u%s", addr, ECHO_PORT,
		 conns ? "" : " (until the emulator is stopped)");
	const struct echo_stats *s = echo_get_stats();
	bool restarted = !restart_after;
	while (!conns || s->closed + s->failed < conns) {
		net_poll();
		if (!restarted && s->closed + s->failed >= restart_after) {
			/* Between two connections: the restart path runs for real
			 * and the connections after it prove the device came back. */
			restarted = true;
			if ((err = netdev_restart(netdev_at(0))) != NULL)
				return err;
		}
	}
	poll_for(DRAIN_NS);
	log_info("selftest: echo: %llu connections accepted, %llu closed cleanly, %llu failed, "
		 "%llu bytes echoed", (unsigned long long)s->accepted, (unsigned long long)s->closed,
		 (unsigned long long)s->failed, (unsigned long long)s->bytes);
	net_log_stats();
	uint64_t resets = 0;
	for (unsigned i = 0; i < netdev_count(); i++)
		resets += netdev_at(i)->stats.resets;
	if (s->failed) {
		snprintf(why, sizeof(why), "%llu of %llu connections failed",
			 (unsigned long long)s->failed, (unsigned long long)conns);
		return why;
	}
	if (resets) {
		snprintf(why, sizeof(why), "the NIC misbehaved and was reset %llu times",
			 (unsigned long long)resets);
		return why;
	}
	return NULL;
}
