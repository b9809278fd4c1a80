#!/usr/bin/env bash
# Runs the smoke profile four times from scratch: linked to OpenBLAS under
# two OPENBLAS_CORETYPE values, and the default (pure-Go BLAS) build under
# the same two,
# and compares every stored number bit for bit (admmlab store dump prints
# metrics as exact float64 bits).
#
# The run IDs differ between the OpenBLAS builds and the default one on
# purpose: the toolchain (BLAS version and core type) is part of the cache
# key, so a store is never reused across them. The dumps are therefore
# compared both whole (two core types: the IDs differ too, as the core type
# is in the key) and with the ID column removed (the numbers).
#
#   scripts/check_reproducible.sh [CORE_A CORE_B]    (default Haswell SkylakeX)
#   ONLY=square-sweep,tanh scripts/check_reproducible.sh   (a part of smoke)
set -euo pipefail
cd "$(dirname "$0")/.."
core_a=${1:-Haswell}
core_b=${2:-SkylakeX}
data=${DATA_DIR:-${ADMMLAB_SHARED:-../shared}/data}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go build -tags openblas -o "$tmp/admmlab-openblas" ./cmd/admmlab
go build -o "$tmp/admmlab" ./cmd/admmlab

run() { # name binary [env...]
	local name=$1 bin=$2
	shift 2
	env "$@" "$bin" run --profile smoke ${ONLY:+--only "$ONLY"} --store "$tmp/$name.db" --data-dir "$data" -j "${JOBS:-2}" >"$tmp/$name.log" 2>&1 ||
		{ echo "run $name failed:"; tail -20 "$tmp/$name.log"; exit 1; }
	"$bin" store dump --store "$tmp/$name.db" >"$tmp/$name.dump"
	cut -d' ' -f2- "$tmp/$name.dump" | sort >"$tmp/$name.numbers"
	echo "$name: $(wc -l <"$tmp/$name.dump") runs, dump sha256 $(sha256sum <"$tmp/$name.dump" | cut -c1-16), numbers sha256 $(sha256sum <"$tmp/$name.numbers" | cut -c1-16)"
}

run "openblas-$core_a" "$tmp/admmlab-openblas" OPENBLAS_CORETYPE="$core_a"
run "openblas-$core_b" "$tmp/admmlab-openblas" OPENBLAS_CORETYPE="$core_b"
run default "$tmp/admmlab" OPENBLAS_CORETYPE="$core_a"
run "default-$core_b" "$tmp/admmlab" OPENBLAS_CORETYPE="$core_b"

status=0
if cmp -s "$tmp/default.dump" "$tmp/default-$core_b.dump"; then
	echo "dumps byte-identical: default build under OPENBLAS_CORETYPE=$core_a and =$core_b"
else
	echo "dumps DIFFER: default build under $core_a vs $core_b"; status=1
fi
for pair in "openblas-$core_a openblas-$core_b" "openblas-$core_a default"; do
	set -- $pair
	if cmp -s "$tmp/$1.numbers" "$tmp/$2.numbers"; then
		echo "numbers identical: $1 = $2"
	else
		echo "numbers DIFFER: $1 vs $2"; diff "$tmp/$1.numbers" "$tmp/$2.numbers" | head -5; status=1
	fi
done
exit $status
