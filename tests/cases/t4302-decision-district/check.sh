set -e
pdftotext -raw out/quyet-dinh.pdf q.txt 2>poppler.err
test ! -s poppler.err
diff -u "$CASE/expected-decision.txt" q.txt
grep -A2 -x 'TM. ỦY BAN NHÂN DÂN' q.txt | tr '\n' '|' | grep -q '^TM. ỦY BAN NHÂN DÂN|KT. CHỦ TỊCH|PHÓ CHỦ TỊCH|$'
grep -qx 'ỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ ĐÔNG' q.txt
grep -q 'Phòng Nội vụ huyện theo dõi, đôn đốc' q.txt
grep -q '^Số: 07/QĐ-UBND ' q.txt
test "$(grep -c 'Kèm theo Quyết định số 07/QĐ-UBND ngày 15 tháng 01 năm 2025 của Ủy ban nhân dân huyện Tân Phú Đông)' q.txt)" = 2
