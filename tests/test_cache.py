"""The query cache never serves one scope's rows to another, and never serves stale data."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from data_access import kpis
from data_access.db import bump_data_version
from data_access.selection import Scope, Selection
from tests.builder import Dataset

SELECTION = Selection(fiscal_years=(2566,), as_of=date(2023, 9, 30))


def two_provinces(db):
    d = Dataset().course("A", province="50").course("B", province="51")
    d.participant("A", "a1").participant("A", "a2").participant("B", "b1")
    return d.load(db)


def test_cached_results_are_isolated_by_scope(sqlite_db):
    db = two_provinces(sqlite_db)
    head50 = Scope("h50", "provincial", frozenset({"50"}))
    head51 = Scope("h51", "provincial", frozenset({"51"}))
    assert kpis.kpi_summary(db, SELECTION, head50)["participants"] == 2
    # Same selection, same function, warm cache: another scope must still get its own rows.
    assert kpis.kpi_summary(db, SELECTION, head51)["participants"] == 1
    assert kpis.kpi_summary(db, SELECTION, Scope("x", "executive"))["participants"] == 3


def test_a_data_change_invalidates_the_cache(sqlite_db):
    db = two_provinces(sqlite_db)
    everyone = Scope("x", "executive")
    assert kpis.kpi_summary(db, SELECTION, everyone)["participants"] == 3
    Dataset().course("C", province="52").participant("C", "c1").load(db)
    assert kpis.kpi_summary(db, SELECTION, everyone)["participants"] == 4


def test_cached_frames_are_copies(sqlite_db):
    db = two_provinces(sqlite_db)
    everyone = Scope("x", "executive")
    first = kpis.kpi_table(db, SELECTION, everyone)
    first.loc[0, "participants"] = -1
    assert kpis.kpi_table(db, SELECTION, everyone).loc[0, "participants"] == 3


def test_sessions_asking_at_once_share_one_computation(sqlite_db, monkeypatch):
    db = two_provinces(sqlite_db)
    everyone = Scope("x", "executive")
    calls = []
    real = kpis._outcome_sums

    def slow_sums(*args):
        calls.append(1)
        time.sleep(0.3)
        return real(*args)

    monkeypatch.setattr(kpis, "_outcome_sums", slow_sums)
    with ThreadPoolExecutor(max_workers=5) as pool:
        results = list(pool.map(lambda _: kpis.kpi_summary(db, SELECTION, everyone), range(5)))
    assert [r["participants"] for r in results] == [3] * 5
    assert len(calls) == 1


def test_writers_at_once_each_move_the_data_version(db):
    """Every write bumps the version that keys the cache; two at once must not make the same one
    (issue 12: two parallel imports left version 2 instead of 3 and pages served stale figures)."""
    start = db.data_version()
    barrier = threading.Barrier(8)

    def write(_):
        barrier.wait()
        with db.engine.begin() as conn:
            bump_data_version(conn)

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(write, range(24)))
    assert db.data_version() == start + 24
