"""Mail: a small ABC with an SMTP implementation, a mail-log file for the demo, and an in-memory fake for tests.

Nothing calls a mailer but the outbox's sender (`hogo.outbox`), after the transaction that decided the message
has committed. Nothing here logs a recipient or a body: they are personal data. `FileMailer` writes the
messages themselves to a file the operator controls (the demo's "mail log", readable by its owner only), which
is not a log of the application.
"""

from __future__ import annotations

import os
import smtplib
import ssl
import threading
from abc import ABC, abstractmethod
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, formatdate, parseaddr
from enum import StrEnum
from pathlib import Path

from hogo.errors import DomainError


class MailFailed(DomainError):
    """The message was not taken. `permanent`: the server refused it for good (5xx), retrying cannot help."""

    code = "mail-failed"

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True)
class MailMessage:
    to: str
    subject: str
    body: str
    sender_name: str | None = None
    """Shown with the From address (e.g. the desk's name from the ledger); the configured name when None."""


@dataclass(frozen=True)
class Envelope:
    """How a message goes out: its stable Message-ID (the same on every attempt, so that a receiver can drop a
    second copy) and whether an earlier attempt may have reached the server already."""

    message_id: str
    resend: bool = False


RESEND_NOTE = {
    "ja": "※ このメールは再送です。同じ内容のメールが届いている場合は、どちらか一方をご覧ください。",
    "en": "(This is a re-send. If you have received the same message before, one of them is enough.)",
}


def to_email(message: MailMessage, sender: str, envelope: Envelope) -> EmailMessage:
    mail = EmailMessage()
    name, address = parseaddr(sender)
    mail["From"] = formataddr((message.sender_name or name or None, address)) if message.sender_name else sender
    mail["To"] = message.to
    mail["Subject"] = message.subject
    mail["Date"] = formatdate(localtime=False)
    mail["Message-ID"] = envelope.message_id
    body = message.body
    if envelope.resend:
        mail["X-Hogo-Resend"] = "yes"
        body = f"{RESEND_NOTE['ja']}\n{RESEND_NOTE['en']}\n\n{body}"
    mail.set_content(body, charset="utf-8")
    return mail


class Mailer(ABC):
    @abstractmethod
    def send(self, message: MailMessage, envelope: Envelope) -> None:
        """Deliver one message or raise MailFailed (without the recipient in the error)."""


class Security(StrEnum):
    none = "none"
    starttls = "starttls"
    tls = "tls"
    """Implicit TLS from the first byte (SMTPS, usually port 465)."""


class SmtpMailer(Mailer):
    def __init__(
        self,
        host: str,
        port: int,
        sender: str,
        *,
        security: Security = Security.none,
        username: str | None = None,
        password: str | None = None,
        timeout: float = 10.0,
        context: ssl.SSLContext | None = None,
    ) -> None:
        self._host, self._port, self._sender = host, port, sender
        self._security, self._username, self._password, self._timeout = security, username, password, timeout
        self._context = context

    def _connect(self) -> smtplib.SMTP:
        if self._security is Security.tls:
            return smtplib.SMTP_SSL(self._host, self._port, timeout=self._timeout, context=self._tls())
        return smtplib.SMTP(self._host, self._port, timeout=self._timeout)

    def _tls(self) -> ssl.SSLContext:
        return self._context or ssl.create_default_context()

    def send(self, message: MailMessage, envelope: Envelope) -> None:
        where = f"the SMTP server {self._host}:{self._port}"
        try:
            with self._connect() as smtp:
                if self._security is Security.starttls:
                    smtp.starttls(context=self._tls())
                if self._username:
                    smtp.login(self._username, self._password or "")
                refused = smtp.send_message(to_email(message, self._sender, envelope))
        except smtplib.SMTPResponseException as exc:  # the server answered with a code: 5xx is final, 4xx not
            raise MailFailed(f"{where} refused the message ({exc.smtp_code})", permanent=exc.smtp_code >= 500) from None
        except smtplib.SMTPRecipientsRefused as exc:
            codes = sorted({code for code, _ in exc.recipients.values()})
            raise MailFailed(
                f"{where} refused the recipient ({', '.join(map(str, codes))})", permanent=min(codes) >= 500
            ) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise MailFailed(f"{where} did not take the message: {type(exc).__name__}") from None
        if refused:
            raise MailFailed(f"{where} refused the recipient", permanent=True)


class FileMailer(Mailer):
    """Appends each message, readable as text, to a file: the demo's mail log, where a one-time code can be read.

    The file holds status links and codes: it is created readable and writable by its owner only (0600)."""

    def __init__(self, path: Path, sender: str) -> None:
        self._path, self._sender = path, sender
        self._lock = threading.Lock()

    def send(self, message: MailMessage, envelope: Envelope) -> None:
        mail = to_email(message, self._sender, envelope)
        text = "".join(f"{k}: {v}\n" for k, v in mail.items() if k != "Content-Transfer-Encoding")
        body = mail.get_content()
        with self._lock:
            descriptor = os.open(self._path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            os.fchmod(descriptor, 0o600)  # a file made before by another umask is narrowed too
            with os.fdopen(descriptor, "a", encoding="utf-8") as out:
                out.write(f"From {self._sender} {mail['Date']}\n{text}\n{body}\n")


class MemoryMailer(Mailer):
    """Keeps the messages in memory; the fake for tests that need no SMTP server. `fail_with` makes it refuse."""

    def __init__(self) -> None:
        self.sent: list[tuple[MailMessage, Envelope]] = []
        self.fail_with: MailFailed | None = None

    @property
    def outbox(self) -> list[MailMessage]:
        return [message for message, _ in self.sent]

    def send(self, message: MailMessage, envelope: Envelope) -> None:
        if self.fail_with is not None:
            raise self.fail_with
        self.sent.append((message, envelope))


@dataclass(frozen=True)
class SmtpSettings:
    host: str | None
    port: int
    sender: str
    sender_name: str | None = None
    security: Security = Security.none
    username: str | None = None
    password: str | None = None
    timeout: float = 10.0


def mailer_from(smtp: SmtpSettings, mail_log: Path) -> Mailer:
    """SMTP when a host is set; otherwise the mail-log file."""
    sender = formataddr((smtp.sender_name, smtp.sender)) if smtp.sender_name else smtp.sender
    if smtp.host:
        return SmtpMailer(
            smtp.host,
            smtp.port,
            sender,
            security=smtp.security,
            username=smtp.username,
            password=smtp.password,
            timeout=smtp.timeout,
        )
    return FileMailer(mail_log, sender)
