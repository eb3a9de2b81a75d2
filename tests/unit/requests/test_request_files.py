"""The answer on paper (PDF, Japanese and English) and the electronic disclosure (JSON, CSV)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pypdfium2 as pdfium
from pypdf import PdfReader

from hogo.adapters.disclosure_formats import CSV_HEADER, to_csv, to_json
from hogo.adapters.letters import render_pdf
from hogo.requests.messages import answer_letter
from pdf_fonts import fonts, need_fonts

PACKAGE = {
    "request_id": "rq_1",
    "records": [
        {
            "item": "name",
            "label": {"ja": "氏名", "en": "Name"},
            "value": "山田 花子",
            "acquired_at": "2026-11-20T10:00:00+09:00",
            "channel": "web-order",
            "purposes": ["service"],
        }
    ],
    "purposes": [{"id": "service", "text": {"ja": "ご注文の商品をお届けするため", "en": "To deliver the products"}}],
    "consents": [],
    "suspensions": [],
    "provision_records": [],
}
OPERATOR = {
    "name": {"ja": "株式会社サンプル", "en": "Sample K.K."},
    "address": {"ja": "東京都千代田区丸の内1-1-1", "en": "1-1-1 Marunouchi"},
    "desk": {"ja": "個人情報お問い合わせ窓口", "en": "Personal Information Desk"},
}


def letter_pdf(lang: str) -> bytes:
    letter = answer_letter(
        request_id="rq_1",
        kind="disclosure",
        outcome="full",
        article=None,
        received_on=dt.date(2026, 11, 20),
        today=dt.date(2026, 11, 27),
        lang=lang,
        contact={"name": "山田 花子", "postal_code": "100-0005", "postal_address": "東京都千代田区丸の内2-2-2"},
        reason=None,
        package=PACKAGE,
        operator=OPERATOR,
    )
    pdf = render_pdf(letter)
    assert pdf.startswith(b"%PDF")
    return pdf


def letter_text(lang: str) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(letter_pdf(lang))).pages)


def test_every_font_of_the_letter_is_embedded() -> None:
    """A letter prints the same everywhere: its Japanese TrueType fonts are in the file (no viewer substitutes)."""
    need_fonts()
    for lang in ("ja", "en"):
        used = fonts(letter_pdf(lang))
        assert set(used) == {"/AAAAAA+IPAexMincho", "/AAAAAA+IPAexGothic"}, used
        assert all(used.values()), used


def test_the_letter_renders_as_an_image_with_its_japanese_text() -> None:
    """pypdfium2 draws the page (as a printer would) with ink where the text is; pdfium finds the Japanese in it."""
    document = pdfium.PdfDocument(letter_pdf("ja"))
    page = document[0]
    image = page.render(scale=1).to_pil().convert("L")
    assert image.getextrema()[0] < 100  # dark glyphs on white paper
    assert "山田 花子 様" in page.get_textpage().get_text_range()


def test_the_japanese_letter_is_addressed_and_holds_the_data() -> None:
    text = letter_text("ja").replace(" ", "")
    for expected in ["〒100-0005", "山田花子様", "ご請求に対する回答書", "2026年11月27日", "氏名", "株式会社サンプル"]:
        assert expected in text, expected
    assert "ご注文の商品をお届けするため" in text


def test_the_english_letter() -> None:
    text = letter_text("en")
    assert "Answer to your request" in text and "27 November 2026" in text and "Sample K.K." in text


def test_json_and_csv_carry_the_same_records() -> None:
    assert json.loads(to_json(PACKAGE)) == PACKAGE
    raw = to_csv(PACKAGE)
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == CSV_HEADER
    assert rows[1][:5] == ["record", "name", "氏名", "Name", "山田 花子"]
    assert rows[2][:2] == ["purpose", "service"]


def test_csv_cells_a_spreadsheet_would_run_are_neutralised() -> None:
    """OWASP CSV injection: a value (or a dataset key) starting with = + - @ tab or CR is prefixed with a quote."""
    values = ['=HYPERLINK("http://x")', "+81 90-1234-5678", "-2+3", "@SUM(A1)", "\tx", "\rx", "safe = fine"]
    records = [dict(PACKAGE["records"][0], item=f"i{n}", value=v) for n, v in enumerate(values)]
    dataset = {
        "rows": [{"dataset": "shop", "table": "t", "key": {"id": 1}, "values": [{"item": "x", "value": "=1+1"}]}]
    }
    package = PACKAGE | {"records": records, "datasets": dataset}
    rows = list(csv.reader(io.StringIO(to_csv(package).decode("utf-8-sig"))))
    assert [r[4] for r in rows if r[0] == "record"] == [
        '\'=HYPERLINK("http://x")',
        "'+81 90-1234-5678",
        "'-2+3",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "safe = fine",
    ]
    assert [r[4] for r in rows if r[0] == "dataset_row"] == ["'=1+1"]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)
