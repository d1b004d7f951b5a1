# one located error per file, and none of libxml2's internal words
for f in a1 a2 a3 b1; do
	[ "$(grep -c "^in/submissions/$f.xml\(:[0-9]*\)\?: error: " stderr)" = 1 ] || { echo "$f: not one error"; exit 1; }
done
! grep -E 'XML_PARSE_HUGE|xmlParseCharRef|xmlChar|pCDATA|PCDATA|cannot start the XML parser' stderr
