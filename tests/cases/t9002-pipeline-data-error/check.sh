grep -q "^submissions/xa-tan-thoi.xml:[0-9]*: error: self=\"0.70\" is not a level of item '1.1.1'" out/validation.txt || exit 1
for f in results.csv items.csv reconciliation.csv quyet-dinh.pdf bieu-do.pdf doi-chieu.pdf SHA256SUMS; do
	[ ! -e "out/$f" ] || { echo "out/$f published despite the error"; exit 1; }
done
