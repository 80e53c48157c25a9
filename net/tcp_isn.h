/*
 * RFC 6528 initial sequence numbers for lwIP (its LWIP_HOOK_TCP_ISN calls
 * unihv_tcp_isn(), declared in third_party/lwip/unihv_lwip_hooks.h):
 *   ISN = M + F(localip, localport, remoteip, remoteport, secretkey)
 * with M a 4-microsecond clock (clock_ns) and F the first 32 bits of
 * SHA-256 (mbedTLS) over a 256-bit boot-time secret and the 4-tuple.
 */
#ifndef UNIHV_NET_TCP_ISN_H
#define UNIHV_NET_TCP_ISN_H

/* Draw the secret (net/random.h).  Boot CPU, before lwIP opens a connection. */
void tcp_isn_init(void);

#endif
