"""The plain-ASCII e-mail fast path gives email-validator's verdict and normal form, address for address.

`normalise(email, …)` skips email-validator for plain ASCII addresses. Every case below is normalised by hogo and,
independently, by email-validator itself (check_deliverability off, the domain lower-cased as hogo stores it):
both must accept with the same normal form, or both refuse. A seeded random sample of addresses built from the
characters that matter (dots, dashes, quotes, @, Punycode and special-use labels, non-ASCII) is compared the same
way, and the fast path must have answered for most plain ones, else the comparison would prove nothing.
"""

from __future__ import annotations

import random

import pytest
from email_validator import EmailNotValidError, validate_email

from hogo.ledger.schemas.catalogue import ValueType
from hogo.subjects.values import ValueProblem, _plain_email, normalise


def library(text: str) -> str | None:
    try:
        checked = validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        return None
    local, _, domain = checked.normalized.rpartition("@")
    return f"{local}@{domain.lower()}"


def hogo(text: str) -> str | None:
    try:
        return normalise(ValueType.email, text)
    except ValueProblem:
        return None


LABEL_63 = "d" * 63
TRICKY = [
    # plain, taken by the fast path
    ("Hanako.Sato@Example.JP", "Hanako.Sato@example.jp"),
    ("user+tag@example.com", "user+tag@example.com"),
    ("USER@EXAMPLE.COM", "USER@example.com"),
    ("o'brien@example.ie", "o'brien@example.ie"),
    ("a!#$%&'*+/=?^_`{|}~-b@example.com", "a!#$%&'*+/=?^_`{|}~-b@example.com"),
    ("a@a--b.example.com", "a@a--b.example.com"),
    ("x" * 65 + "@example.com", "x" * 65 + "@example.com"),  # the local-part limit applies only in strict mode
    ("a@" + LABEL_63 + ".com", "a@" + LABEL_63 + ".com"),
    ("a@1.2.3.jp", "a@1.2.3.jp"),
    ("a@sub-domain.x1y", "a@sub-domain.x1y"),
    # handed to email-validator, which normalises
    ("Postmaster@Example.com", "postmaster@example.com"),
    ("INFO@example.jp", "info@example.jp"),
    ("user@xn--bcher-kva.example", "user@bücher.example"),
    ("user@bücher.example", "user@bücher.example"),
    ("ユーザー@example.jp", "ユーザー@example.jp"),
    # refused
    ('"quoted"@example.com', None),
    ('"a b"@example.com', None),
    ("user@example.com.", None),
    ("user.@example.com", None),
    (".user@example.com", None),
    ("us..er@example.com", None),
    ("user@exa..mple.com", None),
    ("user@-example.com", None),
    ("user@example-.com", None),
    ("user@example", None),
    ("user@example.123", None),
    ("user@host.local", None),
    ("user@machine.test", None),
    ("user@site.onion", None),
    ("user@1.in-addr.arpa", None),
    ("user@localhost", None),
    ("ab@ab--cd.com", None),
    ("user@xn--zz.com", None),
    ("a@[192.0.2.1]", None),
    ("Name <a@example.com>", None),
    ("a@b@example.com", None),
    ("a@" + "d" * 64 + ".com", None),
    ("a@" + ".".join([LABEL_63] * 4) + ".jp", None),  # 258 characters after the @
]


@pytest.mark.parametrize(("address", "normal"), TRICKY)
def test_tricky_addresses_both_ways(address: str, normal: str | None) -> None:
    assert library(address) == normal
    assert hogo(address) == normal


@pytest.mark.parametrize("total", [253, 254, 255])
def test_the_length_limit_both_ways(total: int) -> None:
    domain = ".".join(["d" * 60, "e" * 60, "f" * 60, "example.jp"])
    address = "u" * (total - len(domain) - 1) + "@" + domain
    assert len(address) == total
    assert hogo(address) == library(address)
    assert (hogo(address) is None) == (total > 254)


PIECES = ["a", "Z", "0", "9", ".", "..", "-", "--", "+", "_", "'", '"', "@", " ", "[", "]", "(", "ü", "例", "xn--"]
DOMAINS = [
    "example.com",
    "example.co.jp",
    "mail-1.example.org",
    "EXAMPLE.JP",
    "local",
    "test",
    "co.jp.",
    "x.123",
    "ab--c.jp",
    "a-.b",
    "xn--bcher-kva.de",
]
LOCALS = ["info", "Postmaster", "taro", "t.a.r.o", ".taro", "taro.", "ta..ro", "「taro」", "x" * 70]


def test_a_random_sample_agrees_with_email_validator() -> None:
    rng = random.Random(20)
    fast = 0
    for _ in range(4_000):
        if rng.random() < 0.5:
            address = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12)))
        else:
            local = rng.choice(LOCALS) + "".join(rng.choice(PIECES[:10]) for _ in range(rng.randint(0, 2)))
            address = f"{local}@{rng.choice(['', 'mail.', 'a-b.'])}{rng.choice(DOMAINS)}"
        address = address.strip()
        if not address:
            continue
        plain = _plain_email(address)
        fast += plain is not None
        assert hogo(address) == library(address), address
        if plain is not None:
            assert plain == library(address), address
    assert 250 < fast < 1_500  # the fast path answered often, and handed over often
