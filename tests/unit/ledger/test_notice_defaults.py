"""A default is behaviour, not a sentence (issue 14): what the ledger leaves unset prints no promise; the same
promise prints once the ledger states it."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from test_notice import FULL, md

from hogo.ledger.schemas import Ledger

Doc = dict[str, Any]


def kind(d: Doc, name: str) -> Doc:
    rule: Doc = next(k for k in d["requests"]["kinds"] if k["kind"] == name)
    return rule


def _fee_unset(d: Doc) -> None:
    for k in d["requests"]["kinds"]:
        k.pop("fee", None)


def _fee_free(d: Doc) -> None:
    _fee_unset(d)
    for k in d["requests"]["kinds"]:
        k["fee"] = {"amount_jpy": 0}


def _tax_unset(d: Doc) -> None:
    kind(d, "disclosure")["fee"].pop("tax_included", None)


def _agents_unset(d: Doc) -> None:
    d["requests"]["agents"] = {}


def _contracts_unset(d: Doc) -> None:
    d["entrustees"][0].pop("contract", None)


def _contracts_stated(d: Doc) -> None:
    d["entrustees"][0]["contract"] = {"nda": True, "security_clauses": True}


def _analytics(value: bool | None) -> Callable[[Doc], None]:
    def mutate(d: Doc) -> None:
        if value is None:
            d["web_tracking"][0].pop("personal_data", None)
        else:
            d["web_tracking"][0]["personal_data"] = value

    return mutate


CASES: list[tuple[str, Callable[[Doc], None], str, bool]] = [
    ("no fee stated: no 'free'", _fee_unset, "| 無料 |", False),
    ("no fee stated: no fee sentence", _fee_unset, "手数料はいただきません", False),
    ("no fee stated: no fee column", _fee_unset, "| 手数料 |", False),
    ("fees stated as free", _fee_free, "いずれのご請求についても、手数料はいただきません。", True),
    ("tax not stated: no (税込)", _tax_unset, "税込", False),
    ("tax stated", lambda d: None, "5,500円（税込）", True),
    ("agents not stated: nothing about agents", _agents_unset, "代理人によるご請求", False),
    ("agents stated", lambda d: None, "代理人によるご請求も受け付けます", True),
    ("contract clauses not recorded", _contracts_unset, "秘密保持等を定めた契約", False),
    ("contract clauses recorded", _contracts_stated, "秘密保持等を定めた契約", True),
    ("analytics link not stated", _analytics(None), "個人情報との関係", False),
    ("analytics not linked, as stated", _analytics(False), "結びつけて利用しません", True),
    ("analytics as personal data, as stated", _analytics(True), "個人データとして取り扱います", True),
]


@pytest.mark.parametrize(("case", "mutate", "phrase", "printed"), CASES, ids=[c[0] for c in CASES])
def test_a_promise_prints_only_when_the_ledger_states_it(
    case: str, mutate: Callable[[Doc], None], phrase: str, printed: bool
) -> None:
    data = copy.deepcopy(FULL)
    mutate(data)
    assert (phrase in md(Ledger.model_validate(data), "ja")) is printed, case


def _no_exceptions(d: Doc) -> None:
    d.setdefault("policy", {})["statutory_exceptions"] = False


@pytest.mark.parametrize(
    ("mutate", "printed"), [(_no_exceptions, False), (lambda d: None, True)], ids=["strict promise", "statutory"]
)
def test_a_stricter_promise_gets_no_statutory_exceptions_added(mutate: Callable[[Doc], None], printed: bool) -> None:
    data = copy.deepcopy(FULL)
    mutate(data)
    text = md(Ledger.model_validate(data), "ja")
    assert ("法令に基づく場合等を除き、あらかじめ外国にある" in text) is printed  # Art. 28 section
    assert ("次のいずれかに該当する場合を除き" in text) is printed
    assert "あらかじめご本人の同意を得ることなく、個人データを第三者に提供しません" in text
