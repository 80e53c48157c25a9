/*
 * mbedTLS's entropy source (MBEDTLS_ENTROPY_HARDWARE_ALT in
 * third_party/mbedtls/unihv_mbedtls_config.h): the CPU's RDSEED, or RDRAND
 * when RDSEED is absent or exhausted (arch/cpu_features.h).  No software
 * fallback: without the hardware generator mbedTLS gets no entropy, its
 * DRBG does not seed, and no keys are made (mgmt/tls_endpoint.c also
 * refuses to start then).
 */
#include <stddef.h>
#include <string.h>
#include "arch/cpu_features.h"
#include "mbedtls/entropy.h"
#include "mbedtls/entropy_poll.h"

/* Fill output with up to len bytes; *olen says how many.  Non-zero when the
 * generator fails before giving anything. */
int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len, size_t *olen)
{
	size_t done = 0;

	(void)data;
	while (done < len) {
		unsigned long long v;
		if (!cpu_random_u64(&v))
			break;
		size_t n = len - done < sizeof(v) ? len - done : sizeof(v);
		memcpy(output + done, &v, n);
		done += n;
	}
	*olen = done;
	return done == 0 && len > 0 ? MBEDTLS_ERR_ENTROPY_SOURCE_FAILED : 0;
}
