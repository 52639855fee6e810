"""The small demo database the planning tests share: 3,000 participants, seed 5, FY2564–2568."""

from __future__ import annotations

from data_access import demo
from data_access.db import Database


def small_demo(folder) -> Database:
    """A migrated SQLite database in `folder` filled with the small demo (call once per module)."""
    db = Database(f"sqlite:///{folder / 'demo.db'}")
    db.migrate()
    demo.generate(db, participants_total=3000, seed=5)
    return db
