"""What the executive brief says, as one JSON-ready dict for the Typst template (reports/templates).

Every sentence and number is written here, in the brief's language, by the pieces the pages use —
`ui.summary` (the Overview's paragraph), `ui.headline` (the cards), `ui.format`, `ui.tables` — from
the pages' queries, so a printed figure is the dashboard's and the `kpis --json` one, formatted.
The template only lays the text out; charts also get the numbers behind it (tile shades, bar
lengths). Nothing names a province outside the user's scope: a provincial head's map shows only
the shape of their region, unlabelled, around their own tile.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from assets.i18n import t
from data_access import (
    budget,
    config,
    exporter,
    kpi_definitions,
    kpi_words,
    kpis,
    outcomes,
    rankings,
    reference,
    targets,
)
from data_access.db import Database
from data_access.selection import Scope, Selection, visible_provinces
from ui import describe, headline, summary, tables, tiles
from ui import format as fmt

RANKED = 5  # best and worst provinces listed
BEHIND = 5  # provinces furthest behind the disbursement target listed
LEVELS = ("nation", "region", "provinces", "province")


@dataclass(frozen=True)
class BriefRequest:
    """A brief of one fiscal year; `made_at` is passed in, so the same request gives the same file."""

    selection: Selection
    scope: Scope
    lang: str
    made_by: str
    made_at: datetime
    is_demo: bool
    map_kpi: str = "skill_use_rate"


def level(selection: Selection, scope: Scope) -> tuple[str, str | None]:
    """(nation | region | provinces | province, the region's or province's code) of what is in view."""
    visible = visible_provinces(selection, scope)
    if visible is None:
        return "nation", None
    if len(visible) == 1:
        return "province", next(iter(visible))
    whole = [r.code for r in reference.REGIONS if set(reference.provinces_of_region(r.code)) == visible]
    return ("region", whole[0]) if whole else ("provinces", None)


def _number(value) -> float | None:
    return None if fmt.missing(value) or pd.isna(value) else float(value)


def brief_content(db: Database, request: BriefRequest) -> dict:
    sel, scope, lang = request.selection, request.scope, request.lang
    fy = sel.fiscal_years[0]
    now = kpis.kpi_table(db, sel, scope, medians=False).iloc[0]
    content = {"lang": lang, "labels": _labels(lang), "header": _header(db, request)}
    if now["participants"] == 0 and fmt.missing(now["allocated"]):
        return {**content, "empty": t("empty.no_data", lang)}
    before = kpis.same_point_last_year(db, sel, scope, medians=False).iloc[0]
    goals = targets.metric_targets(db, sel, scope)
    quarter, disbursement = budget.province_disbursement(db, sel, scope)
    by_province = kpis.kpi_table(db, sel, scope, ("province",), medians=False)
    kind, code = level(sel, scope)
    facts = summary.overview_facts(fy, now, before, quarter, disbursement)
    content |= {
        "empty": None,
        "level": kind,
        "summary": summary.overview_summary(facts, lang),
        "cards": _cards(
            headline.headline_cards(now, before, goals, sel, lang), lang, headline.comparison_label(sel, lang)
        ),
        "map": map_content(by_province, request.map_kpi, kind, code, lang, fy),
        "disbursement": _disbursement(db, request, now, goals, kind),
        "definitions": _definitions((*headline.HEADLINE_KPIS, request.map_kpi), lang),
    }
    if kind == "province":
        content["comparison"] = _comparison(db, request, now, code)
        content["workload"] = _workload(db, request, now)
    else:
        content["ranking"] = _ranking(by_province, request.map_kpi, lang)
    return content


def _labels(lang: str) -> dict[str, str]:
    keys = ("page", "summary", "cards", "definitions")
    return {key: t(f"brief.{key}", lang) for key in keys}


def _header(db: Database, request: BriefRequest) -> dict:
    sel, lang = request.selection, request.lang
    made_at = request.made_at
    demo = None
    if request.is_demo:
        demo = t("app.mixed_banner" if db.meta("demo") == "mixed" else "app.demo_banner", lang)
    return {
        "title": t("brief.title", lang),
        "project": t("brief.project", lang),
        "ministry": t("app.ministry", lang),
        "place": describe.place(sel, request.scope, lang),
        "fiscal_year": fmt.fiscal_year(sel.fiscal_years[0], lang),
        "as_of": t("app.as_of", lang, date=fmt.thai_date(sel.as_of, lang)),
        "made": t("brief.made", lang, who=request.made_by, when=fmt.when(made_at, lang)),
        "data_version": t("brief.data_version", lang, version=db.data_version()),
        "demo": demo,
    }


def _cards(cards: list[headline.Card], lang: str, compared_with: str) -> list[dict]:
    return [
        {
            "label": t(f"kpi.{card.kpi}", lang),
            "value": fmt.kpi(card.kpi, card.value, lang),
            "target": card.target_text or t("card.no_target", lang),
            "change": headline.delta_text(card, lang),
            "change_label": compared_with,
            "better": _better(card),
            "n": None if card.n is None else t("card.n", lang, n=fmt.number(card.n)),
        }
        for card in cards
    ]


def _better(card: headline.Card) -> bool | None:
    """Whether the change on last year is an improvement (None: no change to judge)."""
    if fmt.missing(card.value) or fmt.missing(card.previous) or card.value == card.previous:
        return None
    return bool(card.value < card.previous) == (card.kpi in kpi_definitions.LOWER_IS_BETTER)


def map_content(by_province: pd.DataFrame, kpi: str, kind: str, code: str | None, lang: str, fy: int) -> dict:
    """Tiles of every province: coloured by `kpi` where in view; for one province, its own tile
    among its region's (unlabelled) and the rest of the country's."""
    at = tiles.layout().merge(by_province, left_on="code", right_on="province", how="left")
    ranked_codes = set(rankings.ranked(by_province, kpi, config.current().min_n)["province"])
    own_region = reference.province_by_code()[code].region if kind == "province" else None
    cells = []
    for row in at.itertuples():
        cell = {"row": int(row.row), "col": int(row.col), "value": None, "text": ""}
        if kind == "province":
            cell["state"] = "self" if row.code == code else "outside"
            if row.code == code:
                cell["text"] = fmt.compact(kpi, getattr(row, kpi))
            elif reference.province_by_code()[row.code].region == own_region:
                cell["state"] = "region"
        elif pd.isna(row.province):
            cell["state"] = "outside"
        else:
            value = _number(getattr(row, kpi))
            few = value is not None and row.code not in ranked_codes
            cell |= {"state": "value" if value is not None else "none", "value": value}
            cell["text"] = "" if value is None else fmt.compact(kpi, value) + ("*" if few else "")
        cells.append(cell)
    values = [c["value"] for c in cells if c["value"] is not None]
    name = t(f"kpi.{kpi}", lang)
    return {
        "title": t("overview.map_title", lang, kpi=name, year=fy),
        "tiles": cells,
        "lower_is_better": kpi in kpi_definitions.LOWER_IS_BETTER,
        "low": fmt.kpi(kpi, min(values), lang) if values else None,
        "high": fmt.kpi(kpi, max(values), lang) if values else None,
        "note": _map_note(kind, code, own_region, lang),
    }


def _map_note(kind: str, code: str | None, region: str | None, lang: str) -> str:
    if kind == "province":
        return t(
            "brief.map_note_province",
            lang,
            province=fmt.province_name(code, lang),
            region=fmt.region_name(region, lang),
        )
    return t("brief.map_note", lang, n=config.current().min_n)


def _ranking(by_province: pd.DataFrame, kpi: str, lang: str) -> dict | None:
    ranked = rankings.ranked(by_province, kpi, config.current().min_n)
    if ranked.empty:
        return None
    best = ranked.head(RANKED)
    worst = ranked.iloc[len(best) :].tail(RANKED).iloc[::-1]
    name = t(f"kpi.{kpi}", lang)

    def rows(frame: pd.DataFrame) -> list[dict]:
        return [
            {
                "name": fmt.province_name(r.province, lang),
                "value": fmt.kpi(kpi, getattr(r, kpi), lang),
                "x": float(getattr(r, kpi)),
                "n": None if pd.isna(r.n) else t("card.n", lang, n=fmt.number(r.n)),
            }
            for r in frame.itertuples()
        ]

    return {
        "best_title": t("overview.top", lang, n=len(best), kpi=name),
        "worst_title": t("overview.bottom", lang, n=len(worst), kpi=name) if len(worst) else None,
        "best": rows(best),
        "worst": rows(worst),
    }


def _disbursement(db: Database, request: BriefRequest, now: pd.Series, goals: dict, kind: str) -> dict:
    """The selection's disbursement rate against the latest ended quarter's target, and the
    provinces furthest behind theirs (not for one province)."""
    sel, lang = request.selection, request.lang
    fy = sel.fiscal_years[0]
    goal = targets.disbursement_target(goals, fy, sel.as_of)
    heading = (
        t("brief.disbursement_heading", lang, quarter=goal[0])
        if goal
        else t("brief.disbursement_heading_none", lang)
    )
    rows = [_rate_row(describe.place(sel, request.scope, lang), now, goal[1] if goal else None, lang)]
    if kind != "province":
        _, behind = budget.lagging_provinces(db, sel, request.scope)
        for _, r in behind.head(BEHIND).iterrows():
            rows.append(_rate_row(fmt.province_name(r["province"], lang), r, r["disbursement_target"], lang))
    amounts = t(
        "brief.disbursed_of",
        lang,
        disbursed=fmt.baht(now["disbursed"], lang),
        allocated=fmt.baht(now["allocated"], lang),
    )
    note = t("budget.skill_note", lang) if sel.skills else amounts
    return {"title": heading, "rows": rows, "note": note, "target_label": t("chart.budget.target", lang)}


def _rate_row(name: str, row: pd.Series, target: float | None, lang: str) -> dict:
    rate = _number(row["disbursement_rate"])
    target = _number(target)
    return {
        "name": name,
        "rate": rate,
        "rate_text": fmt.percent(rate),
        "target": target,
        "target_text": fmt.percent(target),
        "below": rate is not None and target is not None and rate < target,
    }


def _comparison(db: Database, request: BriefRequest, own: pd.Series, code: str) -> dict:
    """One province's headline KPIs beside its region's and the nation's (comparison totals only)."""
    sel, lang = request.selection, request.lang
    frame = exporter.comparison(own, kpis.comparison_totals(db, sel, request.scope, medians=False))
    frame = frame[frame["kpi"].isin(headline.HEADLINE_KPIS)]
    names = exporter.level_names(code, lang)
    shown = tables.comparison_display(frame.reset_index(drop=True), names, lang)
    return {
        "title": t("province.compare_heading", lang, year=sel.fiscal_years[0]),
        "columns": list(shown.columns),
        "rows": shown.to_numpy().tolist(),
    }


