"""E-mail delivery of the report pack, against a local SMTP server the tests start (aiosmtpd on
127.0.0.1), never the network: each province's files go to its enabled recipients once per
change; a failed send is reported, recorded, retried on the next run and never stops the others."""

import email
import socket
from datetime import date
from email import policy

import pytest
from aiosmtpd.controller import Controller

from data_access import recipients, users
from data_access.cli import main
from reports import mail, pack
from tests.test_report_pack import TWO

ADMIN = users.SYSTEM
AS_OF = date(2023, 9, 30)


class Inbox:
    """An SMTP handler that keeps every message and refuses the addresses in `refused`."""

    def __init__(self):
        self.messages = []
        self.refused = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((envelope.rcpt_tos, parsed))
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def inbox():
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    handler.port = controller.port
    yield handler
    controller.stop()


@pytest.fixture
def data(brief_sqlite):
    db = brief_sqlite
    recipients.add(db, "50", "head@cm.mol.go.th", "Chiang Mai head", actor=ADMIN)
    recipients.add(db, "50", "staff@cm.mol.go.th", actor=ADMIN)
    recipients.add(db, "51", "head@lpn.mol.go.th", actor=ADMIN)
    recipients.set_disabled(db, "51", "head@lpn.mol.go.th", True, actor=ADMIN)
    return db


def settings(port: int) -> mail.SmtpSettings:
    return mail.SmtpSettings("127.0.0.1", port, "none", "reports@mol.go.th")


def made_pack(db, tmp_path):
    request = pack.PackRequest(2566, TWO, "th", tmp_path / "pack", AS_OF)
    return request, pack.make_pack(db, request, [].append)


def test_each_province_is_sent_its_files_once_per_change(data, inbox, tmp_path):
    request, result = made_pack(data, tmp_path)
    report = mail.deliver(data, request, result, settings(inbox.port), [].append)
    assert report.sent == ["50 head@cm.mol.go.th", "50 staff@cm.mol.go.th"] and report.failed == []
    (to, message), _ = inbox.messages
    assert to == ["head@cm.mol.go.th"] and message["From"] == "reports@mol.go.th"
    assert "เชียงใหม่" in message["Subject"] and "2566" in message["Subject"]
    attached = {part.get_filename(): part.get_content() for part in message.iter_attachments()}
    assert attached == {
        "province-50-brief-2566.pdf": (tmp_path / "pack/province-50/brief-2566.pdf").read_bytes(),
        "province-50-summary-2566.xlsx": (tmp_path / "pack/province-50/summary-2566.xlsx").read_bytes(),
    }
    again = mail.deliver(data, request, made_pack(data, tmp_path)[1], settings(inbox.port), [].append)
    assert again.sent == [] and len(again.unchanged) == 2 and len(inbox.messages) == 2


def test_a_refused_address_is_reported_retried_next_run_and_never_stops_the_others(data, inbox, tmp_path):
    inbox.refused.add("head@cm.mol.go.th")
    request, result = made_pack(data, tmp_path)
    lines = []
    report = mail.deliver(data, request, result, settings(inbox.port), lines.append)
    assert report.failed == ["50 head@cm.mol.go.th"] and report.sent == ["50 staff@cm.mol.go.th"]
    assert any("head@cm.mol.go.th: failed (SMTPRecipientsRefused" in line for line in lines)
    (refused,) = [r for r in recipients.list_recipients(data, ADMIN, "50") if r.email == "head@cm.mol.go.th"]
    assert "550" in refused.last_error and refused.sent_at is None
    inbox.refused.clear()
    retry = mail.deliver(data, request, result, settings(inbox.port), [].append)
    assert retry.sent == ["50 head@cm.mol.go.th"] and retry.unchanged == ["50 staff@cm.mol.go.th"]
    (delivered,) = [
        r for r in recipients.list_recipients(data, ADMIN, "50") if r.email == "head@cm.mol.go.th"
    ]
    assert delivered.last_error is None and delivered.sent_at is not None


def test_a_server_that_does_not_answer_fails_every_message_and_each_is_reported(data, tmp_path):
    request, result = made_pack(data, tmp_path)
    report = mail.deliver(data, request, result, settings(free_port()), [].append)
    assert len(report.failed) == 2 and report.sent == []
    assert all(
        "ConnectionRefusedError" in r.last_error for r in recipients.list_recipients(data, ADMIN, "50")
    )


def test_the_command_mails_and_exits_non_zero_when_a_send_failed(data, inbox, tmp_path, monkeypatch, capsys):
    for name, value in {
        "DATABASE_URL": data.url,
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(inbox.port),
        "SMTP_TLS": "none",
        "SMTP_SENDER": "reports@mol.go.th",
    }.items():
        monkeypatch.setenv(name, value)
    users.add(data, "two", "staff", "50,51", actor="test")
    args = [
        "report-pack",
        "--fy",
        "2566",
        "--as-of",
        "2023-09-30",
        "--out",
        str(tmp_path / "p"),
        "--as",
        "two",
    ]
    inbox.refused.add("staff@cm.mol.go.th")
    assert main([*args, "--mail"]) == 1
    assert "mail: 1 sent, 0 already up to date, 1 failed" in capsys.readouterr().out
    inbox.refused.clear()
    assert main([*args, "--mail"]) == 0
    assert "mail: 1 sent, 1 already up to date, 0 failed" in capsys.readouterr().out


def test_mail_without_a_configured_server_is_a_clear_error(data, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", data.url)
    monkeypatch.delenv("SMTP_HOST", raising=False)
    assert main(["report-pack", "--fy", "2566", "--out", str(tmp_path / "p"), "--mail"]) == 2
    assert "no mail server is configured" in capsys.readouterr().err
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_TLS", "plain")
    monkeypatch.setenv("SMTP_SENDER", "reports@mol.go.th")
    assert main(["report-pack", "--fy", "2566", "--out", str(tmp_path / "p"), "--mail"]) == 2
    assert "SMTP_TLS 'plain' must be starttls, ssl or none" in capsys.readouterr().err
