"""The one door to the database: engine, migrations, and the data version that keys every cache."""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import cache, cached_property
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, Integer, cast, create_engine, delete, event, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from data_access import config, derived, reference, schema

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
DERIVED_OUTDATED = "derived_outdated"


SQLITE_BUSY_MS = 30_000  # how long a SQLite statement waits for another writer's lock


def is_locked(error: OperationalError) -> bool:
    """SQLite's answer while another connection holds the write lock (not an unreachable database)."""
    return "database is locked" in str(error.orig)


class Database:
    """An engine plus what every caller needs around it. Holds no configuration of its own."""

    def __init__(self, url: str):
        self.url = url
        self.is_sqlite = make_url(url).get_backend_name() == "sqlite"

    @cached_property
    def engine(self) -> Engine:
        if self.is_sqlite:
            path = make_url(self.url).database
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(self.url, connect_args={"timeout": SQLITE_BUSY_MS / 1000})
            event.listen(engine, "connect", _sqlite_pragmas)
            return engine
        return create_engine(self.url, pool_pre_ping=True, pool_size=5, max_overflow=5)

    def migrate(self) -> None:
        """Create or upgrade the schema in place (Alembic `upgrade head`). A migration that
        changes a derived table flags it (`derived_outdated`); every derived row is then rebuilt
        from the submitted data, with this code, in the same transaction."""
        cfg = alembic_config()
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            _seed_reference(conn)
            if get_meta(conn, DERIVED_OUTDATED):
                derived.rebuild(conn)
                conn.execute(delete(schema.meta).where(schema.meta.c.key == DERIVED_OUTDATED))
                bump_data_version(conn)

    def schema_is_current(self) -> bool:
        """True when the database is at the latest migration (cheap: reads one row)."""
        with self.engine.connect() as conn:
            return set(MigrationContext.configure(conn).get_current_heads()) == code_heads()

    def data_version(self) -> int:
        """A number that changes whenever submitted data changes; part of every cache key."""
        with self.engine.connect() as conn:
            return int(get_meta(conn, "data_version") or 0)

    def data_changed_at(self) -> datetime | None:
        """When the data version last changed (None for data made before this was recorded): the
        time a report of this version says it was made, so the same data gives the same file."""
        recorded = self.meta("data_changed_at")
        return datetime.fromisoformat(recorded) if recorded else None

    def meta(self, key: str) -> str | None:
        with self.engine.connect() as conn:
            return get_meta(conn, key)

    def default_as_of(self) -> date:
        """The data's own as-of date where one is recorded (the demo data's cut-off), else today."""
        recorded = self.meta("data_as_of")
        return date.fromisoformat(recorded) if recorded else date.today()

    def dispose(self) -> None:
        if "engine" in self.__dict__:
            self.engine.dispose()


@cache
def code_heads() -> frozenset[str]:
    """The migrations this code ends at. Reading the migration scripts took ~11 ms, on every page
    run (the app checks the schema each run); they cannot change while the process runs."""
    return frozenset(ScriptDirectory.from_config(alembic_config()).get_heads())


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def _seed_reference(conn: Connection) -> None:
    """Regions, provinces and skill categories: fixed facts, written (or corrected) on every migrate."""
    rows = (
        (schema.regions, [vars(r) for r in reference.REGIONS]),
        (
            schema.provinces,
            [
                {"code": p.code, "name_th": p.name_th, "name_en": p.name_en, "region_code": p.region}
                for p in reference.provinces()
            ],
        ),
        (schema.skill_categories, [vars(s) for s in reference.SKILL_CATEGORIES]),
    )
    for table, values in rows:
        existing = set(conn.execute(select(table.c.code)).scalars())
        for value in values:
            if value["code"] in existing:
                conn.execute(update(table).where(table.c.code == value["code"]).values(**value))
            else:
                conn.execute(table.insert().values(**value))


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.execute("PRAGMA temp_store=MEMORY")  # GROUP BY and ORDER BY sort in memory, not in temp files
    cursor.close()


def get_meta(conn: Connection, key: str) -> str | None:
    return conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == key)).scalar()


def set_meta(conn: Connection, key: str, value: str) -> None:
    meta = schema.meta
    done = conn.execute(update(meta).where(meta.c.key == key).values(value=value)).rowcount
    if not done:
        conn.execute(meta.insert().values(key=key, value=value))


def ensure_meta(conn: Connection, key: str, value: str) -> None:
    """The row `key` exists afterwards (with `value` if it was missing), even when two
    transactions make it at once."""
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    conn.execute(insert(schema.meta).values(key=key, value=value).on_conflict_do_nothing())


def bump_data_version(conn: Connection) -> None:
    """Call inside the transaction that changes data, so caches and data change together. The
    number is incremented in SQL, so two writers at once never make the same version."""
    meta = schema.meta
    ensure_meta(conn, "data_version", "0")
    next_version = cast(cast(meta.c.value, Integer) + 1, meta.c.value.type)
    conn.execute(update(meta).where(meta.c.key == "data_version").values(value=next_version))
    set_meta(conn, "data_changed_at", datetime.now(UTC).isoformat(timespec="seconds"))


_default: Database | None = None


def default_database() -> Database:
    """The database named by DATABASE_URL (or the embedded SQLite file), one per process."""
    global _default
    url = config.current().database_url
    if _default is None or _default.url != url:
        _default = Database(url)
    return _default
