"""Person names by the shape of a line: a chat transcript's speakers, a meeting's attendees, the display name before
an e-mail address.

- A speaker: at a line's start, a name before a colon with a time beside it (`Douglas 7:00 pm: can someone…`,
  `[10:30] Priya: ok`), or after a time (`11:00 けいすけ 今日の…`, as chat exports write it). A listed given name is
  a speaker on one such line; an unlisted word only where two lines of the text have the shape (a transcript).
- An attendee: each item of the list after 出席者/参加者 or Attendees/Participants, separated by commas, slashes or
  、, with its title or (記) left out: a listed surname (Japanese) or one to three capitalised words (Latin).
- A display name: the words just before `<someone@example.com>` (`From: Luca Oliveira <…>`, `山田 太郎 <…>`).

Each function returns (start, end, score) spans; `names.py` and `names_latin.py` report them.
"""

from __future__ import annotations

import re
from itertools import chain

from hogo.adapters.recognizers.base import occurrences
from hogo.adapters.recognizers.gazetteer import gazetteer
from hogo.adapters.recognizers.latin_words import (
    LATIN_NAME,
    ORGANISATION_WORDS,
    WORDS_TOO,
    filler,
    is_given,
    is_surname,
)
from hogo.adapters.recognizers.needles import register
from hogo.adapters.recognizers.surnames import SURNAMES

Span = tuple[int, int, float]
_KANJI = "\u4e00-\u9fff々ヶ"
_TIME = r"(?:[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?: ?[AaPp]\.?[Mm]\.?)?|[0-9]{4}h)"
_SPEAKER_LINE = (
    rf"[ \t>]*(?:\[?{_TIME}\]? )?(?P<who>[A-ZÀ-Þ][a-zß-ÿ'\-]+(?: [A-ZÀ-Þ][a-zß-ÿ'\-]+)?)"
    rf"(?P<time> \(?{_TIME}\)?)?: "
)
_LATIN_SPEAKER = re.compile(rf"\n{_SPEAKER_LINE}")
"""A line (found at its line break, a literal the engine looks for in C): a name, a time, a colon."""
_FIRST_SPEAKER = re.compile(_SPEAKER_LINE)
_HEADER_WORDS = frozenset(
    [
        "From",
        "Subject",
        "Date",
        "Sent",
        "Note",
        "Notes",
        "Reply",
        "Fwd",
        "Re",
        "Cc",
        "Bcc",
        "Attachment",
        "Attachments",
        "Action",
        "Update",
        "Status",
        "Summary",
        "Agenda",
        "Time",
        "Location",
        "Place",
        "Address",
        "Phone",
        "Email",
        "Mobile",
        "Tel",
        "Fax",
        "Total",
        "Price",
        "Amount",
        "Order",
        "Invoice",
        "Reference",
        "Ref",
        "Warning",
        "Error",
        "Info",
        "Debug",
        "Question",
        "Answer",
        "Comment",
        "Comments",
        "Remarks",
        "Result",
        "Results",
        "Example",
        "Tip",
        "Step",
        "Name",
        "Customer",
    ]
)
"""Words that begin a line before a colon as a heading or a field does, not as a speaker."""
_JA_SPEAKER = re.compile(
    r"\n[ \t]*\[?(?:午前|午後)?[0-9]{1,2}(?::[0-9]{2}|時(?:[0-9]{1,2}分)?)\]?[ \t]+"
    rf"(?P<who>[{_KANJI}]{{1,5}}|[\u3041-\u3096]{{2,6}}|[\u30a1-\u30fa\u30fc]{{2,8}})[ \t]"
)
_NOT_NAME_ENDINGS = frozenset("所地先号室部課店社局署館院園駅線橋港寺都道府県市区町村郡欄名")
"""本店所在地 〒…, 新住所 〒…: a label before 〒 ends so; a name does not."""
_VCARD_NAME = re.compile(r"\n(?:FN|N)(?:;[^:\n]{0,40})?:(?P<value>[^\n;][^\n]{0,60})")
_NAME_LINE = re.compile(
    r"(?:> ?)?(?P<who>"
    rf"[{_KANJI}]{{2,5}}(?:[ \u3000]{{1,2}}|\n)?[{_KANJI}\u3041-\u3096\u30a1-\u30fa\u30fc]{{0,5}}"
    r"|[\u30a1-\u30fa\u30fc]{4,12}|[\u30a1-\u30fa\u30fc]{2,7}[ \u3000][\u30a1-\u30fa\u30fc]{2,7}"
    r"|[\u3041-\u3096]{2,6}[ \u3000][\u3041-\u3096]{2,6}"
    r"|[A-ZÀ-Þ][\w'.\-]*(?: [A-ZÀ-Þ][\w'.\-]*){1,3})"
    r"(?: ?様)?"
)
"""A line that is a name (a kanji name may be broken over two lines, as a scan reads it)."""
_CONTACT_LINE = re.compile(r"\n(?:> ?)?(?:電話|TEL|Tel|〒|携帯|[0-9]{1,5}[A-Z]? [A-Z])")
"""The line after a name line: a phone, a postal code, a house number (found at its line break)."""
_TALK_WITH = re.compile(r"\[LINE\] ?(?P<who>[^\s\[\]]{1,12}?)とのトーク")
_JSON_NAME = re.compile(
    r'"(?:name|full_?name|fullName|customer(?:_?[Nn]ame)?|user_?[Nn]ame|contact(?:_?[Nn]ame)?|recipient)" ?: ?"'
    r'(?P<value>[^"\n]{3,40})"'
)
_TASK_OWNER = re.compile(
    r"\n[-*•] (?P<label>Action: |Owner: |TODO: )?(?P<who>[A-ZÀ-Þ][\w'\-]+) (?:will|to|to follow up|owns) "
)
_ATTENDEE_LABELS = ("出席者", "参加者", "同席者", "Attendees", "ATTENDEES", "Participants", "Present", "Invitees")
_LIST_SEPARATORS = re.compile(r"[/／,，、;；・]| and ")
_JA_TITLES = re.compile(r"(?:（記）|\(記\)|部長|課長|係長|次長|社長|室長|主任|さん|様|氏)+$")
_LATIN_ATTENDEE = re.compile(rf"{LATIN_NAME}")
_EMAIL_AFTER = re.compile(r" <[^\s<>@]{1,64}@[^\s<>@]{1,255}>")
_NAME_BEFORE_EMAIL = re.compile(
    rf"\"?(?P<who>(?:[A-ZÀ-Þ][\w'.\-]*)(?: [A-ZÀ-Þ][\w'.\-]*){{0,3}}"
    rf"|[{_KANJI}]{{1,5}}(?:[ \u3000]?[{_KANJI}]{{1,5}})?)\"?$"
)


