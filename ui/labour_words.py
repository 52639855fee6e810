"""Sentences of the Labour situation page, for an executive: what the backtest says about a
forecast, which provinces need more reach, a province's rate against a year earlier. Pure."""

from __future__ import annotations

import pandas as pd

from assets.i18n import t
from data_access import reference
from data_access.labour import backtest, periods
from data_access.selection import Scope, Selection
from ui import format as fmt


def method_name(method: str, lang: str) -> str:
    if method.startswith("ratio:"):
        return t("forecast.method.ratio", lang, method=t(f"forecast.method.{method.split(':', 1)[1]}", lang))
    return t(f"forecast.method.{method}", lang)


def backtest_sentence(fit: dict | None, lang: str) -> str:
    """How far to trust the forecast, from its rolling-origin backtest."""
    if fit is None:
        return t("labour.backtest.none", lang)
    method = method_name(fit["method"], lang)
    if not fit["points"] or fit["mase"] is None:
        return t("labour.backtest.too_short", lang, method=method)
    mase = fit["mase"]
    comparison = t("labour.backtest.better" if mase < 1 else "labour.backtest.not_better", lang)
    sentence = t(
        "labour.backtest.sentence",
        lang,
        method=method,
        points=fit["points"],
        mase=f"{mase:.2f}",
        comparison=comparison,
        coverage=fmt.percent(fit["coverage"], 0),
    )
    if fit["points"] < backtest.SHORT:
        sentence += " " + t("labour.backtest.short_caveat", lang, points=fit["points"])
    return sentence


def rate_line(value, year_earlier, period: str | None, lang: str) -> str:
    """ "ม.ค.–มี.ค. 2568: 2.1% (ปีก่อน 1.8%, +0.3 จุด)" for a tile's hover."""
    if fmt.missing(value) or not isinstance(period, str):
        return fmt.NO_DATA
    text = f"{periods.period_label(period, lang)}: {fmt.percent(value)}"
    if not fmt.missing(year_earlier):
        change = (value - year_earlier) * 100
        text += " " + t(
            "labour.map.year_earlier", lang, value=fmt.percent(year_earlier), change=f"{change:+.1f}"
        )
    return text


def need_reach_hover(row: pd.Series, need: str, lang: str) -> str:
    need_text = fmt.percent(row["need"]) if need == "unemployment_rate" else fmt.number(row["need"], 1)
    return "<br>".join(
        [
            f"<b>{fmt.province_name(row['province_code'], lang)}</b>",
            f"{t(f'labour.need.{need}', lang)}: {need_text}",
            f"{t('labour.axis.reach', lang)}: {fmt.number(row['reach'], 1)}",
            f"{t('labour.reach.skill_users', lang)}: {fmt.number(row['skill_users_per_1000_unemployed'], 1)}",
            t(f"labour.quadrant.{row['quadrant']}", lang) if isinstance(row["quadrant"], str) else "",
        ]
    )


def high_need_low_reach(provinces: pd.DataFrame, lang: str) -> str:
    """The provinces in the corner an executive looks at first, named, worst need first."""
    corner = provinces[provinces["quadrant"] == "high_need_low_reach"].sort_values("need", ascending=False)
    if corner.empty:
        return t("labour.quadrant.none_high_need_low_reach", lang)
    names = ", ".join(fmt.province_name(c, lang) for c in corner["province_code"])
    return t("labour.quadrant.listed", lang, n=len(corner), names=names)


def period_label(code, lang: str) -> str:
    return periods.period_label(code, lang) if isinstance(code, str) else fmt.NO_DATA


def place_name(code: str, lang: str) -> str:
    if code == reference.NATIONAL:
        return t("place.nation", lang)
    if code in reference.province_by_code():
        return fmt.province_name(code, lang)
    return fmt.region_name(code, lang)


def default_place(selection: Selection, scope: Scope, places: list[str]) -> str:
    """The filter bar's one province or region, else a provincial head's province, else the nation."""
    wanted = [*selection.provinces, *selection.regions]
    if len(wanted) == 1 and wanted[0] in places:
        return wanted[0]
    if scope.role == "provincial":
        return places[-1]
    return reference.NATIONAL


def reach_cards(provinces: pd.DataFrame, totals: pd.DataFrame, lang: str) -> list[tuple[str, pd.Series]]:
    """(place name, its reach row): a lone province first (a provincial head's), then its region
    and the nation."""
    cards = []
    if len(provinces) == 1:
        row = provinces.iloc[0]
        cards.append((fmt.province_name(row["province_code"], lang), row))
    if "region" in totals.index:
        cards.append((fmt.region_name(totals.loc["region", "code"], lang), totals.loc["region"]))
    cards.append((t("place.nation", lang), totals.loc["nation"]))
    return cards
