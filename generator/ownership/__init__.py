"""Who may change which record: roles, ownership, CODEOWNERS and the pull-request check.

- `roles.py`      the program staff (科技创新局, 党群工作部…) from `.github/gaoxin-roles.yml`
- `rights.py`     the one table of who owns what, read from a tree of records
- `codeowners.py` writes that table as the forge's CODEOWNERS (who is asked to review)
- `git.py`        the few git commands the check needs, and a tree read from a commit
- `changes.py`    judges every changed record of a pull request for one actor
"""
