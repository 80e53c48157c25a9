/*
 * Random bytes for the network stack: DHCP transaction ids, ephemeral
 * ports (LWIP_RAND) and the TCP sequence-number key (net/tcp_isn.c).
 *
 * Source: the CPU's RDSEED/RDRAND (cpu_random_u64).  Fallback when the CPU
 * has neither, or they keep failing: a SHA-256 hash chain seeded from TSC
 * readings and the clock.  That fallback is unpredictable enough for DHCP
 * ids and port numbers but is NOT a source for secrets; net_random_is_hw()
 * tells which one is in use, and the console warns once when the fallback
 * is used.
 */
#ifndef UNIHV_NET_RANDOM_H
#define UNIHV_NET_RANDOM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Probe the CPU's generator and seed the fallback.  Boot CPU, once. */
void net_random_init(void);
/* Fill buf.  Network context (boot CPU) only: the fallback is not locked. */
void net_random_bytes(void *buf, size_t len);
bool net_random_is_hw(void);

#endif
