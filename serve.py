"""The server: Streamlit's own, plus the endpoints that set the HttpOnly session cookie.

Run with `streamlit run serve.py` (app.py is the script every browser tab runs). A plain
`streamlit run app.py` works too, but then a reload signs the user out.
"""

import streamlit as st

from ui import session_cookie

app = st.App("app.py", routes=session_cookie.routes())
