#!/usr/bin/python3
"""Prints what a person finds in a parx self-assessment form when opening it
(openpyxl): sheets, identification, protection, which cells are open to
input, data validation, frozen panes, print setup, formulas of one item.

usage: look.py FORM.xlsx CODE   (CODE: an item whose row is shown)"""
import sys

import openpyxl

SHEET = "Tự chấm điểm"


def main():
    path, code = sys.argv[1:3]
    wb = openpyxl.load_workbook(path)
    print("sheets:", ", ".join(wb.sheetnames))
    ws = wb[SHEET]
    for r in range(2, 8):
        print(f"  {ws.cell(row=r, column=1).value} {ws.cell(row=r, column=3).value}")
    print("protected:", ws.protection.sheet, "password:", bool(ws.protection.password))
    print("frozen at:", ws.freeze_panes)
    ps = ws.page_setup
    print("paper:", ps.paperSize, ps.orientation, "fit to width:", ws.sheet_properties.pageSetUpPr.fitToPage,
          ps.fitToWidth, "x", ps.fitToHeight)
    print("titles repeated:", ws.print_title_rows)
    row = next(r for r in range(10, ws.max_row + 1) if ws.cell(row=r, column=1).value == code)
    heads = [ws.cell(row=9, column=c).value for c in range(1, 13)]
    print(f"row {row}, item {code}:")
    for c in range(1, 13):
        cell = ws.cell(row=row, column=c)
        value = cell.value if not isinstance(cell.value, str) or len(cell.value) < 70 else cell.value[:67] + "..."
        print(f"  {cell.coordinate} {heads[c - 1]}: {'input' if not cell.protection.locked else 'locked'}"
              + (f" = {value}" if value is not None else ""))
    rules = {}
    for dv in ws.data_validations.dataValidation:
        for rng in str(dv.sqref).split():
            rules[rng] = f"{dv.type} {dv.operator or ''} {dv.formula1 or ''} {dv.formula2 or ''}".split()
    for c in "EFGHI":
        key = f"{c}{row}"
        if key in rules:
            print(f"  validation {key}:", " ".join(rules[key]))
    locked_inputs = 0
    for r in range(10, ws.max_row + 1):
        for c in range(1, 13):
            if not ws.cell(row=r, column=c).protection.locked:
                locked_inputs += 1
    print("cells open to input:", locked_inputs)
    totals = [r for r in range(10, ws.max_row + 1) if ws.cell(row=r, column=2).value == "TỔNG ĐIỂM"]
    print("total:", ws.cell(row=totals[0], column=5).value, "|", ws.cell(row=totals[0], column=10).value)


main()
