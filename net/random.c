#include <string.h>
#include "net/random.h"
#include "arch/cpu.h"
#include "arch/cpu_features.h"
#include "console/log.h"
#include "time/clock.h"
#include "lwip/opt.h" /* declares unihv_random_u32 (LWIP_RAND) */
#include "mbedtls/platform_util.h"
#include "mbedtls/sha256.h"

#define SEED_SAMPLES 64

static bool hw_ok;
static bool warned;
static uint8_t pool[32];   /* fallback chain state */
static uint64_t pool_counter;

static void fallback_stir(const void *extra, size_t len)
{
	mbedtls_sha256_context ctx;
	uint64_t stamp[3] = { rdtsc(), clock_ns(), ++pool_counter };

	mbedtls_sha256_init(&ctx);
	mbedtls_sha256_starts_ret(&ctx, 0);
	mbedtls_sha256_update_ret(&ctx, pool, sizeof(pool));
	mbedtls_sha256_update_ret(&ctx, (const unsigned char *)stamp, sizeof(stamp));
	if (len)
		mbedtls_sha256_update_ret(&ctx, extra, len);
	mbedtls_sha256_finish_ret(&ctx, pool);
	mbedtls_sha256_free(&ctx);
}

/* 32 bytes from the fallback: hash of the state under a distinct label. */
static void fallback_block(uint8_t out[32])
{
	static const char label[] = "unihv net_random output";
	uint8_t in[sizeof(pool) + sizeof(label)];

	fallback_stir(NULL, 0);
	memcpy(in, pool, sizeof(pool));
	memcpy(in + sizeof(pool), label, sizeof(label));
	mbedtls_sha256_ret(in, sizeof(in), out, 0);
	mbedtls_platform_zeroize(in, sizeof(in));
}

static void warn_fallback(void)
{
	if (warned)
		return;
	warned = true;
	log_warn("net: no working RDSEED/RDRAND: random numbers come from a TSC-seeded hash "
		 "chain (fine for DHCP ids and ports, not for keys)");
}

void net_random_init(void)
{
	unsigned long long v;
	uint64_t samples[SEED_SAMPLES];

	for (int i = 0; i < SEED_SAMPLES; i++) {
		samples[i] = rdtsc();
		clock_delay_us(1);
	}
	fallback_stir(samples, sizeof(samples));
	hw_ok = cpu_random_u64(&v);
	if (!hw_ok)
		warn_fallback();
}

bool net_random_is_hw(void)
{
	return hw_ok;
}

void net_random_bytes(void *buf, size_t len)
{
	uint8_t *out = buf;

	while (len) {
		uint8_t block[32];
		size_t n = 0;
		unsigned long long v;
		if (hw_ok && cpu_random_u64(&v)) {
			memcpy(block, &v, sizeof(v));
			n = sizeof(v);
		} else {
			if (hw_ok) {
				hw_ok = false;
				warn_fallback();
			}
			fallback_block(block);
			n = sizeof(block);
		}
		if (n > len)
			n = len;
		memcpy(out, block, n);
		mbedtls_platform_zeroize(block, sizeof(block));
		out += n;
		len -= n;
	}
}

uint32_t unihv_random_u32(void)
{
	uint32_t v;
	net_random_bytes(&v, sizeof(v));
	return v;
}
