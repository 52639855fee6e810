"""KPI cards: value, target, and change against the same point of the previous fiscal year."""

from __future__ import annotations

import streamlit as st

from assets.i18n import t
from data_access import kpi_definitions, kpi_words
from ui import format as fmt
from ui.headline import Card, comparison_label, delta_text


def kpi_cards(cards: list[Card], lang: str, selection, compared: bool) -> None:
    """One bordered card per KPI, filling the row and wrapping onto as many rows as the screen
    needs (ui.page_style sizes them). Each card's help is its definition; `compared` is False
    when last year has no data, and then no card shows a change."""
    earlier = selection.previous_year()
    label = comparison_label(selection, lang)
    rule = t(
        "card.same_point_help",
        lang,
        year=earlier.fiscal_years[0],
        as_of=fmt.thai_date(earlier.as_of, lang),
    )
    row = st.container(horizontal=True, key="kpi_cards")
    for card in cards:
        box = row.container(border=True)
        box.metric(
            t(f"kpi.{card.kpi}", lang),
            fmt.kpi(card.kpi, card.value, lang),
            delta=delta_text(card, lang),
            delta_color="inverse" if card.kpi in kpi_definitions.LOWER_IS_BETTER else "normal",
            delta_description=label,
            help=f"{kpi_words.definition(card.kpi, lang)}\n\n{rule}",
        )
        notes = [card.target_text or t("card.no_target", lang)]
        if card.n is not None:
            notes.append(t("card.n", lang, n=fmt.number(card.n)))
        box.caption(" · ".join(notes))
    if not compared:
        st.caption(t("card.no_previous", lang, year=earlier.fiscal_years[0]))
