# status 1 both times (not a crash, not a kill), the deep files refused at their
# line, the 100 000 notes read (only the missing items reported)
grep -qx 'status 1 1' stdout &&
[ "$(grep -vc '^parx-validate: [0-9]* errors\?, ' stderr)" = 4 ] &&
[ "$(grep -c '^in/submissions/a1.xml:1: error: ' stderr)" = 2 ] &&
grep -q '^in/index.xml:1: error: ' stderr &&
grep -q "^in/submissions/a2.xml:1: error: items '1.1.1', '1.1.2', '1.2.1', '2.1.3' missing" stderr
