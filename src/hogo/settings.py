"""Typed settings read from the environment with the HOGO_ prefix (e.g. HOGO_DATABASE_URL)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from hogo.adapters.mail import Security


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HOGO_", env_file=None, extra="ignore")

    database_url: str = Field(
        default="sqlite:///hogo.db",
        description="SQLAlchemy URL of hogo's own store; a SQLite file by default, PostgreSQL in production",
    )
    sql_echo: bool = False
    sqlite_busy_seconds: float = Field(
        default=5.0,
        gt=0,
        le=60,
        description="on SQLite: how long a write waits for the store's single write lock before the API answers "
        "503 with Retry-After (PostgreSQL is the store for many concurrent writers)",
    )
    actor: str = Field(default="cli", description="who is acting when the CLI changes something")
    key_file: Path = Field(
        default=Path("hogo-keys.json"),
        description="the keyring: master keys that wrap each person's data key, and the identifier index key; "
        "keep it out of database backups (`hogo keys init` creates it)",
    )
    audit_key_file: Path | None = Field(
        default=None,
        description="the Ed25519 key that signs the audit log's checkpoints (`hogo keys audit-init`); unset: "
        "hogo-audit.key beside the key file. Never in the database",
    )
    audit_origin: str | None = Field(
        default=None,
        description="the checkpoints' origin line before the key's number, e.g. privacy.example.co.jp/audit; "
        "unset: the public URL's host and /audit",
    )
    audit_publish: str | None = Field(
        default=None,
        description="where each signed checkpoint is published: a directory (checkpoint, checkpoints/<size>) or an "
        "http(s) URL it is POSTed to; the checkpoint job refuses to sign when the log no longer extends what the "
        "directory holds",
    )
    audit_checkpoint_events: int = Field(default=1000, ge=1, description="sign a checkpoint every this many events")
    audit_checkpoint_minutes: float = Field(
        default=60.0, gt=0, description="or when the last checkpoint is this old and events came since"
    )
    master_key: SecretStr | None = Field(
        default=None,
        description="a base64 256-bit master key given directly instead of a key file (no rotation in this mode)",
    )
    index_key: SecretStr | None = Field(
        default=None,
        description="with master_key: the base64 key of the identifier hashes (derived from master_key if unset)",
    )
    master_key_max_days: int = Field(
        default=30,
        ge=1,
        description="the oldest the active master key may get: the scheduled rotation (`hogo keys rotate --if-due`) "
        "replaces it then and destroys the old one, so that a wrapped data key left in a dead row, a WAL segment or "
        "a backup is unreadable at most this long + the job's interval + a rotation's duration after it (ADR 0013)",
    )
    decision_cache_seconds: float = Field(
        default=1.0,
        ge=0,
        description="how long another process's change may take to reach this process's decision cache",
    )
    decision_batch: int = Field(default=5000, ge=1, description="decisions written to the audit trail per batch")
    decision_flush_seconds: float = Field(default=0.2, gt=0, description="longest a decision waits to be written")
    console_session_hours: float = Field(default=8.0, gt=0, description="how long a console sign-in lasts")
    cookie_secure: bool | None = Field(
        default=None,
        description="mark console and portal cookies Secure (true), or never (false, a local demo over http); "
        "unset: when the request came over https",
    )
    trusted_proxies: str | None = Field(
        default=None,
        description="reverse proxies whose X-Forwarded-Proto and X-Forwarded-For are believed: comma-separated "
        "addresses or networks (e.g. 127.0.0.1,10.0.0.0/8), or *; unset: none",
    )
    smtp_host: str | None = Field(default=None, description="SMTP server for mail to persons; none: the mail log")
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_security: Security = Field(
        default=Security.none, description="none, starttls (upgrade on port 587) or tls (implicit TLS, port 465)"
    )
    smtp_username: str | None = Field(default=None, description="SMTP login, when the server asks for one")
    smtp_password: SecretStr | None = Field(default=None, description="SMTP password (never logged)")
    smtp_timeout: float = Field(default=10.0, gt=0, description="seconds to wait for the SMTP server")
    mail_from: str = Field(default="privacy@hogo.localhost", description="the From address of mail to persons")
    mail_from_name: str | None = Field(default=None, description="the sender's name shown with it, e.g. 個人情報窓口")
    desk_mail: str | None = Field(
        default=None, description="where reminders to the desk go; unset: the desk's e-mail address in the ledger"
    )
    outbox_attempts: int = Field(default=8, ge=1, description="attempts at a message before it is given up")
    outbox_poll_seconds: float = Field(
        default=5.0, gt=0, description="how often the sender thread of hogo serve looks for retries"
    )
    mail_log: Path = Field(default=Path("hogo-mail.log"), description="where mail goes when no SMTP host is set")
    public_url: str = Field(default="http://127.0.0.1:8000", description="the portal's address, for links in mail")
    web_consent_posts_per_minute: int = Field(
        default=30,
        ge=1,
        description="consent posts from the website's banner accepted per client address per minute (counted in "
        "the store, so every process refuses the same flood)",
    )
    jobs_worker: bool = Field(
        default=True,
        description="run the scheduled jobs in a thread of each `hogo serve` / `hogo demo` process (on/off); off: "
        "run them from cron with `hogo jobs run-due`",
    )
    jobs_poll_seconds: float = Field(default=5.0, gt=0, description="how often the jobs thread looks for due jobs")
    changes_keep_hours: float = Field(
        default=24.0,
        gt=0,
        description="how long the change journal keeps a row; a process whose cache last polled before that drops "
        "its whole cache",
    )
    officer_mail: str | None = Field(
        default=None,
        description="where incident clock warnings go when the ledger names no officer address; unset: the desk's",
    )
    appi_2026_effective: dt.date | None = Field(
        default=None,
        description="the day the 2026 APPI amendment takes effect (relaxed notice to persons when the risk is low); "
        "unset: not in force (its date is fixed by cabinet order)",
    )
