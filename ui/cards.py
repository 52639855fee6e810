"""KPI cards: value, target, and change against the previous fiscal year."""

from __future__ import annotations

import streamlit as st

from assets.i18n import t
from data_access import kpi_definitions
from ui import format as fmt
from ui.headline import Card, delta_text


def kpi_cards(cards: list[Card], lang: str, previous_year: int) -> None:
    """One bordered card per KPI, wrapping onto as many rows as the screen needs."""
    row = st.container(horizontal=True)
    for card in cards:
        box = row.container(border=True, width=300)
        box.metric(
            t(f"kpi.{card.kpi}", lang),
            fmt.kpi(card.kpi, card.value, lang),
            delta=delta_text(card, lang),
            delta_color="inverse" if card.kpi in kpi_definitions.LOWER_IS_BETTER else "normal",
            delta_description=t("card.vs_previous", lang, year=previous_year),
            help=t("card.vs_previous_help", lang, year=previous_year),
        )
        notes = [card.target_text or t("card.no_target", lang)]
        if card.n is not None:
            notes.append(t("card.n", lang, n=fmt.number(card.n)))
        box.caption(" · ".join(notes))
