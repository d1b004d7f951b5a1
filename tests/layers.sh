#!/bin/sh
# The library's folders follow the data flow; each may include only its own
# folder and those before it:
#   base < model < input < score < forms < pdf < typeset < docs < run
# (base: text, numbers, files, diagnostics; model: the year's types; input: the
# loaders; score: scoring and the CSV outputs; forms: the workbooks people fill in and their import; pdf: libharu and fonts; typeset:
# lines, tables, templates; docs: the documents; run: the stage frame and the
# publication). libxml2 is included in input/ only, libharu in pdf/ only.
# Prints every include that runs back up or out; exit 1 if any.
root=${1:-.}
order="base model input score forms pdf typeset docs run"
rank() { i=0; for l in $order; do [ "$l" = "$1" ] && { echo $i; return; }; i=$((i + 1)); done; echo 99; }
bad=0
for f in "$root"/pipeline/lib/*/*.[ch]; do
	layer=$(basename "$(dirname "$f")")
	r=$(rank "$layer")
	[ "$r" = 99 ] && { echo "$f: folder '$layer' is not a layer of tests/layers.sh"; bad=1; continue; }
	for inc in $(sed -n 's/^#include "\([a-z]*\)\/[a-z0-9]*\.h".*/\1/p' "$f" | sort -u); do
		ri=$(rank "$inc")
		if [ "$ri" -gt "$r" ]; then
			echo "$f: includes $inc/, a later layer than $layer/"
			bad=1
		fi
	done
	if grep -q '^#include "[a-z0-9]*\.h"' "$f"; then
		echo "$f: includes a header without its folder"
		bad=1
	fi
	# The parsers stay behind input/, libharu behind pdf/.
	case $layer in input) ;; *) grep -q '^#include <libxml/' "$f" && { echo "$f: includes libxml2 outside input/"; bad=1; } ;; esac
	case $layer in pdf) ;; *) grep -q '^#include <hpdf' "$f" && { echo "$f: includes libharu outside pdf/"; bad=1; } ;; esac
done
exit $bad
