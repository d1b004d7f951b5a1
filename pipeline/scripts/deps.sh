#!/bin/sh
# Installs the Debian packages parx needs: with apt-get when root, otherwise
# prints the exact command and stops (exit 3).
#   deps.sh           what building and running parx needs (make run)
#   deps.sh --test    that, and what the tests and benchmarks need (make check, CI):
#                     poppler, qpdf, xmllint, time, Chromium, Node.js and the npm
#                     packages of tests/web, LibreOffice Calc and python3-openpyxl (forms)
# Running packages and testing packages are kept apart: a clerk's machine never
# gets poppler, qpdf or xmllint for parx's sake.
RUN_PKGS="build-essential pkg-config gettext libxml2-dev libhpdf-dev libcsv-dev libutf8proc-dev \
libharfbuzz-dev libxlsxwriter-dev libzip-dev libssl-dev libdeflate-dev libmimalloc-dev fonts-liberation2 \
icc-profiles-free"
TEST_PKGS="poppler-utils qpdf libxml2-utils time chromium libreoffice-calc-nogui python3-openpyxl"
PKGS=$RUN_PKGS
[ "$1" = "--test" ] && PKGS="$RUN_PKGS $TEST_PKGS"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# The browser tests drive Chromium from Node (tests/web): Debian's nodejs and npm,
# unless a Node.js with npm is there already (NodeSource's nodejs carries its own).
if [ "$1" = "--test" ] && ! { command -v node && command -v npm; } >/dev/null 2>&1; then
	missing="$missing nodejs npm"
fi
# npm's puppeteer-core and axe-core, pinned by tests/web/package-lock.json.
web_modules() {
	[ "$1" = "--test" ] || return 0
	[ -d tests/web/node_modules/puppeteer-core ] && [ -d tests/web/node_modules/axe-core ] && return 0
	echo "parx: installing the browser tests' npm packages (tests/web)" >&2
	(cd tests/web && npm ci --no-audit --no-fund >/dev/null) || { echo "parx: 'npm ci' in tests/web failed" >&2; exit 3; }
}
if [ -z "$missing" ]; then
	web_modules "$1"
	exit 0
fi
cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" = 0 ]; then
	echo "parx: installing missing packages:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >/dev/null && $cmd </dev/null >/dev/null || { echo "parx: '$cmd' failed" >&2; exit 3; }
	web_modules "$1"
	exit 0
fi
echo "parx: missing Debian packages:$missing" >&2
echo "run: sudo $cmd" >&2
exit 3
