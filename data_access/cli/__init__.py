"""The command line of DESIGN §8. Each subcommand lives in its own module with `register()`."""

from __future__ import annotations

import argparse
import sys

from sqlalchemy.exc import OperationalError

from data_access import config
from data_access.cli import (
    brief,
    common,
    export,
    forecast,
    importing,
    init,
    kpis,
    labour,
    plan,
    recipients,
    report_pack,
    users,
)
from data_access.db import is_locked
from data_access.errors import UserError

COMMANDS = (init, kpis, importing, export, plan, users, brief, report_pack, recipients, labour, forecast)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m data_access",
        description="โครงการแก้ไขปัญหาความเดือดร้อนด้านอาชีพ — outcome dashboard data tools",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for module in COMMANDS:
        module.register(sub)
    args = parser.parse_args(argv)
    try:
        config.current()
    except config.SettingsError as error:
        return _report(error)
    try:
        return args.run(args) or 0
    except UserError as error:
        return _report(error)
    except OperationalError as error:
        if not is_locked(error):
            raise
        return _report(UserError("error.database_busy"))  # a long SQLite import holds the database
    finally:
        common.database().dispose()


def _report(error: UserError) -> int:
    print(f"ผิดพลาด: {error.th}\nError: {error.en}", file=sys.stderr)
    return 2
