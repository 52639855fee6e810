"""Every setting the dashboard reads, declared once: name, default, meaning.

The README's configuration table is this list; `tests/test_config.py` fails when they drift apart.
Values come from environment variables. Streamlit's own settings live in `.streamlit/config.toml`
and single sign-on secrets in `.streamlit/secrets.toml`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    doc: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "DATABASE_URL",
        "sqlite:///data/dashboard.db",
        "Any SQLAlchemy URL (e.g. `postgresql+psycopg://user@host/db`). Default: an embedded "
        "SQLite file in `data/`, filled with demo data on first start.",
    ),
    Setting(
        "CITIZEN_ID_KEY",
        "",
        "Secret key for the keyed hash (HMAC-SHA256) of citizen IDs. Required with a "
        "`DATABASE_URL`; the embedded default keeps a random key in `data/citizen_id.key`.",
    ),
    Setting(
        "DASHBOARD_AUTH",
        "auto",
        "Sign-in mode: `oidc` (Streamlit `st.login`, needs `[auth]` in secrets.toml), `local` "
        "(database accounts), `demo` (demo accounts, only on the demo database) or `auto` "
        "(oidc if configured, else demo on the demo database, else local).",
    ),
    Setting(
        "DASHBOARD_SESSION_MINUTES",
        "30",
        "Minutes of inactivity after which a signed-in session expires.",
    ),
    Setting(
        "DASHBOARD_MIN_N",
        "20",
        "Smallest number of people behind a rate for a province to be ranked.",
    ),
    Setting(
        "PROVINCE_GEOJSON",
        "",
        "Optional path to a province-boundary GeoJSON (feature property `code` or `pro_code` = "
        "DOPA code) for a true choropleth beside the tile map.",
    ),
    Setting(
        "SMTP_HOST",
        "",
        "Mail server for `report-pack --mail` (each province's files to its recipients). Empty: no mail.",
    ),
    Setting("SMTP_PORT", "587", "Port of the mail server."),
    Setting(
        "SMTP_TLS",
        "starttls",
        "`starttls` (upgrade the connection, usually port 587), `ssl` (TLS from the start, usually "
        "465) or `none` (only for a relay on the same machine or network).",
    ),
    Setting("SMTP_SENDER", "", "The From address of report e-mails (required with `SMTP_HOST`)."),
    Setting("SMTP_USER", "", "User name for the mail server; empty: send without signing in."),
    Setting("SMTP_PASSWORD", "", "Password for `SMTP_USER`; keep it in the environment, never in a file."),
)


def get(name: str) -> str:
    """The setting's value from the environment, or its declared default."""
    for setting in SETTINGS:
        if setting.name == name:
            return os.environ.get(name, setting.default)
    raise KeyError(f"undeclared setting {name}")


def database_url() -> str:
    """The configured URL; relative SQLite paths are taken from the project folder."""
    url = get("DATABASE_URL")
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and ":memory:" not in url:
        url = prefix + str(PROJECT_ROOT / url[len(prefix) :])
    return url


def is_default_database() -> bool:
    return "DATABASE_URL" not in os.environ
