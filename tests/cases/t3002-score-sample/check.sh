# parx-score on the sample years, against the results computed independently
# (exact fractions) in input/README.md: 2023 first, its results.csv becoming
# 2024's previous.csv.
#  - out24/results.csv byte for byte (every field, base, bonus, penalty,
#    total, max, index, rank, grade, and prev_index/prev_rank from 2023,
#    CQ-VHTT matched on its previous_code CQ-VH);
#  - the 2023 totals, maxima, indices, ranks and grades;
#  - every items.csv row that names a cause (changed_by), and only those.
ok=0
cmp -s "$CASE/expected/results-2024.csv" out24/results.csv ||
	{ echo "out24/results.csv differs:"; diff "$CASE/expected/results-2024.csv" out24/results.csv | head -40; ok=1; }
# 2023 has 7 fields: unit_code is column 1; total, max, index, rank, grade are 14-18.
cut -d, -f1,14-18 out23/results.csv >got-2023.csv
cmp -s "$CASE/expected/results-2023-summary.csv" got-2023.csv ||
	{ echo "2023 results differ:"; diff "$CASE/expected/results-2023-summary.csv" got-2023.csv | head -40; ok=1; }
# unit_code,code,self,final,changed_by of rows with a changed_by (none of these fields is quoted).
tr -d '\r' <out24/items.csv | awk -F, 'NR > 1 && $8 != "" { print $1 "," $2 "," $5 "," $7 "," $8 }' | sort >got-changed.txt
sort "$CASE/expected/changed-2024.txt" >want-changed.txt
cmp -s want-changed.txt got-changed.txt ||
	{ echo "items.csv rows with changed_by differ:"; diff want-changed.txt got-changed.txt; ok=1; }
# reconciliation.csv: the changed rows without XA-TT 1.1.1 (final = self), plus XA-TTH's declared total.
tr -d '\r' <out24/reconciliation.csv | awk -F, 'NR > 1 { print $1 "," $2 "," $3 "," $5 "," $6 "," $7 }' | sort >got-rec.txt
sort >want-rec.txt <<'END'
CQ-NN,1.1.3,item,2.00,1.00,1.00
CQ-NN,7.3.1,item,2.00,2.00,1.50
CQ-NN,T1,penalty,0.25,0.50,0.50
CQ-TCKH,3.2.1,item,8.00,8.00,6.00
CQ-TCKH,3.2.2,item,2.00,2.00,1.00
CQ-TP,3.2.4,item,na,,1.88
CQ-TTR,7.2.3,item,2.00,2.00,na
CQ-YT,7.4.1,item,3.00,3.00,1.50
XA-PD,T2,penalty,0.00,0.00,1.00
XA-PT,C1,bonus,1.00,1.00,0.00
XA-PTH,1.1.1,item,1.00,1.00,0.50
XA-TTH,,declared-total,93.50,93.45,93.45
END
cmp -s want-rec.txt got-rec.txt ||
	{ echo "reconciliation.csv differs:"; diff want-rec.txt got-rec.txt; ok=1; }
exit $ok
