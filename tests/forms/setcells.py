#!/usr/bin/python3
"""Types values into cells of a workbook, as a person would (openpyxl).

usage: setcells.py IN.xlsx OUT.xlsx SHEET CELL=VALUE...
VALUE is n:<number> (a number cell: n:0.30000000000000004, n:1.257), i:<int>,
s:<text> (a text cell; "\\n" for a line break), or empty (the cell cleared)."""
import sys

import openpyxl


def main():
    src, out, sheet = sys.argv[1:4]
    wb = openpyxl.load_workbook(src)
    ws = wb[sheet]
    for arg in sys.argv[4:]:
        cell, value = arg.split("=", 1)
        if value == "":
            ws[cell].value = None
        elif value.startswith("n:"):
            ws[cell].value = float(value[2:])
        elif value.startswith("i:"):
            ws[cell].value = int(value[2:])
        elif value.startswith("s:"):
            ws[cell].value = value[2:].replace("\\n", "\n")
            ws[cell].number_format = "@"
        else:
            sys.exit(f"setcells.py: {arg}: write n:, i: or s: before the value")
    wb.save(out)


main()
