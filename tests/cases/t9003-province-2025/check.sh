# The decision of a province in the two-tier structure: nothing in the data
# says "huyện", so neither does any document; a Chairman's decision (no TM.),
# its number with a leading zero, no superior line over the UBND.
set -e
grep -rqi 'huyện' in && { echo "the sample data says huyện"; exit 1; }
for f in out/quyet-dinh.pdf out/bieu-do.pdf out/doi-chieu.pdf out/don-vi/*.pdf; do
	pdftotext "$f" - >>all.txt
done
! grep -qi 'huyện' all.txt
pdftotext -raw out/quyet-dinh.pdf q.txt
head -n 1 q.txt | grep -qx 'ỦY BAN NHÂN DÂN'
sed -n 2p q.txt | grep -qx 'TỈNH ĐỒNG THÁP'
grep -qx 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP' q.txt
grep -q '^Số: 05/QĐ-UBND Đồng Tháp, ngày 15 tháng 01 năm 2026$' q.txt
! grep -q '^TM\.' q.txt
grep -qx 'KT. CHỦ TỊCH' q.txt
tr '\n' ' ' <q.txt | grep -q 'Sở Nội vụ theo dõi, đôn đốc, tổng hợp, báo cáo Ủy ban nhân dân tỉnh Đồng Tháp kết quả thực hiện.'
test "$(grep -c '(Kèm theo Quyết định số 05/QĐ-UBND ngày 15 tháng 01 năm 2026 của Chủ tịch Ủy ban nhân dân tỉnh Đồng Tháp)' q.txt)" = 2
# Every unit sheet quotes the same decision.
n=$(ls out/don-vi/*.pdf | wc -l)
test "$n" = 59
test "$(tr '\n' ' ' <all.txt | grep -o 'Kèm theo Quyết định số 05/QĐ-UBND ngày 15 tháng 01 năm 2026 của Chủ tịch Ủy *ban nhân dân tỉnh Đồng Tháp' | wc -l)" -ge 61