def _listed_ja(run: str) -> bool:
    """A listed surname (of one kanji only a common one), or a listed surname and given name, or a given name's
    reading in kana."""
    names = gazetteer()
    if run in SURNAMES or (len(run) > 1 and run in names.ja_surnames) or run in names.ja_given_kana:
        return True
    return any(run[:k] in names.ja_surnames and run[k:] in names.ja_given for k in range(1, len(run)))


def chat_speakers_latin(text: str) -> list[Span]:
    """`Douglas 7:00 pm: …` at a line's start."""
    listed: list[Span] = []
    timed: list[Span] = []
    unlisted: list[Span] = []
    first_line = _FIRST_SPEAKER.match(text)
    for m in chain([first_line] if first_line is not None else [], _LATIN_SPEAKER.finditer(text)):
        who = m.group("who")
        first = who.split(" ", 1)[0]
        if first in _HEADER_WORDS or len(first) < 3:
            continue
        span = (m.start("who"), m.end("who"), 0.75)
        timed_line = m.group("time") is not None or text[m.start("who") - 1 : m.start("who")] == " "
        if is_given(first) and first not in WORDS_TOO:
            (timed if timed_line else listed).append(span)
        elif timed_line:
            unlisted.append(span)
    # a transcript: two speaker lines at least; a listed name on a timed line stands alone
    if len(listed) + len(timed) + len(unlisted) >= 2:
        return listed + timed + unlisted
    return timed


def chat_speakers_japanese(text: str) -> list[Span]:
    """`11:00 けいすけ 今日の…`: a line that starts with a time, then a name, then the message; the name listed
    (a surname, a given name, a reading), or the same one on two lines (a transcript's speaker comes back). And the
    other party of a LINE export (`[LINE] 山田太郎とのトーク`)."""
    found: list[Span] = []
    seen: dict[str, list[Span]] = {}
    names = gazetteer()
    for m in _JA_SPEAKER.finditer(text):
        who, span = m.group("who"), (m.start("who"), m.end("who"), 0.75)
        if _listed_ja(who) or who in names.ja_given:
            found.append(span)
        else:
            seen.setdefault(who, []).append(span)
    found.extend(span for spans in seen.values() if len(spans) >= 2 for span in spans)
    for m in _TALK_WITH.finditer(text):
        found.append((m.start("who"), m.end("who"), 0.8))
    return found


def vcard_names(text: str) -> list[Span]:
    """A vCard's `FN:` (the formatted name) and `N:` (`Family;Given;;;`) lines."""
    found: list[Span] = []
    for m in _VCARD_NAME.finditer(text):
        value = m.group("value").rstrip(";")
        if any(c.isalpha() for c in value):
            found.append((m.start("value"), m.start("value") + len(value), 0.85))
    return found


