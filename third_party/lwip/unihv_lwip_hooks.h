/*
 * Prototypes for the lwIP hooks set in lwipopts.h. lwIP includes this file
 * (via LWIP_HOOK_FILENAME) from the sources that call hooks, after its own
 * headers, so lwIP's types are available here.
 */
#ifndef UNIHV_LWIP_HOOKS_H
#define UNIHV_LWIP_HOOKS_H

#include "lwip/arch.h"
#include "lwip/ip_addr.h"

/* Initial sequence number for a new TCP connection (RFC 6528):
 * a keyed hash of the 4-tuple plus a clock. Implemented in net/. */
u32_t unihv_tcp_isn(const ip_addr_t *local_ip, u16_t local_port,
                    const ip_addr_t *remote_ip, u16_t remote_port);

#endif /* UNIHV_LWIP_HOOKS_H */
