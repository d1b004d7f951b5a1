# The specimen is valid, embeds subset fonts, and its first page reads back exactly as expected
# (its line breaks), with no word from poppler.
set -e
qpdf --check specimen.pdf >qpdf.out
grep -q "No syntax or stream encoding errors" qpdf.out
! grep -q WARNING qpdf.out
pdffonts specimen.pdf | awk 'NR > 2 { n++; if ($0 !~ /yes yes yes/) bad = 1 } END { exit bad || n != 4 }'
pdfinfo specimen.pdf >info.out
grep -q "^Pages: *14$" info.out
grep -q "^Title: *DỰ THẢO: Quyết định công bố Chỉ số cải cách hành chính năm 2024" info.out
pdftotext -raw -f 1 -l 1 specimen.pdf page1.txt 2>poppler.err
test ! -s poppler.err
diff -u "$CASE/expected-page1.txt" page1.txt
