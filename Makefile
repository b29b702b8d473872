# dairy — build, test, run.  `make run` and `make test` are all the set-up:
# missing Debian packages are installed first (see `deps`): `make` and
# `make run` install what the build needs, the test targets what the tests
# need as well.

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN    := -std=c11 -Wall -Wextra -Werror -D_XOPEN_SOURCE=700
PREFIX  ?= /usr/local
SHARE   := $(PREFIX)/share/dairy
# Graphviz lays out the HTML report's chain (report_html_chain.c): libgvc
# and its dot layout plugin, linked in (no plugin configuration is read),
# found at run time beside the other Graphviz plugins.
GVPLUG  := /usr/lib/$(shell $(CC) -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)/graphviz
GVLIBS  := -lgvc -lcgraph -lcdt -L$(GVPLUG) -lgvplugin_dot_layout -Wl,-rpath,$(GVPLUG)
LDLIBS  := -lglpk $(GVLIBS) -lcjson -lm

B       := build
GEN     := $(B)/gen
SRCS    := $(filter-out src/main.c,$(wildcard src/*.c))
OBJS    := $(patsubst src/%.c,$(B)/obj/%.o,$(SRCS)) $(B)/obj/parser.o $(B)/obj/lexer.o
AOBJS   := $(patsubst $(B)/obj/%,$(B)/asan/obj/%,$(OBJS))
INC     := -Isrc -I$(GEN)
ASAN    := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
UNITS   := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))

# Debian packages the build and the tests need, by the file that shows each.
BUILD_PKGS := /usr/bin/flex:flex /usr/bin/bison:bison /usr/include/glpk.h:libglpk-dev \
        /usr/include/graphviz/gvc.h:libgraphviz-dev /usr/include/cjson/cJSON.h:libcjson-dev
TEST_PKGS := /usr/bin/glpsol:glpk-utils /usr/include/cmocka.h:libcmocka-dev \
        /usr/bin/cbc:coinor-cbc /usr/bin/sqlite3:sqlite3 /usr/bin/clang:clang \
        /usr/bin/valgrind:valgrind /usr/lib/postgresql/15/bin/initdb:postgresql \
        /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a:libclang-rt-14-dev \
        /usr/lib/python3/dist-packages/jsonschema/__init__.py:python3-jsonschema \
        /usr/bin/pdflatex:texlive-latex-base /usr/bin/pdftotext:poppler-utils \
        /usr/bin/chromium:chromium /usr/bin/nvim:neovim \
        /usr/bin/vim.basic:vim /usr/bin/node:nodejs /usr/bin/npm:npm

.PHONY: all deps test-deps run test unit golden fmt-check asan-test fuzz-smoke fuzz \
        golden-update bench bench-methods install clean valgrind-test coverage example-page FORCE

all: deps $(B)/dairy

# Install what is missing, once; a stamp keeps later runs instant.
# $(call apt,PKGS): install the packages of PKGS whose file is missing.
apt = @missing=""; for p in $(1); do f=$${p%%:*}; n=$${p\#\#*:}; \
	  [ -e "$$f" ] || missing="$$missing $$n"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
deps: $(B)/.deps
$(B)/.deps:
	$(call apt,$(BUILD_PKGS))
	@mkdir -p $(B) && touch $@
test-deps: $(B)/.test-deps
$(B)/.test-deps: | $(B)/.deps
	$(call apt,$(TEST_PKGS))
	@mkdir -p $(B) && touch $@

# The PREFIX the binary was built for (main.c compiles in its share folder):
# rewritten only when PREFIX changes, so a new PREFIX rebuilds the binary.
$(B)/.prefix: FORCE
	@mkdir -p $(B)
	@[ "$$(cat $@ 2>/dev/null)" = "$(PREFIX)" ] || echo "$(PREFIX)" >$@

$(GEN)/parser.c $(GEN)/parser.h: src/parser.y | $(B)/.deps
	@mkdir -p $(GEN)
	bison -Wall -Werror --defines=$(GEN)/parser.h -o $(GEN)/parser.c $<

$(GEN)/lexer.c $(GEN)/lexer.h: src/lexer.l $(GEN)/parser.h | $(B)/.deps
	@mkdir -p $(GEN)
	flex --header-file=$(GEN)/lexer.h -o $(GEN)/lexer.c $<

HDRS := $(wildcard src/*.h) $(GEN)/parser.h $(GEN)/lexer.h

$(B)/obj/%.o: src/%.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(INC) -c $< -o $@
$(B)/obj/%.o: $(GEN)/%.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) -Wno-unused-function $(INC) -c $< -o $@
$(B)/asan/obj/%.o: src/%.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) -O1 -g $(ASAN) $(INC) -c $< -o $@
$(B)/asan/obj/%.o: $(GEN)/%.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) -O1 -g $(ASAN) -Wno-unused-function $(INC) -c $< -o $@

# Rebuilt from scratch: `ar r` would keep the member of a source file since
# removed or renamed.
$(B)/libdairy.a: $(OBJS)
	rm -f $@ && ar rcs $@ $^
$(B)/asan/libdairy.a: $(AOBJS)
	rm -f $@ && ar rcs $@ $^

# only main.c uses DAIRY_SHARE (the stdlib search, docs/cli.md)
$(B)/dairy: src/main.c $(B)/libdairy.a $(B)/.prefix
	$(CC) $(WARN) $(CFLAGS) $(INC) -DDAIRY_SHARE='"$(SHARE)"' $(filter-out $(B)/.prefix,$^) -o $@ $(LDLIBS)
$(B)/asan/dairy: src/main.c $(B)/asan/libdairy.a $(B)/.prefix
	$(CC) $(WARN) -O1 -g $(ASAN) $(INC) -DDAIRY_SHARE='"$(SHARE)"' $(filter-out $(B)/.prefix,$^) -o $@ $(LDLIBS)

$(B)/unit/%: tests/unit/%.c $(B)/libdairy.a $(wildcard tests/unit/fixture*.h) | $(B)/.test-deps
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(INC) $(filter-out %.h,$^) -o $@ -lcmocka $(LDLIBS)
$(B)/asan/unit/%: tests/unit/%.c $(B)/asan/libdairy.a $(wildcard tests/unit/fixture*.h) | $(B)/.test-deps
	@mkdir -p $(dir $@)
	$(CC) $(WARN) -O1 -g $(ASAN) $(INC) $(filter-out %.h,$^) -o $@ -lcmocka $(LDLIBS)

run: all
	$(B)/dairy run examples/intro.dairy

UNIT_BINS := $(addprefix $(B)/unit/,$(UNITS))
AUNIT_BINS := $(addprefix $(B)/asan/unit/,$(UNITS))

# Everything CI runs.
test: all test-deps $(B)/asan/dairy $(UNIT_BINS) $(AUNIT_BINS)
	@bash tests/run.sh

# One step of tests/run.sh each, by the same scripts.
unit: all test-deps $(UNIT_BINS)
	@bash tests/unit.sh $(B)/unit
golden: all
	@bash tests/golden.sh $(B)/dairy
# the sanitizer binary lives in build/asan/, so it finds stdlib/ through DAIRY_PATH
asan-test: all test-deps $(B)/asan/dairy $(AUNIT_BINS)
	@bash tests/unit.sh $(B)/asan/unit
	@DAIRY_PATH="$(CURDIR)/stdlib" bash tests/golden.sh $(B)/asan/dairy
	@DAIRY_PATH="$(CURDIR)/stdlib" bash tests/examples.sh $(B)/asan/dairy
	@bash tests/io.sh $(B)/asan/dairy
valgrind-test: all test-deps
	@bash tests/valgrind.sh
fmt-check: all
	@bash tests/fmt_props.sh
fuzz-smoke: all test-deps
	@bash tests/fuzz/run.sh 20

# Rewrite the expected files of every golden case, or of CASE alone
# (make golden-update CASE=name, or CASE=folder for the cases of
# tests/golden/folder/): review the diff before committing.
golden-update: all
	@bash tests/golden.sh --update $(B)/dairy $(CASE)

bench: all
	@bash bench/run.sh

# GLPK's methods on the solve benchmark's instances (bench/README.md, issue 14)
bench-methods: all
	@bash bench/run_methods.sh

# The example page README.md links: the HTML report of examples/intro.dairy,
# committed; rewrite it after a change to the HTML report and review the diff.
example-page: all
	$(B)/dairy run examples/intro.dairy --format html -o docs/examples/intro-plan.html

# A long campaign per harness, one process at a time, from the committed
# corpus (tests/fuzz/corpus/); what adds coverage is merged back into it.
FUZZ_SECONDS ?= 300
fuzz: all
	@bash tests/fuzz/run.sh --campaign $(FUZZ_SECONDS)

# Coverage (issue 9): library, binary and unit tests built with --coverage
# -O0 into build/cov/, run over the unit tests, the golden tests and the
# examples (tests/coverage.sh), then reported per file by gcovr for src/.
# The bison and flex actions count as src/parser.y and src/lexer.l lines
# (through the generated files' #line); the rest of the generated
# build/gen/parser.c and lexer.c is not ours and is left out.
COV       := $(B)/cov
COVFLAGS  := --coverage -O0 -g
COBJS     := $(patsubst $(B)/obj/%,$(COV)/obj/%,$(OBJS))
COV_LINE_MIN   ?= 97
COV_BRANCH_MIN ?= 90
# What only the coverage target needs, installed by it alone.
COVPKGS   := /usr/bin/gcovr:gcovr

$(COV)/.deps: | $(B)/.test-deps
	$(call apt,$(COVPKGS))
	@mkdir -p $(COV) && touch $@

$(COV)/obj/%.o: src/%.c $(HDRS) | $(COV)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(COVFLAGS) $(INC) -DDAIRY_SHARE='"$(SHARE)"' -c $< -o $@
$(COV)/obj/%.o: $(GEN)/%.c $(HDRS) | $(COV)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(COVFLAGS) -Wno-unused-function $(INC) -c $< -o $@
$(COV)/libdairy.a: $(COBJS)
	rm -f $@ && ar rcs $@ $^
$(COV)/dairy: $(COV)/obj/main.o $(COV)/libdairy.a
	$(CC) $(COVFLAGS) $^ -o $@ $(LDLIBS)
$(COV)/unit/%: tests/unit/%.c $(COV)/libdairy.a $(wildcard tests/unit/fixture*.h)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(COVFLAGS) $(INC) $(filter-out %.h,$^) -o $@ -lcmocka $(LDLIBS)

coverage: $(COV)/dairy $(addprefix $(COV)/unit/,$(UNITS))
	@COV_LINE_MIN=$(COV_LINE_MIN) COV_BRANCH_MIN=$(COV_BRANCH_MIN) bash tests/coverage.sh $(COV)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(SHARE)/stdlib
	install -m 755 $(B)/dairy $(DESTDIR)$(PREFIX)/bin/dairy
	install -m 644 stdlib/*.dairy $(DESTDIR)$(SHARE)/stdlib/

clean:
	rm -rf $(B)/obj $(B)/asan $(B)/gen $(B)/unit $(B)/dairy $(B)/libdairy.a $(B)/fuzz $(B)/.prefix $(B)/cov
