# Sufler — `make help` lists the targets. The README explains each.
SHELL   := /bin/bash
GO      ?= go
GOROOT  := $(shell $(GO) env GOROOT)
PORT    ?= 8787
BUILD   := build
WASMDIR := $(BUILD)/wasm
# The js/wasm build (and only it) uses this go.work: see wasm/wasmwork/README.md.
WASMWORK := $(abspath $(BUILD)/wasm-work/go.work)
WASMENV := GOWORK=$(WASMWORK) GOOS=js GOARCH=wasm
WASMEXEC := $(GOROOT)/lib/wasm/go_js_wasm_exec
GOSRC   := $(shell find rules knowledge wasm -name node_modules -prune -o \( -name '*.go' -o -name '*.json' -o -name '*.txt' \) -print | grep -v /testdata/) go.mod go.sum

.PHONY: all help test test-go test-wasm test-js test-ext test-bench serve wasm ext bench demo validate fuzz clean deps lint-firefox

all: wasm $(BUILD)/sufler-serve ext ## build everything: the wasm engine and its loader, the native server, the extension

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | sort

deps: ## download Go modules and npm packages (what a fresh machine lacks)
	$(GO) mod download
	cd extension && npm ci --no-audit --no-fund
	cd wasm/bench && npm ci --no-audit --no-fund

$(WASMWORK): $(wildcard wasm/wasmwork/*) go.mod
	wasm/wasmwork/prepare.sh $(BUILD)/wasm-work >/dev/null

wasm: $(WASMDIR)/sufler.wasm $(WASMDIR)/sufler.mjs $(WASMDIR)/wasm_exec.js ## build the engine as wasm plus its JS loader into build/wasm/

$(WASMDIR)/sufler.wasm: $(GOSRC) $(WASMWORK)
	@mkdir -p $(WASMDIR)
	$(WASMENV) $(GO) build -trimpath -ldflags='-s -w' -o $@ ./wasm/cmd/sufler-wasm

$(WASMDIR)/sufler.mjs: wasm/js/sufler.mjs
	@mkdir -p $(WASMDIR)
	cp $< $@

$(WASMDIR)/wasm_exec.js: $(GOROOT)/lib/wasm/wasm_exec.js
	@mkdir -p $(WASMDIR)
	cp $< $@

$(BUILD)/sufler-serve: $(GOSRC)
	$(GO) build -trimpath -o $@ ./wasm/cmd/sufler-serve

serve: ## serve the API on 127.0.0.1:$$PORT (default 8787) with the default packs
	PORT=$(PORT) $(GO) run ./wasm/cmd/sufler-serve

validate: ## check a pack: make validate PACK=path.json
	@test -n "$(PACK)" || { echo 'usage: make validate PACK=path/to/pack.json' >&2; exit 2; }
	$(GO) run ./knowledge/cmd/sufler-pack validate $(PACK)

ext: wasm extension/node_modules ## build the extension (build/extension/{chromium,firefox}, zips)
	cd extension && node build.mjs

extension/node_modules: extension/package-lock.json
	cd extension && npm ci --no-audit --no-fund
	@touch $@

test: test-go test-wasm test-js test-bench test-ext ## run every test: Go, Go under js/wasm, the wasm loader in Node, the extension

test-go: ## Go tests, natively
	$(GO) vet ./...
	$(GO) test -count=1 ./...

test-wasm: $(WASMWORK) ## the rules and knowledge tests compiled to js/wasm, run in Node
	$(WASMENV) $(GO) test -count=1 -exec=$(WASMEXEC) ./rules/... ./knowledge/...

test-js: wasm $(BUILD)/sufler-serve ## the wasm engine through its JS loader, compared byte for byte with the native server
	SUFLER_SERVE=$(abspath $(BUILD)/sufler-serve) SUFLER_WASM_DIR=$(abspath $(WASMDIR)) node --test wasm/js/

# Debian's Chromium drives the browser tests and the demo; installed with apt-get when missing.
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	.ci/install-chromium

# Debian's Firefox ESR (with its Russian language pack) runs the same end-to-end suite a second time.
FIREFOX := /usr/bin/firefox-esr
FIREFOX_RU := /usr/lib/firefox-esr/browser/extensions/langpack-ru@firefox-esr.mozilla.org.xpi
$(FIREFOX) $(FIREFOX_RU):
	.ci/install-firefox

test-ext: ext $(CHROMIUM) $(FIREFOX) $(FIREFOX_RU) ## extension unit tests, then the end-to-end suite in Debian's Chromium and in Firefox ESR
	cd extension && npm run --silent test:unit && npm run --silent lint:firefox && npm run --silent test:e2e

demo: ext $(CHROMIUM) ## open Chromium with the extension on the demo helpdesk (headless without a display: writes build/demo.png)
	cd extension && node demo/run.mjs $(DEMOFLAGS)

lint-firefox: ext ## web-ext lint on the Firefox build
	cd extension && npx --no-install web-ext lint --source-dir ../build/extension/firefox

bench: wasm wasm/bench/node_modules $(BUILD)/bench/native ## the benchmark table with peers (BENCH_SIZES, BENCH_RUNS, BENCH_JSON: see wasm/bench/README.md)
	BENCH_NATIVE=$(abspath $(BUILD)/bench/native) node wasm/bench/bench.mjs

test-bench: wasm wasm/bench/node_modules $(BUILD)/bench/native ## the benchmark harness once at tiny size, so it cannot rot (figures not asserted)
	BENCH_SIZES=50 BENCH_RUNS=1 BENCH_QUERIES=50 BENCH_CHECKS=50 BENCH_JSON=$(BUILD)/bench-smoke.json \
		BENCH_NATIVE=$(abspath $(BUILD)/bench/native) node wasm/bench/bench.mjs > $(BUILD)/bench-smoke.txt
	@echo "bench smoke run: ok (table in $(BUILD)/bench-smoke.txt)"

$(BUILD)/bench/native: $(GOSRC)
	$(GO) build -trimpath -o $@ ./wasm/bench/native

wasm/bench/node_modules: wasm/bench/package-lock.json
	cd wasm/bench && npm ci --no-audit --no-fund
	@touch $@

FUZZ := wasm/api:FuzzCheck wasm/api:FuzzPutPack wasm/api:FuzzReadCheck wasm/api:FuzzAppendString knowledge:FuzzParse knowledge:FuzzPut knowledge:FuzzQuery knowledge:FuzzDepth knowledge:FuzzForms knowledge:FuzzRuneAt rules:FuzzCheck rules:FuzzCompile
fuzz: ## run every fuzz target for a while (FUZZTIME each, default 30s)
	@for t in $(FUZZ); do \
		echo "== $$t"; \
		$(GO) test ./$${t%%:*} -run='^$$' -fuzz="^$${t##*:}$$" -fuzztime=$${FUZZTIME:-30s} || exit 1; \
	done

clean: ## remove build outputs
	rm -rf $(BUILD)
