# Carson: every entry point a developer or CI needs. `make demo` and `make test` install what is
# missing on a fresh Debian machine (as root), build, and run.
SHELL := /bin/bash
export PATH := /opt/swift/usr/bin:$(PATH)
SWIFT ?= swift
CONFIG ?= release
BIN = .build/$(CONFIG)/carson
FUZZ_SECONDS ?= 600

.PHONY: all build demo test deps bench fuzz fuzz-build clean

all: build

# Debian packages the build and tests need; installed only when missing.
APT_PACKAGES :=
deps:
	@command -v $(SWIFT) >/dev/null || { echo "error: the Swift 6 toolchain is not on PATH (expected /opt/swift/usr/bin)"; exit 1; }
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build -c $(CONFIG) --product carson

demo: build
	@echo '$$ carson lint fixtures/demo/Jenkinsfile'
	@$(BIN) lint fixtures/demo/Jenkinsfile
	@echo
	@echo '$$ carson lint fixtures/demo/broken.Jenkinsfile   # every error of the file, with Jenkins messages'
	@$(BIN) lint fixtures/demo/broken.Jenkinsfile || true

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: deps
	$(SWIFT) build -c release --product carson --product carson-bench
	.build/release/carson-bench

# libFuzzer target for the lexer, parser and validator (see docs/fuzzing.md).
fuzz-build: deps
	mkdir -p .build/fuzz
	$(SWIFT)c -O -sanitize=fuzzer,address -parse-as-library -module-name CarsonFuzz \
	  Sources/CarsonSyntax/*.swift Sources/CarsonModel/*.swift Tests/Fuzz/FuzzLint.swift -o .build/fuzz/fuzz-lint

fuzz: fuzz-build
	mkdir -p .build/fuzz/corpus
	.build/fuzz/fuzz-lint -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	  -max_len=65536 .build/fuzz/corpus ../shared/conformance/jenkinsfiles ../shared/realworld/files fixtures

clean:
	rm -rf .build
