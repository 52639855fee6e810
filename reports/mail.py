"""Delivery of the report pack: each province's brief and workbook e-mailed to its recipients
(data_access.recipients), over the SMTP server of the configuration (SMTP_* settings).

A recipient is sent a province's files when they differ from what was last delivered to them (a
digest of the files' SHA-256), so a monthly rerun on unchanged data sends nothing twice. A failed
send is reported, recorded beside the recipient and tried again on the next run; it never stops
the other messages. One connection per message, so a broken one loses only that message.
"""

from __future__ import annotations

import hashlib
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage

from assets.i18n import t
from data_access import audit, config, fiscal, recipients
from data_access.db import Database
from data_access.errors import UserError
from reports.pack import PackFile, PackRequest, PackResult

TLS_MODES = ("starttls", "ssl", "none")
TIMEOUT = 30
MIME = {
    "pdf": ("application", "pdf"),
    "xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    tls: str
    sender: str
    user: str = ""
    password: str = ""

    @classmethod
    def from_config(cls, settings: config.Settings) -> SmtpSettings | None:
        """The configured server, or None when SMTP_HOST is empty (no mail). Checked only when
        mail is asked for: a mail setting never stops the dashboard."""
        if not settings.smtp_host:
            return None
        tls, port = settings.smtp_tls, settings.smtp_port
        if tls not in TLS_MODES or not port.isdigit():
            raise UserError("error.smtp_settings", tls=tls, port=port)
        sender = recipients.valid_address(settings.smtp_sender)
        return cls(settings.smtp_host, int(port), tls, sender, settings.smtp_user, settings.smtp_password)


@dataclass
class DeliveryReport:
    sent: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"{len(self.sent)} sent, {len(self.unchanged)} already up to date, {len(self.failed)} failed"


def digest(files: list[PackFile]) -> str:
    return hashlib.sha256("\n".join(f"{f.path} {f.sha256}" for f in files).encode()).hexdigest()


def deliver(
    db: Database,
    request: PackRequest,
    result: PackResult,
    settings: SmtpSettings,
    progress: Callable[[str], None] = print,
) -> DeliveryReport:
    """Sends each province whose files were all made to each of its enabled recipients."""
    report = DeliveryReport()
    by_province: dict[str, list[PackFile]] = {}
    for f in result.files:
        if f.unit.level == "province":
            by_province.setdefault(f.unit.code, []).append(f)
    for province, files in by_province.items():
        if any(f.status == "failed" for f in files):
            continue  # reported with the pack; sent once the files are made
        files_digest = digest(files)
        for recipient in recipients.of_province(db, province):
            line = f"{province} {recipient.email}"
            if recipient.sent_digest == files_digest:
                report.unchanged.append(line)
                continue
            now = datetime.now(UTC)
            try:
                send(settings, message(request, files, recipient.email, settings.sender))
            except (OSError, smtplib.SMTPException) as error:
                recipients.mark_failed(db, recipient, f"{type(error).__name__}: {error}", now)
                report.failed.append(line)
                progress(f"mail {line}: failed ({type(error).__name__}: {error})")
                continue
            recipients.mark_sent(db, recipient, files_digest, now)
            audit.log(db, request.scope.username, "mail", {"province": province, "to": recipient.email})
            report.sent.append(line)
            progress(f"mail {line}: sent {len(files)} files")
    return report


def message(request: PackRequest, files: list[PackFile], to: str, sender: str) -> EmailMessage:
    lang, unit = request.lang, files[0].unit
    mail = EmailMessage()
    mail["From"], mail["To"] = sender, to
    mail["Subject"] = t("mail.subject", lang, place=unit.name(lang), year=request.fiscal_year)
    mail.set_content(
        t(
            "mail.body",
            lang,
            place=unit.name(lang),
            year=request.fiscal_year,
            as_of=fiscal.be_date(request.as_of, lang),
            files=", ".join(f.path.split("/")[-1] for f in files),
        )
    )
    for f in files:
        maintype, subtype = MIME[f.path.rsplit(".", 1)[-1]]
        data = (request.out / f.path).read_bytes()
        mail.add_attachment(
            data, maintype=maintype, subtype=subtype, filename=f"{unit.folder}-{f.path.split('/')[-1]}"
        )
    return mail


def send(settings: SmtpSettings, mail: EmailMessage) -> None:
    context = ssl.create_default_context()
    if settings.tls == "ssl":
        server = smtplib.SMTP_SSL(settings.host, settings.port, timeout=TIMEOUT, context=context)
    else:
        server = smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT)
    with server:
        if settings.tls == "starttls":
            server.starttls(context=context)
        if settings.user:
            server.login(settings.user, settings.password)
        server.send_message(mail)
