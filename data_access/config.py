"""Every setting the dashboard reads, declared once: name, default, meaning; and the one typed,
validated `Settings` object built from them.

The README's configuration table is this list; `tests/test_config.py` fails when they drift apart.
Values come from environment variables and are checked when the app or a command starts, so a bad
value is one clear message then, never an error in the middle of a page. Streamlit's own settings
live in `.streamlit/config.toml` and single sign-on secrets in `.streamlit/secrets.toml`.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from data_access.errors import UserError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
UPLOAD_LIMIT_MB = 50  # the largest submission accepted; .streamlit/config.toml maxUploadSize agrees
AUTH_MODES = ("auto", "oidc", "local", "demo")
MIN_KEY_BYTES = 32  # CITIZEN_ID_KEY: a short key could be guessed, and every citizen ID with it


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
        "Secret key for the keyed hash (HMAC-SHA256) of citizen IDs, at least 32 bytes (e.g. "
        "`openssl rand -hex 32`). Required with a `DATABASE_URL`; the embedded default keeps a random "
        "key in `data/citizen_id.key`. Keep it for the database's life: imports hashed with another key "
        "are refused.",
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


class SettingsError(UserError):
    """A setting the operator must correct before the dashboard can start."""


@dataclass(frozen=True)
class Settings:
    """The validated configuration. Query modules never read it: callers pass them its values."""

    database_url: str
    default_database: bool
    citizen_id_key: str
    auth_mode: str
    session_minutes: float
    min_n: int
    province_geojson: str
    smtp_host: str
    smtp_port: str
    smtp_tls: str
    smtp_sender: str
    smtp_user: str
    smtp_password: str


def load(environ: Mapping[str, str]) -> Settings:
    """The settings in `environ` (defaults for what is absent), or a SettingsError naming the bad one."""
    raw = {s.name: environ.get(s.name, s.default).strip() for s in SETTINGS}
    if raw["DASHBOARD_AUTH"] not in AUTH_MODES:
        raise SettingsError("error.invalid_auth_mode", value=raw["DASHBOARD_AUTH"])
    if raw["CITIZEN_ID_KEY"] and len(raw["CITIZEN_ID_KEY"].encode("utf-8")) < MIN_KEY_BYTES:
        raise SettingsError("error.citizen_id_key_short", n=MIN_KEY_BYTES)  # the key itself is never shown
    return Settings(
        database_url=_absolute_sqlite(raw["DATABASE_URL"]),
        default_database="DATABASE_URL" not in environ,
        citizen_id_key=raw["CITIZEN_ID_KEY"],
        auth_mode=raw["DASHBOARD_AUTH"],
        session_minutes=_minutes(raw, "DASHBOARD_SESSION_MINUTES"),
        min_n=_whole_number(raw, "DASHBOARD_MIN_N"),
        province_geojson=raw["PROVINCE_GEOJSON"],
        smtp_host=raw["SMTP_HOST"],
        smtp_port=raw["SMTP_PORT"],
        smtp_tls=raw["SMTP_TLS"].lower(),
        smtp_sender=raw["SMTP_SENDER"],
        smtp_user=raw["SMTP_USER"],
        smtp_password=environ.get("SMTP_PASSWORD", ""),
    )


def current() -> Settings:
    """This process's settings, validated once per environment (tests change it with monkeypatch)."""
    return _load(tuple((s.name, os.environ[s.name]) for s in SETTINGS if s.name in os.environ))


def browser_path() -> str | None:
    """The browser Kaleido is told to use (its own BROWSER_PATH), if one is set."""
    return os.environ.get("BROWSER_PATH") or None


def fontconfig_file() -> str:
    """The fontconfig file programs this process starts read (FONTCONFIG_FILE, else the system's)."""
    return os.environ.get("FONTCONFIG_FILE") or "/etc/fonts/fonts.conf"


def use_fontconfig_file(path: Path) -> None:
    """Points the fontconfig of programs this process starts (the chart images' Chromium, which
    takes this process's environment) at `path`."""
    os.environ["FONTCONFIG_FILE"] = str(path)


@cache
def _load(present: tuple[tuple[str, str], ...]) -> Settings:
    return load(dict(present))


def _whole_number(raw: dict[str, str], name: str) -> int:
    value = raw[name]
    if not value.isascii() or not value.isdigit() or int(value) < 1:
        raise SettingsError("error.setting_whole_number", name=name, value=value)
    return int(value)


def _minutes(raw: dict[str, str], name: str) -> float:
    """A positive number of minutes; a fraction is allowed (a six-second session shows expiry in tests)."""
    value = raw[name]
    try:
        minutes = float(value) if value.isascii() else 0.0
    except ValueError:
        minutes = 0.0
    if not math.isfinite(minutes) or minutes <= 0:
        raise SettingsError("error.setting_minutes", name=name, value=value)
    return minutes


def _absolute_sqlite(url: str) -> str:
    """Relative SQLite paths are taken from the project folder."""
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and ":memory:" not in url:
        url = prefix + str(PROJECT_ROOT / url[len(prefix) :])
    return url
