# parx: one non-recursive Makefile. Library sources are every pipeline/lib/*.c,
# programs every pipeline/cmd/*.c, unit tests every tests/unit/test-*.c, so adding
# a module never needs an edit here. BUILD selects the tree (check uses build-san).

BUILD   ?= build
IN      ?= input/2024
OUT     ?= output/$(notdir $(patsubst %/,%,$(IN)))
DRAFT   ?=
CC      ?= cc

PKGS     = libxml-2.0 harfbuzz-subset
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN    = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
          -Wwrite-strings -Wvla -Wformat=2
OPT     ?= -O2 -g
SAN     ?=
BASE_CFLAGS = -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(OPT) $(SAN) $(WARN) \
          $(EXTRA_CFLAGS) -Ipipeline/lib $(PKG_CFLAGS) -MMD -MP
LDLIBS  = $(PKG_LIBS) -lhpdf -lcsv -lutf8proc -lpthread -lm

LIB_SRC  := $(sort $(wildcard pipeline/lib/*.c))
CMD_SRC  := $(sort $(wildcard pipeline/cmd/*.c))
TEST_SRC := $(sort $(wildcard tests/unit/test-*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
LIB      := $(BUILD)/libparx.a
PROGS    := $(CMD_SRC:pipeline/cmd/%.c=$(BUILD)/bin/parx-%)
TESTS    := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
STAMP    := $(BUILD)/.flags

.PHONY: all run check bench deps clean FORCE
# Keep objects between runs (they are intermediate files of pattern chains).
.SECONDARY:
all: $(PROGS) $(TESTS)

# A flag change rebuilds everything: the stamp only changes when the flags do.
$(STAMP): FORCE
	@mkdir -p $(@D)
	@echo '$(CC) $(BASE_CFLAGS) $(LDLIBS)' | cmp -s - $@ || echo '$(CC) $(BASE_CFLAGS) $(LDLIBS)' > $@

$(BUILD)/%.o: %.c $(STAMP)
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/bin/parx-%: $(BUILD)/pipeline/cmd/%.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(SAN) -o $@ $< $(LIB) $(LDLIBS)

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(SAN) -o $@ $< $(LIB) $(LDLIBS)

deps:
	@sh pipeline/scripts/deps.sh

run: deps
	@$(MAKE) --no-print-directory all
	@sh pipeline/scripts/run.sh '$(BUILD)/bin' '$(IN)' '$(OUT)' '$(DRAFT)'

# check: its own sanitizer tree, then every unit test and every end-to-end case.
check:
	@sh pipeline/scripts/deps.sh --check-only
	@$(MAKE) --no-print-directory BUILD=build-san OPT='-O1 -g -fno-omit-frame-pointer' \
		SAN='-fsanitize=address,undefined -fno-sanitize-recover=all' all
	@sh tests/run.sh build-san

bench: deps
	@$(MAKE) --no-print-directory all
	@sh tests/bench.sh '$(BUILD)/bin' $(N)

clean:
	rm -rf build build-san

-include $(LIB_OBJ:.o=.d) $(CMD_SRC:%.c=$(BUILD)/%.d) $(TEST_SRC:%.c=$(BUILD)/%.d)

# The schemas are assembled into schemas.o with .incbin (see schemas.c).
$(BUILD)/pipeline/lib/schemas.o: $(wildcard pipeline/schema/*.xsd)
