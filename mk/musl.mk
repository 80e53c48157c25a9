# musl 1.2.3, freestanding subset: string, ctype, integer conversions,
# qsort/bsearch and the snprintf family.  Built from the pinned source with
# the kernel's own flags into $(BUILD)/musl/libc.a; Linux-specific internals
# it needs (thread pointer, errno location, locks) come from
# kernel/lib/musl_glue.c.  Only the object files below are built.
#
# Needs from the top-level Makefile: BUILD, SRC_DIR, KCC, KCFLAGS_BASE, AR.

MUSL_SRC   := $(SRC_DIR)/musl-1.2.3
MUSL_OUT   := $(BUILD)/musl
MUSL_LIB   := $(MUSL_OUT)/libc.a
MUSL_GEN_HEADERS := $(MUSL_OUT)/include/bits/alltypes.h $(MUSL_OUT)/include/bits/syscall.h

# Headers every consumer of musl (kernel, lwIP, mbedTLS, nanopb) uses.
KINC_LIBC := -nostdinc -isystem $(MUSL_OUT)/include -isystem $(MUSL_SRC)/arch/x86_64 \
	-isystem $(MUSL_SRC)/arch/generic -isystem $(MUSL_SRC)/include

# musl's internal headers, for musl itself and the glue file only.
MUSL_INTERNAL_INC := -I$(MUSL_SRC)/arch/x86_64 -I$(MUSL_SRC)/arch/generic \
	-I$(MUSL_SRC)/src/include -I$(MUSL_SRC)/src/internal -I$(MUSL_OUT)/include \
	-I$(MUSL_SRC)/include

MUSL_CFLAGS := $(KCFLAGS_BASE) -std=c99 -D_XOPEN_SOURCE=700 -fexcess-precision=standard \
	-frounding-math -fno-stack-protector -w

MUSL_STRING := memchr memcmp memccpy memmem memrchr stpcpy stpncpy strcasecmp strcat strchr \
	strchrnul strcmp strcpy strcspn strdup strlcat strlcpy strlen strncasecmp strncat strncmp \
	strncpy strndup strnlen strpbrk strrchr strsep strspn strstr strtok strtok_r explicit_bzero
MUSL_STRING_ASM := memcpy memmove memset
MUSL_CTYPE := isalnum isalpha isascii isblank iscntrl isdigit isgraph islower isprint ispunct \
	isspace isupper isxdigit tolower toupper
MUSL_STDLIB := abs atoi atol atoll bsearch div labs ldiv llabs lldiv qsort qsort_nr strtol
MUSL_STDIO := vsnprintf snprintf vsprintf sprintf vfprintf __towrite __toread __uflow fwrite
MUSL_OTHER := errno/__errno_location ctype/__ctype_get_mb_cur_max internal/intscan internal/shgetc internal/libc math/frexpl math/__signbitl \
	math/__fpclassifyl multibyte/wctomb multibyte/wcrtomb errno/strerror locale/__lctrans \
	locale/c_locale

MUSL_SRCS := $(sort $(addprefix src/string/,$(addsuffix .c,$(MUSL_STRING))) \
	$(addprefix src/string/x86_64/,$(addsuffix .s,$(MUSL_STRING_ASM))) \
	$(addprefix src/ctype/,$(addsuffix .c,$(MUSL_CTYPE))) \
	$(addprefix src/stdlib/,$(addsuffix .c,$(MUSL_STDLIB))) \
	$(addprefix src/stdio/,$(addsuffix .c,$(MUSL_STDIO))) \
	$(addprefix src/,$(addsuffix .c,$(MUSL_OTHER))))
MUSL_OBJS := $(patsubst %,$(MUSL_OUT)/obj/%.o,$(basename $(MUSL_SRCS)))

$(MUSL_OUT)/include/bits/alltypes.h: $(SRC_DIR)/.fetched
	@mkdir -p $(dir $@)
	sed -f $(MUSL_SRC)/tools/mkalltypes.sed $(MUSL_SRC)/arch/x86_64/bits/alltypes.h.in \
		$(MUSL_SRC)/include/alltypes.h.in > $@.tmp && mv $@.tmp $@

$(MUSL_OUT)/include/bits/syscall.h: $(SRC_DIR)/.fetched
	@mkdir -p $(dir $@)
	cp $(MUSL_SRC)/arch/x86_64/bits/syscall.h.in $@.tmp
	sed -n -e s/__NR_/SYS_/p < $(MUSL_SRC)/arch/x86_64/bits/syscall.h.in >> $@.tmp
	mv $@.tmp $@

# Static pattern rules: with two plain pattern rules make may pick the C
# one for an assembly object before the sources are unpacked (every
# $(SRC_DIR)/%.c "ought to exist"), which broke clean `make -j` builds.
MUSL_C_OBJS := $(patsubst %.c,$(MUSL_OUT)/obj/%.o,$(filter %.c,$(MUSL_SRCS)))
MUSL_S_OBJS := $(patsubst %.s,$(MUSL_OUT)/obj/%.o,$(filter %.s,$(MUSL_SRCS)))

$(MUSL_C_OBJS): $(MUSL_OUT)/obj/%.o: $(MUSL_SRC)/%.c | $(MUSL_GEN_HEADERS)
	@mkdir -p $(dir $@)
	$(Q)$(KCC) $(MUSL_CFLAGS) -nostdinc $(MUSL_INTERNAL_INC) -c $< -o $@

$(MUSL_S_OBJS): $(MUSL_OUT)/obj/%.o: $(MUSL_SRC)/%.s | $(MUSL_GEN_HEADERS)
	@mkdir -p $(dir $@)
	$(Q)$(KCC) $(MUSL_CFLAGS) -c $< -o $@

# The list of objects lives here: a change to it rebuilds the archive.
$(MUSL_LIB): $(MUSL_OBJS) mk/musl.mk
	@rm -f $@
	$(Q)$(AR) rcsD $@ $(MUSL_OBJS)
