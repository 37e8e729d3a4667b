# entente: build, test, install.
#
#   make            build the library and the program (build/)
#   make run        install missing packages, build, run the default scenario
#   make test       build and run the whole test suite
#   make asan       the suite under AddressSanitizer + UndefinedBehaviorSanitizer
#   make bench      benchmark figures
#   make install PREFIX=/usr/local
#   make clean

PKG_CONFIG ?= pkg-config
PKGS       := gsl yaml-0.1 nettle
PREFIX     ?= /usr/local
BUILD      ?= build
SCENARIO   ?= scenarios/nato_burden_sharing.yaml
VERSION    := $(shell cat engine/VERSION 2>/dev/null || echo 0.0.0)

CC       ?= cc
OPT      ?= -O2
WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wold-style-definition -Wwrite-strings -Wundef
CFLAGS   += -DENT_DATADIR='"$(PREFIX)/share/entente"' -std=c11 $(OPT) -g $(WARN) -fopenmp -D_POSIX_C_SOURCE=200809L \
            -DENT_VERSION='"$(VERSION)"' -Iengine/include -Iengine/src -MMD -MP
LDLIBS   += -fopenmp -lm

ifdef SANITIZE
CFLAGS   += -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
LDFLAGS  += -fsanitize=address,undefined
endif

# pkg-config is asked only when building, so that `make deps` works on a bare machine.
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)

LIB_SRC  := $(sort $(wildcard engine/src/*.c))
CLI_SRC  := $(sort $(wildcard engine/cli/*.c))
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))

LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
# LD_PRELOAD library of tests/cli/test_faults.sh; never sanitized (it is
# loaded into the program, whose own build may be)
FAULT_SHIM := $(BUILD)/tests/libentente_fault.so

LIB      := $(BUILD)/libentente.a
BIN      := $(BUILD)/entente

.PHONY: all deps deps-test run test check asan bench install clean
all: $(BIN)

deps:
	@sh engine/tools/deps.sh

deps-test:
	@sh engine/tools/deps.sh test

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC  $<"
	@$(CC) $(CFLAGS) $(PKG_CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@rm -f $@
	@echo "  AR  $@"
	@ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIB)
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

run: deps
	@$(MAKE) --no-print-directory all
	./$(BIN) run $(SCENARIO)
	@if command -v gnuplot >/dev/null 2>&1 && [ -x $(BIN) ] && ./$(BIN) help plot >/dev/null 2>&1; then \
	  ./$(BIN) plot results/nato_burden_sharing; fi

test check: deps-test
	@$(MAKE) --no-print-directory all $(TEST_BIN) $(FAULT_SHIM)
	@sh tests/run_all.sh $(BUILD)

asan:
	@$(MAKE) --no-print-directory test BUILD=build-asan SANITIZE=1 OPT=-O1

bench: deps
	@$(MAKE) --no-print-directory all
	@sh tests/bench.sh $(BUILD)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include/entente \
	  $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/entente/scenarios
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/entente
	install -m 644 $(LIB) $(DESTDIR)$(PREFIX)/lib/libentente.a
	install -m 644 engine/include/entente/*.h $(DESTDIR)$(PREFIX)/include/entente/
	install -m 644 engine/man/entente.1 $(DESTDIR)$(PREFIX)/share/man/man1/entente.1
	cp -R scenarios/. $(DESTDIR)$(PREFIX)/share/entente/scenarios/
	install -d $(DESTDIR)$(PREFIX)/share/entente/plots
	install -m 644 plots/*.gp $(DESTDIR)$(PREFIX)/share/entente/plots/

clean:
	rm -rf build build-asan

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_BIN:=.d)
