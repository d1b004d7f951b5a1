set -e
# The names and evidence as the documents print them: ordinary spaces, and
# U+00A0 where the input had a no-break, figure or narrow no-break space.
nb=$(printf '\302\240')
grep -q '^A1,Phòng Nội vụ,' s/results.csv
grep -q "^B1,UBND xã${nb}Tân${nb}Thới," s/results.csv
for f in out/quyet-dinh.pdf out/don-vi/A1.pdf out/don-vi/B1.pdf; do qpdf --check "$f" >/dev/null; done
pdftotext -raw out/quyet-dinh.pdf - | grep -q 'Phòng Nội vụ'
# (pdftotext gives a no-break space as a space)
pdftotext -raw out/don-vi/A1.pdf - | tr '\n' ' ' | grep -q "Kế hoạch số 3/KH-PNV ngày 05/01/2024"
! grep -q "$(printf '\342\200[\200-\212]')" s/results.csv s/items.csv
