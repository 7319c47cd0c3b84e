# gradschool: two commands set everything up on a fresh Debian machine with Swift installed.
#   make run    install missing system packages, build in release mode, start the tutor
#   make test   install missing system packages, run the whole test suite
#   make bench  build in release mode and measure the engine's speed

SWIFT ?= swift
SYSTEM_PACKAGES := libncurses-dev libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config tmux
ARGS ?=

.PHONY: run test bench build release deps python-deps check-lessons clean

# The model-file tests read files back with Python's safetensors and NumPy. When python3 lacks them, pip
# installs them into a folder of the build (never into the system), and the tests find them there.
PYTHON_PACKAGES := $(CURDIR)/.build/python

# Installs only what is missing, with sudo when not root.
deps:
	@missing=""; \
	for package in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  if [ "$$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  $$sudo apt-get update -qq && \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

release: deps
	$(SWIFT) build -c release --product gradschool

run: release
	.build/release/gradschool $(ARGS)

build: deps
	$(SWIFT) build

python-deps:
	@if command -v python3 >/dev/null && ! PYTHONPATH=$(PYTHON_PACKAGES) python3 -c 'import numpy, safetensors' 2>/dev/null; then \
	  echo "Installing numpy and safetensors into $(PYTHON_PACKAGES)"; \
	  python3 -m pip install --quiet --target $(PYTHON_PACKAGES) numpy safetensors; \
	fi

test: build python-deps
	PYTHONPATH=$(PYTHON_PACKAGES)$${PYTHONPATH:+:$$PYTHONPATH} $(SWIFT) test
	@$(MAKE) --no-print-directory check-lessons

check-lessons:
	.build/debug/gradschool check lessons

bench: release
	.build/release/gradschool bench

clean:
	rm -rf .build