_COUNTRIES = frozenset(
    (
        *("UNITED KINGDOM", "UNITED STATES", "NEW ZEALAND", "SOUTH AFRICA", "SOUTH KOREA", "HONG KONG", "SRI LANKA"),
        *("SAUDI ARABIA", "UNITED ARAB EMIRATES", "COSTA RICA", "PUERTO RICO", "NORTH MACEDONIA", "CZECH REPUBLIC"),
        *("DOMINICAN REPUBLIC", "EL SALVADOR", "NEW CALEDONIA", "PAPUA NEW GUINEA", "GREAT BRITAIN"),
    )
)
"""Countries of two words and more, alone on an address's last line (`NEW ZEALAND⏎TEL …`): no name."""


def name_lines(text: str) -> list[Span]:
    """A line that holds a name alone, next to contact data: the line after it begins with 電話, TEL, 〒 or a house
    number, or 〒 follows the name on its line (`鬼塚匠 〒215-5978 …`): a letter's
    signature, an address book, a shipping label. The name: a listed surname first (kanji), two listed readings
    (kana), or two or three capitalised words (Latin, no company word)."""
    found: list[Span] = []
    ends = [m.start() for m in _CONTACT_LINE.finditer(text)]
    at = text.find(" 〒")
    while at != -1:
        ends.append(at)
        at = text.find(" 〒", at + 2)
    for end in ends:
        start = text.rfind("\n", max(0, end - 30), end) + 1
        m = _NAME_LINE.fullmatch(text, start, end) if start > 0 else None
        if m is None and start > 1 and end - start <= 4:  # 蒲生⏎結衣: a name a scan broke over two lines
            start = text.rfind("\n", max(0, start - 8), start - 1) + 1
            m = _NAME_LINE.fullmatch(text, start, end) if start > 0 else None
        if m is None:
            continue
        who = m.group("who")
        if "\u4e00" <= who[0] <= "\u9fff":
            surname = re.split(r"[ \u3000\n]", who, maxsplit=1)[0]
            keep = who[-1] not in _NOT_NAME_ENDINGS and any(
                surname[:k] in gazetteer().ja_surnames for k in range(min(4, len(surname)), 0, -1)
            )
        elif "\u30a1" <= who[0] <= "\u30fc" or "\u3041" <= who[0] <= "\u3096":
            keep = _kana_pair(who)
        else:
            latin = _LATIN_ATTENDEE.fullmatch(who)
            keep = (
                latin is not None
                and who.upper() not in _COUNTRIES
                and " " in who
                and who.rsplit(" ", 1)[-1].rstrip(".") not in ORGANISATION_WORDS
                and not filler(who)
            )
        if keep:
            found.append((m.start("who"), m.end("who"), 0.7))
    return found


_PART = r"(?:\((?:漢字|カナ|フリガナ|ふりがな)\))?"
_PART_VALUE = (
    rf"(?P<v>[{_KANJI}]{{1,4}}|[\u30a1-\u30fa\u30fc]{{1,8}}|[\u3041-\u3096]{{1,8}})(?![{_KANJI}\u3041-\u30ff])"
)
_SPLIT_WORDS = register(("姓", "セイ", "名字", "苗字", "名:", "名 :", "メイ", "名(", "(姓)", "(名)"))
_SPLIT_PART = re.compile(rf"{_PART} ?: ?{_PART_VALUE}")
_SPLIT_BRACKETED = re.compile(rf"\) ?:? ?{_PART_VALUE}")
_SPLIT_BEFORE = frozenset(" \t\n|,/旧")
_SPLIT_PAIR = re.compile(rf" (?P<v>[{_KANJI}]{{1,4}})  ?名 (?P<g>[{_KANJI}]{{1,4}})(?![{_KANJI}\u3041-\u30ff])")


def split_names(text: str) -> list[Span]:
    """A name split in two fields, as forms write it: `姓：山田 名：太郎`, `セイ:ヤマダ メイ:タロウ`, `名(カナ):タロウ`,
    `氏名(姓)山田`, `旧姓:佐藤`, `姓 山田 名 太郎`. Each part after a colon is a name when its word starts the line or
    follows a space, a tab, a cell's bar or a bracket (`氏名:` and `品名:` are other words); without colons, only a
    pair of both parts."""
    found: list[Span] = []
    for at, after in occurrences(text, _SPLIT_WORDS):
        if text[at] == "(":  # 氏名(姓)山田 氏名(名)太郎
            m = _SPLIT_BRACKETED.match(text, after - 1)
        elif at > 0 and text[at - 1] not in _SPLIT_BEFORE:
            continue
        else:
            m = _SPLIT_PART.match(text, after - 1 if text[after - 1] in ":(" else after)
        if m is not None:
            found.append((m.start("v"), m.end("v"), 0.8))
        elif text[at] == "姓" and (pair := _SPLIT_PAIR.match(text, after)) is not None:
            found.extend(((pair.start("v"), pair.end("v"), 0.8), (pair.start("g"), pair.end("g"), 0.8)))
    return found


