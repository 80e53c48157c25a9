# Host unit tests (cmocka), included by the top-level Makefile, which
# provides BUILD and HOSTCC.  Paths are relative to the repository root.
#
#   make unit-build   build $(BUILD)/unit/test_*
#   make unit-test    build and run them; fails if any test fails
#
# Each binary links its test file, the harness and the kernel sources under
# test, built for the host with sanitizers.

UNIT_DIR    := tests/unit
UNIT_OUT    := $(BUILD)/unit
UNIT_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -Wno-unused-parameter \
	-fsanitize=address,undefined -fno-sanitize-recover=undefined \
	-Ikernel -Iinclude -I.
UNIT_LIBS   := -lcmocka

# Kernel sources linked into each test binary.
UNIT_SRCS_test_cmdline    := kernel/boot/cmdline.c
UNIT_SRCS_test_memmap     := kernel/mm/memmap.c
UNIT_SRCS_test_page_alloc := kernel/mm/page_alloc.c
UNIT_SRCS_test_heap       := kernel/mm/heap.c
UNIT_SRCS_test_bootinfo   := kernel/boot/bootinfo.c kernel/mm/memmap.c
UNIT_SRCS_test_acpi       := kernel/acpi/acpi.c
UNIT_SRCS_test_page_owner := hv/page_owner.c
UNIT_SRCS_test_ept        := hv/ept.c
UNIT_SRCS_test_gva_walk   := hv/gva_walk.c
UNIT_SRCS_test_abi_layout :=
UNIT_SRCS_test_hypercall_dispatch := hv/hypercall/dispatch.c
UNIT_SRCS_test_reference_time := hv/reference_time.c
UNIT_SRCS_test_vp_set := hv/hypercall/vp_set.c hv/hypercall/table.c tests/unit/hc_handler_stubs.c
UNIT_SRCS_test_ipi_input := hv/hypercall/ipi_input.c hv/hypercall/vp_set.c
UNIT_SRCS_test_irq_pending :=
UNIT_SRCS_test_virtqueue := drivers/virtio/virtqueue.c
UNIT_SRCS_test_net_config := net/net_config.c kernel/boot/cmdline.c

UNIT_NAMES := test_cmdline test_memmap test_page_alloc test_heap test_bootinfo test_acpi \
	test_page_owner test_ept test_gva_walk test_abi_layout test_hypercall_dispatch \
	test_reference_time test_vp_set test_virtqueue test_net_config test_ipi_input \
	test_irq_pending

# The management plane's RPC layer (mgmt/): nanopb and the code generated
# from proto/ (mk/proto.mk, included before this file) are built for the
# host once, with the image's nanopb options and without our warnings
# (not our code), and linked as objects.  UNIT_CPPFLAGS_x and UNIT_OBJS_x
# add include flags and objects to test x; kernel-only functions (clock,
# log) come from mgmt_host_stubs.c.
UNIT_PB_OBJS := $(patsubst %.c,$(UNIT_OUT)/nanopb/%.o,$(TP_NANOPB_FILES)) \
	$(patsubst $(PROTO_GEN_DIR)/%.c,$(UNIT_OUT)/gen/%.o,$(PROTO_GEN_SRCS))
UNIT_PB_CPPFLAGS := -I$(PROTO_GEN_DIR) -isystem $(TP_NANOPB_SRC) $(filter -D%,$(TP_NANOPB_CPPFLAGS))
$(UNIT_OUT)/nanopb/%.o: $(TP_NANOPB_SRC)/%.c | $(SRC_DIR)/.fetched
	@mkdir -p $(dir $@)
	$(HOSTCC) $(filter-out -W%,$(UNIT_CFLAGS)) -w $(UNIT_PB_CPPFLAGS) -c $< -o $@
