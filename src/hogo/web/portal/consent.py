"""The visitor's preferences for the website's banner, with no JavaScript: the choice per category, its receipt and
history, and the external-transmission notice (外部送信) — what each tag sends, to whom, why, and how to stop it."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.concurrency import run_in_threadpool

from hogo.consent.web_policy import VISITOR, Banner
from hogo.errors import DomainError
from hogo.web.deps import ContainerDep
from hogo.web.errors import status_of
from hogo.web.https import secure_cookies
from hogo.web.ratelimit import client_address
from hogo.web.templating import jst

router = APIRouter(tags=["portal"])
templates = Environment(loader=PackageLoader("hogo.web", "templates"), autoescape=select_autoescape(["html"]))
templates.filters["jst"] = jst
VISITOR_COOKIE = "hogo_visitor"

TEXT = {
    "ja": {
        "title": "Cookie等の設定と外部送信",
        "external_title": "外部送信について（電気通信事業法第27条の12）",
        "intro": "このサイトで利用するCookie等と、あなたの端末から外部に送信される情報です。"
        "必須のもの以外は、あなたが許可した種類だけが送信されます。いつでも変更・撤回できます。",
        "choice": "現在の設定",
        "none": "まだ選択されていません（必須のもの以外は送信していません）。",
        "allowed": "許可",
        "refused": "拒否",
        "always": "常に有効",
        "accept": "すべて許可する",
        "reject": "すべて拒否する",
        "save": "選択を保存する",
        "saved": "設定を記録しました。",
        "receipt": "同意の記録（受領書）",
        "receipt_id": "記録番号",
        "given_at": "日時",
        "version": "バナーの版",
        "action": "方法",
        "gpc": "GPC（グローバル・プライバシー・コントロール）",
        "history": "これまでの記録",
        "json": "受領書（JSON）",
        "tool": "ツール",
        "recipient": "送信先",
        "sent": "送信される情報",
        "purpose": "利用目的",
        "opt_out": "停止の方法",
        "policy": "送信先のプライバシーポリシー",
        "category": "種類",
        "visitor": "閲覧者番号（ランダムな番号で、あなたを特定する情報ではありません）",
    },
    "en": {
        "title": "Cookie settings and external transmission",
        "external_title": "Information sent to others (Telecommunications Business Act Art. 27-12)",
        "intro": "The cookies and similar tools this site uses, and the information your device sends to other "
        "companies. Beyond what is strictly necessary, only the kinds you allow are sent. You can change or "
        "withdraw your choice at any time.",
        "choice": "Your choice",
        "none": "No choice yet (nothing beyond the strictly necessary is sent).",
        "allowed": "allowed",
        "refused": "refused",
        "always": "always on",
        "accept": "Accept all",
        "reject": "Reject all",
        "save": "Save my choices",
        "saved": "Your choice was recorded.",
        "receipt": "Record of your consent (receipt)",
        "receipt_id": "Record",
        "given_at": "When",
        "version": "Banner version",
        "action": "How",
        "gpc": "GPC (Global Privacy Control)",
        "history": "Earlier records",
        "json": "Receipt (JSON)",
        "tool": "Tool",
        "recipient": "Sent to",
        "sent": "Information sent",
        "purpose": "Purpose",
        "opt_out": "How to stop it",
        "policy": "Recipient's privacy policy",
        "category": "Kind",
        "visitor": "Visitor number (a random number; it does not identify you)",
    },
}
ACTION_TEXT = {
    "accept_all": ("すべて許可", "accepted all"),
    "reject_all": ("すべて拒否", "rejected all"),
    "custom": ("種類を選んで保存", "chose per kind"),
    "gpc": ("GPCにより拒否", "refused by GPC"),
    "withdraw": ("撤回", "withdrawn"),
}


def _visitor(request: Request, given: str | None) -> str | None:
    for candidate in (given, request.cookies.get(VISITOR_COOKIE)):
        if candidate and VISITOR.match(candidate):
            return candidate
    return None


def _render(
    request: Request, container: Any, lang: str, visitor: str | None, *, saved: bool = False, error: str | None = None
) -> HTMLResponse:
    service = container.web_consents
    config = service.config(visitor, None)
    current: Banner = service.banner()
    history = service.history(config["visitor"])
    latest = history[0] if history and history[0].banner_version == current.version else None
    receipt = service.receipt(latest.id, config["visitor"]) if latest else None
    html = templates.get_template("portal/consent.html").render(
        lang=lang,
        t=TEXT[lang],
        title=TEXT[lang]["title"],
        error=error,
        saved=saved,
        config=config,
        categories=current.content["categories"],
        latest=latest,
        history=history,
        receipt=receipt,
        actions={k: v[1 if lang == "en" else 0] for k, v in ACTION_TEXT.items()},
    )
    response = HTMLResponse(html, headers={"Cache-Control": "no-store"})
    response.set_cookie(
        VISITOR_COOKIE,
        config["visitor"],
        httponly=True,
        samesite="lax",
        secure=secure_cookies(request),
        path="/portal",
        max_age=400 * 24 * 3600,
    )
    return response


@router.get("/consent", response_class=HTMLResponse, summary="Cookie等の設定 / Cookie settings and receipts")
def preferences(
    request: Request,
    container: ContainerDep,
    lang: Literal["ja", "en"] = "ja",
    visitor: Annotated[str | None, Query(max_length=40)] = None,
    saved: bool = False,
) -> HTMLResponse:
    return _render(request, container, lang, _visitor(request, visitor), saved=saved)


@router.post("/consent", response_model=None, summary="Cookie等の設定を記録する / Record a choice")
async def choose(request: Request, container: ContainerDep) -> Response:
    """The form's own signed one-time token (checked by the service) is its CSRF protection too."""
    form = await request.form()
    field = {k: str(form.get(k, ""))[:64] for k in ("visitor", "nonce", "expires", "token", "banner", "action", "lang")}
    lang = "en" if field["lang"] == "en" else "ja"
    visitor = field["visitor"] if VISITOR.match(field["visitor"]) else None
    current: Banner = container.web_consents.banner()
    choices = {c: form.get(f"c_{c}") == "on" for c in current.categories}
    action = field["action"] if field["action"] in ("accept_all", "reject_all", "custom") else ""
    previous = await run_in_threadpool(container.web_consents.latest, visitor) if visitor else None
    if action == "reject_all" and previous is not None and any(previous.choices.values()):
        action = "withdraw"
    body = {
        "visitor": field["visitor"],
        "nonce": field["nonce"],
        "expires": int(field["expires"]) if field["expires"].isdigit() else -1,
        "token": field["token"],
        "banner": field["banner"],
        "action": action,
        "choices": choices,
    }
    try:
        await run_in_threadpool(
            container.web_consents.record,
            body,
            origin=None,
            gpc=request.headers.get("sec-gpc") == "1",
            client=client_address(request),
        )
    except DomainError as error:
        response = _render(request, container, lang, visitor, error=error.message)
        response.status_code = status_of(error)
        return response
    return RedirectResponse(f"/portal/consent?lang={lang}&visitor={visitor}&saved=1", status_code=303)


@router.get("/external-transmission", response_class=HTMLResponse, summary="外部送信 / What this site sends to others")
def external(container: ContainerDep, lang: Literal["ja", "en"] = "ja") -> HTMLResponse:
    current: Banner = container.web_consents.banner()
    html = templates.get_template("portal/external.html").render(
        lang=lang,
        t=TEXT[lang],
        title=TEXT[lang]["external_title"],
        error=None,
        categories=current.content["categories"],
    )
    return HTMLResponse(html)
