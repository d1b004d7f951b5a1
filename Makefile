# parx: one non-recursive Makefile. Library sources are every pipeline/lib/*/*.c,
# programs every pipeline/cmd/*.c, unit tests every tests/unit/test-*.c, so adding
# a module never needs an edit here. BUILD selects the tree (check uses build-san).

BUILD   ?= build
IN      ?= input/2025
OUT     ?=
DRAFT   ?=
CC      ?= cc

PKGS     = libxml-2.0 harfbuzz-subset xlsxwriter libzip libcrypto libdeflate
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN    = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
          -Wwrite-strings -Wvla -Wformat=2
OPT     ?= -O2 -g
SAN     ?=
# The sanitizer tree of make check has its flags by its name, so that any target
# run with BUILD=build-san (make install in a test) builds it the same way.
ifeq ($(BUILD),build-san)
OPT     = -O1 -g -fno-omit-frame-pointer
SAN     = -fsanitize=address,undefined -fno-sanitize-recover=all
endif
BASE_CFLAGS = -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(OPT) $(SAN) $(WARN) \
          $(EXTRA_CFLAGS) -Ipipeline/lib $(PKG_CFLAGS) -MMD -MP
LDLIBS  = $(PKG_LIBS) -lhpdf -lcsv -lutf8proc -lpthread -lm
# parx-render makes and frees millions of small objects on every core (libharu's
# objects, the typesetter's fragments): it takes malloc from mimalloc (Debian
# libmimalloc-dev; README, "Libraries"), whatever the linker's --as-needed. A
# sanitizer build keeps its sanitizer's allocator.
MALLOC_LIBS = $(if $(SAN),,-Wl,--push-state,--no-as-needed -lmimalloc -Wl,--pop-state)

