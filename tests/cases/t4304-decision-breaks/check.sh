set -e
# Text of page $2 of $1 without its page number.
page() { pdftotext -raw -f "$2" -l "$2" "$1" - | grep -v '^ *[0-9]* *$'; }
pages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }
for k in 13 14 15; do
	f="out-k$k/quyet-dinh.pdf"
	for p in $(seq 1 "$(pages "$f")"); do
		test "$(page "$f" "$p" | tail -n 1)" != "QUYẾT ĐỊNH:" || { echo "k=$k: 'QUYẾT ĐỊNH:' ends page $p"; exit 1; }
	done
	# >= 6 pt between paragraphs: where a basis starts, the line pitch is the
	# smallest pitch (a line within a paragraph) plus at least 6 pt.
	pdftotext -bbox -f 1 -l 1 "$f" - | awk -v k=$k '
		/<word / { match($0, /yMin="[0-9.]+"/); y = substr($0, RSTART + 6, RLENGTH - 7) + 0
			   t = $0; sub(/.*">/, "", t); sub(/<.*/, "", t)
			   if (y != last) { n++; ys[n] = y; first[n] = t; last = y } }
		END {
			for (i = 2; i <= n; i++) if (first[i] == "Căn" && first[i - 1] != "QUYẾT") { in_ = 1; break }
			min = 1e9
			for (i = 2; i <= n; i++) { d = ys[i] - ys[i - 1]; if (d > 0 && d < min) min = d }
			bad = 0; seen = 0
			for (i = 2; i <= n; i++) if (first[i] == "Căn" || first[i] == "Theo") {
				seen++
				if (ys[i] - ys[i - 1] < min + 5.9) { printf "k=%d: %.1f pt before line %d\n", k, ys[i] - ys[i - 1] - min, i; bad = 1 }
			}
			exit bad || seen < k }'
done
for i in 0 3 5; do
	# The title lines (between QUYẾT ĐỊNH and the authority line) split no compound.
	page "out-t$i/quyet-dinh.pdf" 1 | sed -n '/^QUYẾT ĐỊNH$/,/^ỦY BAN NHÂN DÂN HUYỆN/p' | sed '1d;$d' | tr '\n' '|' |
		awk -v RS='|' 'NF { if (prev != "") print prev " " $1; prev = $NF }' >pairs-$i
	! grep -xE 'Ủy ban|nhân dân|cơ quan|cải cách|hành chính|Chỉ số|Đồng Tháp|chuyên môn|năm [0-9]+|kết quả|công bố|đánh giá' pairs-$i
	test "$(wc -l <pairs-$i)" -ge 1
done
for n in 32 72; do
	f="out-g$n/quyet-dinh.pdf"
	for p in $(seq 1 "$(pages "$f")"); do
		case "$(page "$f" "$p" | head -n 1)" in
		"Ghi chú"* | "./."*) echo "$n units: page $p holds only the note"; exit 1 ;;
		esac
	done
done
