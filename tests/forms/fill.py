#!/usr/bin/python3
"""Fills parx's self-assessment forms as a unit would, with openpyxl (Debian's
python3-openpyxl): the values of a year's submissions, typed into the cells.

usage: fill.py FORMS_DIR SUBMISSIONS_DIR OUT_DIR
Every <unit>.xlsx of FORMS_DIR whose unit has a submission in SUBMISSIONS_DIR
is written filled to OUT_DIR/<unit>.xlsx. Numbers are typed as numbers (1,
0.5), raw data as whole numbers, "x" for not applicable, evidence and notes
one per line. Prints the number of forms filled."""
import os
import sys
import xml.etree.ElementTree as ET

import openpyxl

NS = {"s": "urn:parx:submission:1"}
SHEET = "Tự chấm điểm"
# Columns of pipeline/lib/forms/formdef.h (1-based here).
CODE, SELF, NUM, DEN, COUNT, NA, EVIDENCE, NOTE = 1, 5, 6, 7, 8, 9, 11, 12
ID_COL, ROW_UNIT, FIRST = 3, 3, 10


def number(text):
    """'1.50' -> 1.5, '2' -> 2: what a person types."""
    value = float(text)
    return int(value) if value == int(value) else value


def fill(path, subs, out):
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET]
    unit = ws.cell(row=ROW_UNIT, column=ID_COL).value
    sub = subs.get(unit)
    if sub is None:
        return False
    rows = {}
    for r in range(FIRST, ws.max_row + 1):
        code = ws.cell(row=r, column=CODE).value
        if code:
            rows.setdefault(str(code), r)
    for sc in sub.findall("s:score", NS):
        r = rows[sc.get("code")]
        if sc.get("na") == "true":
            ws.cell(row=r, column=NA).value = "x"
        elif sc.get("self") is not None:
            ws.cell(row=r, column=SELF).value = number(sc.get("self"))
        for attr, col in (("numerator", NUM), ("denominator", DEN), ("count", COUNT)):
            if sc.get(attr) is not None:
                ws.cell(row=r, column=col).value = int(sc.get(attr))
        ev = [e.text.strip() for e in sc.findall("s:evidence", NS) if e.text and e.text.strip()]
        if ev:
            ws.cell(row=r, column=EVIDENCE).value = "\n".join(ev)
        notes = [n.text.strip() for n in sc.findall("s:note", NS) if n.text and n.text.strip()]
        if notes:
            ws.cell(row=r, column=NOTE).value = "\n".join(notes)
    wb.save(os.path.join(out, os.path.basename(path)))
    return True


def main():
    forms, subdir, out = sys.argv[1:4]
    subs = {}
    for name in sorted(os.listdir(subdir)):
        if name.endswith(".xml"):
            root = ET.parse(os.path.join(subdir, name)).getroot()
            subs[root.get("unit")] = root
    os.makedirs(out, exist_ok=True)
    n = 0
    for name in sorted(os.listdir(forms)):
        if name.endswith(".xlsx") and not name.startswith("tham-dinh"):
            n += fill(os.path.join(forms, name), subs, out)
    print(n)


main()
