"""Person names. No dictionary of given names and no NLP model: a name is found by its context.

- Japanese: after a label (氏名, お名前, フリガナ, 契約者, …) any 1–12 kanji/kana with one optional space;
  before an honorific (様, さん, 殿, 氏, 君, くん, ちゃん) only when it begins with a common surname.
- Latin: after a title (Mr, Mrs, Ms, Dr, Prof), after a label (Name:, Customer:, Dear …), one to three
  capitalised words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from hogo.adapters.recognizers.base import Finding, Recognizer, occurrences
from hogo.adapters.recognizers.surnames import MAX_SURNAME, SURNAMES

_KANJI = "\u4e00-\u9fff々ヶ"
_KANA = "\u30a1-\u30fa\u30fc"
_HIRA = "\u3041-\u3096"
_LABELS = (
    "氏名",
    "お名前",
    "名前",
    "フリガナ",
    "ふりがな",
    "契約者",
    "申込者",
    "受取人",
    "ご依頼主",
    "担当者",
    "患者名",
    "氏 名",
)
_AFTER_LABEL = re.compile(
    r"名?(?:\((?:漢字|カナ)\))?(?:\s?[:：]\s?|\s)"  # a colon or a space after the label: 名前入力欄 is no name
    rf"(?P<name>[{_KANJI}]{{1,5}}(?: ?[{_KANJI}]{{1,5}})?"
    rf"|[{_KANA}]{{1,8}}(?: ?[{_KANA}]{{1,8}})?|[{_HIRA}]{{1,8}} [{_HIRA}]{{1,8}})"
)
_HONORIFICS = ("様", "さん", "殿", "くん", "ちゃん", "氏", "君")
_BEFORE = re.compile(
    rf"([{_KANJI}]{{1,5}}"
    rf"(?: ?(?:[{_KANJI}]{{1,4}}|[{_HIRA}]{{2,4}}|[{_HIRA}]{{1,3}}[子美江恵代奈]|[{_KANA}]{{2,5}}))?) ?$"
)


class JapaneseName(Recognizer):
    entity = "PERSON"
    name = "person_ja"

    def find(self, text: str) -> Iterator[Finding]:
        for _, after in occurrences(text, _LABELS):
            m = _AFTER_LABEL.match(text, after)
            if m is not None:
                yield self.finding(m.start("name"), m.end("name"), 0.85)
        for at, after in occurrences(text, _HONORIFICS):
            if text[at] == "氏" and text[after : after + 1] == "名":
                continue
            before = _BEFORE.search(text, max(0, at - 10), at)
            if before is None:
                continue
            start = self._surname_start(before.group(1))
            if start is not None:
                yield self.finding(before.start() + start, before.end(1), 0.8)

    @staticmethod
    def _surname_start(run: str) -> int | None:
        """Where a common surname starts such that at most 4 characters of given name follow it."""
        for k in range(len(run)):
            for size in range(MAX_SURNAME, 0, -1):
                if run[k : k + size] in SURNAMES and len(run) - k - size - (" " in run[k:]) <= 4:
                    return k
        return None


_WORD = r"[A-Z\u00c0-\u00de][a-z\u00df-\u00ff\u0100-\u017f'\-]+"
_LATIN_NAME = rf"(?P<name>{_WORD}(?: (?:[A-Z]\. )?{_WORD}){{0,2}})"
_TITLES = ("Mr", "Ms", "Miss", "Mx", "Dr", "Prof", "Dear")
_AFTER_TITLE = re.compile(rf"(?:s|rs)?\.? {_LATIN_NAME}")
_AFTER_COLON = re.compile(rf" ?{_LATIN_NAME}")
_LATIN_LABEL_BEFORE = re.compile(
    r"(?:[Ff]ull|[Ff]irst|[Ll]ast|[Gg]iven|[Ff]amily|[Mm]iddle|[Cc]ustomer|[Cc]ontact|[Ee]mployee|[Pp]atient|"
    r"[Aa]pplicant|[Uu]ser|[Mm]ember|[Pp]erson|[Cc]ardholder|[Hh]older) ?[Nn]ame ?$|(?<![A-Za-z] )(?:[Nn]ame|NAME) ?$"
    r"|(?:[Ss]urname|[Cc]ustomer|[Cc]ontact|[Ee]mployee|[Pp]atient|[Aa]pplicant) ?$"
)
_LABEL_LAST_LETTERS = frozenset("eErRtT")
_NOT_NAMES = frozenset(
    {
        "Mr",
        "Mrs",
        "Ms",
        "Miss",
        "Dr",
        "Prof",
        "The",
        "This",
        "That",
        "Customer",
        "Service",
        "Support",
        "Team",
        "Sir",
        "Madam",
        "All",
    }
)


class LatinName(Recognizer):
    entity = "PERSON"
    name = "person_latin"

    def find(self, text: str) -> Iterator[Finding]:
        for at, after in occurrences(text, _TITLES):
            if at > 0 and text[at - 1].isalpha():
                continue
            m = _AFTER_TITLE.match(text, after)
            if m is not None and m.group("name").split(" ", 1)[0] not in _NOT_NAMES:
                yield self.finding(
                    m.start("name"), m.end("name"), 0.75 if text[at] == "D" and text[at + 1] == "e" else 0.85
                )
        for at, after in occurrences(text, (":", "：")):  # "Name: …": found at the colon, the label read backwards
            if text[at - 1 if text[at - 1 : at] != " " else at - 2 : at][-1:] not in _LABEL_LAST_LETTERS:
                continue  # every label ends in e, r or t: most colons are not after one
            m = _AFTER_COLON.match(text, after)
            if (
                m is not None
                and _LATIN_LABEL_BEFORE.search(text, max(0, at - 14), at)
                and m.group("name").split(" ", 1)[0] not in _NOT_NAMES
            ):
                yield self.finding(m.start("name"), m.end("name"), 0.75)
