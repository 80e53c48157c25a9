# unihv: one statically linked x86_64 image.
#
#   make            build/unihv.elf (PVH + multiboot2)
#   make iso        build/unihv.iso (GRUB, for Bochs and real machines)
#   make run        boot in QEMU (TCG), serial console on the terminal
#   make run-bochs  boot the ISO in Bochs with a VMX-capable CPU
#   make test       install what is missing (as root), then every test suite
#   make unit-test  host unit tests only
#
# Dependencies are pinned in third_party/sources.manifest and fetched into
# $(BUILD)/src by tools/fetch-sources.sh (UNIHV_SOURCES_DIR=DIR uses local
# tarballs).

BUILD   ?= build
# make V=1 shows full command lines.
Q       := $(if $(V),,@)
SRC_DIR := $(BUILD)/src
KCC     ?= gcc
AR      ?= ar
HOSTCC  ?= gcc

VERSION := $(shell cat VERSION)
GIT_REV := $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

# Kernel code generation, shared with every dependency (see docs/build.md):
# no red zone (interrupts land on the current stack), identity-mapped image
# linked at 1 MiB (small code model, no PIC), frame pointers for backtraces,
# stack protector with a global guard, SSE allowed (the interrupt entry saves
# FPU state).
KCFLAGS_BASE := -std=gnu11 -ffreestanding -fno-pic -fno-pie -fno-common -mno-red-zone \
	-mcmodel=small -march=x86-64 -mtune=generic -O2 -g -fno-omit-frame-pointer \
	-fno-asynchronous-unwind-tables -fstack-protector-strong -mstack-protector-guard=global \
	-ffile-prefix-map=$(CURDIR)/= -ffile-prefix-map=$(CURDIR)=.
KWARN   := -Wall -Wextra -Werror -Wno-unused-parameter -Wstrict-prototypes -Wmissing-prototypes
KDEFS   := -DUNIHV_VERSION='"$(VERSION)"' -DUNIHV_GIT_REV='"$(GIT_REV)"'

all: $(BUILD)/unihv.elf

include mk/musl.mk
include mk/thirdparty.mk
include mk/proto.mk
include mk/tools.mk

KINC     = $(KINC_LIBC) -Ikernel -Iinclude -I.
KCFLAGS  = $(KCFLAGS_BASE) $(KWARN) $(KDEFS) $(KINC)

