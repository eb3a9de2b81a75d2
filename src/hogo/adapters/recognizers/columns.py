"""Values in a table pasted as text (CSV, TSV, `|` or `;` separated): the header says what a column holds.

`氏名,生年月日,郵便番号` then `山田 稔,1985/04/12,123-4567`: the cells under a header cell that names a person's
name (氏名, お名前, 顧客名, Name, Customer Name, full_name …), a date of birth (生年月日, DOB, birth_date …), a
phone number (電話番号, tel, phone …) or a postal code (郵便番号, 〒, zip …) are those, down to the first
blank line, a JSON line, or a line with fewer cells or more than two cells more (a value holding the
delimiter unquoted adds one). A cell is taken only when it has the value's shape: letters or
kana/kanji and no digit or `@` for a name (a login such as `user_name` is no header of names), a
real calendar date for a birth date, 10–15 digits for a phone number, 123-4567 for a Japanese postal
code and 12345 or SW1A 1AA for a ZIP or postcode. Other entities have shapes of their own and need
no header.
"""

from __future__ import annotations

import re
from abc import abstractmethod
from collections.abc import Iterator

from hogo.adapters.recognizers.base import Finding, Recognizer, occurrences
from hogo.adapters.recognizers.dates import DATE, calendar_date, typed_date
from hogo.adapters.recognizers.needles import register

_DELIMITERS = ("\t", ",", "|", ";")
_ROWS = 500
_EXTRA_CELLS = 2
"""A row may have this many cells more than its header (values holding the delimiter unquoted) and not end the
table."""
_POSTAL = re.compile(r"〒? ?[0-9]{3}[-ー―‐−]?[0-9]{4}")
_ZIP_OR_POSTCODE = re.compile(r"[0-9]{5}(?:-[0-9]{4})?|[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}")
_PHONE = re.compile(r"\+?[0-9(][0-9 ()\-.ー―‐−]{7,18}[0-9]")


