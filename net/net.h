/*
 * The image's network endpoint: lwIP 2.1.3 (NO_SYS=1) on the first NIC
 * that drivers/ registers, addressed by DHCP or by the boot options
 * ip=A.B.C.D/N [gw=A.B.C.D] (net/net_config.h).
 *
 * Concurrency: lwIP is entered only from the boot CPU, from net_init()
 * and net_poll() and the callbacks they run; never from an interrupt.
 * Nothing here needs lwIP's headers.
 */
#ifndef UNIHV_NET_NET_H
#define UNIHV_NET_NET_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Probe the NICs, start lwIP and configure the first NIC from the command
 * line (DHCP is started, not waited for).  Never stops the boot: without
 * a NIC or with a malformed address option networking stays off and the
 * console says why.  Boot CPU, once, after pci_init().
 */
void net_init(const char *cmdline);

/*
 * The same, with the address settings of *fallback (already validated,
 * e.g. the configuration bundle's "network" line) unless the command line
 * names them itself with ip= or gw= (the command line wins).  fallback may
 * be NULL (then this is net_init).
 */
struct net_config;
void net_init_with(const char *cmdline, const struct net_config *fallback);

/* Whether net_init() brought an interface up (configured or waiting for DHCP). */
bool net_enabled(void);

/*
 * One round of network work: received frames into lwIP, the link state
 * (every 100 ms), lwIP's timers.  Returns the number of frames received.
 * The boot CPU calls it in a loop; cheap when there is nothing to do.
 */
unsigned net_poll(void);

/* True once the interface has an IPv4 address (and the link is up). */
bool net_is_up(void);

/* "A.B.C.D" of the interface ("0.0.0.0" before it has one). */
void net_address_string(char *buf, size_t size);

/* Log the NIC's and the stack's counters (one line each). */
void net_log_stats(void);

#endif
