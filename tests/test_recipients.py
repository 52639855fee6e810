"""Report recipients, managed like users: `recipients add | list | remove | disable | enable`, admins
only, one plain address each (never a header or a second recipient), every change audited."""

import json

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from data_access import audit, users
from data_access.cli import main
from data_access.schema import metadata

ADMIN = users.SYSTEM


@pytest.fixture
def cli_db(db, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db.url)
    return db


def listed(capsys, *args):
    capsys.readouterr()  # what the commands before printed
    assert main(["recipients", "list", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_recipients_are_added_listed_disabled_enabled_and_removed(cli_db, capsys):
    assert main(["recipients", "add", "จ.เชียงใหม่", " head@cm.mol.go.th ", "--name", "แรงงานจังหวัด"]) == 0
    assert main(["recipients", "add", "51", "head@lpn.mol.go.th"]) == 0
    assert listed(capsys, "--province", "Chiang Mai") == [
        {
            "province": "50",
            "email": "head@cm.mol.go.th",
            "name": "แรงงานจังหวัด",
            "disabled": False,
            "sent_at": None,
            "last_error": None,
        }
    ]
    assert main(["recipients", "disable", "50", "head@cm.mol.go.th"]) == 0
    assert [r["disabled"] for r in listed(capsys)] == [True, False]
    assert main(["recipients", "enable", "50", "head@cm.mol.go.th"]) == 0
    assert main(["recipients", "remove", "51", "head@lpn.mol.go.th"]) == 0
    assert [r["email"] for r in listed(capsys)] == ["head@cm.mol.go.th"]
    actions = audit.entries(cli_db, ADMIN)["action"].tolist()
    assert actions == [
        "recipient_remove",
        "recipient_enable",
        "recipient_disable",
        "recipient_add",
        "recipient_add",
    ]


@pytest.mark.parametrize(
    "address",
    [
        "head@cm.mol.go.th\r\nBcc: all@example.org",
        "Head <head@cm.mol.go.th>",
        "a@b.th, c@d.th",
        "nobody",
        "x@localhost",
    ],
)
def test_an_address_is_one_plain_mailbox(cli_db, capsys, address):
    assert main(["recipients", "add", "50", address]) == 2
    assert f"invalid e-mail address '{address}'" in capsys.readouterr().err


def test_duplicates_unknown_recipients_and_provinces_are_clear_errors(cli_db, capsys):
    assert main(["recipients", "add", "50", "head@cm.mol.go.th"]) == 0
    assert main(["recipients", "add", "50", "head@cm.mol.go.th"]) == 2
    assert "already receives province 50's reports" in capsys.readouterr().err
    assert main(["recipients", "remove", "51", "head@cm.mol.go.th"]) == 2
    assert "no report recipient head@cm.mol.go.th for province 51" in capsys.readouterr().err
    assert main(["recipients", "add", "Atlantis", "a@b.th"]) == 2
    assert "unknown province 'Atlantis'" in capsys.readouterr().err


def test_only_an_admin_manages_recipients(cli_db, capsys):
    users.add(cli_db, "exec", "executive", actor="test")
    assert main(["recipients", "--as", "exec", "add", "50", "head@cm.mol.go.th"]) == 2
    assert main(["recipients", "--as", "exec", "list"]) == 2
    assert "only an admin may manage report recipients" in capsys.readouterr().err


def test_the_migration_makes_the_recipients_table_as_the_schema_declares_it(db):
    with db.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert [d for d in differences if "report_recipients" in str(d)] == []
