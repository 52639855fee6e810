"""Overview (executives): the headline KPIs of the selection against target and last year."""

import streamlit as st

from assets.i18n import t
from data_access import kpis, targets
from ui import cards, describe, session
from ui import format as fmt

ctx = session.context()
lang, sel = ctx.lang, ctx.selection
fy = sel.fiscal_years[0]

st.title(t("overview.title", lang))
st.caption(describe.selection_caption(sel, lang))

now = kpis.kpi_table(ctx.db, sel, ctx.scope, medians=False).iloc[0]
before = kpis.kpi_table(ctx.db, sel.previous_year(), ctx.scope, medians=False).iloc[0]
goals = targets.metric_targets(ctx.db, sel, ctx.scope)

if now["participants"] == 0 and fmt.missing(now["allocated"]):
    st.info(t("empty.no_data", lang), icon=":material/info:")
    st.stop()

cards.kpi_cards(cards.headline_cards(now, before, goals, sel, lang), lang, previous_year=fy - 1)
