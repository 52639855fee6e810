"""Arguments every data command shares: the selection (--fy, --region, --province, --skill,
--as-of) and the acting user (--as)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

from data_access import audit, fiscal, reference, users
from data_access.db import Database, default_database
from data_access.errors import UserError
from data_access.selection import Scope, Selection


def database() -> Database:
    return default_database()


def add_selection_arguments(
    parser: argparse.ArgumentParser, *, skill: bool = True, fy_required: bool = False
) -> None:
    """`--fy` is required where DESIGN §8 writes it without brackets (kpis, plan)."""
    parser.add_argument(
        "--fy", required=fy_required, help="fiscal year(s), BE or CE, comma-separated (e.g. 2566)"
    )
    parser.add_argument("--region", help="region code or name (e.g. north, ภาคเหนือ)")
    parser.add_argument("--province", help="province code or name (e.g. 50, เชียงใหม่)")
    if skill:
        parser.add_argument("--skill", help="skill category code or name (e.g. AGR)")
    parser.add_argument("--as-of", dest="as_of", help="as-of date YYYY-MM-DD (default: data's)")
    parser.add_argument("--as", dest="as_user", metavar="USER", help="act as this user")


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def _resolve(values, resolver, what: str) -> tuple[str, ...]:
    resolved = []
    for value in values:
        code = resolver(value)
        if code is None:
            raise UserError(f"error.unknown_{what}", value=value)
        resolved.append(code)
    return tuple(resolved)


def fiscal_years_from(args: argparse.Namespace) -> tuple[int, ...]:
    try:
        return tuple(fiscal.to_be(int(reference.thai_digits_to_arabic(y))) for y in _split(args.fy))
    except ValueError:
        raise UserError("error.invalid_fy", value=args.fy) from None


def as_of_from(args: argparse.Namespace, db: Database) -> date:
    try:
        return date.fromisoformat(args.as_of) if args.as_of else db.default_as_of()
    except ValueError:
        raise UserError("error.invalid_date", value=args.as_of) from None


def selection_from(args: argparse.Namespace, db: Database) -> Selection:
    years, as_of = fiscal_years_from(args), as_of_from(args, db)
    return Selection(
        fiscal_years=years,
        regions=_resolve(_split(args.region), reference.resolve_region, "region"),
        provinces=_resolve(_split(args.province), reference.resolve_province, "province"),
        skills=_resolve(_split(getattr(args, "skill", None)), reference.resolve_skill, "skill"),
        as_of=as_of,
    )


def scope_from(args: argparse.Namespace, db: Database) -> Scope:
    """The operator's full rights when `--as` is left out; `--as ""` (an unset variable in a
    script) names nobody and is refused, never taken as leaving it out."""
    if args.as_user is None:
        return users.SYSTEM
    if not args.as_user.strip():
        raise UserError("error.unknown_user", user='""')
    return users.scope_for(db, args.as_user)


def scoped_selection(args: argparse.Namespace, db: Database) -> tuple[Selection, Scope]:
    """The selection and the acting user's scope; asking for a province outside it is an error."""
    selection, scope = selection_from(args, db), scope_from(args, db)
    asked = selection.selected_provinces()
    if asked is not None and scope.provinces is not None and not asked <= scope.provinces:
        outside = ", ".join(sorted(asked - scope.provinces))
        raise UserError("error.outside_scope", provinces=outside, user=scope.username)
    return selection, scope


def write_download(db: Database, scope: Scope, selection: Selection, path: str, data: bytes) -> None:
    """Writes a file a command made for the user and records it in the audit log, as a page's
    download is recorded."""
    try:
        Path(path).write_bytes(data)
    except OSError as error:
        raise UserError("error.cannot_write", path=path, reason=error.strerror) from None
    detail = {"file": Path(path).name, "via": "cli", **audit.selection_detail(selection)}
    try:
        audit.log(db, scope.username, "download", detail, queue=False)
    except Exception:
        Path(path).unlink(missing_ok=True)  # no file leaves without its audit entry
        raise
    print(f"{path}: {len(data):,} bytes")


def print_rows(rows: list[dict], as_json: bool, line: Callable[[dict], str]) -> None:
    """A listing: one JSON array (--json), or one line per row."""
    if as_json:
        print(json.dumps(rows, ensure_ascii=False))
        return
    for row in rows:
        print(line(row))
