"""Fixtures shared by every test: a fresh database on each backend, caches cleared between tests.

The `db` fixture runs a test once on SQLite and once on PostgreSQL. PostgreSQL tests skip with a
reason where no server answers, except under CI=true, where they must run.
"""

from __future__ import annotations

import os
import shutil
import uuid
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from data_access import cache, demo
from data_access.db import Database
from data_access.labour import forecasts
from tests.apptest import run_app
from tests.reports_data import brief_data
from ui import unexpected

POSTGRES_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
IN_CI = os.environ.get("CI", "").lower() == "true"


def require_tool(command: str, package: str) -> str:
    """The path of a Debian tool the test drives; skips where it is missing, fails under CI=true."""
    path = shutil.which(command)
    if path:
        return path
    reason = f"{command} is not installed (apt-get install {package})"
    if IN_CI:
        pytest.fail(f"this test must run under CI=true: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    """Each test: empty caches, a throwaway data folder and a fixed citizen-ID key. A page error
    that the app caught and told the user (ui.unexpected) still fails the test that caused it."""
    cache.clear()
    unexpected.recent.clear()
    monkeypatch.setenv("CITIZEN_ID_KEY", "test-key-0123456789abcdef0123456789abcdef")
    yield
    cache.clear()
    caught = list(unexpected.recent)
    unexpected.recent.clear()
    assert not caught, "a page failed:\n" + "\n".join(f"[{ref}] {trace}" for ref, trace in caught)


def _postgres_server():
    try:
        engine = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return engine
    except Exception as error:  # noqa: BLE001 - any failure means "no server here"
        if IN_CI:
            raise RuntimeError(f"PostgreSQL is required under CI=true: {error}") from error
        return None


@contextmanager
def _postgres_database(prefix: str):
    """A new, migrated PostgreSQL database of our own, dropped afterwards."""
    admin = _postgres_server()
    if admin is None:
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_ADMIN_URL} (set TEST_POSTGRES_URL)")
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    database = Database(POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}")
    database.migrate()
    try:
        yield database
    finally:
        database.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def postgres_url():
    with _postgres_database("dashboard_test") as database:
        yield database.url


@pytest.fixture(scope="session")
def postgres_demo_url():
    """A small demo database on PostgreSQL (loaded with COPY), for AppTest runs there."""
    os.environ.setdefault("CITIZEN_ID_KEY", "test-key-0123456789abcdef0123456789abcdef")
    with _postgres_database("dashboard_demo") as database:
        demo.generate(database, participants_total=3000, seed=5)
        forecasts.ensure(database)
        database.dispose()
        yield database.url


def _truncate(db: Database) -> None:
    keep = "'regions', 'provinces', 'skill_categories', 'alembic_version'"
    with db.engine.begin() as conn:
        tables = (
            conn.execute(
                text(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                    f"AND tablename NOT IN ({keep})"
                )
            )
            .scalars()
            .all()
        )
        conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    """An empty, migrated database on each backend."""
    if request.param == "sqlite":
        database = Database(f"sqlite:///{tmp_path / 'test.db'}")
        database.migrate()
    else:
        database = Database(request.getfixturevalue("postgres_url"))
        _truncate(database)
    yield database
    database.dispose()


@pytest.fixture
def sqlite_db(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'test.db'}")
    database.migrate()
    yield database
    database.dispose()


@pytest.fixture
def brief_db(db):
    """The reports' hand-made data (tests/reports_data.py) on each backend."""
    return brief_data().load(db)


@pytest.fixture
def brief_sqlite(sqlite_db):
    """The same on SQLite only: for what a report does with figures known to agree on both backends."""
    return brief_data().load(sqlite_db)


@pytest.fixture(scope="session")
def demo_url(tmp_path_factory):
    """A small demo database (3,000 participants, seed 5) shared by the AppTest tests."""
    os.environ.setdefault("CITIZEN_ID_KEY", "test-key-0123456789abcdef0123456789abcdef")
    database = Database(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}")
    database.migrate()
    demo.generate(database, participants_total=3000, seed=5)
    forecasts.ensure(database)  # as `init --demo` does: no page view waits for the forecasts
    database.dispose()
    return database.url


@pytest.fixture
def demo_app(demo_url, monkeypatch):
    """Point the app at the demo database; returns its Database."""
    monkeypatch.setenv("DATABASE_URL", demo_url)
    return Database(demo_url)


def _contents(url: str) -> dict[str, object]:
    """What a test could change in a database: every table's row count, and the accounts and
    metadata in full (a sign-in or a disabled user changes rows without adding any). Browser
    sessions are left out: every signed-in AppTest run opens its own, which no other test reads."""
    engine = create_engine(url)
    with engine.connect() as conn:
        found: dict[str, object] = {
            name: conn.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one()
            for name in inspect(conn).get_table_names()
            if name != "user_sessions"
        }
        for name in ("users", "meta"):
            found[f"{name} rows"] = sorted(
                map(tuple, conn.execute(text(f'SELECT * FROM "{name}"')).all()), key=repr
            )
    engine.dispose()
    return found


@pytest.fixture(autouse=True)
def _shared_demo_is_left_as_it_was(request):
    """Tests share one demo database (demo_url); one that writes to it fails here: it takes
    own_demo_app instead."""
    if "demo_url" not in request.fixturenames:
        yield
        return
    url = request.getfixturevalue("demo_url")
    before = _contents(url)
    yield
    assert _contents(url) == before, "this test changed the shared demo database: use own_demo_app"


@pytest.fixture
def own_demo_app(demo_url, tmp_path, monkeypatch):
    """A copy of the demo database for this test alone: for a test that writes to it (a user, a
    sign-in or download in the audit log), so the shared one stays as every other test reads it."""
    path = tmp_path / "own_demo.db"
    shutil.copyfile(make_url(demo_url).database, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("DATABASE_URL", url)
    database = Database(url)
    yield database
    database.dispose()


@pytest.fixture
def app(demo_app):
    """`run_app` against the demo database."""
    return run_app
