# Nothing of /etc/passwd in any message or in validation.txt.
! grep -q 'root' stderr
! grep -rq 'root' out 2>/dev/null
