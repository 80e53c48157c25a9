/*
 * unihv configuration for lwIP 2.1.3.
 *
 * Model: one thread, no OS (NO_SYS=1). The kernel's network loop feeds
 * received frames to netif->input, calls sys_check_timeouts() periodically
 * and never enters lwIP from interrupt context, so no locking is needed.
 * Only the raw/altcp callback API is used; TLS sits on top of TCP through
 * altcp_tls backed by mbedTLS (see third_party/mbedtls/unihv_mbedtls_config.h).
 *
 * Functions the kernel must provide (declared here or in lwIP's headers):
 *   uint32_t unihv_random_u32(void)          LWIP_RAND(), from RDRAND/RDSEED
 *   u32_t    unihv_tcp_isn(...)              RFC 6528 initial sequence numbers
 *   u32_t    sys_now(void)                   milliseconds, for lwIP's timers
 *   unihv_lwip_diag / unihv_lwip_assert      see arch/cc.h
 */
#ifndef UNIHV_LWIPOPTS_H
#define UNIHV_LWIPOPTS_H

#include <stdint.h>

/* ---- operating model ------------------------------------------------ */
#define NO_SYS                      1   /* no threads, no semaphores */
#define SYS_LIGHTWEIGHT_PROT        0   /* single context: nothing to protect */
#define LWIP_TIMERS                 1   /* driven by sys_check_timeouts() */
#define LWIP_SOCKET                 0   /* no BSD socket layer */
#define LWIP_NETCONN                0   /* no sequential API (needs threads) */
#define LWIP_NETIF_API              0

/* ---- memory --------------------------------------------------------- */
/* All lwIP memory is static: one heap array of MEM_SIZE plus fixed pools.
 * altcp_tls routes mbedTLS's calloc/free into this heap at init time, so
 * it must hold, per management session (mgmt/tls_endpoint.c, at most
 * MGMT_SESSIONS_LIMIT = 16): the TLS record buffers (2 x 16.7 KiB), the
 * handshake state (about 10 KiB: hashes, ECDH, the client's certificate)
 * and the copies of unacknowledged TCP data (up to TCP_SND_BUF, 23 KiB);
 * about 67 KiB per session, 1.1 MiB for 16, plus the server's certificate,
 * key and CA (a few KiB).  1.5 MiB leaves room for fragmentation. */
#define MEM_LIBC_MALLOC             0
#define MEMP_MEM_MALLOC             0
#define MEM_ALIGNMENT               8
#define MEM_SIZE                    (1536 * 1024)

/* ---- protocols ------------------------------------------------------ */
#define LWIP_IPV4                   1
#define LWIP_IPV6                   0   /* later */
#define LWIP_ARP                    1
#define LWIP_ETHERNET               1
#define LWIP_ICMP                   1
#define LWIP_UDP                    1   /* needed by DHCP */
#define LWIP_TCP                    1
#define LWIP_RAW                    0
#define LWIP_DHCP                   1
#define LWIP_AUTOIP                 0
#define LWIP_IGMP                   0
#define LWIP_DNS                    0
#define IP_FORWARD                  0
#define IP_REASSEMBLY               1
#define IP_FRAG                     1

/* ---- TCP ------------------------------------------------------------ */
#define TCP_MSS                     1460
/* The receive window is the most a client may have in flight: a 64 KiB
 * WriteGpa request (and the next one behind it) should not wait for window
 * updates.  16 * MSS measured 31 MB/s of WriteGpa, 44 * MSS (the largest
 * window without scaling) 38 MB/s; 128 KiB with window scaling no more
 * (docs/benchmarks.md).  A window is a promise, not memory: data beyond
 * what the pbuf pool holds is dropped and sent again. */
#define TCP_WND                     (44 * TCP_MSS)
/* Sending: a TLS handshake flight (certificate chain + key exchange) is
 * several KiB, and responses are at most one 64 KiB frame. */
#define TCP_SND_BUF                 (16 * TCP_MSS)
/* lwIP's rule of thumb: at least 2 * TCP_SND_BUF / TCP_MSS segments. */
#define TCP_SND_QUEUELEN            ((4 * TCP_SND_BUF + (TCP_MSS - 1)) / TCP_MSS)
#define MEMP_NUM_TCP_PCB            32
#define MEMP_NUM_TCP_PCB_LISTEN     4
/* Queued segments are shared by all connections: 16 sessions with a
 * full send buffer and window each need about 32. */
#define MEMP_NUM_TCP_SEG            512
#define LWIP_TCP_KEEPALIVE          1
#define TCP_LISTEN_BACKLOG          1

/* ---- pbufs ---------------------------------------------------------- */
/* Receive buffers, MTU-sized.  They hold received TCP data until mbedTLS
 * has read it and then the decrypted data (altcp_tls) until the session
 * consumed it: several per busy session, plus the NIC's bursts. */
#define PBUF_POOL_SIZE              192
#define MEMP_NUM_PBUF               32  /* PBUF_ROM/REF headers for zero-copy TX */

/* ---- application layer: altcp + TLS -------------------------------- */
#define LWIP_ALTCP                  1
#define LWIP_ALTCP_TLS              1
#define LWIP_ALTCP_TLS_MBEDTLS      1
/* A TLS connection uses two altcp pcbs: the TLS layer and the TCP below. */
#define MEMP_NUM_ALTCP_PCB          (2 * MEMP_NUM_TCP_PCB)

/* ---- netif ---------------------------------------------------------- */
#define LWIP_NETIF_STATUS_CALLBACK  1   /* learn when DHCP brought the link up */
#define LWIP_NETIF_LINK_CALLBACK    1
#define LWIP_NETIF_HOSTNAME         1   /* sent in DHCP requests */
#define LWIP_NETIF_LOOPBACK         0
#define ETH_PAD_SIZE                0

/* ---- statistics and debugging -------------------------------------- */
#define LWIP_STATS                  1
#define LWIP_STATS_DISPLAY          0   /* we read lwip_stats ourselves */
/* LWIP_DEBUG stays undefined: LWIP_DEBUGF() compiles to nothing, while
 * LWIP_ASSERT() stays active and reaches unihv_lwip_assert(). */

/* ---- hooks into the kernel ----------------------------------------- */
/* Random numbers (DHCP xid, ephemeral ports, ...) from the CPU's RNG. */
uint32_t unihv_random_u32(void);
#define LWIP_RAND()                 unihv_random_u32()

/* RFC 6528 initial sequence numbers. lwIP's default ISN is a counter,
 * which is predictable; unihv_tcp_isn() hashes the 4-tuple with a secret.
 * The prototype needs lwIP's types, so it lives in the hook header that
 * tcp.c includes through LWIP_HOOK_FILENAME. */
#define LWIP_HOOK_FILENAME          "unihv_lwip_hooks.h"
#define LWIP_HOOK_TCP_ISN(local_ip, local_port, remote_ip, remote_port) \
    unihv_tcp_isn((local_ip), (local_port), (remote_ip), (remote_port))

#endif /* UNIHV_LWIPOPTS_H */
