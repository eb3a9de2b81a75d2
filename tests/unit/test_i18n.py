"""The one catalogue (hogo.i18n): both languages complete, compilable, and used by every surface alike."""

from __future__ import annotations

import gettext
import io
import os
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from hogo import i18n
from hogo.errors import Forbidden, InvalidInput
from hogo.identity.policy import Actor, Permission, Role
from hogo.ledger import vocab
from hogo.ledger.schemas.procedures import RequestKind
from hogo.requests import messages
from hogo.requests.policy import AgentKind, ClaimedGround, Ground, Outcome, check_decision
from hogo.requests.workflow import Status
from hogo.web.console import request_context
from hogo.web.portal import requests_text

ROOT = Path(__file__).resolve().parents[2]
LABELLED = [*vocab.LABELS, Ground, AgentKind, ClaimedGround, Outcome, Status, Role, Permission]


def _catalog(lang: str):  # type: ignore[no-untyped-def]
    with i18n.po_path(lang).open("rb") as f:
        return read_po(f, locale=lang, domain=i18n.DOMAIN)


def test_no_message_is_missing_in_either_language() -> None:
    ja, en = _catalog("ja"), _catalog("en")
    ja_ids = {m.id for m in ja if m.id}
    en_ids = {m.id for m in en if m.id}
    assert ja_ids == en_ids, (sorted(ja_ids - en_ids), sorted(en_ids - ja_ids))
    for catalog in (ja, en):
        for m in catalog:
            if m.id:
                assert m.string and m.string.strip(), f"{catalog.locale}: {m.id} has no text"
                assert not m.fuzzy, f"{catalog.locale}: {m.id} is fuzzy"
                list(string.Formatter().parse(m.string))  # a broken {placeholder} raises here
    assert len(ja_ids) > 400


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_catalogues_compile(lang: str, tmp_path: Path) -> None:
    """Babel's equivalent of `msgfmt --check`: the catalogue checks pass and it compiles to a .mo that gettext
    reads back; GNU msgfmt --check too where it is installed."""
    catalog = _catalog(lang)
    problems = [(m.id, errs) for m, errs in catalog.check() if errs]
    assert problems == []
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    compiled = gettext.GNUTranslations(buffer)
    assert compiled.gettext("label.RequestKind.disclosure") == ("開示" if lang == "ja" else "disclosure")
    msgfmt = "/usr/bin/msgfmt"
    if os.path.exists(msgfmt):
        run = subprocess.run(
            [msgfmt, "--check", "-o", str(tmp_path / "hogo.mo"), str(i18n.po_path(lang))],
            capture_output=True,
            check=False,
        )
        assert run.returncode == 0 and not run.stderr, run.stderr.decode()  # no error, no warning


def test_every_id_the_code_names_is_in_the_catalogue() -> None:
    """Babel's extraction (babel.cfg) finds every literal message id in the code: each one is in the catalogue."""
    found = {
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT / "src"), method_map=[("**.py", "python")], keywords={"t": None, "keyed": None, "pair": None}
        )
        if isinstance(message, str) and "." in message and " " not in message
    }
    assert "error.forbidden.role" in found and "ledger.summary.valid" in found
    missing = sorted(key for key in found if not i18n.has(key, "ja") or not i18n.has(key, "en"))
    assert missing == []


@pytest.mark.parametrize("enum", LABELLED, ids=lambda e: e.__name__)
def test_every_enumerated_value_has_its_label(enum: type) -> None:
    for member in enum:
        for lang in i18n.LANGS:
            assert i18n.has(f"label.{enum.__name__}.{member.value}", lang), (lang, member)
        assert i18n.label(member, "ja") != member.value


@pytest.mark.parametrize("kind", list(RequestKind))
def test_a_request_kind_reads_the_same_everywhere(kind: RequestKind) -> None:
    """The notice (vocab), the mail and letter (requests.messages), the portal and the console say the same."""
    words = vocab.REQUEST_KIND[kind]
    assert messages.KIND[kind.value] == words
    assert requests_text.KINDS[kind.value] == words
    assert request_context.labels()["kinds"][kind.value] == words
    mail = messages.outcome_mail("a@example.com", "ja", "rq_1", kind.value, "full", None)
    assert words[0] in mail.body
    english = messages.outcome_mail("a@example.com", "en", "rq_1", kind.value, "full", None)
    assert words[1] in english.body


def test_errors_shown_to_staff_are_japanese() -> None:
    with pytest.raises(Forbidden) as caught:
        Actor("desk-1", Role.desk).require(Permission.erase)
    assert caught.value.message == "role desk may not erase"  # the API's English detail is unchanged
    assert caught.value.text("ja") == "窓口担当者の権限では「消去」はできません"
    with pytest.raises(InvalidInput) as refused:
        check_decision(RequestKind.correction, Outcome.refused, Ground.business_hindrance, "x")
    text = refused.value.text("ja")
    assert "業務の適正な実施に著しい支障" in text and "訂正等" in text and "business_hindrance" not in text


def _check(*args: str, lang: str | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "HOGO_LANG"} | ({"HOGO_LANG": lang} if lang else {})
    run = subprocess.run(
        [
            str(Path(sys.executable).parent / "hogo"),
            "ledger",
            "check",
            *args,
            str(ROOT / "examples/jitera/ledger.yaml"),
        ],
        capture_output=True,
        check=False,
        text=True,
        env=env,
    )
    return run.stdout + run.stderr


def test_ledger_check_speaks_japanese_and_english_on_asking() -> None:
    ja = _check()
    assert "art32-fee-amount エラー (受け入れ済み): 「開示」に手数料を求めることがありますが" in ja
    assert "有効 — 個人情報保護法のエラー 0 件" in ja
    en = _check("--lang", "en")
    assert "art32-fee-amount error (accepted): a fee may be charged for 'disclosure'" in en
    assert "valid — 0 APPI error(s)" in en
    assert "a fee may be charged" in _check(lang="en")
