"""Mail: a small ABC with an SMTP implementation, a mail-log file for the demo, and an outbox for tests.

Messages are sent after the transaction that decided to send them has committed (STYLE rule 3). Nothing here
logs a recipient or a body: they are personal data. `FileMailer` writes the messages themselves to a file the
operator controls (the demo's "mail log"), which is not a log of the application.
"""

from __future__ import annotations

import smtplib
import threading
from abc import ABC, abstractmethod
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from hogo.errors import DomainError


class MailFailed(DomainError):
    code = "mail-failed"


@dataclass(frozen=True)
class MailMessage:
    to: str
    subject: str
    body: str


def to_email(message: MailMessage, sender: str) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = message.to
    mail["Subject"] = message.subject
    mail["Date"] = formatdate(localtime=False)
    mail["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or "hogo.local")
    mail.set_content(message.body, charset="utf-8")
    return mail


class Mailer(ABC):
    @abstractmethod
    def send(self, message: MailMessage) -> None:
        """Deliver one message or raise MailFailed (without the recipient in the error)."""


class SmtpMailer(Mailer):
    def __init__(
        self,
        host: str,
        port: int,
        sender: str,
        *,
        starttls: bool = False,
        username: str | None = None,
        password: str | None = None,
        timeout: float = 10.0,
    ) -> None:
        self._host, self._port, self._sender = host, port, sender
        self._starttls, self._username, self._password, self._timeout = starttls, username, password, timeout

    def send(self, message: MailMessage) -> None:
        try:
            with smtplib.SMTP(self._host, self._port, timeout=self._timeout) as smtp:
                if self._starttls:
                    smtp.starttls()
                if self._username:
                    smtp.login(self._username, self._password or "")
                smtp.send_message(to_email(message, self._sender))
        except (OSError, smtplib.SMTPException) as exc:
            raise MailFailed(
                f"the SMTP server {self._host}:{self._port} did not take the message: {type(exc).__name__}"
            ) from None


class FileMailer(Mailer):
    """Appends each message, readable as text, to a file: the demo's mail log, where a one-time code can be read."""

    def __init__(self, path: Path, sender: str) -> None:
        self._path, self._sender = path, sender
        self._lock = threading.Lock()

    def send(self, message: MailMessage) -> None:
        date = formatdate(localtime=False)
        text = f"From: {self._sender}\nTo: {message.to}\nSubject: {message.subject}\nDate: {date}\n\n{message.body}"
        with self._lock, self._path.open("a", encoding="utf-8") as out:
            out.write(f"From {self._sender} {date}\n{text}\n")


class OutboxMailer(Mailer):
    """Keeps the messages in memory; the fake for tests that need no SMTP server."""

    def __init__(self) -> None:
        self.outbox: list[MailMessage] = []

    def send(self, message: MailMessage) -> None:
        self.outbox.append(message)


def mailer_from(smtp_host: str | None, smtp_port: int, sender: str, mail_log: Path) -> Mailer:
    """SMTP when a host is set; otherwise the mail-log file."""
    if smtp_host:
        return SmtpMailer(smtp_host, smtp_port, sender)
    return FileMailer(mail_log, sender)
