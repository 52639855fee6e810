"""The budget-planning page's pieces: cards, display tables and the Excel annex, from the frames
`data_access.planning` returns. No arithmetic beyond formatting."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assets.i18n import t, tn
from data_access import excel
from data_access.planning import backtest, forecast, proposal
from ui import format as fmt
from ui import planning_charts

OUTCOMES = (
    "participants",
    "completers",
    "skill_users",
    "income_gain_monthly",
    "income_gain_yearly",
    "payback_months",
)


def _number(name: str, value) -> str:
    return fmt.number(value, 1 if name == "payback_months" else 0)


def interval_text(row, name: str) -> str:
    """'410 (365–452)': the estimate and its 80 % interval."""
    low, high = _number(name, row[f"{name}_low"]), _number(name, row[f"{name}_high"])
    return f"{_number(name, row[name])} ({low}–{high})"


def total_cards(plan: proposal.BudgetPlan, lang: str) -> None:
    """One card per outcome of the whole plan, with its interval and last complete year's figure."""
    last_year = plan.fit_years[-1]
    row = st.container(horizontal=True)
    for name in OUTCOMES:
        box = row.container(border=True, width=240)
        box.metric(t(f"planning.out.{name}", lang), _number(name, plan.total[name]))
        notes = [
            t(
                "planning.interval",
                lang,
                low=_number(name, plan.total[f"{name}_low"]),
                high=_number(name, plan.total[f"{name}_high"]),
            )
        ]
        if name in proposal.LAST_YEAR:
            last = plan.total[proposal.LAST_YEAR[name]]
            notes.append(t("planning.last_year", lang, year=last_year, value=fmt.number(last)))
        box.caption(" · ".join(notes))


def plan_table(plan: proposal.BudgetPlan, lang: str) -> pd.DataFrame:
    """Per province: budget, every outcome as 'estimate (low–high)', last years' figures."""
    rows = plan.provinces
    base, last = plan.fiscal_year - 1, plan.fit_years[-1]
    table = {
        t("planning.col.province", lang): rows["code"].map(lambda c: fmt.province_name(c, lang)),
        t("planning.col.budget", lang): rows["budget"].map(fmt.number),
    }
    for name in OUTCOMES:
        table[t(f"planning.out.{name}", lang)] = rows.apply(interval_text, axis=1, name=name)
    table[t("planning.col.last_allocation", lang, year=base)] = rows["allocation"].map(fmt.number)
    table[t("planning.col.last_participants", lang, year=last)] = rows["last_participants"].map(fmt.number)
    table[t("planning.col.last_skill_users", lang, year=last)] = rows["last_skill_users"].map(fmt.number)
    return pd.DataFrame(table)


