# tests/faults/lib.sh: shell helpers for the fault and hostile-input cases
# (tests/cases/t8*), sourced by their `cmd`:  . "$PARX_ROOT/tests/faults/lib.sh"
#
#   fault_shim                 builds tests/faults/failwrite.c into ./failwrite.so
#   fault PATTERN MODE CMD...  runs CMD with the shim: writes to paths holding
#                              PATTERN fail as MODE says (ENOSPC, EACCES, KILL...)
#   bounded CMD...             runs CMD under `ulimit -t` (CPU seconds) and a
#                              memory bound: `ulimit -v` for a plain binary, the
#                              sanitizer's hard_rss_limit_mb for an ASan one
#                              (ASan reserves terabytes of virtual memory)
#   same_outputs DIR REF FILE...  fails unless each FILE is absent from DIR or
#                              identical to REF/FILE, and no other file with a
#                              final name is in DIR (hidden temporaries aside)

PARX_CPU_SECONDS=${PARX_CPU_SECONDS:-60}
PARX_MEM_KB=${PARX_MEM_KB:-1000000}

fault_shim() {
	${CC:-cc} -shared -fPIC -o ./failwrite.so "$PARX_ROOT/tests/faults/failwrite.c" -ldl || {
		echo "cannot build the fault shim" >&2
		exit 99
	}
}

fault() {
	_pat=$1 _mode=$2
	shift 2
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
	PARX_FAIL_PATH=$_pat PARX_FAIL_ERRNO=$_mode LD_PRELOAD="$PWD/failwrite.so" "$@"
}

# 0 when the program $1 (a name on PATH or a path) is built with AddressSanitizer.
is_asan() {
	_b=$(command -v "$1") || return 1
	{ ldd "$_b"; nm -D "$_b"; } 2>/dev/null | grep -q asan
}

bounded() {
	(
		ulimit -t "$PARX_CPU_SECONDS"
		if is_asan "$1"; then
			ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}hard_rss_limit_mb=$((PARX_MEM_KB / 1000))"
			export ASAN_OPTIONS
		else
			ulimit -v "$PARX_MEM_KB"
		fi
		exec "$@"
	)
}

same_outputs() {
	_dir=$1 _ref=$2
	shift 2
	_ok=0
	for _f in "$@"; do
		if [ -e "$_dir/$_f" ] && ! cmp -s "$_dir/$_f" "$_ref/$_f"; then
			echo "$_dir/$_f is not the complete file"
			_ok=1
		fi
	done
	for _p in "$_dir"/*; do
		[ -e "$_p" ] || continue
		_n=${_p##*/}
		case " $* " in
		*" $_n "*) ;;
		*) echo "unexpected file $_p"; _ok=1 ;;
		esac
	done
	return $_ok
}
