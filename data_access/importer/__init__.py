"""Provincial submission import (DESIGN §4): `check` to preview, `run` to import, all or nothing.

Modules, in the order a file goes through them: workbook (safe opening), headers (sheets and
header rows), records (cells → values, parse), validate (across rows, sheets, the database and
the user's scope), plan (new / updated / unchanged), write (one transaction), report (what the
user reads). `contract` is the §4 table all of them follow; `template` writes the blank workbook.
"""

from data_access.importer.pipeline import Outcome, check, run

__all__ = ["Outcome", "check", "run"]
