# admmlab: regenerate every table and figure of Zeng, Lin, Yao & Zhou (JMLR 2021).
#
#   make paper              fetch data, run the quick profile, render results/
#   make paper PROFILE=smoke|points|full   render results/<profile>/ instead
#   make points             recompute the archived points runs as they were run (hours), then make paper
#   make verify             recompute a 2% sample of the archived quick runs, bit for bit
#   make test               vet, unit and end-to-end tests, short fuzz runs
#   make bench              solver benchmarks, with PyTorch as the peer
#   make bench PEER=1       also the PyTorch peer's accuracy on a table's chosen SGD-family runs
#   make diff A=rev B=rev   compare the reported numbers of two commits

PROFILE  ?= quick
ADMMLAB_SHARED ?= $(abspath ../shared)
export ADMMLAB_SHARED
DATA_DIR ?= $(ADMMLAB_SHARED)/data
STORE    ?= results/runs.db
# Each profile renders into its own place, so that one never overwrites
# another's committed report: quick into results/, every other profile into
# results/<profile>/ (results/smoke/ is not committed; see .gitignore).
OUT      ?= $(if $(filter quick,$(PROFILE)),results,results/$(PROFILE))
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
# A count, not a duration: with a duration the Go fuzzing coordinator can
# race its own deadline and fail with "context deadline exceeded" on a busy
# machine, having found nothing (golang/go#75804). ~3 s per target here.
FUZZTIME ?= 50000x

# The solvers compute every result on their own kernels, the same bits on
# every machine, whatever BLAS is linked. BLAS=openblas links OpenBLAS for the
# gonum calls outside them all the same (its version and the core type it
# picks then become part of every run's cache key); the default is gonum's
# pure-Go BLAS. OPENBLAS says whether libopenblas-dev is installed, for the
# checks below that compare OpenBLAS core types.
BLAS ?= gonum
OPENBLAS := $(shell test -e /usr/include/x86_64-linux-gnu/cblas.h -o -e /usr/include/cblas.h -o -e /usr/include/openblas/cblas.h && echo 1)
ifeq ($(BLAS),openblas)
TAGS := -tags openblas
endif

GO  ?= go
BIN := bin/admmlab

.PHONY: all build paper points verify test bits vet lint fuzz bench diff clean

all: build

build:
	$(GO) build $(TAGS) -o $(BIN) ./cmd/admmlab

# The run archive (results/archive/<profile>/, see the README): paper imports
# the archived runs that this build would compute with the same key (so a
# fresh clone of a commit whose archive is current runs nothing), runs the
# rest, renders, and exports the profile's runs and the points runs the
# report shows back into the archive, removing run files no plan names.
# (It runs only PROFILE: points runs archived under other code are left out
# until `make points` recomputes them; see the README.)
ARCHIVE ?= results/archive
SAMPLE  ?= 2
SEED    ?= 1

paper: build
	$(BIN) data fetch --data-dir $(DATA_DIR)
	$(BIN) archive import --archive $(ARCHIVE) --profile $(PROFILE),points --store $(STORE) --data-dir $(DATA_DIR)
	$(BIN) run --profile $(PROFILE) --store $(STORE) --data-dir $(DATA_DIR) -j $(JOBS)
	$(BIN) report --profile $(PROFILE) --store $(STORE) --data-dir $(DATA_DIR) --out $(OUT)
	$(BIN) archive export --archive $(ARCHIVE) --profile $(PROFILE),points --store $(STORE)

# After a change of solver code: recompute the points runs the archive holds,
# each experiment at the trials it was run with (hours: `admmlab plan
# --profile points --trials archived` estimates them); the next make paper
# renders and exports them.
points: build
	$(BIN) data fetch --data-dir $(DATA_DIR)
	$(BIN) archive import --archive $(ARCHIVE) --profile points --store $(STORE) --data-dir $(DATA_DIR)
	$(BIN) run --profile points --trials archived --archive $(ARCHIVE) --store $(STORE) --data-dir $(DATA_DIR) -j $(JOBS)

