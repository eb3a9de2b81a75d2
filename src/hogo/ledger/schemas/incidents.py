"""Where incident reports go besides the PPC, and who hears of their clocks (Art. 26, Art. 150; PMK500)."""

from __future__ import annotations

from pydantic import EmailStr

from hogo.ledger.schemas.common import Strict, Text


class PrivacyMark(Strict):
    """The Privacy Mark (JIS Q 15001) examination body the company reports every incident to (PMK500)."""

    body: Text
    """e.g. 一般財団法人日本情報経済社会推進協会（JIPDEC）, or the designated examination body."""
    registration: str | None = None


class DelegatedMinistry(Strict):
    """A minister to whom the PPC delegated the receipt of reports for the company's business (Art. 150)."""

    name: Text
    """e.g. 金融庁."""


class IncidentProcedures(Strict):
    privacy_mark: PrivacyMark | None = None
    delegated_ministry: DelegatedMinistry | None = None
    officer_email: EmailStr | None = None
    """Where the clock warnings go (the privacy officer); else HOGO_OFFICER_MAIL, else the desk's address."""
