"""The app's own CSS, once per run from the frame: card sizes, the phone layout and printing.

Cards fill the row (no empty band at 1440 px) and shrink on a phone so the map is not 2,600 px
down; printing leaves out the sidebar, the toolbars and the widgets and fits charts to A4.
Static text of ours only: nothing a user typed is ever written here.
"""

from __future__ import annotations

import streamlit as st

CSS = """
<style>
.st-key-kpi_cards > div { flex: 1 1 200px; min-width: 180px; }
.st-key-kpi_cards [data-testid="stMetricValue"] { font-size: 1.7rem; }
@media (max-width: 640px) {
  .st-key-kpi_cards > div { flex: 1 1 150px; min-width: 140px; padding: 0.4rem 0.6rem; }
  .st-key-kpi_cards [data-testid="stMetricValue"] { font-size: 1.25rem; }
  .st-key-kpi_cards [data-testid="stCaptionContainer"] { display: none; }
}
@media print {
  @page { size: A4 portrait; margin: 12mm; }
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stSidebarCollapsedControl"], .modebar-container, [data-testid="stSelectbox"],
  [data-testid="stDownloadButton"], [data-testid="stElementToolbar"], .st-key-breadcrumb button,
  [data-testid="stDecoration"] { display: none !important; }
  [data-testid="stMain"], [data-testid="stMainBlockContainer"] {
    max-width: 186mm !important; width: 186mm !important; padding: 0 !important; margin: 0 !important;
  }
  [data-testid="stPlotlyChart"], [data-testid="stPlotlyChart"] .js-plotly-plot,
  [data-testid="stPlotlyChart"] .main-svg { max-width: 186mm !important; }
  [data-testid="stHorizontalBlock"] { flex-wrap: wrap !important; }
  [data-testid="stHorizontalBlock"] > [data-testid="stColumn"] {
    width: 100% !important; flex: 1 1 100% !important;
  }
  [data-testid="stPlotlyChart"], [data-testid="stVerticalBlockBorderWrapper"] { break-inside: avoid; }
}
</style>
"""


def apply() -> None:
    st.html(CSS)


THAI_ONLY_CSS = "<style>[data-testid='stElementToolbar'] { display: none !important; }</style>"


def for_language(lang: str) -> None:
    """Streamlit's table toolbar (search, CSV download, fullscreen) speaks only English and cannot
    be translated, so a Thai page does not draw it; tables that are kept have an Excel download
    of their own (ui.table_view, ui.downloads), English pages keep the toolbar."""
    if lang == "th":
        st.html(THAI_ONLY_CSS)