# The library's folders follow the data flow, each using only those before it
# (base, model, input, score, forms, pdf, typeset, docs, run; tests/layers.sh checks).
LIB_SRC  := $(sort $(wildcard pipeline/lib/*/*.c))
CMD_SRC  := $(sort $(wildcard pipeline/cmd/*.c))
TEST_SRC := $(sort $(wildcard tests/unit/test-*.c))
TOOL_SRC := $(sort $(wildcard tests/tools/*.c))
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz-*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
LIB      := $(BUILD)/libparx.a
# pipeline/cmd/parx.c is the driver `parx`; every other program is a stage `parx-<name>`.
PROGS    := $(BUILD)/bin/parx $(patsubst pipeline/cmd/%.c,$(BUILD)/bin/parx-%,$(filter-out pipeline/cmd/parx.c,$(CMD_SRC)))
TESTS    := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
# Tools for tests and benchmarks (generator, floors) stay out of the users' bin/.
TOOLS    := $(TOOL_SRC:tests/tools/%.c=$(BUILD)/tools/%)
# Each fuzz target also builds, with any compiler, as a replayer of its corpus
# (tests/fuzz/replay.c gives it a main()); `make check` replays every corpus.
REPLAYS  := $(FUZZ_SRC:tests/fuzz/fuzz-%.c=$(BUILD)/fuzz/replay-%)
STAMP    := $(BUILD)/.flags
# Translations (pipeline/po/, i18n.h): one catalogue per language, compiled into
# $(BUILD)/locale/<lang>/LC_MESSAGES/parx.mo, where the programs find it.
LINGUAS  := vi
MOS      := $(LINGUAS:%=$(BUILD)/locale/%/LC_MESSAGES/parx.mo)
POT      := pipeline/po/parx.pot
# The functions that translate the format they are given (i18n.h) are keywords.
XGETTEXT_KEYS = --keyword=_ --keyword=N_ --keyword=P_:1,2 \
	--keyword=diag_error:4 --keyword=diag_warn:4 --keyword=load_error:3 \
	--keyword=diag_error_at:5 --keyword=diag_warn_at:5 \
	--keyword=error:1 --keyword=warning:1 --keyword=die:2 \
	--keyword=text_checked:4 --keyword=load_text:3 --keyword=load_attr:4 --keyword=read_texts:4 \
	--keyword=child_text:4 --keyword=child_list:4 --keyword=check_unique:2 --keyword=read_code:3 \
	--keyword=read_name:3 --keyword=pdfdoc_fail:2 \
	--flag=diag_error:4:c-format --flag=diag_warn:4:c-format --flag=load_error:3:c-format \
	--flag=diag_error_at:5:c-format --flag=diag_warn_at:5:c-format \
	--flag=error:1:c-format --flag=warning:1:c-format --flag=die:2:c-format \
	--flag=pdfdoc_fail:2:c-format

.PHONY: all run check bench deps clean fuzz pot po-check install uninstall forms import FORCE
# Keep objects between runs (they are intermediate files of pattern chains).
.SECONDARY:
all: $(PROGS) $(MOS) $(TESTS) $(TOOLS) $(REPLAYS)

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

$(BUILD)/bin/parx-render: $(BUILD)/pipeline/cmd/render.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(SAN) -o $@ $< $(MALLOC_LIBS) $(LIB) $(LDLIBS)

$(BUILD)/bin/parx: $(BUILD)/pipeline/cmd/parx.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(SAN) -o $@ $< $(LIB) $(LDLIBS)

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(SAN) -o $@ $< $(LIB) $(LDLIBS)

$(BUILD)/tools/%: $(BUILD)/tests/tools/%.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(SAN) -o $@ $< $(LIB) $(LDLIBS)

$(BUILD)/fuzz/replay-%: $(BUILD)/tests/fuzz/fuzz-%.o $(BUILD)/tests/fuzz/replay.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(SAN) -o $@ $^ $(LDLIBS)

$(BUILD)/locale/%/LC_MESSAGES/parx.mo: pipeline/po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

# The catalogue of every marked message, and the translations brought up to date
# with it (then translate what msgmerge marks new or fuzzy in pipeline/po/*.po).
pot:
	xgettext --from-code=UTF-8 --language=C $(XGETTEXT_KEYS) --add-comments=TRANSLATORS: \
		--package-name=parx --package-version=$$(sed -n 's/.*PARX_VERSION "\(.*\)".*/\1/p' pipeline/lib/base/common.h) \
		--msgid-bugs-address=parx --sort-by-file -o $(POT) $(LIB_SRC) $(CMD_SRC)
	@sed -i '/^"POT-Creation-Date:/d' $(POT)
	@for l in $(LINGUAS); do msgmerge --quiet --update --backup=none --no-fuzzy-matching --no-location pipeline/po/$$l.po $(POT); done

# make install [PREFIX=/usr/local] [DESTDIR=…]: the FHS places. The programs find
# the templates and the catalogues relative to themselves (<prefix>/bin/../share),
# so a DESTDIR tree works where it lies too. make uninstall removes what install put.
PREFIX  ?= /usr/local
DESTDIR ?=
INST_BIN  = $(DESTDIR)$(PREFIX)/bin
INST_DATA = $(DESTDIR)$(PREFIX)/share
TEMPLATE_FILES := $(shell cd templates 2>/dev/null && find . -type f ! -name '.*' | sed 's|^\./||' | LC_ALL=C sort)
MAN_EN := $(wildcard pipeline/man/*.1)
MAN_VI := $(wildcard pipeline/man/vi/*.1)
install: $(PROGS) $(MOS)
	install -d '$(INST_BIN)' '$(INST_DATA)/parx/templates' '$(INST_DATA)/man/man1' '$(INST_DATA)/man/vi/man1'
	install -m 755 $(PROGS) '$(INST_BIN)/'
	@for f in $(TEMPLATE_FILES); do \
		install -D -m 644 "templates/$$f" '$(INST_DATA)/parx/templates/'"$$f" || exit 1; done
	@for l in $(LINGUAS); do \
		install -D -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/parx.mo '$(INST_DATA)/locale/'$$l/LC_MESSAGES/parx.mo || exit 1; done
	$(if $(MAN_EN),install -m 644 $(MAN_EN) '$(INST_DATA)/man/man1/')
	$(if $(MAN_VI),install -m 644 $(MAN_VI) '$(INST_DATA)/man/vi/man1/')

uninstall:
	rm -f $(PROGS:$(BUILD)/bin/%='$(INST_BIN)/%')
	rm -rf '$(INST_DATA)/parx'
	rm -f $(LINGUAS:%='$(INST_DATA)/locale/%/LC_MESSAGES/parx.mo')
	rm -f $(MAN_EN:pipeline/man/%='$(INST_DATA)/man/man1/%') $(MAN_VI:pipeline/man/vi/%='$(INST_DATA)/man/vi/man1/%')

# For make check: the catalogue holds every marked message of the sources, and
# every language translates all of it (no untranslated, no fuzzy entry).
po-check:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	xgettext --from-code=UTF-8 --language=C $(XGETTEXT_KEYS) --msgid-bugs-address=parx \
		-o "$$tmp/now.pot" $(LIB_SRC) $(CMD_SRC) && \
	for l in $(LINGUAS); do \
		msgfmt --check -o /dev/null pipeline/po/$$l.po || exit 1; \
		msgcmp --use-untranslated pipeline/po/$$l.po "$$tmp/now.pot" >/dev/null 2>&1 || { echo "po-check: pipeline/po/$$l.po lacks messages of the sources: run 'make pot' and translate them"; exit 1; }; \
		st=$$(LC_ALL=C msgfmt --statistics -o /dev/null pipeline/po/$$l.po 2>&1); \
		case "$$st" in *untranslated*|*fuzzy*) echo "po-check: pipeline/po/$$l.po: $$st"; exit 1;; esac; \
	done

# libFuzzer (clang, Debian libclang-rt-14-dev): FUZZ_TIME seconds per target.
FUZZ_TIME ?= 60
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all
fuzz:
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang OPT='-O1 -g' \
		SAN='$(FUZZ_SAN) -fsanitize=fuzzer-no-link' $(FUZZ_SRC:tests/fuzz/%.c=build-fuzz/tests/fuzz/%.o) build-fuzz/libparx.a
	@for f in $(FUZZ_SRC:tests/fuzz/fuzz-%.c=%); do \
		clang $(FUZZ_SAN) -fsanitize=fuzzer -o build-fuzz/fuzz-$$f build-fuzz/tests/fuzz/fuzz-$$f.o build-fuzz/libparx.a $(LDLIBS) || exit 1; \
		mkdir -p build-fuzz/corpus/$$f; \
		echo "fuzz-$$f: $(FUZZ_TIME) s"; \
		build-fuzz/fuzz-$$f -max_total_time=$(FUZZ_TIME) -timeout=10 -print_final_stats=1 \
			$$( [ -f tests/fuzz/$$f.dict ] && echo -dict=tests/fuzz/$$f.dict ) build-fuzz/corpus/$$f tests/fuzz/corpus/$$f 2>&1 | tail -12 || exit 1; \
	done

deps:
	@sh pipeline/scripts/deps.sh

# IN and OUT reach run.sh through the environment, never through the shell's
# parsing: a folder named "it's", with spaces or a leading dash, is just a name.
# (OUT empty: run.sh takes output/<name of IN>.)
run: export PARX_IN = $(IN)
run: export PARX_OUT = $(OUT)
run: export PARX_DRAFT = $(DRAFT)
# Quiet for a newcomer: the compiler's output only when the build fails.
run: deps
	@mkdir -p $(BUILD)
	@$(MAKE) --no-print-directory $(PROGS) $(MOS) >$(BUILD)/build.log 2>&1 || \
		{ cat $(BUILD)/build.log; echo "parx: the build failed (the compiler's messages are above)" >&2; exit 3; }
	@set -- run; [ -n "$$PARX_DRAFT" ] && set -- "$$@" --draft; \
		exec "$(BUILD)/bin/parx" "$$@" -- "$$PARX_IN" $${PARX_OUT:+"$$PARX_OUT"}

# The forms (input/FORMATS.md, "Forms: the workbooks people fill in (.xlsx)"): make forms IN=YEAR [OUT=DIR] writes
# OUT/forms/ (OUT defaults to output/<name of YEAR>); make import FORMS=DIR
# TO=YEAR [FORCE=1] reads the filled workbooks back into the year folder.
# Names reach the programs through the environment, as for run.
forms: export PARX_IN = $(IN)
forms: export PARX_OUT = $(OUT)
forms: deps
	@mkdir -p $(BUILD)
	@$(MAKE) --no-print-directory $(PROGS) $(MOS) >$(BUILD)/build.log 2>&1 || \
		{ cat $(BUILD)/build.log; echo "parx: the build failed (the compiler's messages are above)" >&2; exit 3; }
	@exec "$(BUILD)/bin/parx" forms $${PARX_OUT:+-o "$$PARX_OUT"} -- "$$PARX_IN"

import: export PARX_FORMS = $(FORMS)
import: export PARX_TO = $(TO)
import: export PARX_FORCE = $(FORCE)
import: deps
	@[ -n "$$PARX_FORMS" ] && [ -n "$$PARX_TO" ] || { echo "usage: make import FORMS=<folder of filled workbooks> TO=<year folder> [FORCE=1]" >&2; exit 2; }
	@mkdir -p $(BUILD)
	@$(MAKE) --no-print-directory $(PROGS) $(MOS) >$(BUILD)/build.log 2>&1 || \
		{ cat $(BUILD)/build.log; echo "parx: the build failed (the compiler's messages are above)" >&2; exit 3; }
	@set -- import; [ -n "$$PARX_FORCE" ] && set -- "$$@" --force; \
		exec "$(BUILD)/bin/parx" "$$@" -- "$$PARX_TO" "$$PARX_FORMS"

# check: its own sanitizer tree, then every unit test and every end-to-end case.
check:
	@sh pipeline/scripts/deps.sh --test
	@$(MAKE) --no-print-directory BUILD=build-san all
	@sh tests/run.sh build-san

bench:
	@sh pipeline/scripts/deps.sh --test
	@$(MAKE) --no-print-directory all
	@sh tests/bench.sh '$(BUILD)/bin' '$(N)'

clean:
	rm -rf build build-san build-fuzz

-include $(LIB_OBJ:.o=.d) $(CMD_SRC:%.c=$(BUILD)/%.d) $(TEST_SRC:%.c=$(BUILD)/%.d) \
	$(TOOL_SRC:%.c=$(BUILD)/%.d) $(FUZZ_SRC:%.c=$(BUILD)/%.d)

# The schemas are assembled into schemas.o with .incbin (see schemas.c).
$(BUILD)/pipeline/lib/input/schemas.o: $(wildcard pipeline/schema/*.xsd)
