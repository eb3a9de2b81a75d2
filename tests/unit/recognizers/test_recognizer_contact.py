"""E-mail and IP addresses, and the addresses that only look like them."""

from __future__ import annotations

import pytest

from hogo.adapters.recognizers.contact import Email, IpAddress


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("連絡先: taro.yamada@example.co.jp まで", "taro.yamada@example.co.jp"),
        ("<a+b_c@mail.example.com>", "a+b_c@mail.example.com"),
        ("メールｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ", None),  # full-width: handled by scan_text, see test_scan_text
        ("..x@y.org", "x@y.org"),
    ],
)
def test_email(text: str, expected: str | None) -> None:
    got = [text[f.start : f.end] for f in Email().find(text)]
    assert got == ([expected] if expected else [])


@pytest.mark.parametrize("text", ["@username on X", "user@localhost", "a@b", "価格は100@3個", "x.@example.com"])
def test_not_email(text: str) -> None:
    assert list(Email().find(text)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("from 192.168.0.1 at", "192.168.0.1"),
        ("IP:10.0.0.255.", "10.0.0.255"),
        ("2001:db8::1 logged in", "2001:db8::1"),
        ("[fe80::1ff:fe23:4567:890a]", "fe80::1ff:fe23:4567:890a"),
    ],
)
def test_ip_addresses(text: str, expected: str) -> None:
    assert [text[f.start : f.end] for f in IpAddress().find(text)] == [expected]


@pytest.mark.parametrize(
    "text", ["version 1.2.3.4.5", "999.1.1.1", "01.02.03.04", "at 12:30:45", "ratio 3:4:5", "Name: John", "1.2.3"]
)
def test_not_ip_addresses(text: str) -> None:
    assert list(IpAddress().find(text)) == []
