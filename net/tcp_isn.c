#include <string.h>
#include "net/tcp_isn.h"
#include "net/random.h"
#include "console/log.h"
#include "time/clock.h"
#include "lwip/opt.h"
#include "lwip/ip_addr.h"
#include "unihv_lwip_hooks.h"
#include "mbedtls/platform_util.h"
#include "mbedtls/sha256.h"

#if LWIP_IPV6
#error "unihv_tcp_isn hashes IPv4 addresses only: add the IPv6 case before enabling LWIP_IPV6"
#endif

#define KEY_BYTES 32

static uint8_t isn_key[KEY_BYTES];
static bool have_key;

void tcp_isn_init(void)
{
	net_random_bytes(isn_key, sizeof(isn_key));
	have_key = true;
	if (!net_random_is_hw())
		log_warn("net: TCP sequence-number key drawn without a hardware RNG");
}

static uint8_t *put_ip(uint8_t *p, const ip_addr_t *ip)
{
	uint32_t a = ip4_addr_get_u32(ip_2_ip4(ip)); /* network byte order */
	memcpy(p, &a, sizeof(a));
	return p + sizeof(a);
}

static uint8_t *put_port(uint8_t *p, uint16_t port)
{
	p[0] = (uint8_t)(port >> 8);
	p[1] = (uint8_t)port;
	return p + 2;
}

u32_t unihv_tcp_isn(const ip_addr_t *local_ip, u16_t local_port, const ip_addr_t *remote_ip,
		    u16_t remote_port)
{
	uint8_t msg[KEY_BYTES + 2 * (4 + 2)];
	uint8_t digest[32];
	uint32_t f;

	if (!have_key)
		tcp_isn_init(); /* lwIP never connects before net_init, but be safe */
	uint8_t *p = msg;
	memcpy(p, isn_key, KEY_BYTES);
	p = put_ip(p + KEY_BYTES, local_ip);
	p = put_port(p, local_port);
	p = put_ip(p, remote_ip);
	put_port(p, remote_port);
	mbedtls_sha256_ret(msg, sizeof(msg), digest, 0);
	memcpy(&f, digest, sizeof(f));
	mbedtls_platform_zeroize(msg, sizeof(msg));
	mbedtls_platform_zeroize(digest, sizeof(digest));
	/* M: RFC 6528 section 3 suggests a timer ticking every 4 us. */
	uint32_t m = (uint32_t)(clock_ns() / 4000);
	return m + f;
}
