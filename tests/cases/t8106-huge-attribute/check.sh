# a1 (the 10 MB attribute) is refused at its line; a2's 10 MB note is read and
# only its missing scores are reported
[ "$(grep -vc '^parx-validate: [0-9]* errors\?, ' stderr)" = 2 ] &&
grep -q '^in/submissions/a1.xml:2: error: ' stderr &&
grep -q "^in/submissions/a2.xml:2: error: items '1.1.1', '1.1.2', '1.2.1', '2.1.1', '2.1.3' missing" stderr
