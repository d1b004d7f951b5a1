#!/bin/sh
# Installs the Debian packages parx needs: with apt-get when root, otherwise
# prints the exact command and stops (exit 3).
#   deps.sh           what building and running parx needs (make run)
#   deps.sh --test    that, and what the tests and benchmarks need (make check, CI)
# Running packages and testing packages are kept apart: a clerk's machine never
# gets poppler, qpdf or xmllint for parx's sake.
RUN_PKGS="build-essential pkg-config gettext libxml2-dev libhpdf-dev libcsv-dev libutf8proc-dev \
libharfbuzz-dev fonts-liberation2 icc-profiles-free"
TEST_PKGS="poppler-utils qpdf libxml2-utils time"
PKGS=$RUN_PKGS
[ "$1" = "--test" ] && PKGS="$RUN_PKGS $TEST_PKGS"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" = 0 ]; then
	echo "parx: installing missing packages:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >/dev/null && $cmd </dev/null >/dev/null || { echo "parx: '$cmd' failed" >&2; exit 3; }
	exit 0
fi
echo "parx: missing Debian packages:$missing" >&2
echo "run: sudo $cmd" >&2
exit 3
