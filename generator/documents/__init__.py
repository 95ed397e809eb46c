"""Documents staff print and file: 公文 in Word (GB/T 9704-2012) and the 台账 and import templates in Excel.

Each Word document is built in two steps: a module per document (`progress.py`,
`honor_roll.py`, `evaluation.py`, `registration.py`, `results.py`) decides what it says, as a
`Gongwen` (`content.py`), from the queries alone; `gongwen.py` lays any `Gongwen` out on the page, sizing table columns with
`table_widths.py` and pouring into a staff template through `letterhead.py`. The workbooks are declared
as tables of columns (`ledger.py`, `template.py`) and written by `workbook.py`.
"""
