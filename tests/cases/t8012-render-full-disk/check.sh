# each failure says why, in the system's words
[ "$(grep -c 'error: cannot write .*: No space left on device' stderr)" = 2 ]
