"""E-mail addresses and IP addresses (v4 and v6), found at their `@`, dots and colons."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

from hogo.adapters.recognizers import engine
from hogo.adapters.recognizers.base import Finding, Recognizer, standalone

_LOCAL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+/=?^_`{|}~.-")
"""The characters of a local part (RFC 5322 atext and the dot), read backwards from the `@` one at a time."""
_HEX_COLON = frozenset("0123456789ABCDEFabcdef:")
_DOMAIN = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])")


class Email(Recognizer):
    """local@domain.tld: each `@` is checked for a domain after it, then the local part is read backwards."""

    entity = "EMAIL_ADDRESS"
    name = "email"
    _trigger = re.compile(r"@(?=[A-Za-z0-9])")

    def find(self, text: str) -> Iterator[Finding]:
        for m in self._trigger.finditer(text):
            at = m.start()
            domain = _DOMAIN.match(text, at + 1)
            if domain is None:
                continue
            start = at
            floor = max(0, at - 64)
            while start > floor and text[start - 1] in _LOCAL:
                start -= 1
            while start < at and text[start] == ".":
                start += 1
            if start == at or text[at - 1] == ".":
                continue
            yield self.finding(start, domain.end(), 0.95)


class IpAddress(Recognizer):
    """Dotted-quad IPv4 (each part 0–255, no leading zeros, not part of a longer dotted number such as a
    version) and IPv6 (any form `ipaddress` accepts, found around its colons)."""

    entity = "IP_ADDRESS"
    name = "ip_address"
    _v4 = engine.register(
        re.compile(r"[0-9](?<![0-9A-Za-z.][0-9])[0-9]{0,2}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}(?![0-9A-Za-z]|\.[0-9])"),
        prefilter=r"(?:^|[^0-9A-Za-z.])[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}",
    )
    # every IPv6 address has a "::" or at least four colons in a row of groups; a time (12:30:45) has neither
    _v6_colon = re.compile(r"::|:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:")
    _v6_rest = re.compile(r"[0-9A-Fa-f:.]*")

    def find(self, text: str) -> Iterator[Finding]:
        for m in engine.finditer(self._v4, text):
            start, end = m.span()
            if not standalone(text, start, end):
                continue
            parts = m.group().split(".")
            if all(int(p) <= 255 and (p == "0" or not p.startswith("0")) for p in parts):
                yield self.finding(start, end, 0.75)
        resume = 0
        for m in self._v6_colon.finditer(text):
            if m.start() < resume:
                continue
            start = m.start()
            while start > 0 and start > m.start() - 40 and text[start - 1] in _HEX_COLON:
                start -= 1
            rest = self._v6_rest.match(text, m.start())
            end = rest.end() if rest else m.end()
            resume = end
            candidate = text[start:end]
            if not candidate.endswith("::"):
                candidate = candidate.rstrip(".:")
            end = start + len(candidate)
            if candidate.count(":") < 2 or not standalone(text, start, end):
                continue
            try:
                ipaddress.IPv6Address(candidate)
            except ValueError:
                continue
            yield self.finding(start, end, 0.8)
