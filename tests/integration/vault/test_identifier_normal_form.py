"""A person acquired with an e-mail identifier is found by it elsewhere (an incident's company database, row by row
through `values.normal_form`), however the address is written: both sides normalise by the same exact rule.

Before, `normal_form` took any lower-case ASCII address as its own normal form, while acquisition hands Punycode
(`xn--`) domains to email-validator, which stores them in Unicode: such a person was missed."""

from __future__ import annotations

import pytest

from hogo.bootstrap import Container
from hogo.identity.policy import Actor
from hogo.subjects.schemas import AcquisitionIn
from hogo.subjects.values import ValueProblem, normal_form, normalise_identifier

# (as acquired, as a company database holds it)
ADDRESSES = [
    ("Taro@xn--r8jz45g.jp", "taro@xn--r8jz45g.jp"),
    ("hanako@例え.jp", "HANAKO@XN--R8JZ45G.JP"),
    ("user@mail.xn--wgv71a119e.jp", "  User@Mail.xn--wgv71a119e.jp "),
    ("Ab@xn--bcher-kva.example", "ab@bücher.example"),
    ("Info@Example.jp", "info@example.jp"),
    ("Taro.Yamada@EXAMPLE.CO.JP", "taro.yamada@example.co.jp"),
    ("ｊｉｒｏ＠example.jp", "jiro@EXAMPLE.jp"),
    ("o'brien+tag@example.org", "O'Brien+tag@example.org"),
]


def test_a_person_acquired_with_an_unusual_address_is_found_by_it(vault: Container, admin: Actor) -> None:
    people = {}
    for acquired, _ in ADDRESSES:
        data = AcquisitionIn.model_validate(
            {
                "subject_kind": "customer",
                "identifiers": [{"kind": "email", "value": acquired}],
                "values": {"name": "佐藤 花子"},
                "channel": "web-order",
            }
        )
        people[acquired] = vault.subjects.acquire(data, admin).person_id
    assert len(set(people.values())) == len(ADDRESSES)
    found = vault.subjects.persons_by_identifier("email", [held for _, held in ADDRESSES])
    assert found == {held: people[acquired] for acquired, held in ADDRESSES}


@pytest.mark.parametrize(
    "address",
    [
        *[a for pair in ADDRESSES for a in pair],
        "postmaster@example.jp",
        "user@example.test",
        "user@sub.localhost",
        "a..b@example.jp",
        "x@ab--cd.jp",
        "x@-example.jp",
        "x@example.123",
        "x" * 65 + "@example.jp",
        "x@" + "a" * 64 + ".jp",
        "not an address",
        "",
    ],
)
def test_normal_form_is_acquisitions_rule(address: str) -> None:
    try:
        expected: str | None = normalise_identifier("email", address)
    except ValueProblem:
        expected = None
    assert normal_form("email", address) == expected
