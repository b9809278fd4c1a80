#!/usr/bin/env bash
# Measures `admmlab report` on a store with many runs: it copies STORE (the
# quick profile's, by default results/runs.db), adds COPIES−1 copies of every
# run of each experiment's latest quick plan (trial numbers shifted, so each
# cell gets COPIES times its trials) and renders the quick report from it
# with each admmlab binary given (default: this checkout's) under
# /usr/bin/time, ROUNDS times in alternation. It prints wall time and peak
# RSS per round, and checks that every binary wrote the same report as the
# first (the commit lines aside).
#
#   scripts/bench_report.sh [BINARY...]
#   COPIES=50 ROUNDS=3 STORE=results/runs.db scripts/bench_report.sh OLD_BIN NEW_BIN
#
# Disk: the copy is COPIES times the quick runs' blobs (50: about 900 MB).
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${COPIES:-50}
rounds=${ROUNDS:-3}
store=${STORE:-results/runs.db}
data=${DATA_DIR:-${ADMMLAB_DATA_DIR:-../shared/data}}
[ -x /usr/bin/time ] || { echo "bench_report: /usr/bin/time is missing (Debian: apt-get install time)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "bench_report: sqlite3 is missing (Debian: apt-get install sqlite3)" >&2; exit 1; }
[ -s "$store" ] || { echo "bench_report: STORE $store is missing or empty: run 'make paper' first" >&2; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

go build -o "$dir/admmlab" ./cmd/admmlab
bins=("$@")
if [ ${#bins[@]} -eq 0 ]; then
	bins=("$dir/admmlab")
fi
# Migrate a copy with this checkout's admmlab (merging an empty file does
# nothing else), then add the copies with SQL.
cp "$store" "$dir/big.db"
: >"$dir/empty.db"
"$dir/admmlab" merge --store "$dir/big.db" "$dir/empty.db" >/dev/null 2>&1
sqlite3 "$dir/big.db" "
CREATE TEMP TABLE copies(k INTEGER);
WITH RECURSIVE c(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM c WHERE k < $copies - 1) INSERT INTO copies SELECT k FROM c;
CREATE TEMP TABLE latest AS SELECT p.plan_id FROM plans p WHERE p.profile = 'quick'
	AND p.planned_at = (SELECT max(planned_at) FROM plans q WHERE q.experiment = p.experiment AND q.profile = 'quick');
INSERT INTO runs (id, spec_hash, code_fingerprint, data_digest, toolchain, spec, status, error, metrics, curves,
		diverged, diverged_epoch, duration_ms, started, finished, host, git_commit)
	SELECT r.id || '-copy' || c.k, r.spec_hash || '-copy' || c.k, r.code_fingerprint, r.data_digest, r.toolchain,
		json_set(r.spec, '\$.trial', coalesce(json_extract(r.spec, '\$.trial'), 0) + 100 * c.k), r.status, r.error,
		r.metrics, r.curves, r.diverged, r.diverged_epoch, r.duration_ms, r.started, r.finished, r.host, r.git_commit
	FROM runs r, copies c WHERE r.id IN (SELECT run_id FROM memberships WHERE plan_id IN (SELECT plan_id FROM latest));
INSERT OR IGNORE INTO memberships (plan_id, experiment, label, run_id, profile)
	SELECT m.plan_id, m.experiment, m.label, m.run_id || '-copy' || c.k, m.profile
	FROM memberships m, copies c WHERE m.plan_id IN (SELECT plan_id FROM latest);"
echo "store: $(sqlite3 "$dir/big.db" 'SELECT count(*) FROM runs') runs, $(du -h "$dir/big.db" | cut -f1)"

for round in $(seq "$rounds"); do
	i=0
	for bin in "${bins[@]}"; do
		i=$((i + 1))
		out="$dir/report-$i"
		rm -rf "$out"
		/usr/bin/time -f "%e %M" -o "$dir/time.txt" "$bin" report --profile quick --store "$dir/big.db" --data-dir "$data" --out "$out" >/dev/null 2>"$dir/report.log" ||
			{ cat "$dir/report.log" >&2; exit 1; }
		read -r secs kb <"$dir/time.txt"
		echo "round $round  $bin  ${secs} s  $((kb / 1024)) MB peak RSS"
		if [ "$i" -gt 1 ] && ! diff -r -q -I '[Cc]ommit' "$dir/report-1" "$out" >/dev/null; then
			echo "bench_report: $bin wrote a different report from ${bins[0]}" >&2
			diff -r -I '[Cc]ommit' "$dir/report-1" "$out" | head -20 >&2
			exit 1
		fi
	done
done
