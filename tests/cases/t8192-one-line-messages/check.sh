! grep -v -E '^in/[^:]+(:[0-9]+)?: (error|warning): ' stderr || exit 1
iconv -f UTF-8 -t UTF-8 stderr >/dev/null || { echo "stderr is not valid UTF-8"; exit 1; }
[ "$(grep -c '^in/submissions/a1.xml:' stderr)" = 3 ] || exit 1
grep -q '^in/appraisal/2025-01-10-tham-dinh.csv:4: error: ' stderr
