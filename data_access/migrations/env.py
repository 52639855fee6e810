"""Alembic environment: the connection comes from `Database.migrate()` (or DATABASE_URL)."""

from alembic import context
from sqlalchemy import create_engine

from data_access import config, schema

target_metadata = schema.metadata


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        with create_engine(config.current().database_url).begin() as connection:
            _migrate(connection)
    else:
        _migrate(connection)


def _migrate(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


run()
