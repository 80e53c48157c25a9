/*
 * unihv configuration for mbedTLS 2.28 (selected with
 * -DMBEDTLS_CONFIG_FILE='"unihv_mbedtls_config.h"'; it replaces the stock
 * mbedtls/config.h entirely, so everything not listed here is off).
 *
 * Scope: TLS 1.2 server and client for the management API and for outbound
 * connections, over lwIP's altcp_tls. Only forward-secret ECDHE suites with
 * AEAD ciphers; certificates with ECDSA or RSA keys.
 *
 * The kernel provides:
 *   mbedtls_hardware_poll()  entropy from RDSEED/RDRAND (ENTROPY_HARDWARE_ALT;
 *                            mgmt/tls_entropy.c)
 *   calloc()/free()          from the kernel heap; lwIP's altcp_tls redirects
 *                            mbedTLS to lwIP's heap at init through
 *                            mbedtls_platform_set_calloc_free()
 *
 * Time: MBEDTLS_HAVE_TIME and MBEDTLS_HAVE_TIME_DATE are on, so X.509
 * validity periods (notBefore/notAfter) are checked.  The clock is the CMOS
 * RTC read at boot plus the monotonic clock (kernel/time/rtc.c), reached
 * through unihv_mbedtls_time() (MBEDTLS_PLATFORM_TIME_MACRO) and
 * mbedtls_platform_gmtime_r() (MBEDTLS_PLATFORM_GMTIME_R_ALT; the musl
 * subset has no gmtime_r), both in mgmt/tls_time.c.  Without a valid RTC
 * the management endpoint stays closed rather than accept certificates
 * it cannot date.
 */
#ifndef UNIHV_MBEDTLS_CONFIG_H
#define UNIHV_MBEDTLS_CONFIG_H

/* ---- system support ------------------------------------------------- */
/* Inline assembly for bignum multiply (general-purpose registers only). */
#define MBEDTLS_HAVE_ASM
/* Avoid 128-bit division, which would need libgcc's __udivti3. */
#define MBEDTLS_NO_UDBL_DIVISION
/* AES-NI and PCLMULQDQ for AES and GCM when the CPU has them (checked at
 * run time with CPUID; otherwise the table-based C code runs).  The kernel
 * may use SSE registers: the interrupt entry saves the FPU state, and
 * mbedTLS runs only on the boot CPU, never in a VP's context.  No
 * MBEDTLS_PADLOCK_C (VIA only). */
#define MBEDTLS_AESNI_C

/* ---- platform abstraction ------------------------------------------ */
#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MEMORY          /* calloc/free settable at run time */
/* Wall-clock time for X.509 validity (see the header comment). */
#define MBEDTLS_HAVE_TIME
#define MBEDTLS_HAVE_TIME_DATE
#define MBEDTLS_PLATFORM_TIME_MACRO      unihv_mbedtls_time
#define MBEDTLS_PLATFORM_GMTIME_R_ALT
#include <time.h>
time_t unihv_mbedtls_time(time_t *t);
/* No file system, sockets or timers in the image: MBEDTLS_FS_IO,
 * MBEDTLS_NET_C and MBEDTLS_TIMING_C stay off. */

/* ---- entropy and random numbers ------------------------------------ */
#define MBEDTLS_NO_PLATFORM_ENTROPY      /* no /dev/urandom, no getrandom() */
#define MBEDTLS_ENTROPY_HARDWARE_ALT     /* our mbedtls_hardware_poll() */
#define MBEDTLS_ENTROPY_C
#define MBEDTLS_CTR_DRBG_C
#define MBEDTLS_HMAC_DRBG_C              /* for deterministic ECDSA */

/* ---- hashes and MACs ----------------------------------------------- */
#define MBEDTLS_MD_C
#define MBEDTLS_SHA256_C                 /* SHA-224/256 */
#define MBEDTLS_SHA512_C                 /* SHA-384/512 */