KERNEL_SRCS := $(sort $(wildcard kernel/*.c kernel/*/*.c kernel/*/*.S hv/*.c hv/*/*.c hv/*/*.S))
KERNEL_OBJS := $(patsubst %,$(BUILD)/obj/%.o,$(basename $(KERNEL_SRCS)))

# NIC drivers (kernel flags only) and the network endpoint, which includes
# lwIP's and mbedTLS's headers (as system headers: their warnings are not
# ours) and links the two libraries from mk/thirdparty.mk.  The archives
# give the image only the objects it references: lwIP's core and, from
# mbedTLS, SHA-256 for net/tcp_isn.c.
NIC_SRCS := $(sort $(wildcard drivers/*.c drivers/*/*.c))
NET_SRCS := $(sort $(wildcard net/*.c))
NIC_OBJS := $(patsubst %.c,$(BUILD)/obj/%.o,$(NIC_SRCS))
NET_OBJS := $(patsubst %.c,$(BUILD)/obj/%.o,$(NET_SRCS))
NET_TP_INC := $(patsubst -I$(SRC_DIR)/%,-isystem $(SRC_DIR)/%,$(TP_LWIP_CPPFLAGS) $(TP_MBEDTLS_CPPFLAGS))
$(NET_OBJS): KINC += $(NET_TP_INC)
$(NET_OBJS): | $(SRC_DIR)/.fetched
# The management plane (mgmt/): ttRPC over TLS, with nanopb messages
# generated from proto/ (mk/proto.mk).
MGMT_SRCS := $(sort $(wildcard mgmt/*.c))
MGMT_OBJS := $(patsubst %.c,$(BUILD)/obj/%.o,$(MGMT_SRCS)) \
	$(patsubst $(PROTO_GEN_DIR)/%.c,$(BUILD)/obj/gen/%.o,$(PROTO_GEN_SRCS))
MGMT_INC  := $(NET_TP_INC) -isystem $(TP_NANOPB_SRC) $(filter -D%,$(TP_NANOPB_CPPFLAGS)) \
	-I$(PROTO_GEN_DIR)
$(MGMT_OBJS): KINC += $(MGMT_INC)
$(MGMT_OBJS): | $(SRC_DIR)/.fetched $(PROTO_GEN_HDRS)
$(BUILD)/obj/gen/%.o: $(PROTO_GEN_DIR)/%.c | $(MUSL_GEN_HEADERS)
	@mkdir -p $(dir $@)
	$(Q)$(KCC) $(KCFLAGS_BASE) -w $(KINC) -MMD -MP -c $< -o $@
	@$(if $(Q),echo "  CC      $<")

IMAGE_OBJS := $(KERNEL_OBJS) $(NIC_OBJS) $(NET_OBJS) $(MGMT_OBJS)
IMAGE_LIBS := $(TP_OUT)/liblwip.a $(TP_OUT)/libmbedtls.a $(TP_OUT)/libnanopb.a $(MUSL_LIB)

# Fetch and verify the pinned sources once.
$(SRC_DIR)/.fetched: third_party/sources.manifest tools/fetch-sources.sh
	tools/fetch-sources.sh --dest $(SRC_DIR) $(if $(UNIHV_SOURCES_DIR),--from $(UNIHV_SOURCES_DIR))
	@touch $@
# Unpacked sources "ought to exist" once fetched; never delete them as
# intermediates.
.PRECIOUS: $(SRC_DIR)/%.c $(SRC_DIR)/%.s $(SRC_DIR)/%.h
$(SRC_DIR)/%.c: | $(SRC_DIR)/.fetched ;
$(SRC_DIR)/%.s: | $(SRC_DIR)/.fetched ;
$(SRC_DIR)/%.h: | $(SRC_DIR)/.fetched ;
fetch: $(SRC_DIR)/.fetched
.PHONY: fetch

# musl glue sees musl's internal headers (system headers: their warnings
# are not ours).
$(BUILD)/obj/kernel/lib/musl_glue.o: KINC = -nostdinc $(patsubst -I%,-isystem %,$(MUSL_INTERNAL_INC)) -Ikernel -Iinclude
# The stack-protector canary is written here: it must not protect itself.
$(BUILD)/obj/kernel/lib/stack_protector.o: KCFLAGS += -fno-stack-protector

$(BUILD)/obj/%.o: %.c | $(MUSL_GEN_HEADERS)
	@mkdir -p $(dir $@)
	$(Q)$(KCC) $(KCFLAGS) -MMD -MP -c $< -o $@
	@$(if $(Q),echo "  CC      $<")

$(BUILD)/obj/%.o: %.S | $(MUSL_GEN_HEADERS)
	@mkdir -p $(dir $@)
	$(Q)$(KCC) $(KCFLAGS) -MMD -MP -c $< -o $@
	@$(if $(Q),echo "  AS      $<")

$(BUILD)/unihv.elf: $(IMAGE_OBJS) $(IMAGE_LIBS) kernel/linker.ld
	@echo "  LD      $@"
	$(Q)$(KCC) -nostdlib -static -no-pie -Wl,--build-id=none -Wl,-z,max-page-size=0x1000 \
		-Wl,-z,noexecstack -Wl,-T,kernel/linker.ld -o $@ $(IMAGE_OBJS) $(IMAGE_LIBS)

-include $(IMAGE_OBJS:.o=.d)

# ---- test image: the kernel plus tests/guests (guests and their driver) ----
GUEST_NAMES := $(sort $(basename $(notdir $(wildcard tests/guests/*.S))))
GUEST_BLOBS := $(GUEST_NAMES:%=$(BUILD)/guests/%.blob.o)
DRIVER_OBJS := $(patsubst %.c,$(BUILD)/obj/%.o,$(sort $(wildcard tests/guests/driver/*.c)))
# The management-service test (tests_mgmt.c) builds nanopb messages.
$(BUILD)/obj/tests/guests/driver/tests_mgmt.o: KINC += $(MGMT_INC)
$(BUILD)/obj/tests/guests/driver/tests_mgmt.o: | $(SRC_DIR)/.fetched $(PROTO_GEN_HDRS)

# Each guest is a flat binary linked at its load address (default 0x1000).
$(BUILD)/guests/%.o: tests/guests/%.S $(wildcard tests/guests/*.inc)
	@mkdir -p $(dir $@)
	$(Q)$(KCC) -c -ffreestanding -Iinclude -o $@ $<
$(BUILD)/guests/%.bin: $(BUILD)/guests/%.o tests/guests/guest.ld
	$(Q)ld -T tests/guests/guest.ld --defsym GUEST_LOAD=$(or $(GUEST_LOAD_$*),0x1000) -o $@ $<
$(BUILD)/guests/%.blob.o: $(BUILD)/guests/%.bin
	$(Q)printf '\t.section .rodata\n\t.balign 16\n\t.globl guest_%s_start, guest_%s_end\nguest_%s_start:\n\t.incbin "%s"\nguest_%s_end:\n' \
		$* $* $* $< $* > $(@:.o=.S)
	$(Q)$(KCC) -c -o $@ $(@:.o=.S)

$(BUILD)/unihv-test.elf: $(IMAGE_OBJS) $(DRIVER_OBJS) $(GUEST_BLOBS) $(IMAGE_LIBS) kernel/linker.ld
	$(Q)$(KCC) -nostdlib -static -no-pie -Wl,--build-id=none -Wl,-z,max-page-size=0x1000 \
		-Wl,-z,noexecstack -Wl,-T,kernel/linker.ld -o $@ $(IMAGE_OBJS) $(DRIVER_OBJS) \
		$(GUEST_BLOBS) $(IMAGE_LIBS)
	@echo "  LD      $@"
-include $(DRIVER_OBJS:.o=.d)
.PRECIOUS: $(BUILD)/guests/%.bin $(BUILD)/guests/%.o
test-image: $(BUILD)/unihv-test.elf
.PHONY: test-image

# ---- ISO and running ---------------------------------------------------
CMDLINE ?=
iso: $(BUILD)/unihv.iso
$(BUILD)/unihv.iso: $(BUILD)/unihv.elf tools/mkiso.sh
	tools/mkiso.sh $(BUILD)/unihv.elf $@ "$(CMDLINE)"

# Builds hvctl too and boots with build/pki/bundle.conf (created when missing).
# Like `make test`, first install what a fresh machine lacks (as root).
run: deps
	$(MAKE) $(BUILD)/unihv.elf tools
	tools/run-qemu.sh $(BUILD)/unihv.elf "$(CMDLINE)"

run-bochs: $(BUILD)/unihv.iso
	tools/run-bochs.sh $(BUILD)/unihv.iso

deps:
	tools/install-deps.sh

# ---- tests ---------------------------------------------------------------
include tests/unit/unit.mk

test: deps
	tests/run-all.sh

# Path lengths under Bochs, then the management plane under QEMU
# (docs/benchmarks.md).
bench: $(BUILD)/unihv-test.elf $(BUILD)/unihv.elf $(BUILD)/tools/mgmt-bench
	tools/bench.sh $(BUILD)/unihv-test.elf
	tools/bench-mgmt.sh $(BUILD)/unihv.elf
.PHONY: bench

# One suite at a time (also used by the Nix checks).
test-qemu-boot: $(BUILD)/unihv.elf
	tests/integration/qemu-boot.sh
test-bochs-boot: $(BUILD)/unihv.elf
	tests/integration/bochs-boot.sh

clean:
	rm -rf $(BUILD)

.PHONY: all iso run run-bochs deps test test-qemu-boot test-bochs-boot clean

print-unit-tests:
	@echo $(UNIT_TESTS)
.PHONY: print-unit-tests
