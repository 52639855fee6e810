"""The Alembic migrations make exactly the tables of schema.py, on both backends, and a migration
that changes a derived table leaves it rebuilt from the submitted data."""

from datetime import date

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select

from data_access import db as db_module
from data_access import kpis, schema
from data_access.selection import Scope, Selection
from tests.test_kpis import hand_made

EXECUTIVE = Scope("exec", "executive")
SELECTION = Selection(fiscal_years=(2566,), as_of=date(2023, 9, 30))


def test_migrations_produce_exactly_the_schema(db):
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "compare_server_default": True}
        )
        assert compare_metadata(context, schema.metadata) == []


def _alembic(db, revision: str, direction) -> None:
    cfg = db_module.alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        direction(cfg, revision)


def test_a_migrated_database_rebuilds_its_derived_tables(db):
    hand_made().load(db)
    before = kpis.kpi_summary(db, SELECTION, EXECUTIVE)
    _alembic(db, "0001", command.downgrade)
    version = db.data_version()
    db.migrate()
    with db.engine.connect() as conn:
        assert (
            conn.execute(select(schema.meta.c.key).where(schema.meta.c.key == "derived_outdated")).all() == []
        )
    assert db.data_version() == version + 1  # no cached figure of the old table is served
    assert kpis.kpi_summary(db, SELECTION, EXECUTIVE) == before
    assert before["employment_rate"] == 0.75
