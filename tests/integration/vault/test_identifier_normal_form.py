"""A person acquired with an e-mail identifier is found by it elsewhere (an incident's company database, row by row
through `values.normal_form`), however the address is written: both sides normalise by the same exact rule.

Before, `normal_form` took any lower-case ASCII address as its own normal form, while acquisition hands Punycode
(`xn--`) domains to email-validator, which stores them in Unicode: such a person was missed."""

from __future__ import annotations

import random

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


def test_normal_form_agrees_with_acquisition_on_random_addresses() -> None:
    """Seeded random address-like text (ASCII and not, odd dots, hyphens, xn--, role mailboxes, special-use and long
    labels, spaces around): `normal_form` is `normalise_identifier`, or None where that refuses."""
    rng = random.Random(20)
    locals_ = ["taro", "Taro.Yamada", "a..b", ".a", "info", "POSTMASTER", "o'brien+x", "x" * 65, "ｊｉｒｏ", "名前"]
    labels = ["example", "EXAMPLE", "xn--r8jz45g", "ab--cd", "-x", "x-", "a" * 64, "例え", "mail", "co", "123"]
    tops = ["jp", "JP", "com", "test", "local", "localhost", "onion", "invalid", "arpa", "123", "xn--wgv71a119e"]
    seen = {True: 0, False: 0}
    for _ in range(3_000):
        domain = ".".join(rng.choice(labels) for _ in range(rng.randint(0, 3))) + "." + rng.choice(tops)
        around = rng.choice(["", " ", "\u3000"]), rng.choice(["", " "])
        address = around[0] + rng.choice(locals_) + "@" + domain.lstrip(".") + around[1]
        try:
            expected: str | None = normalise_identifier("email", address)
        except ValueProblem:
            expected = None
        assert normal_form("email", address) == expected, address
        seen[expected is None] += 1
    assert min(seen.values()) > 200  # both valid and refused addresses were drawn