def amounts_frame(actuals: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The editable table of the typed-amounts basis, seeded with the base year's allocation."""
    return pd.DataFrame(
        {
            "code": actuals.index,
            "province": [fmt.province_name(c, lang) for c in actuals.index],
            "amount": actuals["allocation"].astype(float).to_numpy(),
        }
    )


def amounts_editor(actuals: pd.DataFrame, lang: str) -> tuple[tuple[str, float], ...]:
    """st.data_editor over the provinces' amounts; returns ((code, baht), …) as typed."""
    edited = st.data_editor(
        amounts_frame(actuals, lang),
        hide_index=True,
        disabled=["code", "province"],
        column_config={
            "code": st.column_config.TextColumn(t("planning.col.code", lang)),
            "province": st.column_config.TextColumn(t("planning.col.province", lang)),
            "amount": st.column_config.NumberColumn(
                t("planning.col.budget", lang), min_value=0, format="%,.0f"
            ),
        },
        key="plan_amounts",
    )
    return tuple((str(c), float(a or 0)) for c, a in zip(edited["code"], edited["amount"], strict=True))


def _annex_columns(plan: proposal.BudgetPlan, lang: str) -> list[excel.Column]:
    columns = [
        excel.Column("code", t("planning.col.code", lang)),
        excel.Column("province", t("planning.col.province", lang)),
        excel.Column("budget", t("planning.col.budget", lang), "baht"),
    ]
    for name in OUTCOMES:
        kind = "number" if name == "payback_months" else "int"
        label = t(f"planning.out.{name}", lang)
        columns += [
            excel.Column(name, label, kind),
            excel.Column(f"{name}_low", f"{label} — {t('planning.col.low', lang)}", kind),
            excel.Column(f"{name}_high", f"{label} — {t('planning.col.high', lang)}", kind),
        ]
    last = plan.fit_years[-1]
    return columns + [
        excel.Column(
            "allocation", t("planning.col.last_allocation", lang, year=plan.fiscal_year - 1), "baht"
        ),
        excel.Column("last_participants", t("planning.col.last_participants", lang, year=last), "int"),
        excel.Column("last_skill_users", t("planning.col.last_skill_users", lang, year=last), "int"),
    ]


def annex_workbook(plan: proposal.BudgetPlan, lang: str) -> bytes:
    """The proposal as an Excel annex: provinces and total, then a sheet saying how it was made."""
    columns = _annex_columns(plan, lang)
    people = [c.key for c in columns if c.kind == "int"]  # whole people, as on screen
    rows = plan.provinces.assign(province=plan.provinces["code"].map(lambda c: fmt.province_name(c, lang)))
    total = pd.DataFrame([plan.total]).assign(province=t("planning.annex.total", lang))
    rows, total = (
        frame.assign(**{k: frame[k].round() for k in people if k in frame}) for frame in (rows, total)
    )
    basis = pd.DataFrame(
        {
            "item": [
                t(f"planning.annex.{k}", lang) for k in ("fiscal_year", "fit_years", "basis", "interval")
            ],
            "value": [
                str(plan.fiscal_year),
                ", ".join(str(y) for y in plan.fit_years),
                t(f"planning.basis.{plan.basis}", lang),
                t("planning.annex.interval_value", lang),
            ],
        }
    )
    items = [
        excel.Column("item", t("planning.col.item", lang)),
        excel.Column("value", t("planning.col.value", lang)),
    ]
    return excel.write_workbook(
        {
            t("planning.annex.sheet_plan", lang): (columns, pd.concat([rows, total])),
            t("planning.annex.sheet_basis", lang): (items, basis),
        }
    )


def rates_table(rates: pd.DataFrame, unit: str, lang: str) -> pd.DataFrame:
    """Next year's expected unit costs and rates per province or skill category."""
    name = fmt.province_name if unit == "province" else fmt.skill_name
    return pd.DataFrame(
        {
            t(f"planning.col.{unit}", lang): [name(code, lang) for code in rates.index],
            t("planning.col.cost_per_participant", lang): rates["cost"].map(fmt.number),
            t(f"planning.col.budget_per_completer.{unit}", lang): rates["budget_per_completer"].map(
                fmt.number
            ),
            t("planning.col.completion_rate", lang): rates["completion"].map(fmt.percent),
            t("planning.col.skill_use_share", lang): rates["skill_use"].map(fmt.percent),
            t("planning.col.gain_per_completer", lang): rates["gain"].map(fmt.number),
            t("planning.col.own_weight", lang): rates["own_data_weight"].map(lambda w: fmt.percent(w, 0)),
        }
    )


def backtest_cards(figures: dict, lang: str) -> None:
    row = st.container(horizontal=True)
    for key in ("mape_participants", "mape_skill_users", "coverage"):
        row.container(border=True, width=260).metric(t(f"planning.{key}", lang), fmt.percent(figures[key]))


def backtest_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Per target year: the backtest's figures."""
    years = backtest.summary_by_year(rows)
    table = {t("planning.col.fiscal_year", lang): years["fiscal_year"].astype(str)}
    for key in ("mape_participants", "mape_skill_users", "coverage"):
        table[t(f"planning.{key}", lang)] = years[key].map(fmt.percent)
    return pd.DataFrame(table)


def forecast_summary(outlook: pd.DataFrame, lang: str) -> None:
    """Who is likely to miss this quarter's disbursement target, and by how much in all."""
    q, at_risk, shortfall = forecast.at_risk_total(outlook)
    if q is None:
        st.info(t("planning.forecast_no_quarter", lang))
    elif not at_risk:
        st.success(t("planning.forecast_on_track", lang, quarter=q))
    else:
        amount = fmt.baht(shortfall, lang)
        st.warning(tn("planning.forecast_at_risk", at_risk, lang, quarter=q, shortfall=amount))


def forecast_table(outlook: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Provinces by expected shortfall: allocation, paid so far, projection and target."""
    q = outlook["quarter"].dropna()
    q = int(q.iloc[0]) if len(q) else 4
    ordered = outlook.sort_values(["shortfall", "province"], ascending=[False, True])
    return pd.DataFrame(
        {
            t("planning.col.province", lang): ordered["province"].map(lambda c: fmt.province_name(c, lang)),
            t("planning.col.allocated", lang): ordered["allocated"].map(fmt.number),
            t("planning.col.disbursed", lang): ordered["disbursed"].map(fmt.number),
            t("planning.col.projected_q", lang, quarter=q): ordered[f"projected_q{q}"].map(fmt.thousands),
            t("planning.col.target_q", lang, quarter=q): ordered[f"target_q{q}"].map(fmt.number),
            t("planning.col.shortfall", lang): ordered["shortfall"].map(fmt.thousands),
        }
    )


def skill_users_figure(plan: proposal.BudgetPlan, lang: str):
    rows = plan.provinces
    names = rows["code"].map(lambda c: fmt.province_name(c, lang))
    title = t("planning.chart_skill_users", lang)
    return planning_charts.interval_chart(
        names, rows["skill_users"], rows["skill_users_low"], rows["skill_users_high"], title
    )


def quarter_figure(outlook: pd.DataFrame, lang: str):
    totals = forecast.quarter_totals(outlook)
    totals["quarter"] = [f"{t('planning.col.quarter', lang)} {q}" for q in totals["quarter"]]
    return planning_charts.quarter_chart(
        totals.rename(columns={"projected": "value"}),
        t("planning.col.paid", lang),
        t("planning.col.projected", lang),
        t("planning.col.target", lang),
        t("planning.forecast_chart", lang),
    )
