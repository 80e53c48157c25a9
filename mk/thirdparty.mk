# mk/thirdparty.mk: build lwIP, mbedTLS and nanopb as static libraries.
#
# Included by the top-level Makefile, which must define:
#   BUILD          build root (e.g. build)
#   SRC_DIR        where tools/fetch-sources.sh unpacked the sources ($(BUILD)/src)
#   KCC            C compiler
#   KCFLAGS_BASE   kernel C flags without warning flags
#   KINC_LIBC      -nostdinc -isystem ... flags for musl's headers
#   AR             archiver (used as `$(AR) rcsD`, deterministic)
#   KINC_LIBC_DEPS generated headers KINC_LIBC needs (musl's bits/alltypes.h
#                  and bits/syscall.h); every object depends on them.
#                  Defaults to $(MUSL_GEN_HEADERS) from mk/musl.mk.
#   Q              optional: '@' for quiet recipes
# and a rule for the stamp $(SRC_DIR)/.fetched (sources unpacked).
# Include this file after those variables are set: it expands them at once.
#
# Provides:
#   thirdparty (phony), thirdparty-clean (phony)
#   $(TP_LIBS) = $(BUILD)/third_party/{liblwip,libmbedtls,libnanopb}.a
#   TP_LWIP_CPPFLAGS, TP_MBEDTLS_CPPFLAGS, TP_NANOPB_CPPFLAGS: the include
#   paths and defines kernel code must use when it includes these libraries'
#   headers (nanopb's defines change struct layouts, so they must match).
#
# Third-party code gets the kernel flags plus -w: their warnings are not ours.
# File lists are explicit and sorted so the archives are reproducible.

KINC_LIBC_DEPS ?= $(MUSL_GEN_HEADERS)

# Directory holding third_party/ (this file is <root>/mk/thirdparty.mk).
tp_root := $(patsubst %mk/,%,$(dir $(lastword $(MAKEFILE_LIST))))
TP_CONF := $(tp_root)third_party

# Versions come from the manifest, so a bump there is the only edit needed
# (plus file lists below, if upstream added or removed files).
tp_manifest := $(TP_CONF)/sources.manifest
tp_version = $(shell awk '$$1 == "$(1)" { print $$2 }' $(tp_manifest))
TP_LWIP_VERSION    := $(call tp_version,lwip)
TP_MBEDTLS_VERSION := $(call tp_version,mbedtls)
TP_NANOPB_VERSION  := $(call tp_version,nanopb)

TP_LWIP_SRC    := $(SRC_DIR)/lwip-$(TP_LWIP_VERSION)
TP_MBEDTLS_SRC := $(SRC_DIR)/mbedtls-$(TP_MBEDTLS_VERSION)
TP_NANOPB_SRC  := $(SRC_DIR)/nanopb-$(TP_NANOPB_VERSION)

TP_OUT := $(BUILD)/third_party
TP_OBJ := $(TP_OUT)/obj

# ---- flags ---------------------------------------------------------------

TP_MBEDTLS_CPPFLAGS := -I$(TP_CONF)/mbedtls -I$(TP_MBEDTLS_SRC)/include \
    -DMBEDTLS_CONFIG_FILE='"unihv_mbedtls_config.h"'
TP_LWIP_CPPFLAGS := -I$(TP_CONF)/lwip -I$(TP_LWIP_SRC)/src/include
# nanopb tests its options with #ifdef, so PB_NO_ERRMSG and PB_WITHOUT_64BIT
# are "0" by being left undefined: error messages and 64-bit fields stay on.
TP_NANOPB_CPPFLAGS := -I$(TP_NANOPB_SRC) -DPB_FIELD_32BIT=1 -DPB_BUFFER_ONLY=1

TP_CFLAGS := $(KCFLAGS_BASE) -w $(KINC_LIBC) -MMD -MP

# ---- sources (paths relative to each package's top directory) -----------

TP_LWIP_FILES := \
    src/apps/altcp_tls/altcp_tls_mbedtls.c \
    src/apps/altcp_tls/altcp_tls_mbedtls_mem.c \
    src/core/altcp.c src/core/altcp_alloc.c src/core/altcp_tcp.c \
    src/core/def.c src/core/dns.c src/core/inet_chksum.c src/core/init.c \
    src/core/ip.c \
    src/core/ipv4/autoip.c src/core/ipv4/dhcp.c src/core/ipv4/etharp.c \
    src/core/ipv4/icmp.c src/core/ipv4/igmp.c src/core/ipv4/ip4.c \
    src/core/ipv4/ip4_addr.c src/core/ipv4/ip4_frag.c \
    src/core/mem.c src/core/memp.c src/core/netif.c src/core/pbuf.c \
    src/core/raw.c src/core/stats.c src/core/sys.c src/core/tcp.c \
    src/core/tcp_in.c src/core/tcp_out.c src/core/timeouts.c src/core/udp.c \
    src/netif/ethernet.c

