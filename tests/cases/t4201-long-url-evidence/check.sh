set -e
qpdf --check out/don-vi/A1.pdf >/dev/null
# The URL reads back whole once the cell's line breaks are joined.
pdftotext -raw out/don-vi/A1.pdf - | tr -d '\n' | grep -q 'https://dongthap.gov.vn/documents/2024/ke-hoach-cai-cach-hanh-chinh-3-kh-pnv.pdf'
# The column of names keeps its normal width: "Ban hành kế hoạch" stays on one line.
pdftotext -raw out/don-vi/A1.pdf - | grep -q 'Ban hành kế hoạch'
