"""The federation report (区总工会汇总): every plan of a repository on one page.

`collect` runs the check's per-file work over a repository and keeps, per plan, what a
federation reviews; `data` is that as plain data (the JSON shard format, merged with
`--merge`); `view`, `html` and `xlsx` present it.
"""
