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
from data_access.selection import Scope, Selection

MIN_YEARS = 2  # between-year variation cannot be seen in fewer


def base_year(selection: Selection) -> int:
    """The last year of data the plan looks at: the selection's latest year, else the as-of's."""
    return max(selection.fiscal_years) if selection.fiscal_years else fiscal.fiscal_year(selection.as_of)


def fit_years(db: Database, selection: Selection) -> tuple[int, ...]:
    """Complete years with data up to the base year; a UserError when there are too few."""
    up_to = base_year(selection)
    years = complete_years([y for y in catalog.fiscal_years(db, WIDE) if y <= up_to], selection.as_of)
    if len(years) < MIN_YEARS:
        raise UserError(
            f"ต้องมีข้อมูลปีงบประมาณที่สิ้นสุดแล้วอย่างน้อย {MIN_YEARS} ปีถึงปีงบ {up_to} จึงจะวางแผนได้",
            f"planning needs at least {MIN_YEARS} complete fiscal years up to FY{up_to}",
        )
    return years


def panels(db: Database, selection: Selection, scope: Scope, years) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(every province, the visible provinces) for `years`: the first only feeds hyperparameters."""
    wide = yearly_panel(db, Selection(fiscal_years=tuple(years), as_of=selection.as_of), WIDE)
    scoped = yearly_panel(db, selection.replace(fiscal_years=tuple(years), skills=()), scope)
    return wide, scoped


@cached
def plan_model(db: Database, selection: Selection, scope: Scope) -> model.PlanModel:
    """The model of every visible province, learnt from the selection's fit years."""
    years = fit_years(db, selection)
    wide, scoped = panels(db, selection, scope, years)
    return model.fit(wide, scoped, years)
