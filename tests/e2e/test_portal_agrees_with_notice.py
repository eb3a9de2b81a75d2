"""What the portal offers for requests is what the notice says, for every example ledger (issue 14).

The request page's table (kind, channels, fee, expected response time) and its response-time sentence are the
notice's, cell for cell; the form lists exactly the kinds the notice says are accepted by web form, and refuses
any other; notice and portal link each other."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from hogo.bootstrap import Container
from hogo.i18n import label
from hogo.ledger.loader import load_ledger_file
from hogo.ledger.notice import Paragraph, Table, build_notice
from hogo.ledger.notice_rights import target_sentence
from hogo.ledger.notice_text import lab
from hogo.ledger.schemas.procedures import RequestChannel, RequestKind
from hogo.web.app import create_app

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*/ledger.yaml"))


def _cells(row: str, tag: str) -> tuple[str, ...]:
    return tuple(html.unescape(c) for c in re.findall(rf"<{tag}>(.*?)</{tag}>", row))


def _portal_table(page: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    table = re.search(r'<table id="procedure">(.*?)</table>', page, re.S)
    assert table is not None
    rows = re.findall(r"<tr>(.*?)</tr>", table[1], re.S)
    return _cells(rows[0], "th"), tuple(_cells(r, "td") for r in rows[1:])


def _offered(page: str) -> list[str]:
    select = re.search(r'<select id="kind" name="kind" required>(.*?)</select>', page, re.S)
    return [] if select is None else [html.unescape(v) for v in re.findall(r">([^<]+)</option>", select[1])]


@pytest.mark.parametrize("ledger_file", EXAMPLES, ids=lambda p: p.parent.name)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_portal_offers_and_shows_what_the_notice_says(container: Container, ledger_file: Path, lang: str) -> None:
    ledger = load_ledger_file(ledger_file)
    container.ledger.apply(ledger, actor="test")
    client = TestClient(create_app(container))
    page = client.get(f"/portal/requests?lang={lang}")
    assert page.status_code == 200

    notice = build_notice(ledger.ledger, "ja" if lang == "ja" else "en")
    section = notice.section("requests")
    assert section is not None
    tables = [b for b in section.blocks if isinstance(b, Table)]
    assert len(tables) == 1
    assert _portal_table(page.text) == (tables[0].columns, tables[0].rows)
    sentences = {b.text for b in section.blocks if isinstance(b, Paragraph)}
    target = re.search(r'<p id="target">(.*?)</p>', page.text, re.S)
    said = target_sentence(ledger.ledger, "ja" if lang == "ja" else "en")  # empty when the ledger states none
    assert (html.unescape(target[1]) if target else "") == said and (not said or said in sentences)

    web = label(RequestChannel.web_form, lang)
    by_web = {row[0] for row in tables[0].rows if web.lower() in row[1].lower()}
    offered = set(_offered(page.text))
    complaint = lab(RequestKind.complaint, "ja" if lang == "ja" else "en")
    assert offered - {complaint} == by_web
    assert ('id="no-web"' in page.text) == (not offered)
    assert f'href="/portal/privacy?lang={lang}#requests"' in page.text

    published = client.get(f"/portal/privacy?lang={lang}").text
    assert (f"/portal/requests?lang={lang}" in published) == bool(offered)


def test_a_kind_the_notice_does_not_take_by_web_is_refused(container: Container) -> None:
    """Japanet takes requests by phone only: the portal has no form, and a forged filing is refused."""
    container.ledger.apply(load_ledger_file(next(p for p in EXAMPLES if p.parent.name == "japanet")), actor="test")
    client = TestClient(create_app(container))
    page = client.get("/portal/requests")
    assert 'id="no-web"' in page.text and "<form" not in page.text
    csrf = client.cookies.get("hogo_csrf")
    filed = client.post(
        "/portal/requests", data={"csrf": csrf, "kind": "disclosure", "email": "a@example.jp"}, follow_redirects=False
    )
    assert filed.status_code == 422 and "ウェブでは受け付けていません" in filed.text
