set -e
grep -q '^A1,Phòng Nội vụ,' s/results.csv
grep -q '^A2,1.1.1,item,.*,z-vong-2.csv,Biên bản kiểm tra ghi nhận chưa đủ hồ sơ' s/items.csv
for f in out/quyet-dinh.pdf out/doi-chieu.pdf out/don-vi/A1.pdf out/don-vi/A2.pdf; do qpdf --check "$f" >/dev/null; done
pdftotext -raw out/doi-chieu.pdf - | tr '\n' ' ' | grep -q 'Biên bản kiểm tra ghi nhận chưa đủ hồ sơ'
