"""Person names in Latin script, found by their context and checked against the US Census name lists.

- After a title (Mr, Mrs, Ms, Dr, Prof, Dear) or a label (Name:, First Name:, Customer:): one to three
  capitalised words, as before any list existed.
- After a role word (customer, user, caller, requester, Assigned to, Ship to, Attn, Regards, …): a name whose
  first word is a listed given name, or `SURNAME, Given` with both listed.
- With no context: a listed given name and a listed surname side by side (`Emily R. Carter`, `JOHN SMITH`), or
  `Carter, Emily`; given names that are everyday words (May, Will, Grant, Rose …) need a context word.

Middle initials and the suffixes Jr., Sr., II, III, IV belong to the name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from hogo.adapters.recognizers import needles
from hogo.adapters.recognizers.base import Finding, Recognizer, find_occurrences, occurrences
from hogo.adapters.recognizers.gazetteer import gazetteer
from hogo.adapters.recognizers.latin_words import (
    LATIN_NAME,
    ORGANISATION_WORDS,
    SUFFIX,
    WORD,
    WORDS_TOO,
    company_follows,
    filler,
    is_given,
    is_surname,
    list_spelling,
)
from hogo.adapters.recognizers.names_forms import latin_form_names, transcript_speakers
from hogo.adapters.recognizers.names_lines import chat_speakers_latin, display_names, json_names, task_owners

_TITLES = ("Mr", "Ms", "Miss", "Mx", "Dr", "Prof", "Dear")
_AFTER_TITLE = re.compile(rf"(?:s|rs)?\.? {LATIN_NAME}")
_AFTER_COLON = re.compile(rf" ?{LATIN_NAME}")
_LATIN_LABEL_BEFORE = re.compile(
    r"(?:[Ff]ull|[Ff]irst|[Ll]ast|[Gg]iven|[Ff]amily|[Mm]iddle|[Cc]ustomer|[Cc]ontact|[Ee]mployee|[Pp]atient|"
    r"[Aa]pplicant|[Uu]ser|[Mm]ember|[Pp]erson|[Cc]ardholder|[Hh]older) ?[Nn]ame ?$|(?<![A-Za-z] )(?:[Nn]ame|NAME) ?$"
    r"|(?:[Ss]urname|[Cc]ustomer|[Cc]ontact|[Ee]mployee|[Pp]atient|[Aa]pplicant) ?$"
)
_LABEL_COLON = re.compile(r"[:：](?:(?<=[eErRtT][:：])|(?<=[eErRtT] [:：]))")
"""A colon after e, r or t (every label ends so, most colons follow something else), a space between or not; the
engine finds the colons in C and the look-behind drops the others there."""
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
        "Everyone",
        "There",
        "Folks",
        "Guys",
        "Friends",
        "Again",
    }
)
_ROLE_WORDS = (
    "customer",
    "user",
    "caller",
    "requester",
    "requestor",
    "assigned to",
    "assignee",
    "ship to",
    "bill to",
    "deliver to",
    "attn",
    "attention",
    "recipient",
    "sender",
    "cardholder",
    "card holder",
    "name on card",
    "guest",
    "patient",
    "applicant",
    "employee",
    "contact",
    "agent",
    "member",
    "account holder",
    "reported by",
    "submitted by",
    "approved by",
    "created by",
    "spoke with",
    "spoke to",
    "regards",
    "sincerely",
    "thanks",
    "cheers",
    "hi",
    "hello",
    "hey",
    "from",
    "owner",
    "driver",
    "client",
    "buyer",
    "purchaser",
    "consignee",
    "tenant",
    "signed",
    "to:",
    "cc:",
    "bcc:",
    "prepared by",
    "reviewed by",
    "checked by",
    "written by",
    "signed by",
    "handled by",
    "requested by",
    "authorized by",
    "authorised by",
    "referred by",
    "attended by",
    "meeting with",
    "call with",
    "contact person",
    "emergency contact",
    "supervisor",
    "representative",
    "technician",
    "engineer",
    "physician",
    "doctor",
    "nurse",
    "teacher",
    "instructor",
    "student",
    "author",
    "interviewer",
    "candidate",
    "passenger",
    "traveler",
    "traveller",
    "visitor",
    "resident",
    "landlord",
    "spouse",
    "beneficiary",
    "policyholder",
    "guarantor",
    "borrower",
    "witness",
    "insured",
    "manager:",
    "best",
    "kind regards",
    "warm regards",
    "yours",
    "call",
    "it's",
    "this is",
    "i'm",
    "i am",
    "my name is",
)
_SIGN_OFFS = frozenset(("regards", "sincerely", "best", "thanks", "cheers", "yours"))
"""Words after which, on the next line, a capitalised run is the writer's name even outside the lists."""
_ROLES = (
    *dict.fromkeys(f for w in _ROLE_WORDS for f in (w, w[0].upper() + w[1:], w.title(), w.upper())),
    *("担当", "宛先", "お届け先", "会員", "ユーザー", "お客様"),
)
_STREET_BEFORE = re.compile(r"[0-9]{1,6}[A-Za-z]? (?:[A-Z][A-Za-z']*\.? ){1,4}$")
"""A house number and capitalised words just before `Dr`: the street's type (Drive), not a doctor."""
_GREETINGS = frozenset(("hi", "hello", "hey"))
_GREETING_END = re.compile(r"[,!] *(?:\n|$)")
_INTRODUCTIONS = frozenset(("it's", "this is", "i'm", "i am", "my name is"))
_BY = frozenset({" by", "ith", "all", "'s", " is"})
"""The ends of role words that a person follows (Prepared by, Meeting with)."""
_ROLE_FORMS = frozenset(_ROLES)
_ROLES_LOWER = tuple(dict.fromkeys(r.lower() for r in _ROLES))
_AFTER_ROLE = re.compile(
    r"(?:s|S)?(?: ?\(?[Nn]ame\)?)?(?: ?[:：#=\-,] ?| ?\n| | ?は ?| ?の ?|様 ?|\t){1,2}"
    rf"(?:(?P<comma>{WORD}|[A-Z]{{2,}}), (?P<given>{WORD}|[A-Z]{{2,}})(?: [A-Z]\.?)?"
    rf"|(?P<caps>[A-Z]{{2,}}(?: [A-Z]\.?)?(?: [A-Z][A-Z'\-]+){{1,2}})|{LATIN_NAME})"
)
_NOT_SUFFIX = r"(?!(?:Jr|Sr|II|III|IV)\b)"
_BARE = re.compile(
    rf"(?P<first>{WORD}|[A-Z]{{2,}})(?: [A-Z]\.?| {_NOT_SUFFIX}{WORD})? {_NOT_SUFFIX}"
    rf"(?P<last>{WORD}|[A-Z]{{2,}}(?:-[A-Z]+)?){SUFFIX}"
)
_WARD_BEFORE = re.compile(r"-(?:ku|gun|cho|machi|chome),? $")
_JA_HONORIFICS = ("-san", "-sama", "-kun", "-chan", "-sensei", "-shi", " san", " sama", " 様", "様")
_ROMAJI_BEFORE = re.compile(r"([A-Z][a-z]+(?: [A-Z][a-z]+)?|[A-Z]{2,}(?: [A-Z]{2,})?|[A-Z]{2,} [A-Z][a-z]+)$")
_TWO_CAPITALS = re.compile(r"[A-Z\u00c0-\u00de][A-Za-z\u00df-\u00ff]+ (?:[A-Z]\.? )?[A-Z\u00c0-\u00de]")
_COMMA_CAPITAL = re.compile(r", (?<=[A-Za-z\u00df-\u00ff'\-], )[A-Z\u00c0-\u00de]")
"""`Carter, Emily` found at its comma (a literal the engine looks for in C, ten times faster than at each capital);
the word before it is read backwards."""
_WORD_CHARS = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'-" + "".join(map(chr, range(0xC0, 0x100)))
)
_COMMA = re.compile(rf"(?P<last>{WORD}|[A-Z]{{2,}}), (?P<first>{WORD}|[A-Z]{{2,}})(?: [A-Z]\.)?")


