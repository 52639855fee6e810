"""Province (provincial heads): one province's KPIs beside its region and the nation, its trend,
its courses, and who followed its people up against its field staff."""

import streamlit as st

from assets.i18n import t
from data_access import catalog, courses_list, exporter, kpis, outcomes, reference
from ui import (
    breadcrumb,
    chart_view,
    charts,
    describe,
    downloads,
    layout,
    province_links,
    session,
    table_columns,
    table_view,
    tables,
)
from ui import format as fmt

TREND_KPIS = (
    "skill_use_rate",
    "completion_rate",
    "followup_coverage",
    "income_gain_mean",
    "higher_income_share",
    "disbursement_rate",
    "cost_per_completer",
)

ctx = session.context()
lang, sel, db, scope = ctx.lang, ctx.selection, ctx.db, ctx.scope
fy = sel.fiscal_years[0]

st.title(t("province.title", lang))
breadcrumb.show(sel, scope, lang)
province_now = sel.provinces[0] if sel.provinces else ""
region_now = reference.province_by_code()[province_now].region if province_now else "".join(sel.regions)
st.session_state["province_page_region"] = region_now
st.session_state["province_page_province"] = province_now
pick_region, pick_province = st.columns(2)
pick_region.selectbox(
    t("filter.region", lang),
    ["", *catalog.regions_in_scope(scope)],
    key="province_page_region",
    format_func=lambda c: fmt.region_name(c, lang) if c else t("province.choose_region", lang),
    on_change=lambda: province_links.choose_region(st.session_state["province_page_region"]),
)
pick_province.selectbox(
    t("filter.province", lang),
    ["", *catalog.provinces_in_scope(scope, region_now or None)],
    key="province_page_province",
    format_func=lambda c: fmt.province_name(c, lang) if c else t("province.choose_province", lang),
    on_change=lambda: province_links.choose_province(st.session_state["province_page_province"]),
)
if not province_now:
    st.info(t("province.choose", lang), icon="👆")
    st.stop()
st.caption(describe.selection_caption(sel, ctx.scope, lang))

own = kpis.kpi_table(db, sel, scope).iloc[0]
layout.stop_when_empty(own["participants"] == 0 and fmt.missing(own["allocated"]), lang)
downloads.brief_download(ctx)

names = exporter.level_names(province_now, lang)
st.subheader(t("province.compare_heading", lang, year=fy))
compared, columns = exporter.comparison_table(
    exporter.comparison(own, kpis.comparison_totals(db, sel, scope)), names, lang
)
table_view.show(
    ctx,
    compared,
    columns,
    f"province_{province_now}_{fy}",
    key="compare",
    sheet=t("sheet.compare", lang, year=fy),
)

kpi = st.selectbox(
    t("province.trend_kpi", lang), TREND_KPIS, format_func=lambda k: t(f"kpi.{k}", lang), width=360
)
years = sel.replace(fiscal_years=tuple(range(fy - 4, fy + 1)))
history = tables.comparison_trend(
    kpis.kpi_table(db, years, scope, ("fiscal_year",), medians=False),
    kpis.comparison_totals(db, years, scope, ("fiscal_year",), medians=False),
)
chart_view.show(
    charts.trend(
        history,
        kpi,
        lang,
        t("province.trend_title", lang, kpi=t(f"kpi.{kpi}", lang), first=fy - 4, last=fy),
        series="level",
        name_of=lambda level, _: names[level],
    ),
    "trend",
)

st.subheader(t("province.courses_heading", lang, year=fy))
search, sort, order = st.columns([3, 2, 1], vertical_alignment="bottom")
text = search.text_input(t("province.search", lang), key="course_search", max_chars=80)
sort_by = sort.selectbox(
    t("province.sort", lang), courses_list.SORTS, format_func=lambda c: t(f"course.{c}", lang)
)
descending = order.toggle(
    t("province.descending", lang), value=sort_by in ("participants", "budget_planned", "disbursed")
)
listed = courses_list.course_list(db, sel, scope, text, sort_by, descending)
if len(listed) == courses_list.MAX_ROWS:
    st.caption(t("province.first_rows", lang, n=fmt.number(courses_list.MAX_ROWS)))
shown = listed.assign(
    skill=[fmt.skill_name(s, lang) for s in listed["skill"]],
    status=[None if started else t("course.not_started", lang) for started in listed["started"]],
)
table_view.show(
    ctx,
    shown,
    table_columns.courses(lang),
    f"courses_{province_now}_{fy}",
    key="courses",
    sheet=t("sheet.courses", lang, year=fy),
)

st.subheader(t("province.followup_heading", lang))
st.progress(
    min(float(own["followup_coverage"]), 1.0) if not fmt.missing(own["followup_coverage"]) else 0.0,
    text=t(
        "province.followup_progress",
        lang,
        done=fmt.number(own["followed_up"]),
        completed=fmt.number(own["completed"]),
        rate=fmt.percent(own["followup_coverage"]),
    ),
)
workload = outcomes.followup_workload(db, sel, scope)
chart_view.show(
    charts.followup_workload_figure(workload, lang, t("province.workload_title", lang, year=fy)), "workload"
)
