#!/bin/sh
# Installs the Debian packages parx needs: with apt-get when root, otherwise
# prints the exact command and stops. --check-only never installs (make check).
PKGS="build-essential pkg-config libxml2-dev libxml2-utils libhpdf-dev libcsv-dev libutf8proc-dev \
libharfbuzz-dev fonts-liberation2 icc-profiles-free poppler-utils qpdf time"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" = 0 ] && [ "$1" != "--check-only" ]; then
	echo "parx: installing missing packages:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >/dev/null && $cmd </dev/null || { echo "parx: '$cmd' failed" >&2; exit 3; }
	exit 0
fi
echo "parx: missing Debian packages:$missing" >&2
if [ "$(id -u)" = 0 ]; then echo "run: $cmd" >&2; else echo "run: sudo $cmd" >&2; fi
exit 3