def _role_occurrences(text: str) -> list[tuple[int, int]]:
    """The role words in their four spellings (customer, Customer, Ship To, SHIP TO). The automaton looks for the
    spellings themselves (one pass for every context word); without it, they are found in the lower-cased text, a
    third of the `str.find` passes. Text whose lower case changes length (İ) is searched as it is."""
    if needles.available():
        found = occurrences(text, _ROLES)
        if not any(_overlapped(text, a, b) for a, b in found if text[a:b].lower() in _BORDERED):
            return found
    lowered = text.lower()
    if len(lowered) != len(text):
        return occurrences(text, _ROLES)
    return [(a, b) for a, b in find_occurrences(lowered, _ROLES_LOWER) if text[a:b] in _ROLE_FORMS]


_BORDERED = frozenset(w for w in _ROLES_LOWER if any(w[:k] == w[-k:] for k in range(1, len(w))))
"""Role words whose beginning is also their end (requester, employee, tenant): in `tenanTenant` the lower-cased
search finds `tenant` at 0 (not a listed spelling, dropped) and so not `Tenant` at 5, which the search for the
spellings finds. Where that happens (never in real text), the lower-cased search decides, so both paths agree."""


def _overlapped(text: str, start: int, end: int) -> bool:
    """Whether the word at `text[start:end]` overlaps another occurrence of itself, in any case."""
    size, lo = end - start, max(0, start - (end - start) + 1)
    word, window = text[start:end].lower(), text[lo : end + size - 1].lower()
    first = window.find(word)
    return (
        len(window) != min(len(text), end + size - 1) - lo or first != start - lo or window.find(word, first + 1) != -1
    )


