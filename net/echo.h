/*
 * TCP echo service (RFC 862) on lwIP's raw API, for testing the network
 * path: every byte received on a connection is sent back; when the client
 * closes its side, the connection is closed once all echoed data has been
 * acknowledged.  Nagle is off (TCP_NODELAY).
 */
#ifndef UNIHV_NET_ECHO_H
#define UNIHV_NET_ECHO_H

#include <stdint.h>

struct echo_stats {
	uint64_t accepted;  /* connections accepted */
	uint64_t closed;    /* connections closed cleanly (all data echoed and acknowledged) */
	uint64_t failed;    /* connections reset or aborted */
	uint64_t bytes;     /* bytes echoed */
};

/*
 * Listen on port (all addresses).  NULL or why it failed.  Call after
 * net_init(), in the network context (boot CPU).
 */
const char *echo_start(uint16_t port);

const struct echo_stats *echo_get_stats(void);

/*
 * The test=echo self test: wait for an address (60 s), serve port 7 and
 * keep polling the network.  With the boot option echo_conns=N it returns
 * once N connections have ended (plus a short drain), with NULL when all
 * of them closed cleanly and the NIC never faulted, else why; without it,
 * it serves until the emulator is stopped.  echo_restart=K restarts the
 * NIC (netdev_restart) once K connections have ended.  Boot CPU.
 */
const char *net_echo_selftest(const char *cmdline);

#endif
