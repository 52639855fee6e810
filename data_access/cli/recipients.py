"""`recipients add PROVINCE EMAIL [--name N] | list [--province P] [--json] | remove | disable |
enable PROVINCE EMAIL`: who receives each province's report pack by e-mail (admins only, audited)."""

from __future__ import annotations

from data_access import recipients, reference
from data_access.cli import common
from data_access.errors import UserError


def register(sub) -> None:
    parser = sub.add_parser("recipients", help="manage who receives each province's report pack by e-mail")
    parser.add_argument("--as", dest="as_user", metavar="USER", help="act as this user (must be admin)")
    actions = parser.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="add a recipient for a province")
    add.add_argument("province")
    add.add_argument("email")
    add.add_argument("--name", default="", help="who it is (shown in the list)")
    listing = actions.add_parser("list", help="list recipients")
    listing.add_argument("--province")
    listing.add_argument("--json", action="store_true")
    for name in ("remove", "disable", "enable"):
        action = actions.add_parser(name)
        action.add_argument("province")
        action.add_argument("email")
    parser.set_defaults(run=run)


def _province(value: str | None) -> str | None:
    if value is None:
        return None
    code = reference.resolve_province(value)
    if code is None:
        raise UserError("error.unknown_province", value=value)
    return code


def run(args) -> int:
    db = common.database()
    actor = common.scope_from(args, db)
    province = _province(args.province)
    if args.action == "add":
        added = recipients.add(db, province, args.email, args.name, actor=actor)
        name = reference.province_name(added.province_code, "en")
        print(f"added {added.email} for {added.province_code} {name}")
    elif args.action == "list":
        _print(recipients.list_recipients(db, actor, province), args.json)
    elif args.action == "remove":
        recipients.remove(db, province, args.email, actor=actor)
        print(f"removed {args.email.strip()} for {province}")
    else:
        recipients.set_disabled(db, province, args.email, args.action == "disable", actor=actor)
        print(f"{args.email.strip()} for {province} {args.action}d")
    return 0


def _print(found: list[recipients.Recipient], as_json: bool) -> None:
    rows = [
        {
            "province": r.province_code,
            "email": r.email,
            "name": r.name,
            "disabled": r.disabled,
            "sent_at": r.sent_at.isoformat() if r.sent_at else None,
            "last_error": r.last_error,
        }
        for r in found
    ]
    common.print_rows(rows, as_json, _line)


def _line(r: dict) -> str:
    state = "disabled" if r["disabled"] else "active"
    error = f"  last error: {r['last_error']}" if r["last_error"] else ""
    return f"{r['province']:3} {r['email']:36} {state:8} {r['sent_at'] or 'never sent'}  {r['name']}{error}"
