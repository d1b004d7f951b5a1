#!/bin/sh
# make bench [N=...]: the pipeline at N = 18, 200, 3300 and 10000 units (or
# the N given), a table per stage of wall time, CPU time, units per second and
# peak memory, with the floors each stage stands on measured in the same run:
# xmllint --schema over the same submissions (validation) and, up to 3,300
# units, plain libharu documents with the same fonts embedded libharu's way
# (rendering), one per unit, for reference; then parx run as one
# command, and again with nothing changed (every stage kept).
#   tests/bench.sh BIN_DIR [N]
bin=$1
sizes=${2:-18 200 3300 10000}
root=$(cd "$(dirname "$0")/.." && pwd)
work=${TMPDIR:-/tmp}/parx-bench
fonts=/usr/share/fonts/truetype/liberation2
command -v /usr/bin/time >/dev/null || { echo "bench: needs /usr/bin/time (Debian package 'time')" >&2; exit 3; }
mkdir -p "$work"
# Earlier outputs are moved aside, not deleted, until the end: ext4 skips
# inodes freed in the last 30 seconds when it allocates new ones (and, without
# a journal, reads each to find out), so creating 20,000 files right after
# deleting 20,000 costs several times the system time. That is the
# benchmark's own clean-up, not the pipeline's work.
trash="$work/trash"
mkdir -p "$trash"
aside() { for d; do [ -e "$d" ] && mv "$d" "$trash/$(date +%s%N)-${d##*/}"; done; return 0; }
trap 'rm -rf "$trash"' EXIT

# One measured command: prints "wall cpu peakMB" (seconds, seconds, MB).
measure() {
	/usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >"$work/out" 2>"$work/err"
	s=$?
	[ $s = 0 ] || { echo "bench: '$*' failed ($s):" >&2; tail -5 "$work/err" >&2; }
	awk '{ printf "%.2f %.2f %.0f\n", $1, $2 + $3, $4 / 1024 }' "$work/time"
}

row() { # stage n wall cpu mb
	awk -v s="$1" -v n="$2" -v w="$3" -v c="$4" -v m="$5" 'BEGIN {
		printf "%-26s %8.2f %8.2f %10.0f %8d\n", s, w, c, (w > 0 ? n / w : 0), m }'
}

for n in $sizes; do
	year="$work/year-$n"
	out="$work/out-$n"
	if [ ! -f "$year/.done" ]; then
		rm -rf "$year"
		"$bin/../tools/parx-gen" -s 1 "$n" "$root/input/2024" "$year" || exit 3
		touch "$year/.done"
	fi
	aside "$out" "$work/floor"
	mkdir -p "$out" "$work/floor"
	echo
	echo "N = $n units ($(nproc) cores)"
	printf "%-26s %8s %8s %10s %8s\n" stage "wall s" "CPU s" "units/s" "peak MB"
	total_w=0
	# The stages as parx run chains them: ingest reads the year folder once into
	# the working copy, the others read that copy (and render the scored results).
	for stage in ingest validate score render; do
		[ -x "$bin/parx-$stage" ] || continue
		from=$out/ingest
		[ $stage = ingest ] && from=$year
		set -- $(measure "$bin/parx-$stage" -q -o "$out" "$from")
		row "parx-$stage" "$n" "$1" "$2" "$3"
		total_w=$(awk -v a="$total_w" -v b="$1" 'BEGIN { print a + b }')
	done
	set -- $(measure sh -c "cd '$out' && find . -type f ! -name SHA256SUMS | LC_ALL=C sort | xargs sha256sum > SHA256SUMS")
	row "checksums" "$n" "$1" "$2" "$3"
	total_w=$(awk -v a="$total_w" -v b="$1" 'BEGIN { print a + b }')
	row "total (end to end)" "$n" "$total_w" 0 0 | sed 's/ 0\.00 / -    /'
	aside "$work/run-$n" "$work/.run-$n".*
	set -- $(measure "$bin/parx" run -q --fresh "$year" "$work/run-$n")
	row "parx run (one command)" "$n" "$1" "$2" "$3"
	set -- $(measure "$bin/parx" run -q "$year" "$work/run-$n")
	row "parx run again, unchanged" "$n" "$1" "$2" "$3"
	aside "$work/run-$n" "$work/.run-$n".*
	set -- $(measure sh -c "xmllint --noout --schema '$root/pipeline/schema/submission.xsd' '$year'/submissions/*.xml")
	row "floor: xmllint --schema" "$n" "$1" "$2" "$3"
	# Plain libharu embeds its fonts per document (parx prepares them once per
	# process): at 10,000 units this reference takes minutes, ten times parx's
	# render, so it is measured on the smaller years only.
	if [ "$n" -le 3300 ]; then
		set -- $(measure "$bin/../tools/parx-floor" "$n" "$fonts" "$work/floor")
		row "reference: plain libharu" "$n" "$1" "$2" "$3"
	fi
done
