ok=0
for f in units.csv scores.csv appraisal.csv PROVENANCE; do
	cmp -s "$CASE/expected/$f" "out/ingest/$f" || { echo "ingest/$f differs:"; diff "$CASE/expected/$f" "out/ingest/$f" | head -20; ok=1; }
done
exit $ok
