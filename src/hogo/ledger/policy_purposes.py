"""Art. 17(1): purposes specified as far as possible — the signals of a purpose that is not specific.

GL-G (通則編) 3-1-1 asks that the person can reasonably foresee, from the purpose, what business the data serves
and how it is used: 「事業活動に用いるため」「マーケティング活動に用いるため」「提供するサービスの向上のため」 are its
examples of purposes that are not specific. A purpose that only points elsewhere (「各サービスにおいて公表する目的」,
「別途定める目的」) specifies nothing in the notice either.

The judgement is a small set of signals over the purpose's text (Japanese; the English when the text has no
Japanese in it), not an understanding of it:

- **defers**: the text points to another document, page or moment for the purpose itself (`_DEFERS_JA`,
  `_DEFERS_EN`);
- **generic**: once the generic words (事業活動, 業務, マーケティング, サービスの向上, 各種, 等, …: `_GENERIC_JA`)
  and the grammar around them are taken out, nothing is left — no object, no action;
- **catch-all alone**: 「その他上記に付随する目的」 is the conventional last line of a list and no finding when some
  other purpose of the ledger is specific; it is one when nothing specific stands beside it.

`tests/unit/ledger/test_purpose_specific.py` measures the signals on purposes from public policies and the
guideline's own examples.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Literal

from hogo.ledger.policy import Finding, rule, warning
from hogo.ledger.rules import LegalRules
from hogo.ledger.schemas import Ledger

Reason = Literal["defers", "generic", "catch_all"]

_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")

_CATCH_ALL_JA = re.compile(r"(上記|前記|前各号|前各項|前各項目|以上|これら).{0,12}(付随|付帯|関連)")
_CATCH_ALL_EN = re.compile(r"\b(incidental|ancillary|related) to (the |these |any of the )?(above|foregoing)", re.I)

_DEFERS_JA = re.compile(
    r"(別途|別に|個別に|各サービス(において|で|ごとに)|サービスごとに|利用規約|規約|ポリシー|申込書|お申込み?時|取得の際|取得時|"
    r"ウェブサイト(等)?(で|に|上で)|ホームページ(で|に|上で)).{0,20}"
    r"(定め|公表|掲載|記載|明示|通知|提示|お知らせ|示す|示し)"
)
_DEFERS_EN = re.compile(
    r"\b(separately|individually|elsewhere|for each service|in the terms|at the time of (acquisition|application))\b"
    r".{0,40}\b(set|specified|published|notified|stated|defined|described|shown)\b"
    r"|\b(set|specified|published|notified|stated|defined|described|shown)\b.{0,40}"
    r"\b(separately|individually|elsewhere|for each service|in advance for each)\b",
    re.I,
)
_POINTS_EN = re.compile(
    r"\b(set forth|set out|specified|stated|defined|described|published)\b.{0,20}\b(privacy policy|policy|terms)\b",
    re.I,
)

_GENERIC_JA = (
    # the guideline's examples and their kin (longest first, so that a compound goes whole)
    "マーケティング活動",
    "マーケティング",
    "事業活動",
    "企業活動",
    "営業活動",
    "サービスの向上",
    "サービス向上",
    "サービスの改善",
    "サービス改善",
    "品質の向上",
    "品質向上",
    "向上させる",
    "品質",
    "利便性",
    "会員",
    "業務の遂行",
    "業務遂行",
    "業務",
    "事業",
    "活動",
    "各種",
    "当社グループ",
    "当法人",
    "当社",
    "弊社",
    "お客様",
    "お客さま",
    "顧客",
    "利用者",
    "ユーザー",
    "皆様",
    "提供する",
    "全般",
    "運営",
    "円滑",
    "適切",
    "適正",
    "必要",
    "向上",
    "改善",
    "目的",
    "用いる",
    "利用する",
    "使用する",
    "活用する",
    "利用",
    "使用",
    "活用",
    "ため",
    "など",
    "等",
)
_GRAMMAR_JA = re.compile(
    r"にとって|について|における|による|[のにをへとでやがはも、。・\s「」（）()]|及び|および|並びに|ならびに|又は|または|その他|な"
)

_GENERIC_EN = frozenset(
    [
        "a",
        "an",
        "the",
        "our",
        "your",
        "its",
        "their",
        "of",
        "for",
        "to",
        "in",
        "on",
        "and",
        "or",
        "with",
        "by",
        "as",
        "such",
        "other",
        "etc",
        "use",
        "used",
        "using",
        "purpose",
        "purposes",
        "business",
        "activities",
        "activity",
        "operations",
        "operation",
        "marketing",
        "improve",
        "improving",
        "improvement",
        "improvements",
        "enhance",
        "enhancing",
        "service",
        "services",
        "quality",
        "company",
        "group",
        "customer",
        "customers",
        "user",
        "users",
        "various",
        "general",
        "carry",
        "carrying",
        "convenience",
        "member",
        "members",
        "out",
        "conduct",
        "conducting",
        "necessary",
        "appropriate",
    ]
)


def not_specific(text: str, *, specific_elsewhere: bool) -> Reason | None:
    """Why the purpose text is not specific, or None when no signal fires. `specific_elsewhere`: some other
    purpose of the ledger is specific (a catch-all line beside it is then the usual last line, no finding)."""
    japanese = bool(_JAPANESE.search(text))
    if (_CATCH_ALL_JA if japanese else _CATCH_ALL_EN).search(text):
        return None if specific_elsewhere else "catch_all"
    if _DEFERS_JA.search(text) if japanese else (_DEFERS_EN.search(text) or _POINTS_EN.search(text)):
        return "defers"
    if japanese:
        rest = text
        for word in _GENERIC_JA:
            rest = rest.replace(word, "")
        return "generic" if not _GRAMMAR_JA.sub("", rest) else None
    words = re.findall(r"[a-z]+", text.lower())
    return "generic" if words and all(w in _GENERIC_EN for w in words) else None


def _judged(text_ja: str, text_en: str | None) -> str:
    """Japanese as written; the English where the Japanese slot holds no Japanese and an English text exists."""
    return text_en if not _JAPANESE.search(text_ja) and text_en else text_ja


@rule
def purposes_not_specific(ledger: Ledger, today: dt.date, rules: LegalRules) -> Iterator[Finding]:
    texts = [_judged(p.text.ja, p.text.en) for p in ledger.purposes]
    alone = [not_specific(t, specific_elsewhere=False) for t in texts]
    for index, (purpose, text) in enumerate(zip(ledger.purposes, texts, strict=True)):
        others = any(reason is None for n, reason in enumerate(alone) if n != index)
        reason = not_specific(text, specific_elsewhere=others)
        if reason is not None:
            yield warning(
                ("purposes", index),
                "art17-purpose-not-specific",
                "Art. 17(1), GL-G 3-1-1",
                reason,
                purpose=purpose.id,
                text=text,
            )
