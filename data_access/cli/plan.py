"""`plan --fy 2568 [--budget BAHT] [--basis …] [--region] [--province] [--as USER] --json`:
next year's budget proposal (DESIGN §8). `--fy` is the last year of data; the plan is for the
year after it, learnt from the complete years up to it."""

from __future__ import annotations

import json

from data_access import reference
from data_access.cli import common
from data_access.errors import UserError
from data_access.labour import forecasts, need
from data_access.planning import proposal


def register(sub) -> None:
    parser = sub.add_parser("plan", help="next year's budget proposal with 80% intervals")
    common.add_selection_arguments(parser, skill=False, fy_required=True)
    parser.add_argument("--budget", help="total budget in baht (default: the year's allocation)")
    parser.add_argument(
        "--basis",
        choices=[b for b in proposal.BASES if b != "custom"],
        default="last_year",
        help="how the budget is shared among provinces (default: last year's shares)",
    )
    parser.add_argument(
        "--need",
        choices=need.INDICATORS,
        default="lfs_unemployed",
        help="with --basis need: next year's forecast unemployed (default) or benefit claimants",
    )
    parser.add_argument("--blend", help="with --basis need: weight 0–1 of the outcome-weighted shares")
    parser.add_argument("--json", action="store_true", help="one JSON object (DESIGN §8)")
    parser.set_defaults(run=run)


def _budget(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        value = float(reference.thai_digits_to_arabic(text).replace(",", ""))
    except ValueError:
        value = -1.0
    if value < 0:
        raise UserError("error.invalid_budget", value=text)
    return value


def _blend(text: str | None) -> float:
    if text is None:
        return 0.0
    try:
        value = float(reference.thai_digits_to_arabic(text))
    except ValueError:
        value = -1.0
    if not 0 <= value <= 1:
        raise UserError("planning.error.blend", value=text)
    return value


def _interval(name: str, value: dict) -> str:
    return f"{name} {value['estimate']:,} ({value['low']:,}–{value['high']:,})"


def run(args) -> int:
    db = common.database()
    selection, scope = common.scoped_selection(args, db)
    if args.basis == "need":
        forecasts.ensure(db)
    made = proposal.proposal(
        db, selection, scope, _budget(args.budget), args.basis, (), args.need, _blend(args.blend)
    )
    plan = proposal.to_json(made)
    if args.json:
        print(json.dumps(plan, ensure_ascii=False))
        return 0
    print(f"FY{plan['fiscal_year']} budget {plan['budget']:,} baht (estimate, 80% interval)")
    for row in [*plan["provinces"], {"code": "", "name_th": "รวม / total", **plan["total"]}]:
        cells = " ".join(_interval(name, row[name]) for name in ("participants", "skill_users"))
        print(f"{row['code']:>3} {row['name_th']:<16} {row['budget']:>14,}  {cells}")
    return 0
