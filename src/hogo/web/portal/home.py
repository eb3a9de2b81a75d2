"""The person's landing page: who the company is, and the ways in — the privacy notice, requests, the desk."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from hogo.ledger.schemas.common import Text
from hogo.web.deps import LedgerServiceDep

router = APIRouter(tags=["portal"])
templates = Environment(loader=PackageLoader("hogo.web", "templates"), autoescape=select_autoescape())

TEXT = {
    "ja": {
        "title": "個人情報に関する窓口",
        "intro": "{company}が取り扱うあなたの個人情報について、次のことができます。",
        "notice": "個人情報の取扱いについて（プライバシーポリシー）を読む",
        "requests": "開示・訂正・利用停止・消去などを請求する、ご請求の状況を確認する",
        "consent": "Cookie等の設定と外部送信（送信される情報・送信先・目的）を確認する",
        "desk": "お問い合わせ窓口",
    },
    "en": {
        "title": "Your personal information",
        "intro": "About the personal information {company} holds on you, you can:",
        "notice": "Read how we handle personal information (the privacy notice)",
        "requests": "Ask us to disclose, correct, stop using or delete it, and follow your request",
        "consent": "See and change your cookie settings, and what this site sends to others",
        "desk": "Inquiry desk",
    },
}


@router.get("/", response_class=HTMLResponse, summary="窓口 / The person's landing page")
def home(request: Request, service: LedgerServiceDep, lang: Literal["ja", "en"] = "ja") -> HTMLResponse:
    operator = service.current().ledger.operator
    desk = operator.desk
    text = TEXT[lang]
    contacts = [_in(c, lang) for c in (desk.postal_address, desk.phone, desk.email, desk.web_form, desk.hours) if c]
    html = templates.get_template("portal/home.html").render(
        lang=lang,
        title=text["title"],
        error=None,
        t=text,
        company=_in(operator.name, lang),
        desk_name=_in(operator.desk_label, lang),
        contacts=contacts,
    )
    return HTMLResponse(html, headers={"Cache-Control": "no-store"})


def _in(value: object, lang: str) -> str:
    """A ledger text in the page's language (Japanese when it has no English), or any other value as text."""
    if isinstance(value, Text):
        return (value.en if lang == "en" else None) or value.ja
    return str(value)
