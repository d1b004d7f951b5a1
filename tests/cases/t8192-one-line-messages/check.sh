! grep -v -E '^in/[^:]+(:[0-9]+)?: (error|warning): |^parx-validate: [0-9]+ errors?, [0-9]+ warnings?$' stderr || exit 1
iconv -f UTF-8 -t UTF-8 stderr >/dev/null || { echo "stderr is not valid UTF-8"; exit 1; }
[ "$(grep -v 'cites no evidence' stderr | grep -c '^in/submissions/a1.xml:')" = 3 ] || exit 1
grep -q '^in/appraisal/2025-01-10-tham-dinh.csv:4: error: ' stderr
