"""The website's consent banner, from the ledger's web-tracking section: its categories and tags, its version, the
external-transmission notice (外部送信), the signed tokens of consent posts, and a record's receipt. Pure.

The banner is a function of the ledger: its text and its tags. Its version is a hash of that content, so a ledger
change that leaves the banner alone keeps the visitors' consents, and one that changes it retires the old version
(a post for it is refused and the visitor is asked again).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from hogo.errors import Conflict, Forbidden, InvalidInput
from hogo.ledger.schemas import Ledger, TrackingCategory, WebTracking
from hogo.ledger.vocab import TRACKING_CATEGORY

KANTARA_VERSION = "KI-CR-v1.1.0"

CATEGORY_TEXT: dict[TrackingCategory, tuple[str, str]] = {
    TrackingCategory.necessary: (
        "サイトの表示と安全のために必要なもので、常に有効です。",
        "Needed to show the site and keep it secure; always on.",
    ),
    TrackingCategory.functional: (
        "設定の記憶など、便利な機能のために使います。",
        "Remember your settings and similar conveniences.",
    ),
    TrackingCategory.analytics: (
        "サイトの利用状況を把握し、改善するために使います。",
        "Understand how the site is used, to improve it.",
    ),
    TrackingCategory.advertising: (
        "あなたに合わせた広告の配信と効果の測定に使います。",
        "Show ads suited to you and measure them.",
    ),
}
"""What each category is for, as the banner says it (the names are the ledger vocabulary's)."""

BANNER_TEXT = {
    "ja": {
        "title": "Cookie等の利用と外部送信について",
        "body": "{company}は、このサイトでCookie等を利用し、閲覧に関する情報を外部の事業者に送信することがあります。"
        "必須のもの以外は、あなたが許可するまで送信しません。いつでも変更・撤回できます。",
        "accept": "すべて許可する",
        "reject": "すべて拒否する",
        "save": "選択を保存する",
        "settings": "詳細を設定する",
        "notice": "外部送信の詳細",
        "reopen": "Cookie設定",
        "gpc": "ブラウザのグローバル・プライバシー・コントロール（GPC）の設定に従い、拒否として記録しました。",
    },
    "en": {
        "title": "Cookies and what this site sends to others",
        "body": "{company} uses cookies and similar tools on this site and may send information about your visit to "
        "other companies. Nothing beyond what is strictly necessary is sent until you allow it. You can change or "
        "withdraw your choice at any time.",
        "accept": "Accept all",
        "reject": "Reject all",
        "save": "Save my choices",
        "settings": "Choose",
        "notice": "What is sent, to whom",
        "reopen": "Cookie settings",
        "gpc": "Your browser's Global Privacy Control is on: we recorded a refusal.",
    },
}

ACTIONS = ("accept_all", "reject_all", "custom", "gpc", "withdraw")
"""How a choice was made: the banner's buttons, the preferences, GPC without asking, or a withdrawal."""

VISITOR = re.compile(r"^v_[0-9a-f]{32}$")
NONCE = re.compile(r"^[0-9a-f]{32}$")
TOKEN_SECONDS = 3600


class WebConsentRejected(InvalidInput):
    code = "web-consent-rejected"


class BannerRetired(Conflict):
    code = "banner-version-retired"


class ConsentReplayed(Conflict):
    code = "web-consent-replayed"


class OriginRefused(Forbidden):
    code = "origin-refused"


@dataclass(frozen=True)
class Banner:
    """The banner in force: its version and content (both languages, the categories with their tags)."""

    version: str
    content: dict[str, Any]
    categories: tuple[str, ...]
    """The categories a visitor chooses (every one the ledger's tags use, except `necessary`)."""
    origins: frozenset[str]


def tag_entry(ledger: Ledger, tool: WebTracking) -> dict[str, Any]:
    """One tag as the external-transmission notice shows it: what is sent, to whom, why, how to opt out."""
    items = ledger.items_by_key()
    return {
        "id": tool.id,
        "tool": tool.tool.model_dump(),
        "recipient": tool.provider.model_dump(),
        "purpose": tool.purpose.model_dump(),
        "sent": [items[k].label.model_dump() for k in tool.items if k in items],
        "opt_out": tool.opt_out.model_dump() if tool.opt_out else None,
        "opt_out_url": tool.opt_out_url,
        "policy_url": tool.provider_policy_url,
        "personal_data": bool(tool.personal_data),
        "linked_by": tool.recipient,
    }


def banner(ledger: Ledger) -> Banner:
    """The banner of this ledger, with its content-derived version."""
    company = ledger.operator.name
    groups: list[dict[str, Any]] = []
    for category in TrackingCategory:
        tags = [tag_entry(ledger, t) for t in ledger.web_tracking if t.category is category]
        if not tags:
            continue
        ja, en = TRACKING_CATEGORY[category]
        ja_text, en_text = CATEGORY_TEXT[category]
        groups.append(
            {
                "id": category.value,
                "label": {"ja": ja, "en": en},
                "text": {"ja": ja_text, "en": en_text},
                "required": category is TrackingCategory.necessary,
                "tags": tags,
            }
        )
    text = {
        lang: {**words, "body": words["body"].format(company=(company.en if lang == "en" else None) or company.ja)}
        for lang, words in BANNER_TEXT.items()
    }
    content = {"text": text, "categories": groups}
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    version = "wb_" + hashlib.sha256(canonical.encode()).hexdigest()[:16]
    chosen = tuple(g["id"] for g in groups if not g["required"])
    return Banner(version, content, chosen, frozenset(ledger.web_consent.origins))


# -- the signed token of a consent post ------------------------------------------------------------------------
def sign(secret: bytes, visitor: str, nonce: str, expires: int, version: str) -> str:
    mac = hmac.new(secret, f"{visitor}|{nonce}|{expires}|{version}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac[:24]).decode().rstrip("=")


@dataclass(frozen=True)
class Post:
    """A consent post checked against its token and the banner in force; ready to store."""

    visitor: str
    nonce: str
    version: str
    choices: dict[str, bool]
    action: str
    gpc: bool


def check_post(body: Mapping[str, Any], *, secret: bytes, current: Banner, now: dt.datetime, gpc: bool) -> Post:
    """A post the banner sent: signed for this visitor, once (the nonce), for the banner in force, with a choice
    for known categories only. `gpc`: the browser sent `Sec-GPC: 1`. Raises a WebConsentRejected subclass."""
    visitor, nonce, version = body.get("visitor"), body.get("nonce"), body.get("banner")
    token, expires, action = body.get("token"), body.get("expires"), body.get("action")
    if not isinstance(visitor, str) or not VISITOR.match(visitor):
        raise WebConsentRejected("visitor: not a visitor id the banner issued")
    if not isinstance(nonce, str) or not NONCE.match(nonce):
        raise WebConsentRejected("nonce: not a nonce the banner issued")
    if not isinstance(version, str) or len(version) > 24 or not isinstance(expires, int) or not isinstance(token, str):
        raise WebConsentRejected("banner, expires and token are required")
    if not hmac.compare_digest(sign(secret, visitor, nonce, expires, version), token):
        raise WebConsentRejected("token: the post was altered or not issued by this site")
    if expires < int(now.timestamp()):
        raise WebConsentRejected("token: expired; reload the page")
    if version != current.version:
        raise BannerRetired(f"banner {version} is no longer shown; the visitor must see the current one")
    if action not in ACTIONS:
        raise WebConsentRejected(f"action: one of {', '.join(ACTIONS)}")
    raw = body.get("choices") or {}
    if not isinstance(raw, dict) or any(not isinstance(v, bool) for v in raw.values()):
        raise WebConsentRejected("choices: a map of category to true/false")
    unknown = sorted(set(raw) - set(current.categories))
    if unknown:
        raise WebConsentRejected(f"choices: category {unknown[0]!r} is not on the banner")
    if action == "accept_all":
        choices = dict.fromkeys(current.categories, True)
    elif action in ("reject_all", "gpc", "withdraw"):
        choices = dict.fromkeys(current.categories, False)
    else:
        choices = {c: bool(raw.get(c, False)) for c in current.categories}
    return Post(visitor, nonce, version, choices, str(action), gpc or action == "gpc")


def origin_allowed(origin: str | None, current: Banner, own: str) -> bool:
    """Whether a page of `origin` may use the banner: a site the ledger names, or hogo's own portal."""
    if origin is None:
        return True  # same-origin requests and non-browser clients send none
    return origin in current.origins or origin == own.rstrip("/")


# -- the receipt -------------------------------------------------------------------------------------------------
def web_receipt(record: Mapping[str, Any], content: Mapping[str, Any], ledger: Ledger) -> dict[str, Any]:
    """A receipt of one banner choice (Kantara Consent Receipt v1.1 fields; the principal is the visitor id)."""
    operator, desk = ledger.operator, ledger.operator.desk
    given: dt.datetime = record["given_at"]
    purposes: list[dict[str, Any]] = []
    for group in content.get("categories", []):
        allowed = bool(group["required"] or record["choices"].get(group["id"], False))
        for tag in group["tags"]:
            purposes.append(
                {
                    "purpose": tag["purpose"]["ja"],
                    "purpose_en": tag["purpose"].get("en"),
                    "purposeCategory": [group["label"]["en"]],
                    "consentType": "EXPLICIT" if not group["required"] else "NOT REQUIRED",
                    "piiCategory": [s["ja"] for s in tag["sent"]],
                    "primaryPurpose": bool(group["required"]),
                    "termination": "until withdrawn",
                    "thirdPartyDisclosure": True,
                    "thirdPartyName": tag["recipient"]["ja"],
                    "tag": tag["id"],
                    "allowed": allowed,
                }
            )
    return {
        "version": KANTARA_VERSION,
        "jurisdiction": "JP",
        "consentTimestamp": int(given.replace(tzinfo=given.tzinfo or dt.UTC).timestamp()),
        "collectionMethod": "ウェブサイトの同意バナー",
        "collectionMethod_en": "website consent banner",
        "consentReceiptID": record["id"],
        "language": "ja",
        "piiPrincipalId": record["visitor_id"],
        "piiControllers": [
            {
                "piiController": operator.name.ja,
                "contact": operator.desk_label.ja,
                "email": desk.email,
                "phone": desk.phone,
                "onBehalf": False,
            }
        ],
        "services": [{"service": operator.name.ja, "purposes": purposes}],
        "sensitive": False,
        "spiCat": [],
        "hogo": {
            "banner_version": record["banner_version"],
            "action": record["action"],
            "gpc": record["gpc"],
            "choices": dict(record["choices"]),
        },
    }
