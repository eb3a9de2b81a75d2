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


def _without(clause: str) -> Callable[[Doc], None]:
    def mutate(d: Doc) -> None:
        d["policy"]["clauses"].remove(clause)

    return mutate


def _exceptions_unset(d: Doc) -> None:
    d["policy"].pop("statutory_exceptions")


def _own_rule(d: Doc) -> None:
    _exceptions_unset(d)  # the policy's own cases, not the law's list: the recipients stand for them


def _no_rule(d: Doc) -> None:
    _exceptions_unset(d)
    _without("provision_consent")(d)


def _no_target(d: Doc) -> None:
    d["requests"].pop("target_days", None)
    for k in d["requests"]["kinds"]:
        k.pop("target_days", None)


def _no_target_no_delay(d: Doc) -> None:
    _no_target(d)
    _without("respond_without_delay")(d)


def _methods_unset(d: Doc) -> None:
    d["requests"].pop("disclosure_methods", None)


CLAUSES: list[tuple[str, str]] = [  # a standard clause of the law and the words the notice prints for it
    ("legal_compliance", "個人情報の重要性を認識し"),
    ("lawful_acquisition", "適法かつ公正な手段により"),
    ("special_care_consent", "要配慮個人情報は、法令に基づく場合等を除き"),
    ("use_within_purposes", "上記の利用目的の達成に必要な範囲を超えて個人情報を取り扱いません"),
    ("purpose_change", "利用目的を変更する場合は"),
    ("not_third_party", "提供先は第三者に該当しません"),
    ("retention_limit", "遅滞なく消去するよう努めます"),
    ("supervision", "従業者及び委託先に対して"),
    ("refusal_reasons", "その旨と理由をご説明します"),
    ("complaints_promptly", "適切かつ迅速に対応します"),
]

CASES: list[tuple[str, Callable[[Doc], None], str, bool]] = [
    *((f"clause {c} stated", lambda d: None, phrase, True) for c, phrase in CLAUSES),
    *((f"clause {c} not stated", _without(c), phrase, False) for c, phrase in CLAUSES),
    ("no target, 'without delay' stated", _no_target, "ご請求には遅滞なく回答します。", True),
    ("no target, 'without delay' stated: in the table", _no_target, "| 遅滞なく |", True),
    ("no target, 'without delay' not stated", _no_target_no_delay, "遅滞なく回答", False),
    ("no target, 'without delay' not stated: empty cell", _no_target_no_delay, "| 遅滞なく |", False),
    ("disclosure method not stated", _methods_unset, "開示の方法", False),
    ("disclosure method stated", lambda d: None, "開示の方法", True),
    ("own consent rule stated", _own_rule, "下記「個人データの提供先」に記載する場合を除き", True),
    ("own consent rule not stated", _no_rule, "下記「個人データの提供先」に記載する場合を除き", False),
    ("consent rule not stated: none printed", _no_rule, "個人データを第三者に提供しません", False),
    ("consent rule not stated: recipients still listed", _no_rule, "クレジットカード会社", True),
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
