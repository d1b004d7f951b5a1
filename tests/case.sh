#!/bin/sh
# Runs one end-to-end case folder (tests/cases/README.md) and compares results.
#   PARX_BIN=... PARX_ROOT=... [PARX_BLESS=1] tests/case.sh tests/cases/tNNNN-name/
c=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in"
if [ -f "$c/base" ]; then
	cp -R "$PARX_ROOT/$(cat "$c/base")/." "$work/in/" || exit 1
fi
[ -d "$c/in" ] && cp -R "$c/in/." "$work/in/"
if [ -f "$c/delete" ]; then
	while IFS= read -r f; do [ -n "$f" ] && rm -rf "$work/in/$f"; done <"$c/delete"
fi
cd "$work" || exit 1
# Inputs are never modified: hash the input folder before and after.
before=$(find in -type f -exec sha256sum {} + 2>/dev/null | LC_ALL=C sort)
PATH="$PARX_BIN:$PARX_BIN/../tools:$PATH" sh "$c/cmd" >stdout 2>stderr
echo $? >status
ok=0
after=$(find in -type f -exec sha256sum {} + 2>/dev/null | LC_ALL=C sort)
if [ "$before" != "$after" ]; then
	echo "the input folder was modified"; ok=1
fi
want=$(cat "$c/expected-status" 2>/dev/null || echo 0)
if [ "$(cat status)" != "$want" ]; then
	echo "exit status $(cat status), expected $want"; ok=1
fi
for s in stdout stderr; do
	[ -f "$c/expected-$s" ] || continue
	# PARX_BLESS=1: take what the programs printed as the new golden file
	# (then read `git diff tests/cases` line by line before committing).
	[ -n "$PARX_BLESS" ] && cp "$s" "$c/expected-$s"
	if ! diff -u "$c/expected-$s" "$s" >diff.out; then
		echo "$s differs:"; head -30 diff.out; ok=1
	fi
done
if [ -f "$c/check.sh" ]; then
	CASE="$c" sh "$c/check.sh" || { echo "check.sh failed"; ok=1; }
fi
[ "$ok" = 0 ] || { echo "--- stderr:"; head -20 stderr; }
exit $ok
