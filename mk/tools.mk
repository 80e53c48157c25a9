# mk/tools.mk: the host-side client tools.
#
#   $(BUILD)/tools/libunihv.a   the client library (tools/libunihv/unihv.h):
#                               libunihv, the generated ttRPC/unihv messages
#                               and nanopb's runtime, all built for the host
#   $(BUILD)/tools/hvctl        the command-line client (tools/hvctl/)
#   $(BUILD)/tools/mgmt-bench   management-plane benchmark client (make bench)
#   make tools                  all three
#
# Included by the top-level Makefile after mk/proto.mk.  TLS is Debian's
# libmbedtls-dev (2.28, the version third_party/sources.manifest pins);
# nanopb is the pinned source in $(TP_NANOPB_SRC), compiled for the host.

TOOLS_OUT := $(BUILD)/tools
TOOLS_OBJ := $(TOOLS_OUT)/obj
TOOLS_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -Wstrict-prototypes -Wmissing-prototypes \
	-ffile-prefix-map=$(CURDIR)/=
TOOLS_CPPFLAGS := -Itools/libunihv -Iinclude -I$(PROTO_GEN_DIR) -isystem $(TP_NANOPB_SRC) \
	$(filter -D%,$(TP_NANOPB_CPPFLAGS))
TOOLS_LIBS := -lmbedtls -lmbedx509 -lmbedcrypto

LIBUNIHV_SRCS := $(sort $(wildcard tools/libunihv/*.c))
LIBUNIHV_OBJS := $(patsubst %.c,$(TOOLS_OBJ)/%.o,$(LIBUNIHV_SRCS))
# Generated messages and nanopb's runtime: not our code, no warnings.
TOOLS_PB_OBJS := $(patsubst $(PROTO_GEN_DIR)/%.c,$(TOOLS_OBJ)/gen/%.o,$(PROTO_GEN_SRCS)) \
	$(patsubst %,$(TOOLS_OBJ)/nanopb/%.o,pb_common pb_encode pb_decode)
HVCTL_SRCS := $(sort $(wildcard tools/hvctl/*.c))
HVCTL_OBJS := $(patsubst %.c,$(TOOLS_OBJ)/%.o,$(HVCTL_SRCS))

$(LIBUNIHV_OBJS) $(HVCTL_OBJS): $(TOOLS_OBJ)/%.o: %.c | $(PROTO_GEN_HDRS)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(TOOLS_CFLAGS) $(TOOLS_CPPFLAGS) -MMD -MP -c $< -o $@
	@$(if $(Q),echo "  HOSTCC  $<")

$(TOOLS_OBJ)/gen/%.o: $(PROTO_GEN_DIR)/%.c $(PROTO_GEN_HDRS)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -std=gnu11 -O2 -g -w $(TOOLS_CPPFLAGS) -c $< -o $@

$(TOOLS_OBJ)/nanopb/%.o: $(TP_NANOPB_SRC)/%.c | $(SRC_DIR)/.fetched
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -std=gnu11 -O2 -g -w $(TOOLS_CPPFLAGS) -c $< -o $@

$(TOOLS_OUT)/libunihv.a: $(LIBUNIHV_OBJS) $(TOOLS_PB_OBJS)
	@rm -f $@
	$(Q)$(AR) rcs $@ $^
	@$(if $(Q),echo "  AR      $@")

$(TOOLS_OUT)/hvctl: $(HVCTL_OBJS) $(TOOLS_OUT)/libunihv.a
	$(Q)$(HOSTCC) -o $@ $(HVCTL_OBJS) $(TOOLS_OUT)/libunihv.a $(TOOLS_LIBS)
	@$(if $(Q),echo "  LINK    $@")

tools: $(TOOLS_OUT)/libunihv.a $(TOOLS_OUT)/hvctl $(TOOLS_OUT)/mgmt-bench
.PHONY: tools

-include $(LIBUNIHV_OBJS:.o=.d) $(HVCTL_OBJS:.o=.d)

# mgmt-bench (tools/mgmt-bench/): management-plane figures for make bench.
MGMT_BENCH_SRCS := $(sort $(wildcard tools/mgmt-bench/*.c))
MGMT_BENCH_OBJS := $(patsubst %.c,$(TOOLS_OBJ)/%.o,$(MGMT_BENCH_SRCS))
$(MGMT_BENCH_OBJS): $(TOOLS_OBJ)/%.o: %.c | $(PROTO_GEN_HDRS)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(TOOLS_CFLAGS) $(TOOLS_CPPFLAGS) -MMD -MP -c $< -o $@
	@$(if $(Q),echo "  HOSTCC  $<")
$(TOOLS_OUT)/mgmt-bench: $(MGMT_BENCH_OBJS) $(TOOLS_OUT)/libunihv.a
	$(Q)$(HOSTCC) -o $@ $(MGMT_BENCH_OBJS) $(TOOLS_OUT)/libunihv.a $(TOOLS_LIBS)
	@$(if $(Q),echo "  LINK    $@")
-include $(MGMT_BENCH_OBJS:.o=.d)
