"""Which years a plan learns from, and the fitted model for a selection (cached).

`--fy Y` (or the filter bar's year) is the last year of data: the proposal is for Y + 1 and is
learnt from the complete fiscal years up to Y. The demo's FY2568 is still running on its as-of
date (15 May 2025), so a FY2569 proposal learns from FY2564–2567.
"""

from __future__ import annotations

import pandas as pd

from data_access import catalog, fiscal
from data_access.cache import cached
from data_access.db import Database
from data_access.errors import UserError
from data_access.planning import model
from data_access.planning.panel import WIDE, complete_years, yearly_panel
from data_access.selection import Scope, Selection, is_whole_country

MIN_YEARS = 2  # between-year variation cannot be seen in fewer


def fit_years(db: Database, selection: Selection) -> tuple[int, ...]:
    """Complete years with data up to the base year; a UserError when there are too few."""
    up_to = fiscal.latest_year(selection)
    years = complete_years([y for y in catalog.fiscal_years(db, WIDE) if y <= up_to], selection.as_of)
    if len(years) < MIN_YEARS:
        raise UserError("error.planning_years", n=MIN_YEARS, year=up_to)
    return years


def panels(db: Database, selection: Selection, scope: Scope) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(every province, the visible provinces) for every year with data up to the base year,
    in progress or not. The first only feeds hyperparameters and national figures."""
    up_to = fiscal.latest_year(selection)
    years = tuple(y for y in catalog.fiscal_years(db, WIDE) if y <= up_to)
    wide = yearly_panel(db, Selection(fiscal_years=years, as_of=selection.as_of), WIDE)
    if is_whole_country(selection, scope):
        return wide, wide
    scoped = yearly_panel(db, selection.replace(fiscal_years=years, skills=()), scope)
    if scoped.empty:
        raise UserError("error.no_province_in_scope")
    return wide, scoped


def _only(panel: pd.DataFrame, years) -> pd.DataFrame:
    return panel[panel["fiscal_year"].isin(years)]


@cached
def plan_model(db: Database, selection: Selection, scope: Scope) -> model.PlanModel:
    """The model of every visible province, learnt from the selection's fit years."""
    years = fit_years(db, selection)
    wide, scoped = panels(db, selection, scope)
    return model.fit(_only(wide, years), _only(scoped, years), years)


@cached
def skill_model(db: Database, selection: Selection, scope: Scope) -> model.PlanModel:
    """The same model with skill categories as units, pooled toward the scope's overall level;
    unit cost here is disbursed per participant (allocations are per province only)."""
    years = fit_years(db, selection)
    panel = yearly_panel(db, selection.replace(fiscal_years=years, skills=()), scope, "skill")
    return model.fit(panel, panel, years)
