#!/bin/sh
# Runs every test of parx and ends with one line "N passed, M failed".
#   tests/run.sh BUILD_DIR
# Unit tests: every $BUILD/tests/test-* binary; each "ok"/"not ok" line counts,
# and a binary that exits non-zero without a "not ok" (a crash, a sanitizer
# report) counts one failure more.
# End-to-end cases: every tests/cases/*/ folder (see tests/cases/README.md).
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/$build/bin"
pass=0
fail=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

for t in "$root/$build"/tests/test-*; do
	[ -x "$t" ] || continue
	(cd "$root" && "$t") >"$log" 2>&1
	rc=$?
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then f=1; echo "FAIL $(basename "$t"): exit $rc"; fi
	[ "$f" != 0 ] && { echo "FAIL $(basename "$t"):"; grep -A3 -E '^not ok |ERROR|runtime error' "$log" | head -40; }
	pass=$((pass + p))
	fail=$((fail + f))
done

# Fuzz corpora, replayed (tests/fuzz/README.md): every input must pass without a crash.
for r in "$root/$build"/fuzz/replay-*; do
	[ -x "$r" ] || continue
	name=${r##*/replay-}
	set -- "$root/tests/fuzz/corpus/$name"/*
	[ -e "$1" ] || continue
	if (cd "$root" && "$r" "$@") >"$log" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL fuzz corpus $name:"
		head -30 "$log"
	fi
done

# The library's layers: no include runs back up the data flow (tests/layers.sh).
if sh "$root/tests/layers.sh" "$root" >"$log" 2>&1; then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
	echo "FAIL layers (tests/layers.sh):"
	head -20 "$log"
fi

# Translations: every marked message is in the catalogue, every language translates it all.
if make -s --no-print-directory -C "$root" po-check >"$log" 2>&1; then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
	echo "FAIL translations (make po-check):"
	head -20 "$log"
fi

for c in "$root"/tests/cases/*/; do
	[ -f "$c/cmd" ] || continue
	name=$(basename "$c")
	if PARX_BIN="$bin" PARX_ROOT="$root" sh "$root/tests/case.sh" "$c" >"$log" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $name:"
		head -40 "$log"
	fi
done

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