def _kana_pair(run: str) -> bool:
    names = gazetteer()
    parts = run.replace("\u3000", " ").split(" ")
    if len(parts) == 2:
        return parts[0] in names.ja_surname_kana
    return any(run[:k] in names.ja_surname_kana and run[k:] in names.ja_given_kana for k in range(2, len(run) - 1))


def json_names(text: str) -> list[Span]:
    """`"name":"TAMAKI Osamu"`: a Latin name as the value of a name key (a Japanese one is found by `names.py`)."""
    found: list[Span] = []
    for m in _JSON_NAME.finditer(text):
        value = _LATIN_ATTENDEE.fullmatch(m.group("value"))
        if (
            value is not None
            and not filler(m.group("value"))
            and value.group("name").split(" ")[-1] not in ORGANISATION_WORDS
        ):
            found.append((m.start("value"), m.end("value"), 0.8))
    return found


def task_owners(text: str) -> list[Span]:
    """`- Sarah will draft the newsletter`, `- Action: Clark to follow up`: a listed name opening an action item."""
    found: list[Span] = []
    for m in _TASK_OWNER.finditer(text):
        who = m.group("who")
        if is_given(who) or is_surname(who) or (m.group("label") and who not in _HEADER_WORDS):
            found.append((m.start("who"), m.end("who"), 0.7))
    return found


def attendees(text: str) -> list[Span]:
    """The names in the list after 出席者： or Attendees: (to the line's end)."""
    found: list[Span] = []
    for _, after in occurrences(text, _ATTENDEE_LABELS):
        if text[after : after + 1] not in {":", "："}:
            continue
        end = text.find("\n", after)
        end = len(text) if end == -1 else end
        pos = after + 1
        for sep in [*_LIST_SEPARATORS.finditer(text, pos, end), None]:
            stop = sep.start() if sep is not None else end
            span = _attendee(text, pos, stop)
            if span is not None:
                found.append(span)
            pos = sep.end() if sep is not None else end
    return found


_DEPARTMENT = re.compile(rf" ?\([{_KANJI}]{{1,8}}(?:部|課|室|係|局|センター|支店)\)")
"""A department in brackets after an attendee (`早川(営業部)`), left out as a title is."""


def _attendee(text: str, start: int, end: int) -> Span | None:
    item = text[start:end]
    lead = len(item) - len(item.lstrip(" \u3000"))
    item = item.strip(" \u3000")
    if not item:
        return None
    start += lead
    if "\u4e00" <= item[0] <= "\u9fff":
        name = _JA_TITLES.sub("", _DEPARTMENT.sub("", item)).rstrip(" \u3000")  # 早川(営業部)課長
        surname = name.split(" ", 1)[0].split("\u3000", 1)[0]
        if (
            name
            and re.fullmatch(rf"[{_KANJI}]{{1,5}}(?:[ \u3000]{{1,2}}[{_KANJI}]{{1,4}})?", name)
            and (_listed_ja(surname) or any(surname[:k] in gazetteer().ja_surnames for k in (2, 3)))
        ):
            return start, start + len(name), 0.75
        return None
    m = _LATIN_ATTENDEE.fullmatch(item)
    if m is None or m.group("name").rsplit(" ", 1)[-1].rstrip(".") in ORGANISATION_WORDS or filler(item):
        return None
    return start, start + len(item), 0.75


def display_names(text: str) -> list[Span]:
    """`Luca Oliveira <oliveira@example.com>`: two to four capitalised words, one listed name, or a Japanese name
    beginning with a listed surname, just before an address in angle brackets."""
    found: list[Span] = []
    for email in _EMAIL_AFTER.finditer(text):
        m = _NAME_BEFORE_EMAIL.search(text, max(0, email.start() - 40), email.start())
        if m is None or (m.start("who") > 0 and text[m.start("who") - 1].isalnum()):
            continue
        who = m.group("who")
        words = who.split(" ")
        if "\u4e00" <= who[0] <= "\u9fff":
            surname = who.split(" ", 1)[0].split("\u3000", 1)[0]
            keep = any(surname[:k] in gazetteer().ja_surnames for k in range(1, min(4, len(surname)) + 1))
        else:
            keep = (len(words) >= 2 or is_given(who)) and words[-1].rstrip(".") not in ORGANISATION_WORDS
        if keep and not filler(who):
            found.append((m.start("who"), m.end("who"), 0.8))
    return found


register(_ATTENDEE_LABELS)  # in the automaton before the first scan