def _cells(line: str, start: int, delimiter: str) -> list[tuple[int, int]]:
    """The (start, end) of each cell of `line` (at offset `start` in the text), quotes respected and left out."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(line)
    while i <= n:
        if i < n and line[i] == '"':
            close = line.find('"', i + 1)
            close = n if close == -1 else close
            spans.append((start + i + 1, start + close))
            i = line.find(delimiter, close)
            i = n + 1 if i == -1 else i + 1
            continue
        end = line.find(delimiter, i)
        end = n if end == -1 else end
        spans.append((start + i, start + end))
        i = end + 1
    return spans


def header_key(cell: str) -> str:
    """`Customer_Name`, `"customer name"`, `customer-name` → `customer name`."""
    return " ".join(cell.strip().strip('"').replace("_", " ").replace("-", " ").lower().split())


class HeaderColumn(Recognizer):
    """The cells of the columns whose header is one of `headers` (compared by `header_key`), when `accepts` them.
    A header is looked for only on a line holding one of `labels` (found with `str.find`) and a delimiter."""

    headers: frozenset[str]
    labels: tuple[str, ...]

    @abstractmethod
    def accepts(self, value: str) -> bool: ...

    def find(self, text: str) -> Iterator[Finding]:
        line_end = -1
        for at, _ in occurrences(text, self.labels):
            if at <= line_end:
                continue  # a line is read once, whatever number of labels it holds
            line_start = text.rfind("\n", 0, at) + 1
            line_end = text.find("\n", at)
            line_end = len(text) if line_end == -1 else line_end
            header = text[line_start:line_end].rstrip("\r")
            delimiter = next((d for d in _DELIMITERS if d in header), None)
            if delimiter is None or header.lstrip().startswith(("{", "[")):
                continue  # no table, or a JSON line (its keys are found by the recognizers' context words)
            cells = _cells(header, line_start, delimiter)
            columns = [i for i, (a, b) in enumerate(cells) if header_key(text[a:b]) in self.headers]
            if columns:
                yield from self._below(text, line_end + 1, len(cells), columns, delimiter)

    def _below(self, text: str, pos: int, width: int, columns: list[int], delimiter: str) -> Iterator[Finding]:
        for _ in range(_ROWS):
            if pos >= len(text):
                return
            end = text.find("\n", pos)
            end = len(text) if end == -1 else end
            line = text[pos:end].rstrip("\r")
            if not line.strip():
                return
            cells = _cells(line, pos, delimiter)
            extra = len(cells) - width
            if not 0 <= extra <= _EXTRA_CELLS or line.lstrip().startswith(("{", "[")):
                return  # a line of another shape (or a JSON line) ends the table
            if any(header_key(text[a:b]) in self.headers for a, b in (cells[i] for i in columns)):
                return  # the header of the next table
            for i in columns:
                # a value holding the delimiter unquoted (`December 19, 1948`) makes a row longer: the cell is then
                # the one under the header, or that one and the next joined, or one further right
                spans = [cells[i]] if not extra else [cells[i], (cells[i][0], cells[i + extra][1]), cells[i + extra]]
                for a, b in spans:
                    value = text[a:b]
                    stripped = value.strip()
                    if stripped and self.accepts(stripped):
                        lead = len(value) - len(value.lstrip())
                        yield self.finding(a + lead, a + lead + len(stripped), 0.8)
                        break
            pos = end + 1


def _keys(names: str) -> frozenset[str]:
    return frozenset(header_key(n) for n in names.split("|"))


class NameColumn(HeaderColumn):
    entity = "PERSON"
    name = "person_column"
    headers = _keys(
        "氏名|お名前|名前|氏名(漢字)|氏名(カナ)|フリガナ|ふりがな|顧客名|会員名|お客様名|担当者|担当者名|契約者名|契約者|"
        "申込者名|受取人|受取人名|宛名|届け先氏名|お届け先氏名|送り主|依頼主|患者名|社員名|従業員名|利用者名|購入者名|"
        "注文者名|name|full name|customer name|customer|contact name|first name|last name|given name|family name|"
        "surname|recipient|recipient name|employee name|employee|member name|patient name|cardholder|cardholder name|"
        "ship to name|bill to name|buyer|buyer name|保護者|保護者名|代表者|代表者名|申請者|申請者名|患者氏名|"
        "guardian|parent name|emergency contact name|"
        "姓|名|セイ|メイ|せい|めい|姓(漢字)|名(漢字)|姓(カナ)|名(カナ)|姓(フリガナ)|名(フリガナ)|フリガナ(姓)|フリガナ(名)|"
        "氏名カナ|氏名(フリガナ)|名字|苗字|旧姓|連名|lastname|firstname|last|first|forename|given names|"
        "guest|guest name|lead guest|lead passenger|passenger|passenger name|traveller|traveler|pax name|attendee|"
        "applicant|applicant name|holder|account holder|policyholder|insured|insured name|student|student name|"
        "patient|contact person|representative|宿泊者|宿泊者名|代表者氏名|搭乗者|搭乗者名|旅行者|受講者|受講者名|"
        "生徒名|児童名|学生氏名|被保険者|被保険者名|契約者氏名|入居者|入居者名"
    )
    labels = (
        "名",
        "姓",
        "セイ",
        "せい",
        "last,",
        "last\t",
        "Last,",
        "Last\t",
        "LAST,",
        "LAST\t",
        "orename",
        "ame",
        "AME",
        "ガナ",
        "がな",
        "担当者",
        "受取人",
        "宛名",
        "送り主",
        "依頼主",
        "ustomer",
        "USTOMER",
        *("guest", "Guest", "GUEST", "passenger", "Passenger", "PASSENGER", "traveler", "traveller", "applicant"),
        *("holder", "Holder", "insured", "Insured", "student", "Student", "patient", "Patient", "attendee"),
        *("宿泊者", "搭乗者", "旅行者", "受講者", "被保険者", "入居者", "契約者", "連名", "生徒", "児童", "学生"),
        "保護者",
        "代表者",
        "申請者",
        "uardian",
    )

    def accepts(self, value: str) -> bool:
        return len(value) <= 40 and not any(c.isdigit() or c == "@" for c in value) and any(c.isalpha() for c in value)


class BirthDateColumn(HeaderColumn):
    entity = "DATE_OF_BIRTH"
    name = "date_of_birth_column"
    headers = _keys("生年月日|誕生日|birth date|birthdate|date of birth|dob|d.o.b.|birthday|born")
    labels = ("生年月日", "誕生日", "irth", "IRTH", "DOB", "dob", "Dob", "D.O.B", "orn")

    def accepts(self, value: str) -> bool:
        m = DATE.fullmatch(value) or DATE.fullmatch(typed_date(value))
        return m is not None and calendar_date(m) is not None


class PhoneColumn(HeaderColumn):
    entity = "PHONE_NUMBER"
    name = "phone_column"
    headers = _keys("電話|電話番号|携帯|携帯番号|携帯電話|連絡先|tel|phone|phone number|mobile|cell|fax|telephone")
    labels = (
        "電話",
        "携帯",
        "連絡先",
        "tel",
        "Tel",
        "TEL",
        "hone",
        "HONE",
        "obile",
        "OBILE",
        "Cell",
        "cell",
        "CELL",
        "fax",
        "Fax",
        "FAX",
    )

    def accepts(self, value: str) -> bool:
        return _PHONE.fullmatch(value) is not None and 10 <= sum(c.isdigit() for c in value) <= 15


class PostalCodeColumn(HeaderColumn):
    entity = "JP_POSTAL_CODE"
    name = "postal_code_column"
    headers = _keys("郵便番号|〒|zip|zip code|zipcode|postal code|postcode|post code")
    labels = ("郵便番号", "〒", "zip", "Zip", "ZIP", "ostal", "OSTAL", "ostcode", "ost code")

    def accepts(self, value: str) -> bool:
        return _POSTAL.fullmatch(value) is not None


class ZipColumn(HeaderColumn):
    """A US ZIP (12345, 12345-6789) or a UK postcode (SW1A 1AA) under a zip/postcode header."""

    entity = "POSTAL_CODE"
    name = "zip_column"
    headers = PostalCodeColumn.headers
    labels = PostalCodeColumn.labels

    def accepts(self, value: str) -> bool:
        return _ZIP_OR_POSTCODE.fullmatch(value) is not None


for _column in (NameColumn, BirthDateColumn, PhoneColumn, PostalCodeColumn):
    register(_column.labels)  # in the automaton before the first scan
