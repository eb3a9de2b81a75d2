"""The person's portal for requests: file, confirm with a code, follow, withdraw, download. No JavaScript.

Forms are protected by a double-submit CSRF token (a random cookie, SameSite=Strict, echoed in a hidden field).
Filing is rate-limited per client address, on top of the service's per-request limit on codes. Pages that carry
the status token in their address send no Referer and are not cached.
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from typing import Annotated, Any, Literal
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from hogo.bootstrap import Container
from hogo.clock import JST, today_jst
from hogo.errors import DomainError, NotFound
from hogo.ledger.notice_model import Lang as NoticeLang
from hogo.ledger.notice_rights import request_columns, request_rows, target_sentence, web_kinds
from hogo.ledger.notice_text import fmt_date, lab, labels
from hogo.requests.messages import hold_lines
from hogo.requests.schemas import PortalRequestIn
from hogo.requests.workflow import Status, allowed
from hogo.web.deps import ContainerDep
from hogo.web.errors import status_of
from hogo.web.https import secure_cookies
from hogo.web.portal.requests_text import GROUNDS, KINDS, OUTCOMES, REFUSALS, STATUSES, TEXT, pick
from hogo.web.ratelimit import FILING_WINDOW, allow_filing_async

router = APIRouter(tags=["portal"], include_in_schema=False)
templates = Environment(loader=PackageLoader("hogo.web", "templates"), autoescape=select_autoescape(["html"]))
CSRF_COOKIE = "hogo_csrf"
Lang = Annotated[Literal["ja", "en"], Query()]
PRIVATE = {"Referrer-Policy": "no-referrer", "Cache-Control": "no-store", "X-Frame-Options": "DENY"}


def _page(request: Request, name: str, lang: str, csrf: str, code: int = 200, **context: Any) -> HTMLResponse:
    html = templates.get_template(f"portal/{name}").render(lang=lang, t=TEXT[lang], csrf=csrf, **context)
    response = HTMLResponse(html, status_code=code, headers=PRIVATE)
    secure = secure_cookies(request)  # https, or a trusted proxy's X-Forwarded-Proto, or HOGO_COOKIE_SECURE
    response.set_cookie(CSRF_COOKIE, csrf, httponly=True, samesite="strict", secure=secure, path="/portal")
    return response


def _said(error: DomainError, lang: str) -> str:
    """The person's words for a refusal: Japanese or English by its reason code, else the error's message."""
    reason = error.details.get("reason")
    return pick(REFUSALS, reason, lang) if reason in REFUSALS else error.message


FIELDS = {
    "kind": "kind",
    "email": "email",
    "claimed_ground": "ground",
    "disclosure_method": "method",
    "details": "details",
}
"""A form field → the key of its label in TEXT."""


def _which_fields(exc: ValidationError, lang: str) -> str:
    """Which fields to check, by their labels — never what was typed."""
    names = dict.fromkeys(str(e["loc"][0]) for e in exc.errors() if e["loc"])
    labels = [TEXT[lang][FIELDS[n]] for n in names if n in FIELDS]
    if not labels:
        return TEXT[lang]["bad_form"]
    if lang == "ja":
        return f"入力内容をご確認ください：{'、'.join(labels)}"
    return f"Please check what you entered: {', '.join(labels)}"


def _csrf(request: Request) -> str:
    return request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)


async def _form(request: Request) -> dict[str, str]:
    body = (await request.body()).decode("utf-8", errors="replace")
    return {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}


def _csrf_ok(request: Request, form: dict[str, str]) -> bool:
    cookie, field = request.cookies.get(CSRF_COOKIE, ""), form.get("csrf", "")
    return bool(cookie) and hmac.compare_digest(cookie.encode(), field.encode())


def _form_page(
    request: Request,
    container: Container,
    lang: str,
    csrf: str,
    *,
    error: str | None = None,
    form: Any = None,
    code: int | None = None,
) -> HTMLResponse:
    ledger = container.ledger.index().ledger
    procedures = ledger.requests
    today = today_jst(container.clock)  # the ledger in force on this day in Japan, not in UTC
    notice_lang: NoticeLang = "ja" if lang == "ja" else "en"
    web = web_kinds(procedures)
    return _page(
        request,
        "request_form.html",
        lang,
        csrf,
        code=code or (422 if error else 200),
        title=TEXT[lang]["title"],
        error=error,
        form=form or {},
        kinds=[(k.value, lab(k, notice_lang)) for k in web],
        grounds=[(g, pick(GROUNDS, g, lang)) for g in GROUNDS],
        columns=request_columns(ledger, notice_lang),
        rows=request_rows(ledger, notice_lang),
        target=target_sentence(ledger, notice_lang),
        notice=f"/portal/privacy?lang={lang}#requests",
        fees_on=TEXT[lang]["fees_on"].format(date=fmt_date(today, notice_lang)),
    )


@router.get("/requests", response_class=HTMLResponse)
def request_form(request: Request, container: ContainerDep, lang: Lang = "ja") -> HTMLResponse:
    return _form_page(request, container, lang, _csrf(request))


@router.post("/requests", response_model=None)
async def file_request(request: Request, container: ContainerDep, lang: Lang = "ja") -> Response:
    form = await _form(request)
    csrf = _csrf(request)
    if not _csrf_ok(request, form):
        return _form_page(request, container, lang, secrets.token_urlsafe(24), error=TEXT[lang]["csrf"], form=form)
    offered = {k.value for k in web_kinds(container.ledger.index().ledger.requests)}
    if form.get("kind", "") not in offered:  # the notice names the channels; the web takes only what it lists
        return _form_page(request, container, lang, csrf, error=TEXT[lang]["not_on_web"], form=form)
    try:
        data = PortalRequestIn(
            kind=form.get("kind", ""),
            email=form.get("email", ""),
            language=lang,
            claimed_ground=form.get("claimed_ground") or None,
            disclosure_method=form.get("disclosure_method") or None,
            details=form.get("details") or None,
        )
    except ValidationError as exc:  # said by field; a form that was not accepted does not count against the limit
        return _form_page(request, container, lang, csrf, error=_which_fields(exc, lang), form=form)
    if not await allow_filing_async(container, request):
        page = _form_page(request, container, lang, csrf, error=TEXT[lang]["too_many"], form=form, code=429)
        page.headers["Retry-After"] = str(int(FILING_WINDOW.total_seconds()))
        return page
    try:
        filed = await run_in_threadpool(container.requests.person.file, data)
    except DomainError as exc:
        return _form_page(request, container, lang, csrf, error=_said(exc, lang), form=form)
    return RedirectResponse(f"/portal/requests/status/{filed.token}?lang={lang}", status_code=303, headers=PRIVATE)


def _status_page(
    request: Request, container: Container, token: str, lang: str, csrf: str, error: str | None = None
) -> HTMLResponse:
    s = container.requests.person.status(token)
    procedures = container.ledger.index().ledger.requests
    t = TEXT[lang]
    return _page(
        request,
        "request_status.html",
        lang,
        csrf,
        code=422 if error else 200,
        title=t["status"],
        error=error,
        s=s,
        base=f"/portal/requests/status/{token}",
        kind=pick(KINDS, s.kind.value, lang),
        state=pick(STATUSES, s.status.value, lang),
        outcome=pick(OUTCOMES, s.outcome, lang) if s.outcome else "",
        fee_due=t["fee_due"].format(fee=s.fee_jpy),
        pay_by=labels(procedures.payment_methods, "ja" if lang == "ja" else "en", "or"),
        answered=s.status.value in {"fulfilled", "answered", "closed"},
        notified=t["notified"].format(at=_jst(s.notified_at)) if s.notified_at else "",
        until=t["download_until"].format(until=_jst(s.package_until)) if s.package_until else "",
        kept=hold_lines(list(s.holds), lang),
        withdrawable=allowed(s.status, Status.withdrawn),
    )


ANSWER_EVENTS = ("request.fulfilled", "request.answered", "request.rejected")


@router.get("/requests/status/{token}/audit-proof")
def request_audit_proof(token: str, container: ContainerDep) -> JSONResponse:
    """The inclusion proof of the request's answer in the audit log (docs/audit.md says how to check it)."""
    s = container.requests.person.status(token)
    proof = container.checkpoints.receipt_proof(ANSWER_EVENTS, "request", s.id)
    if proof["event"] is None:
        raise NotFound("the request has not been answered")
    proof["proof_path"] = f"/portal/requests/status/{token}/audit-proof"
    return JSONResponse(proof, headers=PRIVATE)


