# mk/proto.mk: C code for proto/*.proto, generated with the pinned nanopb's
# generator (Debian's protoc and python3-protobuf do the parsing).
#
# Included by the top-level Makefile after mk/thirdparty.mk.  Provides:
#   PROTO_GEN_DIR   where <name>.pb.c / <name>.pb.h are written
#   PROTO_GEN_SRCS  the generated .c files, PROTO_GEN_HDRS the headers
#   PROTO_CPPFLAGS  include flags for code using them (with nanopb's)
# Every proto/NAME.proto may have a proto/NAME.options (field sizes).

# Debian's interpreter: it has python3-protobuf (a pyenv python may not).
PROTO_PYTHON  ?= /usr/bin/python3
PROTO_GEN_DIR := $(BUILD)/gen/proto
PROTO_NAMES   := $(basename $(notdir $(sort $(wildcard proto/*.proto))))
PROTO_GEN_SRCS := $(PROTO_NAMES:%=$(PROTO_GEN_DIR)/%.pb.c)
PROTO_GEN_HDRS := $(PROTO_NAMES:%=$(PROTO_GEN_DIR)/%.pb.h)
PROTO_CPPFLAGS := -I$(PROTO_GEN_DIR) $(TP_NANOPB_CPPFLAGS)

$(PROTO_GEN_DIR)/%.pb.c $(PROTO_GEN_DIR)/%.pb.h: proto/%.proto $(wildcard proto/%.options) | $(SRC_DIR)/.fetched
	@mkdir -p $(PROTO_GEN_DIR)
	$(Q)$(PROTO_PYTHON) $(TP_NANOPB_SRC)/generator/nanopb_generator.py -q \
		-I proto -f proto/$*.options -D $(PROTO_GEN_DIR) $<
	@$(if $(Q),echo "  NANOPB  $<")
.PRECIOUS: $(PROTO_GEN_DIR)/%.pb.c $(PROTO_GEN_DIR)/%.pb.h
proto: $(PROTO_GEN_SRCS) $(PROTO_GEN_HDRS)
.PHONY: proto
