# Everything of README.md and input/FORMATS.md is there, and the documents say what the data say.
for f in results.csv items.csv reconciliation.csv validation.txt quyet-dinh.pdf bieu-do.pdf \
	 doi-chieu.pdf SHA256SUMS results-excel.csv; do
	[ -s "out/$f" ] || { echo "missing out/$f"; exit 1; }
done
[ "$(ls out/don-vi | wc -l)" = 18 ] || { echo "not 18 unit sheets"; exit 1; }
grep -q '^CQ-VP,.*,92.76,5,Tốt,89.47,8' out/results.csv || exit 1
pdftotext out/quyet-dinh.pdf - | grep -q 'Văn phòng HĐND và UBND' || exit 1
pdftotext out/quyet-dinh.pdf - | grep -q '92,76' || exit 1
! pdftotext out/quyet-dinh.pdf - | grep -q 'DỰ THẢO' || { echo "a final marked as draft"; exit 1; }
grep -q ' don-vi/XA-TP.pdf$' out/SHA256SUMS || exit 1
# nothing left under a temporary name
! find out -name '.*tmp*' | grep -q .
