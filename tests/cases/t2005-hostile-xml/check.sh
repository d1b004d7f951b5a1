# No byte of an outside file ever reaches an output.
! grep -rq "root:" out stdout stderr
