"""Jinja2 templates of the console and the portal, with the filters they share (JST times)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fastapi.templating import Jinja2Templates

from hogo.clock import JST

templates = Jinja2Templates(directory=str(Path(__file__).resolve().parent / "templates"))


def jst(value: dt.datetime | None) -> str:
    """A stored UTC instant as people in Japan read it: 2026-11-20 10:00 JST."""
    return "—" if value is None else value.astimezone(JST).strftime("%Y-%m-%d %H:%M JST")


templates.env.filters["jst"] = jst
