"""The banner from the ledger, its version, and the checks of a consent post: from tables, no database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from hogo.consent.web_policy import (
    BannerRetired,
    WebConsentRejected,
    banner,
    check_post,
    origin_allowed,
    sign,
    web_receipt,
)
from hogo.ledger.loader import load_ledger_text
from hogo.ledger.schemas import Ledger

ROOT = Path(__file__).resolve().parents[3]
NOW = dt.datetime(2026, 12, 5, 3, 0, tzinfo=dt.UTC)
SECRET = b"k" * 32
VISITOR = "v_" + "a" * 32
NONCE = "b" * 32


def example(name: str, extra: str = "") -> Ledger:
    text = (ROOT / "examples" / name / "ledger.yaml").read_text(encoding="utf-8") + extra
    return load_ledger_text(text, source=f"{name}.yaml").ledger


AZPOCKET = example("azpocket", "\nweb_consent:\n  origins: [https://www.azpocket.example]\n")
CURRENT = banner(AZPOCKET)


def test_the_banner_lists_the_ledgers_tags_by_category_with_what_is_sent_to_whom() -> None:
    assert CURRENT.categories == ("analytics",)
    (group,) = CURRENT.content["categories"]
    (tag,) = group["tags"]
    assert tag["recipient"]["ja"] == "Google Inc."
    assert tag["sent"] and tag["opt_out_url"] == "https://tools.google.com/dlpage/gaoptout?hl=ja"
    assert AZPOCKET.operator.name.ja in CURRENT.content["text"]["ja"]["body"]
    assert CURRENT.origins == frozenset({"https://www.azpocket.example"})


def test_the_version_follows_the_banner_content_not_the_rest_of_the_ledger() -> None:
    same = example("azpocket", "\nweb_consent:\n  origins: [https://other.example]\n")
    assert banner(same).version == CURRENT.version
    tool = AZPOCKET.web_tracking[0]
    other = tool.model_copy(update={"purpose": tool.purpose.model_copy(update={"ja": "別の目的"})})
    changed = AZPOCKET.model_copy(update={"web_tracking": [other]})
    assert banner(changed).version != CURRENT.version


def body(**over: Any) -> dict[str, Any]:
    expires = int(NOW.timestamp()) + 600
    out: dict[str, Any] = {
        "visitor": VISITOR,
        "nonce": NONCE,
        "expires": expires,
        "banner": CURRENT.version,
        "token": sign(SECRET, VISITOR, NONCE, expires, CURRENT.version),
        "action": "custom",
        "choices": {"analytics": True},
    }
    return out | over


# (id, post, expected choices and gpc, or the error it raises)
CASES: list[tuple[str, dict[str, Any], bool, object]] = [
    ("custom allow", body(), False, ({"analytics": True}, False)),
    ("accept all ignores choices", body(action="accept_all", choices={}), False, ({"analytics": True}, False)),
    ("reject all", body(action="reject_all", choices={"analytics": True}), False, ({"analytics": False}, False)),
    ("gpc refuses", body(action="gpc"), False, ({"analytics": False}, True)),
    ("Sec-GPC header kept", body(), True, ({"analytics": True}, True)),
    ("withdraw", body(action="withdraw"), False, ({"analytics": False}, False)),
    ("tampered token", body(token="x" * 32), False, WebConsentRejected),
    ("token of another visitor", body(visitor="v_" + "c" * 32), False, WebConsentRejected),
    ("token of another nonce", body(nonce="d" * 32), False, WebConsentRejected),
    ("unknown category", body(choices={"advertising": True}), False, WebConsentRejected),
    ("not a choice", body(choices={"analytics": "yes"}), False, WebConsentRejected),
    ("unknown action", body(action="maybe"), False, WebConsentRejected),
    ("bad visitor", body(visitor="v_1"), False, WebConsentRejected),
]


@pytest.mark.parametrize(("post", "gpc", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_consent_post_is_checked_before_anything_is_stored(post: dict[str, Any], gpc: bool, expected: object) -> None:
    if isinstance(expected, type):
        with pytest.raises(expected):  # type: ignore[call-overload]
            check_post(post, secret=SECRET, current=CURRENT, now=NOW, gpc=gpc)
        return
    checked = check_post(post, secret=SECRET, current=CURRENT, now=NOW, gpc=gpc)
    assert (checked.choices, checked.gpc) == expected


def test_an_expired_token_and_a_retired_banner_are_refused() -> None:
    with pytest.raises(WebConsentRejected, match="expired"):
        check_post(body(), secret=SECRET, current=CURRENT, now=NOW + dt.timedelta(hours=2), gpc=False)
    old = "wb_" + "0" * 16
    expires = int(NOW.timestamp()) + 600
    retired = body(banner=old, token=sign(SECRET, VISITOR, NONCE, expires, old), expires=expires)
    with pytest.raises(BannerRetired):
        check_post(retired, secret=SECRET, current=CURRENT, now=NOW, gpc=False)


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        (None, True),
        ("https://www.azpocket.example", True),
        ("https://hogo.example", True),
        ("https://evil.example", False),
        ("https://www.azpocket.example.evil", False),
    ],
)
def test_only_the_ledgers_sites_and_hogos_own_portal_may_use_the_banner(origin: str | None, allowed: bool) -> None:
    assert origin_allowed(origin, CURRENT, "https://hogo.example/") is allowed


def test_the_receipt_says_per_tag_whether_it_was_allowed() -> None:
    record = {
        "id": "wc_1",
        "visitor_id": VISITOR,
        "banner_version": CURRENT.version,
        "choices": {"analytics": False},
        "action": "gpc",
        "gpc": True,
        "given_at": NOW,
    }
    receipt = web_receipt(record, CURRENT.content, AZPOCKET)
    (purpose,) = receipt["services"][0]["purposes"]
    assert purpose["allowed"] is False and purpose["thirdPartyName"] == "Google Inc."
    assert receipt["piiPrincipalId"] == VISITOR and receipt["hogo"]["gpc"] is True
    assert receipt["consentTimestamp"] == int(NOW.timestamp())


def test_a_tags_recipient_must_be_a_third_party_of_the_ledger() -> None:
    text = (ROOT / "examples" / "azpocket" / "ledger.yaml").read_text(encoding="utf-8")
    text = text.replace("    personal_data: false\n", "    personal_data: false\n    recipient: nobody\n", 1)
    loaded = load_ledger_text(text, source="azpocket.yaml")
    assert loaded.ledger is None
    assert [p.code for p in loaded.problems] == ["dangling-ref"] and "nobody" in loaded.problems[0].message
