"""Reports made from data_access queries: the executive brief (PDF, typeset with Typst), the report
pack (every unit's brief and summary workbook, an index and a manifest) and its delivery by e-mail.

It sits beside data_access, never inside it: it writes sentences and numbers as pages do, with the
Streamlit-free pieces of ui/ (summary, format, describe, headline, tables), and it never imports
streamlit itself, so the command line can make a brief without the web app.
"""
