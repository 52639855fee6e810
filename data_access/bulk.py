"""Fast inserts of many plain rows: executemany of tuples on SQLite, COPY on PostgreSQL.

Rows are tuples in the order of `columns`, with Python values (date, bool, bytes, float, str).
Used by the demo generator and the importer; both run it inside their own transaction.
Values reach SQLite as its SQLAlchemy types store them (dates as ISO text, booleans as 0/1).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date

from sqlalchemy import Connection, Table, bindparam, text


def insert_rows(conn: Connection, table: Table, columns: Sequence[str], rows: Iterable[tuple]) -> int:
    rows = list(rows)
    if not rows:
        return 0
    if conn.dialect.name == "postgresql":
        return _copy(conn, table, columns, rows)
    placeholders = ", ".join("?" for _ in columns)
    sql = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({placeholders})"
    cursor = conn.connection.driver_connection.cursor()
    cursor.executemany(sql, [tuple(_sqlite_value(v) for v in row) for row in rows])
    return len(rows)


def execute_many(conn: Connection, statement, rows: list[dict]) -> None:
    """An INSERT (an upsert too) of many dict rows with the same keys. On SQLite the statement is
    compiled once and its rows go to the driver as plain tuples: SQLAlchemy's own executemany
    spends most of a large import building parameters row by row. PostgreSQL keeps SQLAlchemy's
    (batched) executemany."""
    if not rows:
        return
    if conn.dialect.name != "sqlite":
        conn.execute(statement, rows)
        return
    compiled = statement.values({name: bindparam(name) for name in rows[0]}).compile(dialect=conn.dialect)
    order = compiled.positiontup
    columns = statement.table.columns
    defaults = {c.name: c.default.arg for c in columns if c.default is not None and c.default.is_scalar}
    if not set(order) <= set(rows[0]) | set(defaults):  # a default computed per row: SQLAlchemy's way
        conn.execute(statement, rows)
        return
    cursor = conn.connection.driver_connection.cursor()
    values = [tuple(_sqlite_value(row[n] if n in row else defaults[n]) for n in order) for row in rows]
    cursor.executemany(str(compiled), values)


def _sqlite_value(value):
    return value.isoformat() if isinstance(value, date) else value


def _copy(conn: Connection, table: Table, columns: Sequence[str], rows: list[tuple]) -> int:
    cursor = conn.connection.driver_connection.cursor()
    with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    return len(rows)


def reset_sequences(conn: Connection, tables: Iterable[Table]) -> None:
    """After rows were inserted with explicit ids, move PostgreSQL's id sequences past them."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
            )
        )


LOAD_CACHE_KIB = 512 * 1024  # SQLite's page cache while loading (the app's connections use 64 MiB)


@contextmanager
def loading(conn: Connection, tables: Iterable[Table]) -> Iterator[None]:
    """Load millions of rows into `tables` without paying for their secondary indexes row by row.

    The tables' non-unique indexes are dropped for the load and made again after, inside the same
    transaction: one sorted build instead of millions of random inserts into a b-tree larger than
    the page cache (the citizen-hash index made a 5M demo build write 8 GB and grow super-linearly).
    SQLite also gets a large page cache for the load and the derived rebuild.
    """
    deferred = [index for table in tables for index in table.indexes if not index.unique]
    for index in deferred:
        index.drop(conn)
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:
        conn.exec_driver_sql(f"PRAGMA cache_size=-{LOAD_CACHE_KIB}")
    try:
        yield
        for index in deferred:
            index.create(conn)
    finally:
        if sqlite:
            conn.exec_driver_sql("PRAGMA cache_size=-65536")
