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
# Guest-facing and port hypercalls through the real dispatcher and table.
UNIT_SRCS_test_hc_calls := hv/hypercall/dispatch.c hv/hypercall/table.c hv/hypercall/vp_set.c \
	hv/hypercall/hc_port.c hv/hypercall/hc_refusals.c hv/hypercall/hc_ext.c hv/hypercall/hc_vp.c \
	hv/port.c hv/ept.c tests/unit/hc_handler_stubs.c
UNIT_NAMES += test_hc_calls
UNIT_TESTS := $(addprefix $(UNIT_OUT)/,$(UNIT_NAMES))

# Headers are few: every test depends on all of them rather than on
# generated dependency files.
UNIT_HDRS := $(wildcard $(UNIT_DIR)/*.h kernel/*/*.h include/unihv/*.h hv/*.h hv/hypercall/*.h drivers/*.h drivers/*/*.h net/*.h)

define UNIT_template
$(UNIT_OUT)/$(1): $(UNIT_DIR)/$(1).c $(UNIT_DIR)/harness.c $(UNIT_SRCS_$(1)) $(UNIT_HDRS)
	@mkdir -p $$(dir $$@)
	$$(HOSTCC) $$(UNIT_CFLAGS) -o $$@ $(UNIT_DIR)/$(1).c $(UNIT_DIR)/harness.c \
		$(UNIT_SRCS_$(1)) $$(UNIT_LIBS)
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
