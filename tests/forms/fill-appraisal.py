#!/usr/bin/python3
"""Fills a parx appraisal worksheet as the appraisal team would, with openpyxl:
the rows of an appraisal CSV (input/FORMATS.md, "appraisal/*.csv: the appraisal
team's changes"), typed into the worksheet.

usage: fill-appraisal.py WORKSHEET CSV OUT
Each CSV row (unit, code, score or "na", optional numerator, denominator,
count, reason) fills its worksheet row; ',' or ';' files, decimal comma in ';'
files. Prints the number of rows filled."""
import csv
import sys

import openpyxl

SHEET = "Thẩm định"
# Columns of pipeline/lib/forms/formdef.h (1-based here).
UNIT, CODE, SCORE, NUM, DEN, COUNT, NA, REASON = 1, 3, 10, 11, 12, 13, 14, 15
FIRST = 8


def main():
    book, path, out = sys.argv[1:4]
    with open(path, encoding="utf-8-sig", newline="") as f:
        text = f.read()
    head = text.splitlines()[0]
    delim = ";" if head.count(";") > head.count(",") else ","
    rows = list(csv.DictReader(text.splitlines(), delimiter=delim))
    wb = openpyxl.load_workbook(book)
    ws = wb[SHEET]
    where = {}
    for r in range(FIRST, ws.max_row + 1):
        where[(ws.cell(row=r, column=UNIT).value, ws.cell(row=r, column=CODE).value)] = r
    for row in rows:
        r = where[(row["unit"].strip(), row["code"].strip())]
        score = (row.get("score") or "").strip().replace(",", ".")
        if score == "na":
            ws.cell(row=r, column=NA).value = "x"
        elif score:
            value = float(score)
            ws.cell(row=r, column=SCORE).value = int(value) if value == int(value) else value
        for name, col in (("numerator", NUM), ("denominator", DEN), ("count", COUNT)):
            if (row.get(name) or "").strip():
                ws.cell(row=r, column=col).value = int(row[name])
        ws.cell(row=r, column=REASON).value = row["reason"]
    wb.save(out)
    print(len(rows))


main()
