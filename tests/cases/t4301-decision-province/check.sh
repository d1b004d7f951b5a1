# The decision reads back as the golden text: authority line of the Chairman,
# KT. CHỦ TỊCH / PHÓ CHỦ TỊCH without TM., Điều 2 and 3 from <coordinator> and
# <executors>, "Số: 05/QĐ-UBND", the annexes' "của Chủ tịch Ủy ban nhân dân tỉnh".
# The data never says "huyện", so neither does the decision.
set -e
pdftotext -raw out/quyet-dinh.pdf q.txt 2>poppler.err
test ! -s poppler.err
diff -u "$CASE/expected-decision.txt" q.txt
! grep -qi 'huyện' q.txt
! grep -q 'TM\.' q.txt
grep -q '^Số: 05/QĐ-UBND Đồng Tháp, ngày 15 tháng 01 năm 2026$' q.txt
test "$(grep -c 'Kèm theo Quyết định số 05/QĐ-UBND ngày 15 tháng 01 năm 2026 của Chủ tịch Ủy ban nhân dân tỉnh Đồng Tháp)' q.txt)" = 2