def _workload(db: Database, request: BriefRequest, own: pd.Series) -> dict:
    """Who followed the province's completers up, beside its field staff."""
    sel, lang = request.selection, request.lang
    frame = outcomes.followup_workload(db, sel, request.scope)
    rows = [
        {
            "name": t(f"collector.{r.collector}", lang),
            "followed_up": int(r.followed_up),
            "followed_up_text": fmt.number(r.followed_up),
            "staff": _number(r.staff),
            "staff_text": fmt.number(r.staff),
            "per_person": None
            if fmt.missing(r.followups_per_person)
            else t("chart.workload.per_person", lang, value=fmt.number(r.followups_per_person, 1)),
        }
        for r in frame.itertuples()
    ]
    return {
        "title": t("province.workload_title", lang, year=sel.fiscal_years[0]),
        "progress": t(
            "province.followup_progress",
            lang,
            done=fmt.number(own["followed_up"]),
            completed=fmt.number(own["completed"]),
            rate=fmt.percent(own["followup_coverage"]),
        ),
        "coverage": _number(own["followup_coverage"]),
        "followed_up_label": t("chart.workload.followups", lang),
        "staff_label": t("chart.workload.staff", lang),
        "rows": rows,
    }


def _definitions(keys: tuple[str, ...], lang: str) -> list[dict]:
    return [{"label": label, "text": text} for label, text in kpi_words.table(keys, lang)]
