"""Masked previews show the layout, never the value."""

from __future__ import annotations

import pytest

from hogo.adapters.recognizers.mask import mask


@pytest.mark.parametrize(
    ("entity", "value", "expected"),
    [
        ("PHONE_NUMBER", "090-1234-5678", "***-****-5678"),
        ("CREDIT_CARD", "4111 1111 1111 1111", "*** **** **** 1111"),
        ("JP_MY_NUMBER", "1234 5678 9018", "**** **** ****"),
        ("JP_POSTAL_CODE", "〒100-0001", "〒***-****"),
        ("EMAIL_ADDRESS", "taro@example.co.jp", "***@***.jp"),
        ("JP_ADDRESS", "東京都千代田区千代田1-1", "東京都***"),
        ("JP_ADDRESS", "神奈川県横浜市西区", "神奈川県***"),
        ("PERSON", "山田 太郎", "***"),
        ("DATE_OF_BIRTH", "1985-03-12", "****-**-**"),
    ],
)
def test_mask(entity: str, value: str, expected: str) -> None:
    assert mask(entity, value) == expected
