# parx-score on tests/data/mini: the three CSVs byte for byte (RFC 4180, and the
# Excel dialect of results and reconciliation), nothing else in the folder.
#
# Two units by hand, line by line (hundredths in the program, points here):
#
# A2 (group A; 2.1.1 declared not applicable, self 3 on 1.2.1 contradicts 9/10):
#   1.1.1 levels        self 1                                  final 1.00
#   1.1.2 scale         self 0.75                               final 0.75
#   1.2.1 ratio         9/10 = 90 %: 90 ≥ 100? no; 90 ≥ 80? yes  final 2.00 (self 3: rule)
#   2.1.1 proportional  not applicable: leaves max 2            final na
#   2.1.3 count         min(2, 2 × 0.5) = 1                     final 1.00
#   T1 penalty count    min(2, 2 × 0.25) = 0.50;  C1 unclaimed  0.00
#   applicable max      10 − 2 = 8; field 1 max 6, field 2 max 4 − 2 = 2
#   field 1             1 + 0.75 + 2 = 3.75;  field 2  1.00
#   base                3.75 + 1.00 = 4.75
#   bonus / penalty     min(0, 1) = 0.00 / min(0.50, 1) = 0.50
#   total               4.75 + 0 − 0.50 = 4.25
#   index               4.25 / 8 × 100 = 53.125 → half up 53.13 → Yếu (< 70)
#   rank                97.50 (A1) > 87.50 (A3) > 53.13: 3
#   declared 5.25 = self formula 1 + 0.75 + 3 + 1 − 0.5 = 5.25: no reconciliation row
#
# B1 (group B; rounding half up, both caps):
#   1.1.1 levels        2.00
#   1.2.1 ratio         3/4 = 75 %: ≥ 100 no, ≥ 80 no, ≥ 50 yes → 1.00
#   2.1.1 proportional  165/500 = 33 %, target 80: 2 × 33/80 = 0.825 → half up 0.83
#   2.1.2 levels        1.00
#   2.1.3 count         min(2, 4 × 0.5) = 2.00
#   C1 bonus count      min(1.5, 1 × 0.5) = 0.50
#   T1 penalty count    min(2, 5 × 0.25) = 1.25
#   field 1             2 + 1 = 3.00;  field 2  0.83 + 1 + 2 = 3.83
#   base                6.83
#   bonus               min(0.50, bonuses max 1) = 0.50
#   penalty             min(1.25, penalties max 1) = 1.00
#   total               6.83 + 0.50 − 1.00 = 6.33; max 10
#   index               6.33 / 10 × 100 = 63.30 → Yếu; rank 1 (alone in B)
#   declared 6.33 = self formula: no reconciliation row
# A1 and A3 are worked out in tests/data/mini/EXPECTED.md.
ok=0
for f in results.csv items.csv reconciliation.csv; do
	cmp -s "$CASE/expected/$f" "out/$f" || { echo "out/$f differs:"; diff "$CASE/expected/$f" "out/$f" | head -20; ok=1; }
	cmp -s "out/$f" "outx/$f" || { echo "outx/$f differs from out/$f"; ok=1; }
done
for f in results-excel.csv reconciliation-excel.csv; do
	cmp -s "$CASE/expected/$f" "outx/$f" || { echo "outx/$f differs:"; diff "$CASE/expected/$f" "outx/$f" | head -20; ok=1; }
done
[ -f outx/items-excel.csv ] || { echo "outx/items-excel.csv missing"; ok=1; }
n=$(ls out | wc -l)
[ "$n" = 3 ] || { echo "out holds $n files, expected the 3 CSVs:"; ls -a out; ok=1; }
n=$(ls -A outx | wc -l)
[ "$n" = 6 ] || { echo "outx holds $n entries, expected 6 CSVs:"; ls -a outx; ok=1; }
exit $ok
