#!/usr/bin/python3
"""Compares the totals LibreOffice computed in the filled self-assessment forms
(each converted to CSV) with parx's results.csv of the same data.

usage: compare.py CSV_DIR RESULTS_CSV
For each form: every field subtotal, the total and the index of the column
"Điểm theo cách chấm" against the unit's field_<code>, total and index.
Prints one line per kind of mismatch (none when all agree) and a count."""
import csv
import os
import sys

POINTS = 9  # "Điểm theo cách chấm", 0-based
CODE, NAME = 0, 1


def main():
    csv_dir, results = sys.argv[1:3]
    with open(results, encoding="utf-8", newline="") as f:
        rows = {r["unit_code"]: r for r in csv.DictReader(f)}
    fields = [k[len("field_"):] for k in next(iter(rows.values())) if k.startswith("field_")]
    compared = mismatches = 0
    for name in sorted(os.listdir(csv_dir)):
        with open(os.path.join(csv_dir, name), encoding="utf-8", newline="") as f:
            sheet = list(csv.reader(f))
        unit = sheet[2][2]
        want = rows[unit]
        got = {}
        for line in sheet[9:]:
            if len(line) <= POINTS:
                continue
            if line[CODE] in fields and line[POINTS]:
                got["field_" + line[CODE]] = line[POINTS]
            elif line[NAME] == "TỔNG ĐIỂM":
                got["total"] = line[POINTS]
            elif line[NAME].startswith("CHỈ SỐ CẢI CÁCH"):
                got["index"] = line[POINTS]
        for key in ["field_" + c for c in fields] + ["total", "index"]:
            if not want[key] and key not in got:
                continue
            compared += 1
            if got.get(key) != want[key]:
                mismatches += 1
                print(f"{unit} {key}: LibreOffice {got.get(key)}, parx {want[key]}")
    print(f"{len(os.listdir(csv_dir))} forms, {compared} values compared, {mismatches} differ")


main()
