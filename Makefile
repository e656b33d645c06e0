# Carson: every entry point a developer or CI needs. `make demo` and `make test` install what is
# missing on a fresh Debian machine (as root), build, and run.
SHELL := /bin/bash
export PATH := /opt/swift/usr/bin:$(PATH)
SWIFT ?= swift
BIN = .build/release/carson
FUZZ_SECONDS ?= 600

.PHONY: all build demo test test-lsp deps docker-engine bench fuzz fuzz-build clean

all: build

# Debian packages the build and tests need, installed only when missing: libxml2 for the Swift
# toolchain's own tools (swift-build links it; Carson no longer does), git for checkout variables
# and changelogs, docker.io and busybox-static for Docker agents and their test image,
# libgit2-dev for <git2.h> and libgit2 1.5 (loaded at run time), libcurl4-openssl-dev for
# <curl/curl.h> (GitLab API; libcurl is loaded at run time), openssh-server for the tests of git
# over SSH, zsh (about 19 MB, no new dependencies) for the tests of `carson completion zsh`; fish
# is left out (it pulls in python3 and man-db), and its completion tests run only where it is.
# `bench` also wants GNU time for peak RSS.
APT_PACKAGES := libxml2 git docker.io busybox-static libgit2-dev libcurl4-openssl-dev openssh-server zsh
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
endef

deps:
	@command -v $(SWIFT) >/dev/null || { echo "error: the Swift 6 toolchain is not on PATH (expected /opt/swift/usr/bin)"; exit 1; }
	$(call apt_install,$(APT_PACKAGES))

# Statically linked: cold start is the cost of exec, not of loading Foundation (docs/architecture.md).
RELEASE_FLAGS = -c release --static-swift-stdlib

build: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product carson
	$(SWIFT) build $(RELEASE_FLAGS) --product carson-shim

# A Docker engine for the Docker tests and the demo, and Carson's test image (.ci/docker-engine).
docker-engine: deps
	@.ci/docker-engine

demo: build docker-engine
	@echo '$$ carson lint fixtures/demo/Jenkinsfile'
	@$(BIN) lint fixtures/demo/Jenkinsfile
	@echo
	@echo '$$ carson lint fixtures/demo/broken.Jenkinsfile   # every error of the file, with Jenkins messages'
	@$(BIN) lint fixtures/demo/broken.Jenkinsfile || true
	@echo
	@echo '$$ carson run fixtures/demo/Jenkinsfile -a DEPLOY=true --log-format plain'
	@$(BIN) run fixtures/demo/Jenkinsfile -a DEPLOY=true --log-format plain --workspace .build/demo-workspace --job-name demo
	@echo
	@echo '$$ carson run fixtures/demo/Jenkinsfile --dry-run --branch feature/x --log-format console'
	@NO_COLOR=1 $(BIN) run fixtures/demo/Jenkinsfile --dry-run --branch feature/x --log-format console --workspace .build/demo-workspace --job-name demo
	@echo
	@if docker image inspect carson-test/busybox:latest >/dev/null 2>&1; then \
	  echo '$$ carson run fixtures/demo/docker/Jenkinsfile --log-format plain   # Docker agents'; \
	  $(BIN) run fixtures/demo/docker/Jenkinsfile --log-format plain --workspace .build/demo-docker-workspace --job-name demo-docker; \
	else echo 'SKIPPED the Docker demo: no Docker engine here (see make docker-engine)'; fi
	@echo
	@echo '$$ carson run --repo file://$$PWD --jenkinsfile fixtures/demo/Jenkinsfile   # clone with libgit2, run from the clone'
	@$(BIN) run --repo file://$(CURDIR) --jenkinsfile fixtures/demo/Jenkinsfile --workspace .build/demo-repo-workspace --job-name demo-repo --log-format plain --stage Build

test: deps docker-engine
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) --no-print-directory test-lsp

# End-to-end tests of `carson lsp` with a real LSP client: pytest-lsp (PyPI) in a virtualenv under
# .build, created only when missing, drives the debug binary over stdio (Tests/lsp-e2e).
LSP_VENV = .build/venv
$(LSP_VENV)/bin/pytest:
	$(call apt_install,python3 python3-venv)
	python3 -m venv $(LSP_VENV)
	$(LSP_VENV)/bin/pip install --quiet pytest-lsp==1.0.1

test-lsp: $(LSP_VENV)/bin/pytest
	$(SWIFT) build --product carson
	PYTHONDONTWRITEBYTECODE=1 $(LSP_VENV)/bin/pytest -q -p no:cacheprovider Tests/lsp-e2e

bench: deps docker-engine
	$(call apt_install,time)
	$(SWIFT) build $(RELEASE_FLAGS) --product carson
	$(SWIFT) build $(RELEASE_FLAGS) --product carson-shim
	$(SWIFT) build $(RELEASE_FLAGS) --product carson-bench
	.build/release/carson-bench

# libFuzzer target for the lexer, parser and validator (see docs/fuzzing.md). The modules are
# compiled with the fuzzer and address sanitizers, outside SwiftPM (libFuzzer brings its own main).
FUZZ_DIR = .build/fuzz
FUZZ_FLAGS = -O -g -sanitize=fuzzer,address -parse-as-library
fuzz-build: deps
	mkdir -p $(FUZZ_DIR)
	$(SWIFT)c $(FUZZ_FLAGS) -sanitize=fuzzer,address -emit-module -emit-library -static -module-name CarsonSyntax \
	  -emit-module-path $(FUZZ_DIR)/CarsonSyntax.swiftmodule -o $(FUZZ_DIR)/libCarsonSyntax.a Sources/CarsonSyntax/*.swift
	$(SWIFT)c $(FUZZ_FLAGS) -emit-module -emit-library -static -module-name CarsonModel -I $(FUZZ_DIR) \
	  -emit-module-path $(FUZZ_DIR)/CarsonModel.swiftmodule -o $(FUZZ_DIR)/libCarsonModel.a Sources/CarsonModel/*.swift
	$(SWIFT)c $(FUZZ_FLAGS) -I $(FUZZ_DIR) -L $(FUZZ_DIR) -lCarsonModel -lCarsonSyntax Tests/Fuzz/FuzzLint.swift -o $(FUZZ_DIR)/fuzz-lint

fuzz: fuzz-build
	mkdir -p $(FUZZ_DIR)/corpus
	$(FUZZ_DIR)/fuzz-lint -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
	  -print_final_stats=1 $(FUZZ_DIR)/corpus ../shared/conformance/jenkinsfiles ../shared/realworld/files fixtures/demo

clean:
	rm -rf .build
