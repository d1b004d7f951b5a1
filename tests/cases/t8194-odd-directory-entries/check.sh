grep -q '^in/submissions/fifo.xml: warning: skipped: ' stderr || exit 1
! grep -q "^in/submissions/fifo.xml: .*only '\*.xml' files" stderr || exit 1
grep -q '^in/submissions/dangling.xml: ' stderr || exit 1
# the skipped files' warnings in byte order of names
grep -o '^in/submissions/[^:]*: warning: skipped' stderr | cut -d: -f1 >got
LC_ALL=C sort got | cmp -s - got
