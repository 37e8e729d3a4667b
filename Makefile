# SPDX-License-Identifier: GPL-3.0-or-later
# entente: build, test, install.
#
#   make            build the library and the program (build/)
#   make run        install missing packages, build, run the default scenario
#   make test       build and run the whole test suite
#   make asan       the suite under AddressSanitizer + UndefinedBehaviorSanitizer
#   make valgrind   the suite's programs and commands under valgrind (memcheck)
#   make fuzz       libFuzzer on every input reader, FUZZ_SECONDS each (build-fuzz/)
#   make bench      benchmark figures (make bench-memory: the memory part alone)
#   make install PREFIX=/usr/local
#   make clean

PKG_CONFIG ?= pkg-config
PKGS       := gsl yaml-0.1 nettle jansson gmp
PREFIX     ?= /usr/local
BUILD      ?= build
SCENARIO   ?= scenarios/nato_burden_sharing.yaml
VERSION    := $(shell cat engine/VERSION 2>/dev/null || echo 0.0.0)

CC       ?= cc
OPT      ?= -O2
WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wold-style-definition -Wwrite-strings -Wundef
# -fno-math-errno: nothing reads errno after a math call, and without it every
# sqrt carries a test and a call for negative arguments (results are the same)
CFLAGS   += -DENT_DATADIR='"$(PREFIX)/share/entente"' -std=c11 $(OPT) -g $(WARN) -fopenmp -D_POSIX_C_SOURCE=200809L \
            -fno-math-errno -DENT_VERSION='"$(VERSION)"' -Iengine/include -Iengine/src -MMD -MP
LDLIBS   += -lcsv -fopenmp -lm

ifeq ($(SANITIZE),fuzz)
# the library and the readers instrumented for libFuzzer (clang); the
# targets add -fsanitize=fuzzer when linked
CFLAGS   += -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
# the loaders evaluate every check with '|' on purpose, to report every error at once
CFLAGS   += -Wno-bitwise-instead-of-logical
LDFLAGS  += -fsanitize=address,undefined
else ifdef SANITIZE
CFLAGS   += -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
LDFLAGS  += -fsanitize=address,undefined
endif

# ---- MPI: sweeps over the processes of mpirun --------------------------------
# make MPI=1 builds, with mpicc (Open MPI from Debian: make deps-mpi), an
# entente whose `sweep` shares its runs among the processes of
# `mpirun -np K`, into build-mpi/ unless BUILD is given. Without MPI=1
# nothing needs MPI: engine/src/sweep/sweep_mpi.c is then the one-process stub.
#   make test-mpi    install Open MPI, build both, run tests/mpi/test_mpi.sh
#   make bench-mpi   throughput and MPI overhead of 1, 2 and 4 processes
MPICC ?= mpicc
ifeq ($(MPI),1)
CC     := $(MPICC)
CFLAGS += -DENT_MPI
ifeq ($(origin BUILD),file)
BUILD  := build-mpi
endif
endif
# (its targets are at the end of this file)
# ---- end of MPI variables -------------------------------------------------------

# pkg-config is asked only when building, so that `make deps` works on a bare machine.
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)

# The program is linked statically (static-pie: still placed at a random
# address) unless sanitized or built with MPI: then it starts in about a third
# of the time, for with eleven shared libraries loading them was most of a
# short command (`entente solve` on a 2x2 game: tests/bench/nash.sh). Debian's
# -dev packages ship the static archives; if the static link fails anyway,
# the program is linked against the shared libraries, and says so. STATIC=0
# asks for that. (--no-warnings: GCC's static OpenMP library warns that it
# could dlopen offloading plugins, which entente never uses.)
STATIC ?= 1
ifneq ($(SANITIZE)$(filter 1,$(MPI)),)
STATIC := 0
endif
PKG_LIBS_STATIC = $(shell $(PKG_CONFIG) --libs --static $(PKGS) 2>/dev/null)

