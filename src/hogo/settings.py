"""Typed settings read from the environment with the HOGO_ prefix (e.g. HOGO_DATABASE_URL)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HOGO_", env_file=None, extra="ignore")

    database_url: str = Field(
        default="sqlite:///hogo.db",
        description="SQLAlchemy URL of hogo's own store; a SQLite file by default, PostgreSQL in production",
    )
    sql_echo: bool = False
    actor: str = Field(default="cli", description="who is acting when the CLI changes something")
