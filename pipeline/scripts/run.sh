#!/bin/sh
# The whole pipeline on one year folder, as `make run` calls it:
#   run.sh BIN_DIR IN [OUT [DRAFT]]        (OUT defaults to output/<name of IN>)
#
# The package is published as a whole or not at all. Every stage writes into a
# fresh staging folder beside OUT (OUT/../.<name>.new-PID); when all of them
# and the checksums succeeded, the staging folder replaces OUT by two renames
# (OUT aside to .<name>.old-PID, staging to OUT), then the old package is
# removed. A lock (.<name>.lock beside OUT, flock) keeps a second run out
# while one runs. What OUT holds afterwards (README.md, "What OUT holds"):
#   success      the new package, and nothing else;
#   data errors  validation.txt alone: the earlier package is removed, so no
#                earlier decision stays beside the report of this run (exit 1);
#   usage error, I/O error, another run holding the lock, a kill
#                OUT as it was: the earlier package, whole (exit 2, 3, or the
#                signal); a kill between the two renames is repaired by the
#                next run, which puts the earlier package back first.
# Paths are data: IN and OUT may hold spaces, quotes or a leading dash.
bin=$1 in=$2 out=$3 draft=$4
[ -n "$in" ] || { echo "parx: no year folder given (make run IN=<folder>)" >&2; exit 2; }
[ -d "$in" ] || { echo "parx: '$in' is not a year folder (IN=...)" >&2; exit 2; }
[ -n "$out" ] || out=output/$(basename -- "$in")

# OUT may not lie inside IN (a later run would read it as input), nor IN inside OUT.
rin=$(realpath -e -- "$in") || exit 3
rout=$(realpath -m -- "$out") || exit 3
case "$rout/" in
"$rin"/*) echo "parx: OUT '$out' is inside the year folder '$in': choose a folder outside it" >&2; exit 2 ;;
esac
case "$rin/" in
"$rout"/*) echo "parx: the year folder '$in' is inside OUT '$out': publishing would replace it; choose another OUT" >&2; exit 2 ;;
esac
[ "$rout" != / ] || { echo "parx: OUT cannot be /" >&2; exit 2; }

parent=$(dirname -- "$rout") name=$(basename -- "$rout")
mkdir -p -- "$parent" || exit 3
lock="$parent/.$name.lock"
stage="$parent/.$name.new-$$"
old="$parent/.$name.old-$$"

# One run at a time per OUT: a second one refuses at once rather than mixing.
exec 9>>"$lock" || { echo "parx: cannot create the lock '$lock'" >&2; exit 3; }
if ! flock -n 9; then
	echo "parx: another parx run is writing '$out'; wait for it to finish, then run again" >&2
	exit 3
fi

# Under the lock, what an interrupted run left is ours to repair: an earlier
# package set aside but never replaced goes back; staging folders go.
for d in "$parent/.$name.old-"*; do
	[ -d "$d" ] || continue
	if [ ! -e "$rout" ]; then mv -- "$d" "$rout" || exit 3; else rm -rf -- "$d" || exit 3; fi
done
for d in "$parent/.$name.new-"*; do
	[ -d "$d" ] && { rm -rf -- "$d" || exit 3; }
done

# OUT holds only what parx made. Publishing replaces the folder as a whole, so
# anything else in it (a file added by hand, another program's output) would be
# lost: such an OUT is refused, naming the files, never emptied silently.
if [ -e "$rout" ]; then
	[ -d "$rout" ] || { echo "parx: OUT '$out' is a file, not a folder" >&2; exit 2; }
	ours="$parent/.$name.ours-$$"
	if [ -f "$rout/SHA256SUMS" ]; then
		{ sed 's/^[0-9a-f]*  //' "$rout/SHA256SUMS"; echo SHA256SUMS; } >"$ours" || exit 3
	else
		echo validation.txt >"$ours" || exit 3
	fi
	foreign=$(cd -- "$rout" && find . -type f -print | sed 's|^\./||' | LC_ALL=C sort | grep -vxF -f "$ours")
	rm -f -- "$ours"
	if [ -n "$foreign" ]; then
		echo "parx: '$out' holds files that are not parx's package; move them elsewhere (or choose another OUT), then run again:" >&2
		printf '%s\n' "$foreign" | head -n 20 | sed 's/^/  /' >&2
		exit 2
	fi
fi

trap 'rm -rf -- "$stage"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -- "$stage" || exit 3

# Replaces OUT by the staging folder: after a kill at any point OUT is the old
# package, the new one, or missing with the old one set aside for the next run.
publish() {
	if [ -e "$rout" ]; then
		mv -- "$rout" "$old" || return 3
	fi
	mv -- "$stage" "$rout" || { [ -e "$old" ] && mv -- "$old" "$rout"; return 3; }
	rm -rf -- "$old"
	return 0
}

"$bin/parx-ingest" -o "$stage" -- "$in"
s=$?
if [ $s = 1 ]; then
	# The data have errors: the report alone is published (without printing it twice).
	"$bin/parx-validate" -q -o "$stage" -- "$in"
	find "$stage" -mindepth 1 ! -name validation.txt -exec rm -rf -- {} + 2>/dev/null
	[ -f "$stage/validation.txt" ] || exit 3
	publish || { echo "parx: cannot publish into '$out'" >&2; exit 3; }
	echo "parx: the data have errors (see above, and $out/validation.txt): nothing published" >&2
	exit 1
fi
[ $s = 0 ] || exit $s
"$bin/parx-validate" -o "$stage" -- "$in" || exit $?
"$bin/parx-score" --excel -o "$stage" -- "$in" || exit $?
if [ -x "$bin/parx-render" ]; then
	"$bin/parx-render" ${draft:+--draft} -o "$stage" -- "$in" || exit $?
fi

# The archive package: checksums of everything made, hidden temporaries never.
(
	cd -- "$stage" || exit 3
	find . -path './.*' -prune -o -type f -print | sed 's|^\./||' | LC_ALL=C sort >.sums-list || exit 3
	tr '\n' '\0' <.sums-list | xargs -0 -r sha256sum -- >.SHA256SUMS.tmp || exit 3
	rm -f .sums-list || exit 3
	[ -s .SHA256SUMS.tmp ] || exit 3
	mv .SHA256SUMS.tmp SHA256SUMS || exit 3
	find . -name '.*' ! -name . -exec rm -rf -- {} + || exit 3
) || { echo "parx: cannot write the checksums of the package (SHA256SUMS)" >&2; exit 3; }
publish || { echo "parx: cannot publish into '$out'" >&2; exit 3; }
trap - EXIT
echo "parx: wrote into $out:"
(cd -- "$rout" && find . -type f -print | sed 's|^\./||' | LC_ALL=C sort | grep -v '^don-vi/' | sed 's/^/  /')
n=$(find "$rout/don-vi" -name '*.pdf' 2>/dev/null | wc -l)
[ "$n" -gt 0 ] && echo "  don-vi/ ($n unit score sheets)"
exit 0
