"""What the user reads about an import: the problem list (screen, terminal, error workbook) and
the planned changes. Every problem in both languages, with sheet, row, column and (masked) value.
"""

from __future__ import annotations

import pandas as pd

from assets.i18n import both, t, tn
from data_access import excel, fiscal
from data_access.importer import contract
from data_access.importer.pipeline import Outcome
from data_access.importer.problems import Problem

PROBLEM_COLUMNS = (
    *(
        excel.Column(name, both(f"import.col.{name}"), "int" if name == "row" else "text")
        for name in ("severity", "sheet", "row", "column", "cell", "value")
    ),
    *(
        excel.Column(f"{name}_{lang}", t(f"import.col.{name}", lang))
        for lang in ("th", "en")
        for name in ("problem", "fix")
    ),
)
COUNT_KINDS = ("new", "updated", "unchanged", "removed")


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    rows = [
        {
            "severity": both("import.severity.error" if p.is_error else "import.severity.note"),
            "sheet": p.sheet,
            "row": p.row,
            "column": p.column,
            "cell": p.cell,
            "value": p.shown,
            "problem_th": p.message("th"),
            "fix_th": p.fix("th"),
            "problem_en": p.message("en"),
            "fix_en": p.fix("en"),
        }
        for p in problems
    ]
    return pd.DataFrame(rows, columns=[c.key for c in PROBLEM_COLUMNS])


def error_workbook(outcome: Outcome) -> bytes:
    """The problems as a workbook the office can sort and tick off while fixing the file."""
    return excel.write_workbook({"ปัญหา (problems)": (PROBLEM_COLUMNS, problems_frame(outcome.problems))})


def sheet_label(name: str, lang: str) -> str:
    spec = contract.BY_NAME[name]
    return spec.th if lang == "th" else spec.name


def changes_frame(outcome: Outcome, lang: str) -> pd.DataFrame:
    """One row per sheet: how many rows are new, updated, unchanged (and replaced payments removed)."""
    rows = [{"sheet": sheet_label(name, lang), **counts} for name, counts in outcome.counts().items()]
    return pd.DataFrame(rows, columns=["sheet", *COUNT_KINDS])


def text_report(outcome: Outcome) -> str:
    """The terminal's report: a summary line, then each problem in Thai and in English."""
    lines = []
    if outcome.errors:
        n = len(outcome.errors)
        lines.append(f"{tn('import.rejected', n, 'th')} / {tn('import.rejected', n, 'en')}")
    for problem in outcome.problems:
        where = problem.where() or outcome.file_name
        value = f" = {problem.shown}" if problem.shown else ""
        lines.append(f"[{problem.severity}] {where}{value}")
        for lang in ("th", "en"):
            lines.append(f"    {lang}: {problem.message(lang)} — {problem.fix(lang)}")
    for previous in outcome.previous:
        lines.append(_previous_line(previous))
    if outcome.unchanged:
        lines.append(" / ".join(t("import.nothing_to_change", lang) for lang in ("th", "en")))
    elif outcome.changes:
        label = "imported" if outcome.imported else "would change"
        for name, counts in outcome.counts().items():
            numbers = ", ".join(f"{k} {counts[k]}" for k in COUNT_KINDS)
            lines.append(f"{sheet_label(name, 'th')} / {name}: {label}: {numbers}")
    return "\n".join(lines)


def _previous_line(previous: dict) -> str:
    return " / ".join(
        t(
            "import.seen_before",
            lang,
            when=fiscal.be_time(previous["imported_at"], lang),
            who=previous["username"],
        )
        for lang in ("th", "en")
    )
