"""gaoxin import: spreadsheet rows become new record files, all or nothing.

read a file (`reading.py`: .xlsx through openpyxl, .csv in UTF-8 or GBK) → turn each row into
a record mapping (`rows.py`, the columns of `records/columns.py`) → write each as YAML text
(`yaml_text.py`) → load the whole program with the new files added in memory and
validate it (`plan.py`) → only then write the files, never over an existing one.
"""