# Every library/*.c of mbedTLS 2.28.3 except net_sockets.c and timing.c
# (OS-specific, disabled in our config). Modules the config turns off
# compile to empty objects.
TP_MBEDTLS_FILES := $(addprefix library/,$(addsuffix .c, \
    aes aesni arc4 aria asn1parse asn1write base64 bignum blowfish camellia \
    ccm certs chacha20 chachapoly cipher cipher_wrap cmac constant_time \
    ctr_drbg debug des dhm ecdh ecdsa ecjpake ecp ecp_curves entropy \
    entropy_poll error gcm havege hkdf hmac_drbg md md2 md4 md5 \
    memory_buffer_alloc mps_reader mps_trace nist_kw oid \
    padlock pem pk pk_wrap pkcs11 pkcs12 pkcs5 pkparse pkwrite platform \
    platform_util poly1305 psa_crypto psa_crypto_aead psa_crypto_cipher \
    psa_crypto_client psa_crypto_driver_wrappers psa_crypto_ecp \
    psa_crypto_hash psa_crypto_mac psa_crypto_rsa psa_crypto_se \
    psa_crypto_slot_management psa_crypto_storage psa_its_file ripemd160 \
    rsa rsa_internal sha1 sha256 sha512 ssl_cache ssl_ciphersuites ssl_cli \
    ssl_cookie ssl_msg ssl_srv ssl_ticket ssl_tls ssl_tls13_keys threading \
    version version_features x509 x509_create x509_crl x509_crt \
    x509_csr x509write_crt x509write_csr xtea))

TP_NANOPB_FILES := pb_common.c pb_decode.c pb_encode.c

# ---- objects --------------------------------------------------------------

TP_LWIP_OBJS    := $(patsubst %.c,$(TP_OBJ)/lwip/%.o,$(sort $(TP_LWIP_FILES)))
TP_MBEDTLS_OBJS := $(patsubst %.c,$(TP_OBJ)/mbedtls/%.o,$(sort $(TP_MBEDTLS_FILES)))
TP_NANOPB_OBJS  := $(patsubst %.c,$(TP_OBJ)/nanopb/%.o,$(sort $(TP_NANOPB_FILES)))

TP_LIBS := $(TP_OUT)/liblwip.a $(TP_OUT)/libmbedtls.a $(TP_OUT)/libnanopb.a

# The unpacked sources exist once the fetch stamp does. Order-only, so the
# sources' old tarball timestamps are not compared with the stamp's; the
# objects themselves do depend on the stamp, so a re-fetch rebuilds them.
$(addprefix $(TP_LWIP_SRC)/,$(TP_LWIP_FILES)) \
$(addprefix $(TP_MBEDTLS_SRC)/,$(TP_MBEDTLS_FILES)) \
$(addprefix $(TP_NANOPB_SRC)/,$(TP_NANOPB_FILES)): | $(SRC_DIR)/.fetched

tp_cc = $(Q)$(if $(Q),echo "  CC      $<";) mkdir -p $(@D) && $(KCC)

$(TP_LWIP_OBJS): $(TP_OBJ)/lwip/%.o: $(TP_LWIP_SRC)/%.c $(SRC_DIR)/.fetched $(KINC_LIBC_DEPS)
	$(tp_cc) $(TP_CFLAGS) $(TP_LWIP_CPPFLAGS) $(TP_MBEDTLS_CPPFLAGS) -c $< -o $@

$(TP_MBEDTLS_OBJS): $(TP_OBJ)/mbedtls/%.o: $(TP_MBEDTLS_SRC)/%.c $(SRC_DIR)/.fetched $(KINC_LIBC_DEPS)
	$(tp_cc) $(TP_CFLAGS) $(TP_MBEDTLS_CPPFLAGS) -c $< -o $@

$(TP_NANOPB_OBJS): $(TP_OBJ)/nanopb/%.o: $(TP_NANOPB_SRC)/%.c $(SRC_DIR)/.fetched $(KINC_LIBC_DEPS)
	$(tp_cc) $(TP_CFLAGS) $(TP_NANOPB_CPPFLAGS) -c $< -o $@

# Archives are rebuilt from scratch so a dropped file cannot linger.
tp_ar = $(Q)$(if $(Q),echo "  AR      $@";) rm -f $@ && $(AR) rcsD $@ $^

$(TP_OUT)/liblwip.a: $(TP_LWIP_OBJS)
	$(tp_ar)
$(TP_OUT)/libmbedtls.a: $(TP_MBEDTLS_OBJS)
	$(tp_ar)
$(TP_OUT)/libnanopb.a: $(TP_NANOPB_OBJS)
	$(tp_ar)

.PHONY: thirdparty thirdparty-clean
thirdparty: $(TP_LIBS)

thirdparty-clean:
	rm -rf $(TP_OUT)

-include $(TP_LWIP_OBJS:.o=.d) $(TP_MBEDTLS_OBJS:.o=.d) $(TP_NANOPB_OBJS:.o=.d)