$(UNIT_OUT)/gen/%.o: $(PROTO_GEN_DIR)/%.c $(PROTO_GEN_HDRS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(filter-out -W%,$(UNIT_CFLAGS)) -w $(UNIT_PB_CPPFLAGS) -c $< -o $@

UNIT_MGMT_STUBS := $(UNIT_DIR)/mgmt_host_stubs.c
UNIT_SRCS_test_ttrpc_frame := mgmt/ttrpc_frame.c
UNIT_SRCS_test_audit := mgmt/audit.c $(UNIT_MGMT_STUBS)
UNIT_SRCS_test_rpc_conn := mgmt/rpc_conn.c mgmt/service.c mgmt/audit.c mgmt/ttrpc_frame.c \
	$(UNIT_MGMT_STUBS)
UNIT_CPPFLAGS_test_rpc_conn := $(UNIT_PB_CPPFLAGS)
UNIT_OBJS_test_rpc_conn := $(UNIT_PB_OBJS)
UNIT_NAMES += test_ttrpc_frame test_audit test_rpc_conn
# libunihv (tools/libunihv/, mk/tools.mk): frames, envelopes and the call
# path over a scripted transport (no TLS: tls.c is left out).
UNIT_SRCS_test_libunihv := $(filter-out tools/libunihv/tls.c,$(sort $(wildcard tools/libunihv/*.c)))
UNIT_CPPFLAGS_test_libunihv := $(UNIT_PB_CPPFLAGS) -Itools/libunihv
UNIT_OBJS_test_libunihv := $(UNIT_PB_OBJS)
$(UNIT_OUT)/test_libunihv: $(wildcard tools/libunihv/*.h)
UNIT_NAMES += test_libunihv
# Guest-facing and port hypercalls through the real dispatcher and table.
UNIT_SRCS_test_hc_calls := hv/hypercall/dispatch.c hv/hypercall/table.c hv/hypercall/vp_set.c \
	hv/hypercall/hc_port.c hv/hypercall/hc_refusals.c hv/hypercall/hc_ext.c hv/hypercall/hc_vp.c \
	hv/port.c hv/ept.c tests/unit/hc_handler_stubs.c
UNIT_NAMES += test_hc_calls
# The boot configuration bundle's parser (mgmt/config_bundle.c).
UNIT_SRCS_test_config_bundle := mgmt/config_bundle.c net/net_config.c kernel/boot/cmdline.c
$(UNIT_OUT)/test_config_bundle: mgmt/config_bundle.h mgmt/mgmt_role.h
UNIT_NAMES += test_config_bundle
UNIT_TESTS := $(addprefix $(UNIT_OUT)/,$(UNIT_NAMES))

# Headers are few: every test depends on all of them rather than on
# generated dependency files.
UNIT_HDRS := $(wildcard $(UNIT_DIR)/*.h kernel/*/*.h include/unihv/*.h hv/*.h hv/hypercall/*.h drivers/*.h drivers/*/*.h net/*.h) \
	$(wildcard mgmt/*.h)

define UNIT_template
$(UNIT_OUT)/$(1): $(UNIT_DIR)/$(1).c $(UNIT_DIR)/harness.c $(UNIT_SRCS_$(1)) $(UNIT_OBJS_$(1)) \
		$(UNIT_HDRS) $(if $(UNIT_CPPFLAGS_$(1)),$(PROTO_GEN_HDRS))
	@mkdir -p $$(dir $$@)
	$$(HOSTCC) $$(UNIT_CFLAGS) $(UNIT_CPPFLAGS_$(1)) -o $$@ $(UNIT_DIR)/$(1).c $(UNIT_DIR)/harness.c \
		$(UNIT_SRCS_$(1)) $(UNIT_OBJS_$(1)) $$(UNIT_LIBS)
endef
$(foreach t,$(UNIT_NAMES),$(eval $(call UNIT_template,$(t))))

unit-build: $(UNIT_TESTS)

# Run every binary even after a failure, then fail if any failed.
unit-test: unit-build
	@fail=0; for t in $(UNIT_TESTS); do \
		echo "== $$t"; \
		$$t || { echo "FAILED: $$t"; fail=1; }; \
	done; exit $$fail

.PHONY: unit-build unit-test
