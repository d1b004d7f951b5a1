#!/bin/sh
# The whole pipeline on one year folder, as `make run` calls it:
#   run.sh BIN_DIR IN OUT [DRAFT]
# Stops at the first stage that fails, with that stage's exit status; a data
# error still leaves OUT/validation.txt with every problem of the run.
bin=$1 in=$2 out=$3 draft=$4
[ -d "$in" ] || { echo "parx: '$in' is not a year folder (IN=...)" >&2; exit 2; }
mkdir -p "$out" || exit 3

"$bin/parx-ingest" -o "$out" "$in"
s=$?
if [ $s = 1 ]; then
	# The data have errors: write the full report without printing it twice.
	"$bin/parx-validate" -q -o "$out" "$in"
	echo "parx: the data have errors (see above, and $out/validation.txt): nothing published" >&2
	exit 1
fi
[ $s = 0 ] || exit $s
"$bin/parx-validate" -o "$out" "$in" || exit $?
"$bin/parx-score" --excel -o "$out" "$in" || exit $?
if [ -x "$bin/parx-render" ]; then
	"$bin/parx-render" ${draft:+--draft} -o "$out" "$in" || exit $?
fi

# The archive package: checksums of everything published, then a summary.
(
	cd "$out" || exit 3
	find . -path './.*' -prune -o -type f ! -name SHA256SUMS -print | sed 's|^\./||' | LC_ALL=C sort >.sums-list
	tr '\n' '\0' <.sums-list | xargs -0 -r sha256sum -- >.SHA256SUMS.tmp || exit 3
	rm -f .sums-list
	mv .SHA256SUMS.tmp SHA256SUMS
) || { echo "parx: cannot write $out/SHA256SUMS" >&2; exit 3; }
echo "parx: wrote into $out:"
(cd "$out" && find . -path './.*' -prune -o -type f -print | sed 's|^\./||' | LC_ALL=C sort | grep -v '^don-vi/' | sed 's/^/  /')
n=$(find "$out/don-vi" -name '*.pdf' 2>/dev/null | wc -l)
[ "$n" -gt 0 ] && echo "  don-vi/ ($n unit score sheets)"
exit 0