@router.get("/requests/status/{token}/incidents/{incident_id}/audit-proof")
def incident_notice_audit_proof(token: str, incident_id: str, container: ContainerDep) -> JSONResponse:
    """The inclusion proof of the event that records the incident notice delivered to this person."""
    s = container.requests.person.status(token)
    person = container.requests.person.verified_person(token)
    if person is None or incident_id not in s.incidents:
        raise NotFound("no incident concerning you has this id")
    proof = container.checkpoints.receipt_proof(
        ("incident.notice_delivered",), "incident", incident_id, ("person", person)
    )
    if proof["event"] is None:
        raise NotFound("no notice of this incident was delivered to you (the public announcement tells of it)")
    proof["proof_path"] = f"/portal/requests/status/{token}/incidents/{incident_id}/audit-proof"
    return JSONResponse(proof, headers=PRIVATE)


def _jst(at: dt.datetime) -> str:
    return at.astimezone(JST).strftime("%Y-%m-%d %H:%M")


@router.get("/requests/status/{token}", response_class=HTMLResponse)
def request_status(token: str, request: Request, container: ContainerDep, lang: Lang = "ja") -> HTMLResponse:
    return _status_page(request, container, token, lang, _csrf(request))


async def _act(request: Request, container: Container, token: str, lang: str, action: str) -> Response:
    form = await _form(request)
    csrf = _csrf(request)
    if not _csrf_ok(request, form):
        return _status_page(request, container, token, lang, secrets.token_urlsafe(24), TEXT[lang]["csrf"])
    person = container.requests.person
    try:
        if action == "code":
            await run_in_threadpool(person.verify_code, token, form.get("code", ""))
        elif action == "new-code":
            await run_in_threadpool(person.send_code, token)
        else:
            await run_in_threadpool(person.withdraw, token)
    except NotFound:
        raise
    except DomainError as exc:
        return _status_page(request, container, token, lang, csrf, _said(exc, lang) if status_of(exc) != 404 else None)
    return RedirectResponse(f"/portal/requests/status/{token}?lang={lang}", status_code=303, headers=PRIVATE)


@router.post("/requests/status/{token}/code", response_model=None)
async def verify_code(token: str, request: Request, container: ContainerDep, lang: Lang = "ja") -> Response:
    return await _act(request, container, token, lang, "code")


@router.post("/requests/status/{token}/new-code", response_model=None)
async def new_code(token: str, request: Request, container: ContainerDep, lang: Lang = "ja") -> Response:
    return await _act(request, container, token, lang, "new-code")


@router.post("/requests/status/{token}/withdrawal", response_model=None)
async def withdraw(token: str, request: Request, container: ContainerDep, lang: Lang = "ja") -> Response:
    return await _act(request, container, token, lang, "withdrawal")


@router.get("/requests/status/{token}/download/{fmt}")
def download(token: str, fmt: Literal["json", "csv", "pdf"], container: ContainerDep) -> Response:
    content, media, name = container.requests.person.download(token, fmt)
    headers = {**PRIVATE, "Content-Disposition": f'attachment; filename="{name}"'}
    return Response(content, media_type=media, headers=headers)
