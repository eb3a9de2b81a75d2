"""Masked previews of a finding, for people looking at a report: enough to tell two findings apart, never
enough to read the value. Digits keep their layout and at most the last four (`***-****-5678`); a My
Number shows no digit at all; an e-mail address shows its top-level domain; a name or a date nothing."""

from __future__ import annotations

import re

from hogo.adapters.recognizers.address import PREFECTURES

_DIGIT = re.compile(r"[0-9０-９]")
_SHOW_LAST_FOUR = {"PHONE_NUMBER", "CREDIT_CARD", "JP_CORPORATE_NUMBER", "IP_ADDRESS"}


def mask(entity: str, value: str) -> str:
    if entity in _SHOW_LAST_FOUR:
        digits = len(_DIGIT.findall(value))
        seen = 0

        def hide(m: re.Match[str]) -> str:
            nonlocal seen
            seen += 1
            return m.group() if seen > digits - 4 else "*"

        return re.sub(r"\*+", "***", _DIGIT.sub(hide, value), count=1)
    if entity in {"JP_MY_NUMBER", "JP_POSTAL_CODE", "DATE_OF_BIRTH"}:
        return _DIGIT.sub("*", value)
    if entity == "EMAIL_ADDRESS":
        return "***@***." + value.rsplit(".", 1)[-1] if "." in value else "***@***"
    if entity == "JP_ADDRESS":
        prefecture = next((p for p in (value[:4], value[:3]) if p in PREFECTURES), "")
        return prefecture + "***"
    return "***"
