set -e
pdftotext -raw out/quyet-dinh.pdf q.txt
pdftotext -raw out-own/quyet-dinh.pdf own.txt
# The project's template: no level named, nobody invented.
! grep -q 'huyện theo dõi' q.txt
tr '\n' ' ' <q.txt | grep -q 'năm 2025. Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Thủ trưởng các cơ quan, đơn vị tại Điều 1 và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./.'
# The year's own (district) template wins, with its own wording for what is not given.
tr '\n' ' ' <own.txt | grep -q 'Phòng Nội vụ huyện theo dõi, đôn đốc, tổng hợp, báo cáo Ủy ban nhân dân huyện kết quả thực hiện.'
tr '\n' ' ' <own.txt | grep -q 'Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện, Trưởng phòng Nội vụ huyện'
# A month without its day: the day is left blank, never "20..".
grep -q '^Số: 07/QĐ-UBND Tân Phú Đông, ngày  *tháng 01 năm 2025$' q.txt
! grep -q '20\.\.' q.txt
