set -e
for f in out/don-vi/A1.pdf out/don-vi/A2.pdf out/doi-chieu.pdf; do qpdf --check "$f" >/dev/null; done
pdftotext -raw out/don-vi/A1.pdf a1.txt
for i in 1 10 20; do tr '\n' ' ' <a1.txt | grep -q "Văn bản số $i/BC-PNV ngày 05/01/2024" || { echo "evidence $i lost"; exit 1; }; done
grep -q '^(tiếp$' a1.txt || grep -q '(tiếp theo)' a1.txt
pdftotext -raw out/don-vi/A2.pdf - | tr '\n' ' ' | grep -q 'đoạn 60 của lý do thẩm định chưa đạt yêu cầu về hồ sơ; kết thúc'
pdftotext -raw out/doi-chieu.pdf - | tr '\n' ' ' | grep -q 'đoạn 60 của lý do'