/* ---- symmetric ciphers --------------------------------------------- */
#define MBEDTLS_CIPHER_C
#define MBEDTLS_AES_C
#define MBEDTLS_GCM_C
#define MBEDTLS_CHACHA20_C
#define MBEDTLS_POLY1305_C
#define MBEDTLS_CHACHAPOLY_C

/* ---- public key ---------------------------------------------------- */
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_OID_C
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C             /* ECDSA signatures are DER */
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C

#define MBEDTLS_RSA_C
#define MBEDTLS_PKCS1_V15
#define MBEDTLS_PKCS1_V21                /* RSA-PSS signatures, OAEP */

#define MBEDTLS_ECP_C
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_DP_SECP384R1_ENABLED
#define MBEDTLS_ECP_DP_CURVE25519_ENABLED
#define MBEDTLS_ECP_NIST_OPTIM           /* fast reduction for NIST curves */
#define MBEDTLS_ECDH_C
#define MBEDTLS_ECDSA_C
#define MBEDTLS_ECDSA_DETERMINISTIC      /* RFC 6979: nonce does not rely on the RNG */

/* ---- certificates -------------------------------------------------- */
#define MBEDTLS_BASE64_C
#define MBEDTLS_PEM_PARSE_C
#define MBEDTLS_X509_USE_C
#define MBEDTLS_X509_CRT_PARSE_C
#define MBEDTLS_X509_RSASSA_PSS_SUPPORT
#define MBEDTLS_X509_CHECK_KEY_USAGE
#define MBEDTLS_X509_CHECK_EXTENDED_KEY_USAGE

/* ---- TLS ----------------------------------------------------------- */
#define MBEDTLS_SSL_TLS_C
#define MBEDTLS_SSL_SRV_C
#define MBEDTLS_SSL_CLI_C
#define MBEDTLS_SSL_PROTO_TLS1_2         /* and nothing older */
#define MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED
#define MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED
#define MBEDTLS_SSL_EXTENDED_MASTER_SECRET   /* RFC 7627 */
/* SNI. Also provides mbedtls_ssl_set_hs_authmode() and
 * mbedtls_ssl_set_hs_ca_chain(): lwIP 2.1.3's altcp_tls configs use
 * VERIFY_OPTIONAL and have no server-side CA, so net/ requires client
 * certificates per connection through these (via altcp_tls_context()). */
#define MBEDTLS_SSL_SERVER_NAME_INDICATION
#define MBEDTLS_SSL_KEEP_PEER_CERTIFICATE    /* callers may inspect client certs */
#define MBEDTLS_SSL_ALL_ALERT_MESSAGES
/* Renegotiation, session cache, session tickets, DTLS, compression,
 * truncated HMAC and CBC suites are all left out. */

/* Full 16 KiB records both ways, as peers may send them unannounced. */
#define MBEDTLS_SSL_MAX_CONTENT_LEN      16384

/* Offered/accepted suites, in the server's order of preference.  This list
 * is the only restriction the management endpoint has: lwIP 2.1.3's
 * altcp_tls keeps its mbedtls_ssl_config private, so
 * mbedtls_ssl_conf_ciphersuites() cannot be called on it.
 * ChaCha20-Poly1305 first: it is constant-time in plain C on every CPU
 * (the table-based AES fallback is not), and mbedTLS 2.28's GCM multiplies
 * one block at a time even with PCLMULQDQ: under QEMU TCG it measured
 * 28 MB/s against 9 MB/s for AES-256-GCM (docs/benchmarks.md). */
#define MBEDTLS_SSL_CIPHERSUITES                                   \
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,         \
    MBEDTLS_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,           \
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,               \
    MBEDTLS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,                 \
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,               \
    MBEDTLS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256

/* ---- diagnostics --------------------------------------------------- */
#define MBEDTLS_ERROR_C                  /* mbedtls_strerror() for logs */

/* Let mbedTLS verify that the selection above is consistent. */
#include "mbedtls/check_config.h"

#endif /* UNIHV_MBEDTLS_CONFIG_H */
