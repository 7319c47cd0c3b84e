# gradschool: two commands set everything up on a fresh Debian machine with Swift installed.
#   make run    install missing system packages, build in release mode, start the tutor
#   make test   install missing system packages, run the whole test suite
#   make bench  build in release mode and measure the engine's speed
#   make sanitize   the whole test suite under AddressSanitizer, then ThreadSanitizer (each in its own build folder)
#   make fuzz       the fuzz tests with many more mutations (FUZZ_COUNT, FUZZ_SEED)

SWIFT ?= swift
SYSTEM_PACKAGES := libncurses-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libsqlite3-dev pkg-config tmux
ARGS ?=

.PHONY: run test test-pytorch bench build release deps python-deps check-lessons clean sanitize sanitize-address sanitize-thread fuzz

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

# PyTorch itself (with the CUDA libraries its only Linux wheel needs: about 5 GB, so `make test` leaves it
# out and its NumPy references check the same files). This installs it beside numpy and safetensors and runs
# the suite that loads model files in PyTorch, trains beside torch.optim and runs the deploy lesson's code.
TORCH_PACKAGES := $(CURDIR)/.build/torch

test-pytorch: build python-deps
	@if ! PYTHONPATH=$(TORCH_PACKAGES):$(PYTHON_PACKAGES) python3 -c 'import torch' 2>/dev/null; then \
	  echo "Installing PyTorch into $(TORCH_PACKAGES)"; \
	  python3 -m pip install --quiet --target $(TORCH_PACKAGES) torch; \
	fi
	PYTHONPATH=$(TORCH_PACKAGES):$(PYTHON_PACKAGES)$${PYTHONPATH:+:$$PYTHONPATH} $(SWIFT) test --filter PyTorchTests

check-lessons:
	.build/debug/gradschool check lessons

bench: release
	.build/release/gradschool bench

# Allocation-counting tests skip themselves under a sanitizer, which replaces malloc itself. Leak reports
# are off: the runtime's and Foundation's process-lifetime caches are reported at exit as leaks.
sanitize: sanitize-address sanitize-thread

sanitize-address: deps
	$(SWIFT) build --sanitize=address --build-path .build/asan
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --sanitize=address --build-path .build/asan

sanitize-thread: deps
	$(SWIFT) build --sanitize=thread --build-path .build/tsan
	$(SWIFT) test --sanitize=thread --build-path .build/tsan

FUZZ_COUNT ?= 20000
FUZZ_SEED ?= $(shell date +%s)
fuzz: build
	GRADSCHOOL_FUZZ_COUNT=$(FUZZ_COUNT) GRADSCHOOL_FUZZ_SEED=$(FUZZ_SEED) $(SWIFT) test --filter 'Fuzz'

clean:
	rm -rf .build