# Recompute a seeded 2% sample of the quick archive and compare it bit for bit.
verify: build
	$(BIN) verify --archive $(ARCHIVE) --profile quick --sample $(SAMPLE) --seed $(SEED) --data-dir $(DATA_DIR) -j $(JOBS)

# purego builds the portable kernels that replace the assembly off amd64.
vet:
	$(GO) vet $(TAGS) ./...
	$(GO) vet -tags purego ./solvers/...
	cd deploy/k8s && $(GO) vet ./...

STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2

# staticcheck is fetched through the Go module proxy on first use and cached.
# (gofmt's list goes to stderr by echo: tee /dev/stderr would reopen a
# redirected log and truncate it.)
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change: $$out" >&2; exit 1; fi
	$(GO) run $(STATICCHECK) $(TAGS) ./...
	cd deploy/k8s && $(GO) run $(STATICCHECK) ./...

# The Slurm tests run on their own, with a timeout sized for a loaded 2-core
# machine (measured under load from other work: 12.5 and 19 minutes);
# whatever ends them, they cancel the jobs they started. The rest gets 30
# minutes for the same reason (4.5 minutes measured under load).
test: vet lint
	$(GO) test $(TAGS) -count=1 -timeout 30m -skip '^TestSlurmScripts$$' ./...
	$(GO) test $(TAGS) -count=1 -timeout 40m -run '^TestSlurmScripts$$' ./cmd/admmlab/
	cd deploy/k8s && $(GO) test -count=1 ./...   # the manifests: a module of its own (see its doc.go)
	$(GO) test -tags purego -count=1 -run 'Sigmoid|ADMMFixtures|ADMMLemma8|ADMMSquare|SolverBits' ./solvers/...
	$(MAKE) bits
	$(MAKE) fuzz

# ADMM's bits (TestSolverBits' golden hashes) on other builds and machines: the
# compiler free to fuse FMAs (GOAMD64=v3), every OpenBLAS core type linked,
# and arm64 under qemu. Where OpenBLAS or qemu is missing it says so, and
# fails under CI, which installs both.
QEMU_ARM64 := $(shell command -v qemu-aarch64-static 2>/dev/null)
bits:
	GOAMD64=v3 $(GO) test -tags purego -count=1 -run 'SolverBits' ./solvers/
ifeq ($(OPENBLAS),1)
	@for c in Haswell SkylakeX Zen Sandybridge; do \
		echo "OPENBLAS_CORETYPE=$$c"; \
		OPENBLAS_CORETYPE=$$c $(GO) test -tags openblas -count=1 -run 'SolverBits|OpenBLAS' ./solvers/ ./solvers/kernels/ || exit 1; \
	done
else
	@echo "bits: libopenblas-dev is not installed: OpenBLAS core types not checked"; test -z "$$CI"
endif
ifneq ($(QEMU_ARM64),)
	GOARCH=arm64 CGO_ENABLED=0 $(GO) test -c -o bin/solvers-arm64.test ./solvers/
	cd solvers && $(QEMU_ARM64) ../bin/solvers-arm64.test -test.run 'SolverBits' -test.count 1
else
	@echo "bits: qemu-aarch64-static is not installed (Debian: qemu-user-static): arm64 not checked"; test -z "$$CI"
endif

# Each parser's fuzz target runs briefly; the committed corpus runs in `go test` above.
FUZZ_PKGS := ./datasets/ ./internal/csvmat/ ./pipeline/store/
fuzz:
	@for p in $(FUZZ_PKGS); do \
		for t in $$($(GO) test -list '^Fuzz' $$p | grep '^Fuzz'); do \
			echo "fuzz $$p $$t ($(FUZZTIME))"; \
			$(GO) test $(TAGS) -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$p || exit 1; \
		done; \
	done