def _greeted_or_introduced(text: str, at: int, after: int, end: int, name: str) -> bool:
    """`Hi François,` at a line's end, `Hi it's Jean-Pierre, your courier`: one word is a name in a greeting or when
    someone says who they are, listed or not (`Hi team,` and `Hi all,` are not: lower case, or not names)."""
    role = text[at:after].lower()
    if " " in name or name in _NOT_NAMES or name.isupper():
        return False
    if role in _GREETINGS:
        return _GREETING_END.match(text, end) is not None
    return role in _INTRODUCTIONS and text[end : end + 1] in {",", ".", " "}


def _listed_pair(first: str, last: str) -> bool:
    """Given name then surname, or a Japanese name in either order (Taro Yamada, Yamada Taro). A pair that only the
    romanised lists know needs a word of four letters at least (`Go So` are words before they are a name)."""
    names = gazetteer()
    a, b = list_spelling(first), list_spelling(last)
    if a in names.latin_given and (b in names.latin_surnames or b in names.ja_surname_romaji or is_surname(last)):
        return True
    japanese = (a in names.ja_given_romaji and b in names.ja_surname_romaji) or (
        a in names.ja_surname_romaji and b in names.ja_given_romaji
    )
    return japanese and max(len(a), len(b)) >= 4


class LatinName(Recognizer):
    entity = "PERSON"
    name = "person_latin"

    def find(self, text: str) -> Iterator[Finding]:
        yield from self._after_titles(text)
        yield from self._after_labels(text)
        yield from self._after_roles(text)
        yield from self._bare(text)
        yield from self._before_japanese_honorifics(text)
        for start, end, score in chat_speakers_latin(text):
            yield self.finding(start, end, score)
        for start, end, score in [
            *display_names(text),
            *json_names(text),
            *task_owners(text),
            *latin_form_names(text),
            *transcript_speakers(text),
        ]:
            yield self.finding(start, end, score)

    def _before_japanese_honorifics(self, text: str) -> Iterator[Finding]:
        """Yamada-san, Kyoko-sama, Tanaka-sensei: a romanised Japanese name before a Japanese honorific."""
        for at, after in occurrences(text, _JA_HONORIFICS):
            if not (text[at - 1 : at].isascii() and text[at - 1 : at].isalpha()):
                continue  # 山田様, 様 after a space (found as ` 様`): no romanised name before it
            m = _ROMAJI_BEFORE.search(text, max(0, at - 30), at)
            if m is None:
                continue
            if text[at:after] == "-shi" and _WARD_BEFORE.search(text, max(0, m.start(1) - 16), m.start(1)):
                continue  # Nakagyo-ku, Kyoto-shi: a city (市) in an address, not Mr Kyoto
            words = m.group(1).split(" ")
            listed = [is_surname(w) or is_given(w) for w in words]
            if all(listed) or (len(words) == 2 and text[at:after].endswith("様")):  # MIYAKE Minato 様
                yield self.finding(m.start(1), m.end(1), 0.75)
            elif listed[-1]:  # "Thanks Yamada-san": the last word only
                yield self.finding(at - len(words[-1]), at, 0.75)

    def _after_titles(self, text: str) -> Iterator[Finding]:
        for at, after in occurrences(text, _TITLES):
            if at > 0 and text[at - 1].isalpha():
                continue
            if text[at] == "D" and text[at + 1] == "r" and _STREET_BEFORE.search(text, max(0, at - 50), at):
                continue  # 2951 E Main Dr Apt. 12: Drive
            m = _AFTER_TITLE.match(text, after)
            if m is not None and m.group("name").split(" ", 1)[0] not in _NOT_NAMES and not filler(m.group("name")):
                yield self.finding(
                    m.start("name"), m.end("name"), 0.75 if text[at] == "D" and text[at + 1] == "e" else 0.85
                )

    def _after_labels(self, text: str) -> Iterator[Finding]:
        for colon in _LABEL_COLON.finditer(text):  # "Name: …": found at the colon, the label read backwards
            at = colon.start()
            m = _AFTER_COLON.match(text, colon.end())
            if (
                m is not None
                and _LATIN_LABEL_BEFORE.search(text, max(0, at - 14), at)
                and m.group("name").split(" ", 1)[0] not in _NOT_NAMES
                and m.group("name").rsplit(" ", 1)[-1].rstrip(".") not in ORGANISATION_WORDS
                and not filler(m.group("name"))
                and not company_follows(text, m.end("name"))
            ):
                yield self.finding(m.start("name"), m.end("name"), 0.75)

    def _after_roles(self, text: str) -> Iterator[Finding]:
        for at, after in _role_occurrences(text):
            if at > 0 and text[at - 1].isascii() and text[at - 1].isalpha():
                continue  # "superuser", "Multiuser"
            m = _AFTER_ROLE.match(text, after)
            if m is None or company_follows(text, m.end()):
                continue
            if m.group("comma") is not None:
                if (
                    is_surname(m.group("comma"))
                    and is_given(m.group("given"))
                    and not (len(m.group("given")) == 2 and m.group("given").isupper())
                ):
                    yield self.finding(m.start("comma"), m.end(), 0.8)
            elif m.group("caps") is not None:
                if is_given(m.group("caps").split(" ", 1)[0]) or self._labelled_full_name(
                    text, at, after, m.group("caps")
                ):
                    yield self.finding(m.start("caps"), m.end("caps"), 0.8)
            elif m.group("name").split(" ", 1)[0] not in _NOT_NAMES and (
                is_given(m.group("name").split(" ", 1)[0])
                or self._labelled_full_name(text, at, after, m.group("name"))
                or _greeted_or_introduced(text, at, after, m.end("name"), m.group("name"))
            ):
                yield self.finding(m.start("name"), m.end("name"), 0.8)

    @staticmethod
    def _labelled_full_name(text: str, at: int, after: int, name: str) -> bool:
        """`Assigned to: Priya Raman`, `Prepared by Chen Wei`: after a role word and a colon, or after a role word
        that ends in `by` or `with`, two or three capitalised words are a name even when the given name is in no
        list, unless the last says it is a company (Acme Corp, Blue Widget Store)."""
        words = name.split(" ")
        role = text[at:after]
        signed = role.lower().rsplit(" ", 1)[-1] in _SIGN_OFFS and "\n" in text[after : after + 3]
        return (
            (
                text[after : after + 3].lstrip(" ")[:1] in {":", "："}
                or role[-1] == ":"
                or role[-3:].lower() in _BY
                or signed
            )
            and len(words) >= 2
            and not filler(name)
            and words[-1].rstrip(".") not in ORGANISATION_WORDS
        )

    def _bare(self, text: str) -> Iterator[Finding]:
        for candidate in _TWO_CAPITALS.finditer(text):  # a simple pattern finds the places, six times faster
            m = _BARE.match(text, candidate.start())
            if m is None:
                continue
            first, last = m.group("first"), m.group("last")
            if (
                (m.start() and text[m.start() - 1].isalpha())
                or text[m.start() - 2 : m.start() - 1].isdigit()  # 515 Williams Fort: a street, after its number
                or first.isupper() != last.isupper()
                or list_spelling(first) in WORDS_TOO
                or not _listed_pair(first, last)
            ):
                continue
            yield self.finding(m.start(), m.end(), 0.7)
        for comma in _COMMA_CAPITAL.finditer(text):
            start = comma.start()
            while start > 0 and text[start - 1] in _WORD_CHARS and comma.start() - start < 40:
                start -= 1
            while start < comma.start() and not ("A" <= text[start] <= "Z" or "\u00c0" <= text[start] <= "\u00de"):
                start += 1  # xMcDonald: from its first capital, as a pattern would begin (then refused below)
            m = _COMMA.match(text, start)
            if m is not None and (
                (not m.start() or not text[m.start() - 1].isalpha())
                and is_surname(m.group("last"))
                and is_given(m.group("first"))
                and not (len(m.group("first")) == 2 and m.group("first").isupper())  # Boston, MA: a state
                and list_spelling(m.group("first")) not in WORDS_TOO
                and list_spelling(m.group("last")) not in WORDS_TOO
            ):
                yield self.finding(m.start(), m.end(), 0.7)


for _words in (_ROLES, _TITLES, _JA_HONORIFICS):
    needles.register(_words)  # in the automaton before the first scan