LIB_SRC  := $(sort $(shell find engine/src -name "*.c"))
# the classroom server is a program of its own, entente-classroom, which
# `entente classroom` starts (engine/cli/classroom_launch.c): its web library
# (libmicrohttpd, with GnuTLS) cannot be linked statically
CLASSROOM_SRC := engine/cli/cmd_classroom.c engine/cli/classroom_http.c engine/cli/classroom_world.c \
                 engine/cli/classroom_assets.c engine/cli/classroom_main.c
CLI_SRC  := $(filter-out $(CLASSROOM_SRC),$(sort $(wildcard engine/cli/*.c)))
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))

LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
CLASSROOM_OBJ := $(CLASSROOM_SRC:%.c=$(BUILD)/%.o)
CLASSROOM_BIN := $(BUILD)/entente-classroom
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
# LD_PRELOAD library of tests/cli/test_faults.sh; never sanitized (it is
# loaded into the program, whose own build may be)
FAULT_SHIM := $(BUILD)/tests/libentente_fault.so

LIB      := $(BUILD)/libentente.a
BIN      := $(BUILD)/entente
# the same program linked against the shared libraries, for the tests that
# interpose C library calls with LD_PRELOAD (tests/faults), which a static
# program does not load
DYN_BIN  := $(BUILD)/entente-dynamic

# fuzz targets (tests/fuzz/fuzz_NAME.c): libFuzzer programs in build-fuzz/fuzz/,
# and replay programs (the same target, fed files by tests/fuzz/replay.c) that
# make test runs over tests/fuzz/regressions
FUZZ_TARGETS := $(sort $(patsubst tests/fuzz/fuzz_%.c,%,$(filter-out tests/fuzz/fuzz_common.c,$(wildcard tests/fuzz/fuzz_*.c))))
FUZZ_SECONDS ?= 60
FUZZ_BUILD   := build-fuzz
FUZZ_CC      ?= clang
CLI_LIB_OBJ  := $(filter-out $(BUILD)/engine/cli/main.o,$(CLI_OBJ))
FUZZ_COMMON  := tests/fuzz/fuzz_common.c tests/fuzz/fuzz.h
REPLAY_BIN   := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/replay_%)
FUZZ_BIN     := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/fuzz_%)

.PHONY: all deps deps-test deps-fuzz deps-valgrind run test test-bin check asan valgrind fuzz fuzz-bin bench bench-memory install clean
all: $(BIN) $(CLASSROOM_BIN)

deps:
	@sh engine/tools/deps.sh

deps-test:
	@sh engine/tools/deps.sh test

deps-fuzz:
	@sh engine/tools/deps.sh fuzz

deps-valgrind:
	@sh engine/tools/deps.sh valgrind

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC  $<"
	@$(CC) $(CFLAGS) $(PKG_CFLAGS) -c $< -o $@

# the classroom page (engine/cli/classroom/), embedded in the program
engine/cli/classroom_assets.c: $(wildcard engine/cli/classroom/*.html engine/cli/classroom/*.js engine/cli/classroom/*.css) engine/tools/embed.sh
	@echo "  GEN $@"
	@sh engine/tools/embed.sh engine/cli/classroom $@

$(LIB): $(LIB_OBJ)
	@rm -f $@
	@echo "  AR  $@"
	@ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIB)
	@echo "  LD  $@"
ifeq ($(STATIC),1)
	@$(CC) $(LDFLAGS) -static-pie -Wl,--no-warnings -o $@ $(CLI_OBJ) $(LIB) $(PKG_LIBS_STATIC) $(LDLIBS) \
	  2>$@.log || { cat $@.log; echo "  (static link failed: linking against the shared libraries)"; \
	  $(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(PKG_LIBS) $(LDLIBS); }
	@rm -f $@.log
else
	@$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(PKG_LIBS) $(LDLIBS)
endif

$(CLASSROOM_OBJ): CFLAGS += $(shell $(PKG_CONFIG) --cflags libmicrohttpd 2>/dev/null)
$(CLASSROOM_BIN): $(CLASSROOM_OBJ) $(CLI_LIB_OBJ) $(LIB)
	@echo "  LD  $@"
	@$(CC) $(LDFLAGS) -o $@ $(CLASSROOM_OBJ) $(CLI_LIB_OBJ) $(LIB) $(PKG_LIBS) \
	  $(shell $(PKG_CONFIG) --libs libmicrohttpd 2>/dev/null) $(LDLIBS)

$(DYN_BIN): $(CLI_OBJ) $(LIB)
	@echo "  LD  $@"
	@$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(PKG_LIBS) $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(dir $@)
	@echo "  LD  $@"
	@$(CC) $(CFLAGS) $(PKG_CFLAGS) -Itests/unit -o $@ $< $(LIB) $(PKG_LIBS) -lcmocka $(LDFLAGS) $(LDLIBS)

$(FAULT_SHIM): tests/faults/fault_shim.c
	@mkdir -p $(dir $@)
	@echo "  LD  $@"
	@$(CC) -std=c11 -O2 -g $(WARN) -fPIC -shared -o $@ $< -ldl -lpthread

$(BUILD)/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(FUZZ_COMMON) $(CLI_LIB_OBJ) $(LIB)
	@mkdir -p $(dir $@)
	@echo "  LD  $@"
	@$(CC) $(CFLAGS) $(PKG_CFLAGS) -Iengine/cli -Itests/fuzz -o $@ $< tests/fuzz/replay.c \
	  tests/fuzz/fuzz_common.c $(CLI_LIB_OBJ) $(LIB) $(PKG_LIBS) $(LDFLAGS) $(LDLIBS)

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_COMMON) $(CLI_LIB_OBJ) $(LIB)
	@mkdir -p $(dir $@)
	@echo "  LD  $@"
	@$(CC) $(CFLAGS) -fsanitize=fuzzer $(PKG_CFLAGS) -Iengine/cli -Itests/fuzz -o $@ $< \
	  tests/fuzz/fuzz_common.c $(CLI_LIB_OBJ) $(LIB) $(PKG_LIBS) $(LDFLAGS) -fsanitize=fuzzer $(LDLIBS)

run: deps
	@$(MAKE) --no-print-directory all
	./$(BIN) run $(SCENARIO)
	@if command -v gnuplot >/dev/null 2>&1 && [ -x $(BIN) ] && ./$(BIN) help plot >/dev/null 2>&1; then \
	  ./$(BIN) plot results/nato_burden_sharing; fi

test-bin: all $(TEST_BIN) $(REPLAY_BIN) $(FAULT_SHIM) $(DYN_BIN)

test check: deps-test
	@$(MAKE) --no-print-directory test-bin
	@sh tests/run_all.sh $(BUILD)

asan:
	@$(MAKE) --no-print-directory test BUILD=build-asan SANITIZE=1 OPT=-O1

# The suite with every entente command, cmocka binary and replay program under
# valgrind: errors or definite leaks exit 99, which fails the test that ran them.
valgrind: deps-valgrind deps-test
	@$(MAKE) --no-print-directory test-bin BUILD=build-valgrind OPT=-O1 STATIC=0
	@sh tests/valgrind.sh build-valgrind

fuzz-bin: $(FUZZ_BIN)

fuzz: deps-fuzz
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory fuzz-bin BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) SANITIZE=fuzz OPT=-O1
	@sh tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) "$(FUZZ_TARGETS)" $(BIN)

bench: deps
	@$(MAKE) --no-print-directory all
	@# the MPI build too, when Open MPI is installed, so its figures are of this source
	@if command -v $(MPICC) >/dev/null 2>&1; then $(MAKE) --no-print-directory all MPI=1 BUILD=build-mpi; fi
	@sh tests/bench.sh $(BUILD)

# peak memory of one point against its replicates alone (part of make bench)
bench-memory: deps
	@$(MAKE) --no-print-directory all
	@ENTENTE="$(CURDIR)/$(BUILD)/entente" ENTENTE_ROOT="$(CURDIR)" sh tests/bench/memory.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include/entente \
	  $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/entente/scenarios
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/entente
	install -m 755 $(CLASSROOM_BIN) $(DESTDIR)$(PREFIX)/bin/entente-classroom
	install -m 644 $(LIB) $(DESTDIR)$(PREFIX)/lib/libentente.a
	install -m 644 engine/include/entente/*.h $(DESTDIR)$(PREFIX)/include/entente/
	install -m 644 engine/man/entente.1 $(DESTDIR)$(PREFIX)/share/man/man1/entente.1
	cp -R scenarios/. $(DESTDIR)$(PREFIX)/share/entente/scenarios/
	install -d $(DESTDIR)$(PREFIX)/share/entente/plots
	install -m 644 plots/*.gp $(DESTDIR)$(PREFIX)/share/entente/plots/

# ---- shared library, pkg-config file, installation of the library --------
# libentente.so.MAJOR -> libentente.so.VERSION beside libentente.a, from the
# same objects: position-independent, every symbol hidden but what the public
# headers declare (engine/include/entente/export.h).
SOVERSION  := $(firstword $(subst ., ,$(VERSION)))
SONAME     := libentente.so.$(SOVERSION)
SHLIB      := $(BUILD)/libentente.so.$(VERSION)
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include

$(LIB_OBJ): CFLAGS += -fPIC -fvisibility=hidden -fno-semantic-interposition

all: $(SHLIB)

$(SHLIB): $(LIB_OBJ)
	@echo "  LD  $@"
	@$(CC) -shared -Wl,-soname,$(SONAME) $(LDFLAGS) -o $@ $(LIB_OBJ) $(PKG_LIBS) $(LDLIBS)
	@ln -sf libentente.so.$(VERSION) $(BUILD)/$(SONAME)
	@ln -sf $(SONAME) $(BUILD)/libentente.so

.PHONY: install-lib
install: install-lib
install-lib: all
	install -d $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR)/entente $(DESTDIR)$(PREFIX)/share/doc/entente
	install -m 755 $(SHLIB) $(DESTDIR)$(LIBDIR)/libentente.so.$(VERSION)
	ln -sf libentente.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libentente.so
	install -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/libentente.a
	install -m 644 engine/include/entente/*.h $(DESTDIR)$(INCLUDEDIR)/entente/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
	  -e 's|@VERSION@|$(VERSION)|' engine/entente.pc.in >$(DESTDIR)$(LIBDIR)/pkgconfig/entente.pc
	chmod 644 $(DESTDIR)$(LIBDIR)/pkgconfig/entente.pc
	install -m 644 LICENSE README.md engine/docs/api.md $(DESTDIR)$(PREFIX)/share/doc/entente/
# ---- end of the shared library block ---------------------------------------


clean:
	rm -rf build build-asan build-valgrind $(FUZZ_BUILD)

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(CLASSROOM_OBJ:.o=.d) $(TEST_BIN:=.d) $(REPLAY_BIN:=.d) $(FUZZ_BIN:=.d)

# ---- MPI targets (variables in the MPI block above) ---------------------------
.PHONY: deps-mpi test-mpi bench-mpi clean-mpi
deps-mpi:
	@sh engine/tools/deps.sh mpi
test-mpi: deps-mpi deps-test
	@# the fault library fakes a small disk for one test
	@$(MAKE) --no-print-directory all build/tests/libentente_fault.so BUILD=build
	@$(MAKE) --no-print-directory all MPI=1 BUILD=build-mpi
	@sh tests/mpi/run.sh build build-mpi
bench-mpi: deps-mpi
	@$(MAKE) --no-print-directory all BUILD=build
	@$(MAKE) --no-print-directory all MPI=1 BUILD=build-mpi
	@sh tests/bench/mpi.sh build build-mpi
clean-mpi:
	rm -rf build-mpi
clean: clean-mpi
# ---- end of MPI ---------------------------------------------------------------
