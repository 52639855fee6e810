"""The ministry's labour-market figures beside the project's (DESIGN §9).

catalogue (the indicators), periods (calendar quarters and months, BE), queries (scoped reads:
series, yearly, latest, panel), and the import's sheet kinds (lfs_table, long_sheet).
"""
