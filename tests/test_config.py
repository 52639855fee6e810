"""Settings are declared once; the README documents every one of them."""

from pathlib import Path

from data_access import config

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented_in_the_readme():
    for setting in config.SETTINGS:
        assert f"| `{setting.name}` |" in README, setting.name
        assert setting.doc in README, setting.name


def test_relative_sqlite_url_is_taken_from_the_project_folder(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert config.database_url() == f"sqlite:///{config.PROJECT_ROOT / 'data' / 'dashboard.db'}"
    assert config.is_default_database()
