"""`users add NAME --role ROLE [--scope CODES] | list | disable NAME | enable NAME | set-password NAME`."""

from __future__ import annotations

import getpass
import sys

from data_access import users
from data_access.cli import common
from data_access.errors import UserError


def register(sub) -> None:
    parser = sub.add_parser("users", help="manage user accounts")
    parser.add_argument("--as", dest="as_user", metavar="USER", help="act as this user (must be admin)")
    actions = parser.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="add a user")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=["executive", "provincial", "staff", "admin"])
    add.add_argument("--scope", default="", help="province or region codes, comma-separated")
    add.add_argument("--email", help="e-mail used by single sign-on")
    add.add_argument("--display-name", default="")
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    listing = actions.add_parser("list", help="list users")
    listing.add_argument("--json", action="store_true")
    for name in ("disable", "enable", "set-password"):
        action = actions.add_parser(name)
        action.add_argument("name")
        if name == "set-password":
            action.add_argument("--password-stdin", action="store_true")
    parser.set_defaults(run=run)


def run(args) -> int:
    db = common.database()
    actor = _actor(args, db)
    if args.action == "add":
        password = _password(args) if args.password_stdin or sys.stdin.isatty() else None
        user = users.add(
            db,
            args.name,
            args.role,
            args.scope,
            actor=actor,
            password=password,
            email=args.email,
            display_name=args.display_name,
        )
        print(f"added {user.username} ({user.role}, scope: {user.scope_codes or 'all'})")
    elif args.action == "list":
        _print_users(users.list_users(db, common.scope_from(args, db)), args.json)
    elif args.action == "set-password":
        users.set_password(db, args.name, _password(args), actor=actor)
        print(f"password set for {args.name}")
    else:
        users.set_disabled(db, args.name, args.action == "disable", actor=actor)
        print(f"{args.name} {args.action}d")
    return 0


def _actor(args, db) -> str:
    """Without --as, the operator at the terminal; with it, that user must be an admin."""
    scope = common.scope_from(args, db)
    if not scope.can_manage_users():
        raise UserError("error.admin_only")
    return scope.username


def _password(args) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("รหัสผ่าน / Password: ")
    if getpass.getpass("ยืนยัน / Repeat: ") != first:
        raise UserError("error.passwords_differ")
    return first


def _print_users(found, as_json: bool) -> None:
    rows = [
        {
            "username": u.username,
            "role": u.role,
            "scope": u.scope_codes,
            "email": u.email,
            "disabled": u.disabled,
            "password": u.has_password,
        }
        for u in found
    ]
    common.print_rows(rows, as_json, _line)


def _line(r: dict) -> str:
    state = "disabled" if r["disabled"] else "active"
    return f"{r['username']:24} {r['role']:11} {r['scope'] or 'all':20} {state:8} {r['email'] or ''}"
