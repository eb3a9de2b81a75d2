"""Telephone numbers that need a word beside them to be read as one: what `phone.PhoneNumber` leaves.

Ways in, each from a literal found in the shared context-word pass or by `re` at C speed (an `@` next to a
delimiter), never a pass over every digit:

- after a phone label (電話, TEL, 携帯, 連絡先, 窓口, ダイヤル, Phone, Mobile, SMS, `T:` …), after a call word on the
  same line (call … back on, reach, contact, 問い合わせ, 連絡, 折り返し), after a title whose line ends with the
  number (`Dr. Amelia Martin, 1-909-673-8542`), or before に電話 / まで連絡;
- under a column header that ends with a phone word (緊急連絡先, 保護者連絡先, 電話番号(自宅), Home Phone);
- as a cell of a delimited row that holds an e-mail address (a contact export, the `·` line of a CV).

What is taken there is a number of a plan below, its digits possibly damaged by OCR (`O`/`o` for 0, `I`/`l`
for 1, `Z` for 2, `S` for 5, `G` for 6, `B` for 8; at least five real digits), its groups possibly parted by a
middle dot or a spaced dash (03・1234・5678, 092 - 515-2930), checked digit by digit: Japan
(`phone.japanese_number_valid`: 0800 numbers have 11 digits, so `0800-920-962` is no number); North America (NPA
and exchange begin 2–9 and are no N11 code, an optional `1` trunk: 899.402.0713, 1-674-461-9907); the United
Kingdom (`_UK_TEXT`: a geographic local number begins 2–9, so `0161 012 0098` is no number); Australia's
1300/1800 numbers; `+CC` and 8–15 digits. Where a label is right before a number that `PhoneNumber` reads by
itself (`携帯 090-1234-5678`, `Phone: +1 …`), the number is left to it: the pattern after the word only matches a
run that is damaged, foreign-shaped or a bare 10-digit number, which keeps the common case in C.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator

from hogo.adapters.recognizers.base import Finding, Recognizer, digits_of, occurrences, standalone
from hogo.adapters.recognizers.columns import PhoneColumn, header_key
from hogo.adapters.recognizers.needles import register
from hogo.adapters.recognizers.numbers import NOT_PERSONAL
from hogo.adapters.recognizers.phone import japanese_number_valid

_OCR = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "Z": "2", "S": "5", "G": "6", "B": "8", "・": "-"})
"""The letters a scanner reads for digits (O/o for 0, I/l for 1, Z for 2, S for 5, G for 6, B for 8), and the
middle dot some Japanese print puts between the groups (03・1234・5678)."""

_SEP = r"[ ()\-.ー―‐‑–—−・]"
_RUN_TEXT = rf"[+(0-9Oo](?:[0-9OoIlZSGB]|{_SEP}{{1,3}}(?=[0-9OoIlZSGB(]))+"
_RUN = re.compile(_RUN_TEXT)
_RUN_TO_END = re.compile(rf"(?<![0-9OoIlZSGB])(?:{_RUN_TEXT})$")
"""A phone-shaped run: digits (or the letters OCR reads for them) and the separators people put between them,
up to three (`092 - 515-2930`)."""


def _area(code: str) -> str:
    """A British area code, bracketed or followed by a separator: `(0161) `, `0161-`, `0161`."""
    return rf"(?:\((?:{code})\) ?|(?:{code})[ -]?)"


_UK_TEXT = (
    rf"{_area('0(?:1[1-9]1|11[3-8])')}[2-9][0-9]{{2}}[ -]?[0-9]{{4}}"  # 0161 496 0000, (0113) 496 0000
    rf"|{_area('02[0-9]')}[2-9][0-9]{{3}}[ -]?[0-9]{{4}}"  # 020 7946 0000
    rf"|{_area('01[2-9][0-9]{2}')}[2-9][0-9]{{2}} ?[0-9]{{3}}"  # 01632 960 123, (01632) 960123
    r"|07[1-9][0-9]{2}[ -]?[0-9]{3} ?[0-9]{3}"  # 07700 900 123, 07700900123
    r"|0[389][0-9]{2}[ -][0-9]{3}[ -][0-9]{4}"  # 0300 123 4567, 0845 …
)
"""British numbers (Ofcom's plan): a geographic local number begins 2–9; 03/08/09 numbers are grouped."""

_WORTH_READING = (
    rf"(?=(?:[+(0-9]|{_SEP})*(?:[OoIlZSGB・]|[0-9)] [-ー―‐−] [0-9(])"  # a damaged digit, a middle dot, ` - `
    r"|(?:1[-. ]?)?\(?[2-9][0-9]{2}\)?[-. ]?[0-9]{3}[-. ]?[0-9]{4}(?![0-9])"  # North American
    rf"|(?:{_UK_TEXT})(?![0-9])"  # British
    r"|1[38]00[ -]?[0-9]{3}[ -]?[0-9]{3}(?![0-9])"  # Australian 1300/1800
    r"|0(?:[1-9][0-9]{8}|50[0-9]{8})(?![0-9])"  # a bare 10-digit Japanese number (or 050 + 8)
    r"|0(?![789]0)[6-9][0-9]{9}(?![0-9])"  # an Indian mobile with its trunk 0 (09571288376), not 090-…
    r"|\(0[3-9]\) [0-9]{3} [0-9]{4}(?![0-9])"  # a New Zealand landline ((04) 245 0508)
    r")"
)
"""What `PhoneNumber` does not read by itself, at the start of a run: the pattern after a word asks for it first,
so that the common case (a clean Japanese or +CC number after 電話/Phone) fails in C at once."""

_GAP = rf"(?:[^\n0-9+(Oo]|\((?=[a-z]{{2}})|(?<=[A-Za-z])[Oo]|[Oo](?!(?:[OoIlZSGB]|{_SEP})*[0-9]))"
"""A character between a word and its number: anything but a line end or what begins a run. An `O` begins one
when a digit follows it through OCR letters and separators (`O90-`, `OSO-2406`), not inside a word (`Carol`,
`MOORE`) nor before other letters (`Olivia`)."""
_AFTER_LETTER = re.compile(rf"[ \t]{{0,2}}+{_WORTH_READING}({_RUN_TEXT})")
_AFTER_LABEL = re.compile(rf"{_GAP}{{0,16}}+{_WORTH_READING}({_RUN_TEXT})")
_AFTER_CALL = re.compile(rf"{_GAP}{{0,48}}+{_WORTH_READING}({_RUN_TEXT})")
_WORTH = re.compile(_WORTH_READING)
_DIGITS5 = re.compile(r"(?:[^0-9]*[0-9]){5}")
"""Five real digits: a run with fewer (`03-OOOO-OOOO`) is a mask, not a damaged number."""

_SPACE = re.compile(r" ")
_NANP = re.compile(r"(?:1[-. ]?)?(?:\([2-9][0-9]{2}\) ?|[2-9][0-9]{2}([-. ]?))[0-9]{3}(?(1)\1|[-. ]?)[0-9]{4}")
"""A North American number; an exchange that begins 0 or 1 (not in the plan, but common in made-up and test data)
only with the area code in brackets, which says by itself that this is a phone number: `(416) 139-6736`."""
_UK = re.compile(_UK_TEXT)
_INDIA_OR_NZ = re.compile(r"0[6-9][0-9]{9}|\(0[3-9]\) [0-9]{3} [0-9]{4}")
"""An Indian mobile written with its trunk 0 (`09571288376`: 0 and ten digits, the first 6–9) and a New Zealand
landline (`(04) 245 0508`: a one-digit area code in brackets, seven digits), after a phone or call word."""
_AU_NON_GEOGRAPHIC = re.compile(r"1[38]00([ -]?)[0-9]{3}\1[0-9]{3}")

_LABELS = PhoneColumn.labels
"""電話, 携帯, 連絡先, tel, (P)hone, (M)obile, Cell, Fax: the header recognizer's words, so the pass finds them once."""
_MORE_LABELS = register(
    (
        *("窓口", "ダイヤル", "代表", "ケータイ", "でんわ", "☎", "📞", "📱", "SMS"),
        *("Mob.", "Mob:", "PH:", "Office:", "Direct:", "Home:", "Work:", "Main:", "Landline", "Hotline", "hotline"),
        *("Helpline", "helpline", "Direct line", "direct line"),
    )
)
_RECEPTION = register(("受付", "受付窓口", "予約"))
"""A desk's words (再配達受付 0120-545-846, 予約 03-…): a clean Japanese number right after them is read here, since
`PhoneNumber` does not take these words for a phone label."""
_AFTER_RECEPTION = re.compile(r"(?:[ \t:]|センター){0,3}(0[0-9]{1,4}[- ]?[0-9]{1,4}[- ]?[0-9]{3,4})(?![0-9])")
_LETTER_LABELS = register(("T:", "P:", "M:", "H:", "W:", "C:", "F:", "T.", "Ph:", "Ph."))
"""One-letter labels of a signature or a form (`T: 378-728-6165`): only right before the number."""
_CALL_WORDS = register(
    (
        *("call", "Call", "CALL", "ring", "reach", "Reach", "contact", "Contact", "CONTACT", "dial", "Dial"),
        *("text me", "Text me", "WhatsApp", "my number", "My number", "number is"),
        *("連絡", "問い合わせ", "問い合せ", "問合せ", "お問合わせ", "折り返し"),
    )
)
"""Words whose number may come further on the line: `call Stefan Flores back on 899.402.0713`, 折り返し."""
_TITLES = register(("Mr.", "Ms.", "Mrs.", "Dr.", "Prof."))
"""A person's title before the name and number of a reference or a contact, the number ending the line
(`Dr. Amelia Martin, 1-909-673-8542`)."""

_HEADER_CELL_END = re.compile(
    r"(?:番号| ?(?:[Nn]umber|NUMBER|[Nn]o\.?|NO\.?|#))?(?: ?\([^()\n]{1,8}\))?(?=[\t,;|\r\n])"
)
"""What may follow a phone word to the end of its header cell: `電話番号\t`, `Phone No,`, `電話(自宅)|`."""
_CELL_START = frozenset(("\t", ",", ";", "|", '"', "\n"))
_HEADER_NEXT = frozenset(("番", "N", "n", "#", "(", "\t", ",", ";", "|", "\r", "\n"))
"""The character after a phone word that may begin `_HEADER_CELL_END` (after a space, too)."""
_PARTICLES = frozenset("にへで")
"""The particle after a number that a word follows: 090-… に電話, 03-… へ電話, 03-… まで連絡."""
_DELIMITERS = "\t,;|"
_ROW_DELIMITERS = "\t·•|;,"
"""Between the parts of a contact line (`1-971-630-2142 · j-giovanni@mail.co.uk`), the rarer first."""
_ROWS = 500


def plan_valid(candidate: str) -> bool:
    """Whether a phone-shaped string (OCR letters already read as digits) is a number of a plan listed above."""
    if candidate.count("(") != candidate.count(")"):
        return False
    digits = digits_of(candidate).replace("+", "")
    if candidate.startswith("+81"):
        return japanese_number_valid("0" + digits[2:].removeprefix("0"))
    if candidate.startswith("+"):
        return candidate[1] != "0" and 8 <= len(digits) <= 15
    if digits.startswith("0"):
        return (
            japanese_number_valid(digits)
            or _UK.fullmatch(candidate) is not None
            or _INDIA_OR_NZ.fullmatch(candidate) is not None
        )
    if _AU_NON_GEOGRAPHIC.fullmatch(candidate):
        return True
    national = digits[1:] if len(digits) == 11 and digits[0] == "1" else digits
    return (
        len(national) == 10
        and _NANP.fullmatch(candidate) is not None
        and national[1:3] != "11"
        and national[4:6] != "11"
        and (national[3] not in "01" or candidate.lstrip("1 -.").startswith("("))
    )


def read_number(run: str) -> int | None:
    """The length of the longest prefix of `run` (cut at a space: `03-1234-5678 10時`) that is a number of a
    plan, OCR letters read as digits, or None."""
    if _DIGITS5.match(run) is None:
        return None
    read = run.translate(_OCR)
    for cut in [*(m.start() for m in _SPACE.finditer(read, 4)), len(read)][::-1]:
        piece = read[:cut].rstrip(" -ー―‐‑–—−")  # `03-1234-5678 - 090-…`: not the dash before the next one
        if plan_valid(piece):
            return len(piece)
    return None


def _word_start(text: str, start: int) -> int | None:
    """Where a label begins (`hone` is found for Phone, `obile` for Mobile), or None when an ASCII label is glued
    to a letter or digit before it (hoTEL, exCELLent)."""
    if not text[start].isascii():
        return start
    if text[start] in "hHoO":  # (P)hone, (M)obile
        start -= 1
        if start < 0 or text[start] not in "PpMm":
            return None
    return None if start > 0 and text[start - 1].isalnum() else start


class PhoneShapes(Recognizer):
    """The numbers listed in the module docstring: after a context word, under a phone column header, or in a
    row with an e-mail address."""

    entity = "PHONE_NUMBER"
    name = "phone_shapes"
    # an address and a delimiter after it, or one of the rarer delimiters before it: one pattern per literal that
    # `re` skips to in C (an alternation, or a class holding · or •, would be tried at every position: 1.6 ms/MB)
    _address_then_delimiter = re.compile(r"@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\"? ?[\t,;|·•]")
    _delimiter_then_address = tuple((d, re.compile(rf"{re.escape(d)} ?[A-Za-z0-9._%+-]+@")) for d in "|·•")

    def find(self, text: str) -> Iterator[Finding]:
        starts: set[int] = set()  # a number after two words (TEL;TYPE=CELL:, 問い合わせ窓口) is reported once
        for finding in self._all(text):
            if finding.start not in starts:
                starts.add(finding.start)
                yield finding

    def _all(self, text: str) -> Iterator[Finding]:
        for found, after in occurrences(text, _LABELS):
            m = _AFTER_LABEL.match(text, after)
            if m is not None and _word_start(text, found) is not None:
                yield from self._read(text, m, 0.8)
            ahead = text[after : after + 1]
            if ahead in _HEADER_NEXT or (ahead == " " and text[after + 1 : after + 2] in _HEADER_NEXT):
                yield from self._under_header(text, found, after)
            if found and text[found - 1] in _PARTICLES:
                yield from self._before(text, found)
        for _, after in occurrences(text, _MORE_LABELS):
            m = _AFTER_LABEL.match(text, after)
            if m is not None:
                yield from self._read(text, m, 0.8)
        for _, after in occurrences(text, _RECEPTION):
            m = _AFTER_RECEPTION.match(text, after)
            if m is not None and japanese_number_valid(digits_of(m.group(1))) and standalone(text, *m.span(1)):
                yield self.finding(m.start(1), m.end(1), 0.75)
        for start, after in occurrences(text, _LETTER_LABELS):
            if not (start and text[start - 1].isalnum()):
                m = _AFTER_LETTER.match(text, after)
                if m is not None:
                    yield from self._read(text, m, 0.8)
        yield from self._after_call_words(text)
        yield from self._after_titles(text)
        row_end = -1
        patterns = [self._address_then_delimiter, *(p for d, p in self._delimiter_then_address if d in text)]
        for at in sorted(m.start() for pattern in patterns for m in pattern.finditer(text)):
            if at > row_end:
                row_end = yield from self._row(text, at)

    def _after_titles(self, text: str) -> Iterator[Finding]:
        for start, after in occurrences(text, _TITLES):
            line_end = text.find("\n", after, after + 64)
            if line_end != -1 and text[line_end - 1].isdigit() and not (start and text[start - 1].isalnum()):
                m = _AFTER_CALL.match(text, after)
                if m is not None and m.end() == line_end and not NOT_PERSONAL.search(text, start, m.start(1)):
                    yield from self._read(text, m, 0.7)

    def _after_call_words(self, text: str) -> Iterator[Finding]:
        for start, after in occurrences(text, _CALL_WORDS):
            if start and text[start - 1].isalnum() and text[start].isascii():
                continue  # reCALL, duRING
            m = _AFTER_CALL.match(text, after)
            if m is not None and not NOT_PERSONAL.search(text, start, m.start(1)):  # お問い合わせ番号, order 555-…
                yield from self._read(text, m, 0.75)
            if start and text[start - 1] in _PARTICLES:
                yield from self._before(text, start)

    def _read(self, text: str, m: re.Match[str], score: float) -> Iterator[Finding]:
        run_start, run = m.start(1), m.group(1)
        cut = read_number(run)
        if cut is not None and standalone(text, run_start, run_start + cut, loose_end=cut < len(run)):
            yield self.finding(run_start, run_start + cut, score)

    def _before(self, text: str, word_start: int) -> Iterator[Finding]:
        """`07O-3882-3S47 に電話して`, `0312345678まで連絡`: the number right before the particle and the word."""
        if text[word_start - 1] == "で" and text[word_start - 2 : word_start - 1] != "ま":
            return
        particle = word_start - (2 if text[word_start - 1] == "で" else 1)
        end = particle - 1 if text[particle - 1 : particle] in (" ", "\t") else particle
        m = _RUN_TO_END.search(text, max(0, end - 24), end)
        if m is not None and "\n" not in m.group() and _WORTH.match(m.group()):
            run = m.group()
            if read_number(run) == len(run) and standalone(text, m.start(), end):
                yield self.finding(m.start(), end, 0.8)

    def _under_header(self, text: str, found: int, after: int) -> Iterator[Finding]:
        """The column under a header cell that ends with the phone word found at `found` — unless the cell is one of
        the headers `PhoneColumn` reads by itself (電話番号, phone): a number without damage is found there."""
        cell = _HEADER_CELL_END.match(text, after)
        if cell is None or (start := _word_start(text, found)) is None:
            return
        whole_cell = start == 0 or text[start - 1] in _CELL_START
        if whole_cell and header_key(text[start : cell.end()]) in PhoneColumn.headers:
            return
        yield from self._column(text, start, cell.end())

    def _column(self, text: str, word_start: int, after: int) -> Iterator[Finding]:
        """A header cell ending with a phone word (`緊急連絡先`, `phone`, `電話番号`): the cells below it that are
        numbers, down to a blank line or a line of another width (one with quotes, which may hold the delimiter,
        is passed over)."""
        line_start = text.rfind("\n", 0, word_start) + 1
        line_end = text.find("\n", after)
        line_end = len(text) if line_end == -1 else line_end
        header = text[line_start:line_end]
        delimiter = next((d for d in _DELIMITERS if d in header), None)
        if delimiter is None or ":" in header or "{" in header:
            return  # no table, or a JSON or log line
        width = header.count(delimiter) + 1
        column = text.count(delimiter, line_start, word_start)
        pos = line_end + 1
        for _ in range(_ROWS):
            end = text.find("\n", pos)
            end = len(text) if end == -1 else end
            line = text[pos:end]
            if pos >= len(text) or not line.strip():
                return
            cells = line.split(delimiter)
            if len(cells) == width:
                cell_start = pos + sum(len(c) + 1 for c in cells[:column])
                yield from self._cell(text, cell_start, cells[column], 0.8)
            elif '"' not in line:
                return  # a line of another shape ends the table
            pos = end + 1

    def _row(self, text: str, at: int) -> Generator[Finding, None, int]:
        """A delimited row with an e-mail address in it is a contact row (a CSV export, the contact line of a CV):
        its cells that are numbers are phones. Returns where the row ends."""
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at)
        line_end = len(text) if line_end == -1 else line_end
        line = text[line_start:line_end]
        delimiter = next(d for d in _ROW_DELIMITERS if d in line)
        pos = line_start
        for cell in line.split(delimiter):
            yield from self._cell(text, pos, cell, 0.7)
            pos += len(cell) + 1
        return line_end

    def _cell(self, text: str, cell_start: int, cell: str, score: float) -> Iterator[Finding]:
        value = cell.strip(' "\r')
        if _WORTH.match(value) and _RUN.fullmatch(value) and read_number(value) == len(value):
            start = cell_start + len(cell) - len(cell.lstrip(' "'))
            yield self.finding(start, start + len(value), score)
