"""The audit log and the user list as a person reads them: actions, details and column names in
the reader's language, times on Thailand's clock with the BE year, "—" for nothing."""

from __future__ import annotations

import json

import pandas as pd

from assets.i18n import t
from data_access import reference
from data_access.importer import report
from ui import format as fmt

NAMED_LISTS = {
    "regions": reference.region_name,
    "provinces": reference.province_name,
    "province": reference.province_name,
    "skills": reference.skill_name,
}
CODED = {"method", "via", "lang"}  # values that are codes of the translation table


def action_label(action: str, lang: str) -> str:
    return t(f"audit.action.{action}", lang) if action else t("admin.any_action", lang)


def entries_table(entries: pd.DataFrame, lang: str) -> pd.DataFrame:
    shown = entries[["at", "username", "action", "detail", "rows"]].copy()
    shown["at"] = [fmt.when(moment, lang) for moment in shown["at"]]
    shown["action"] = [action_label(a, lang) for a in shown["action"]]
    shown["detail"] = [detail_text(d, lang) for d in shown["detail"]]
    shown["rows"] = shown["rows"].astype("Int64")
    return shown


def on_screen(table: pd.DataFrame) -> pd.DataFrame:
    """The entries as text: "—" where an entry counts no rows (the workbook keeps the numbers)."""
    return table.assign(rows=[fmt.NO_DATA if pd.isna(r) else f"{r:,}" for r in table["rows"]])


def detail_text(detail: str, lang: str) -> str:
    """{"method": "demo"} → วิธี: บัญชีสาธิต; empty lists (no filter) are left out."""
    values = json.loads(detail or "{}")
    parts = [
        f"{t(f'audit.key.{k}', lang)}: {_value(k, v, lang)}" for k, v in values.items() if v not in ([], "")
    ]
    return "; ".join(parts) or fmt.NO_DATA


def _value(key: str, value, lang: str) -> str:
    if key in NAMED_LISTS:
        codes = value if isinstance(value, list) else [value]
        return ", ".join(NAMED_LISTS[key](str(c), lang) for c in codes)
    if key in CODED:
        return t(f"audit.{key}.{value}", lang)
    if key == "role":
        return t(f"role.{value}", lang)
    if key == "scope":
        return _scope_names(str(value), lang)
    if key == "fiscal_years":
        return ", ".join(str(y) for y in value)
    if key == "as_of":
        return fmt.thai_date(pd.Timestamp(value).date(), lang)
    if key == "sha256":
        return str(value)[:12]
    if key == "changes":
        return "; ".join(
            f"{report.sheet_label(sheet, lang)} "
            + ", ".join(f"{t(f'import.col.{k}', lang)} {n:,}" for k, n in counts.items() if n)
            for sheet, counts in value.items()
        )
    if isinstance(value, bool):
        return t("admin.yes" if value else "admin.no", lang)
    return f"{value:,}" if isinstance(value, int) else str(value)


def users_table(people: list, lang: str) -> pd.DataFrame:
    rows = [
        {
            "username": u.username,
            "display_name": u.display_name,
            "role": t(f"role.{u.role}", lang),
            "scope": _scope_names(u.scope_codes, lang),
            "email": u.email or fmt.NO_DATA,
            "disabled": t("admin.yes" if u.disabled else "admin.no", lang),
            "has_password": t("admin.yes" if u.has_password else "admin.no", lang),
        }
        for u in people
    ]
    frame = pd.DataFrame(
        rows, columns=["username", "display_name", "role", "scope", "email", "disabled", "has_password"]
    )
    return frame.rename(columns={c: t(f"col.{c}", lang) for c in frame.columns})


def _scope_names(codes: str, lang: str) -> str:
    """Region codes and province codes by name; an empty scope is the whole country."""
    names = [
        reference.region_name(c, lang)
        if c in reference.region_by_code()
        else reference.province_name(c, lang)
        for c in codes.replace(",", " ").split()
    ]
    return ", ".join(names) or t("export.scope_all", lang)