# Single-threaded on both sides: one OpenBLAS thread, torch.set_num_threads(1),
# and each Go benchmark is one goroutine. It runs with -cpu 2 all the same:
# with GOMAXPROCS=1 every OpenBLAS call longer than sysmon's 20 µs tick loses
# its P and pays ~6 µs to get it back (see spareProcessor in
# cmd/admmlab/run.go), a runtime artefact that admmlab run avoids too.
# Debian's python3-torch lives in /usr/bin/python3, not in a pyenv python3.
# An ADMM iteration at width 100 takes ~7 ms, so it gets 100 iterations per
# sample to keep the machine's noise out of its median; the wide and EYB-shaped
# iterations (50-200 ms) get 10, an SGD epoch (~55 ms) 20. Every ADMM line
# also reports cpu-ns/op, the process's CPU time per iteration, which says
# more than ns/op on a machine busy with other work.
# AUTHORS=<checkout of github.com/yao-lab/ADMM-DeepLearning> adds the side by
# side at (2, 300) against the authors' Octave code and a numpy port of it
# (scripts/bench_admm_peers.py; needs octave and python3-numpy).
# PEER=1 adds the independent check of the SGD family's accuracy: for each
# label of PEER_LABELS, scripts/peer_compare.py finds the configuration the
# report chose in PEER_EXPERIMENT (from STORE, at PROFILE), exports each
# trial's split (admmlab data export: the run's own samples), trains it again
# in PyTorch (scripts/peer_sgd_torch.py: float64, one thread, the same init,
# optimiser, schedule, batches and loss, its own random draws) and fails when
# the mean test accuracy at the epoch chosen on validation differs from
# admmlab's by more than 1.5 points. About 1.5 CPU-minutes per EYB trial at
# 100 epochs. Needs the store's runs and the data; never part of make test.
PEER_EXPERIMENT ?= eyb-sweep
PEER_LABELS ?= "SGD (ReLU)" "Adam (ReLU)"
bench: build
	OPENBLAS_NUM_THREADS=1 $(GO) test $(TAGS) -run '^$$' -bench 'ADMMIteration(Stats)?$$' -benchtime 100x -count 5 -cpu 2 ./solvers/admm/ > bin/bench-go.txt \
		&& OPENBLAS_NUM_THREADS=1 $(GO) test $(TAGS) -run '^$$' -bench 'ADMMIteration(Wide|EYB|StatsEYB)' -benchtime 10x -count 5 -cpu 2 ./solvers/admm/ >> bin/bench-go.txt \
		&& OPENBLAS_NUM_THREADS=1 $(GO) test $(TAGS) -run '^$$' -bench 'SGD' -benchtime 20x -count 5 -cpu 2 ./solvers/sgd/ >> bin/bench-go.txt; \
		st=$$?; cat bin/bench-go.txt; exit $$st
	$(GO) test $(TAGS) -c -o bin/solvers.test ./solvers/sgd/
	OPENBLAS_NUM_THREADS=1 /usr/bin/python3 scripts/bench_torch.py --go-test bin/solvers.test --go-bench bin/bench-go.txt
ifneq ($(AUTHORS),)
	$(GO) test $(TAGS) -c -o bin/admm.test ./solvers/admm/
	OPENBLAS_NUM_THREADS=1 /usr/bin/python3 scripts/bench_admm_peers.py --go-test bin/admm.test --authors $(AUTHORS)
endif
ifneq ($(PEER),)
	@st=0; for label in $(PEER_LABELS); do \
		OPENBLAS_NUM_THREADS=1 nice -n 10 /usr/bin/python3 scripts/peer_compare.py --admmlab $(BIN) --store $(STORE) \
			--profile $(PROFILE) --data-dir $(DATA_DIR) --experiment $(PEER_EXPERIMENT) --label "$$label" || st=1; \
	done; exit $$st
endif

diff: build
	$(BIN) diff $(A) $(B)

clean:
	rm -rf bin
