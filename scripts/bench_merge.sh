#!/usr/bin/env bash
# Measures `admmlab merge` on a synthetic store (cmd/synthstore): RUNS
# runs shaped like depth-3 ADMM runs (20 curves of EPOCHS values, ~300 KB of
# curve blob each) split over SHARDS shard stores. For each admmlab binary
# given (default: this checkout's), it merges the shards into a fresh store
# under /usr/bin/time -v and prints peak RSS and wall time; every merged
# store's `store dump` must equal the first one's. The dumps are made by
# this checkout's admmlab, whose dump streams (an older one decodes every
# run's curves at once: tens of GB for 40,000 runs).
#
#   scripts/bench_merge.sh [BINARY...]
#   RUNS=40000 SHARDS=4 EPOCHS=2000 DIR=/tmp/synth scripts/bench_merge.sh
#   KEEP=1 keeps DIR's shards for another round (the default removes DIR).
#
# Disk: the shards take about RUNS × 300 KB, the merged store as much again,
# and its WAL one shard's worth while a shard is merged (40,000 runs: ~25 GB).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-40000}
shards=${SHARDS:-4}
epochs=${EPOCHS:-2000}
dir=${DIR:-$(mktemp -d)}
[ -x /usr/bin/time ] || { echo "bench_merge: /usr/bin/time is missing (Debian: apt-get install time)" >&2; exit 1; }
if [ "${KEEP:-}" != 1 ]; then trap 'rm -rf "$dir"' EXIT; fi

go build -o "$dir/admmlab" ./cmd/admmlab
bins=("$@")
if [ ${#bins[@]} -eq 0 ]; then
	bins=("$dir/admmlab")
fi
if [ ! -e "$dir/shard-1.db" ]; then
	start=$(date +%s)
	go run ./cmd/synthstore -runs "$runs" -shards "$shards" -epochs "$epochs" -out "$dir"
	echo "synthstore: $runs runs, $shards shards, $epochs epochs: $(du -sh "$dir" | cut -f1) in $(( $(date +%s) - start )) s" >&2
fi

first=
for bin in "${bins[@]}"; do
	rm -f "$dir/merged.db" "$dir/merged.db-wal" "$dir/merged.db-shm" "$dir/merged.db.lock"
	/usr/bin/time -v -o "$dir/time.txt" "$bin" merge --store "$dir/merged.db" "$dir"/shard-*.db 2>"$dir/merge.log" ||
		{ cat "$dir/merge.log" "$dir/time.txt" >&2; exit 1; }
	rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$dir/time.txt")
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$dir/time.txt")
	n=$("$dir/admmlab" store dump --store "$dir/merged.db" | tee "$dir/dump.txt" | wc -l)
	if [ -z "$first" ]; then
		first=$bin
		mv "$dir/dump.txt" "$dir/dump-first.txt"
	elif ! cmp -s "$dir/dump.txt" "$dir/dump-first.txt"; then
		echo "bench_merge: $bin's merged store dumps differently from $first's" >&2
		exit 1
	fi
	printf '%s: %d runs merged from %d shards (%d epochs): peak RSS %d MB, wall %s\n' \
		"$bin" "$n" "$shards" "$epochs" $((rss / 1024)) "$wall"
done
