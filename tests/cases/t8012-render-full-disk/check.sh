# each failing run says why, in the system's words (documents are drawn in
# parallel, so a run may report one or two of them), and nothing else
grep -q "error: cannot write 'out/.*: No space left on device" stderr || exit 1
grep -q "error: cannot write 'out2/.*: No space left on device" stderr || exit 1
! grep -v "No space left on device" stderr | grep -q .
# in Vietnamese: the message is the catalogue's, nothing of it left English
grep -q "^parx-render: error: không ghi được 'out3/.*bieu-do.pdf': " vi-stderr || exit 1
! grep -q "cannot write" vi-stderr
