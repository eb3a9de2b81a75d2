"""Person names in writings that business text shares across templates, found by their form, not by a list.

- An airline booking (PNR): the passenger element `1.SMITH/JOHN MR` (a surname, a slash, the given names and a
  title: MR, MRS, MS, MSTR, MISS, CHD, INF, DR) and the name that ends an `SSR DOCS` line
  (`…/JPN/12OCT85/M/19AUG30/SMITH/JOHN`).
- A letter's or e-mail's sign-off: `Thanks, Aleksandra`, `Regards,⏎Jack López` (one to three capitalised words
  that end the line, not a team or a common word).
- A transcript's speaker without a time (`Anna (agent): Hi …`; `Ayşe: sure` on two lines or more of a transcript
  that has a role in brackets, or a listed given name).
- A Japanese name before という方 or と名乗る (`店員の月見里という方`); `Surname, Given` after a form's name label
  (`Name (Last, First, MI): Chowdhury, Declan`, `Guest:`); a note's author in brackets (`Internal note (Aoife …):`).
- The writer in a reply's quote header (`On 6 Nov 2023, Rhys Wiśniewski wrote:`).
- Someone talked to in a note: `Spoke with Yusuf about …`, `Called Sven re: …` (a capitalised word after the verb,
  not a common word).

Each function returns (start, end, score) spans; `names_latin.py` reports them.
"""

from __future__ import annotations

import re

from hogo.adapters.recognizers.base import occurrences
from hogo.adapters.recognizers.latin_words import ORGANISATION_WORDS, WORD, filler, is_given
from hogo.adapters.recognizers.needles import register

Span = tuple[int, int, float]
Hits = list[tuple[int, int]]

_PNR_TITLES = (" MR", " MRS", " MS", " MSTR", " MISS", " CHD", " INF", " DR")
_PNR_NAME = re.compile(
    r"(?:^|(?<=\s))[0-9]{1,2}\.(?:[0-9]{1,2})?(?P<name>[A-Z][A-Z'\-]+/[A-Z][A-Z'\-]*(?: [A-Z][A-Z'\-]*)?)$"
)
_DOCS = ("SSR DOCS", "SSR DOCO", "SSRDOCS")
_DOCS_NAME = re.compile(r"[^\n]{0,80}?/[MFU]I?/[^/\n]{0,9}/(?P<name>[A-Z][A-Z'\-]+/[A-Z][A-Z'\- ]*[A-Z])(?![A-Za-z])")
_SIGN_OFFS = (
    "Thanks,",
    "Thank you,",
    "Regards,",
    "Best regards,",
    "Kind regards,",
    "Best,",
    "Cheers,",
    "Sincerely,",
    "Warm regards,",
    "Many thanks,",
    "Thanks again,",
    "Yours,",
)
_SIGNED = re.compile(rf"[ \n](?P<name>{WORD}(?: {WORD}){{0,2}}) *(?:\n|$)")
_NOT_SIGNERS = frozenset(
    "Team All Everyone Support Staff Customer Service Management Sales HR Admin Office".split()  # noqa: SIM905
)
_TALKED = (
    *("Spoke with ", "spoke with ", "Spoke to ", "spoke to ", "Talked to ", "talked to ", "Talked with "),
    *("talked with ", "Met with ", "met with ", "Called ", "called ", "Emailed ", "emailed ", "Phoned ", "phoned "),
)
_TALKED_TO = re.compile(rf"(?P<name>{WORD}(?: {WORD})?)(?= (?:about|re|regarding|on|today|yesterday|and)\b|[.,;:])")


_SPEAKER = re.compile(r"\n(?P<name>[A-Z][^\s:()]{1,20})(?P<role> \([a-z]{2,8}\))?: ")
"""Found at the line break before it (a literal `re` looks for in C), the text's first line read as if one were."""
_SPEAKER_NAME = re.compile(WORD)
_ROLES = frozenset(("(agent)", "(customer)", "(caller)", "(client)", "(support)", "(rep)", "(operator)", "(staff)"))
"""The roles a transcript puts in brackets after a speaker's name."""
_NOT_SPEAKERS = frozenset(
    """Subject From To Date Note Notes Email Phone Tel Address Name Re Cc Total Status Summary Action Question Answer
    Customer Agent Caller Client Operator Guest Host System Bot Admin Update Reply Warning Error Info Reason Result
    Comment Comments Description Details Location Time Type Source Reference Ref Order Item Price Amount""".split()  # noqa: SIM905
)


def transcript_speakers(text: str) -> list[Span]:
    """A chat or call transcript's speakers without a time: `Anna (agent): Hi …` (a role in brackets says it), or
    `Ayşe: sure, …` where the same word opens two lines or more."""
    found: list[Span] = []
    if ": " not in text:
        return found
    matches = [
        m
        for m in _SPEAKER.finditer("\n" + text if text[:1].isupper() else text)
        if m.group("name") not in _NOT_SPEAKERS
        and _SPEAKER_NAME.fullmatch(m.group("name"))
        and (m.group("role") is None or m.group("role")[1:] in _ROLES)
    ]
    if not matches:
        return found
    transcript = any(m.group("role") for m in matches)  # `Ticket:` twice in a log is a label, not a speaker
    counts: dict[str, int] = {}
    for m in matches:
        counts[m.group("name")] = counts.get(m.group("name"), 0) + 1
    for m in matches:
        name = m.group("name")
        if (m.group("role") or (counts[name] >= 2 and (transcript or is_given(name)))) and _personal(name):
            shift = 1 if text[:1].isupper() else 0  # the line break put before the text
            found.append((m.start("name") - shift, m.end("name") - shift, 0.7))
    return found


_WROTE = (" wrote:", " schrieb:", " a écrit :", " a écrit:", " escribió:")
_WRITER = re.compile(rf"(?:^|\n|, |> )(?P<name>{WORD}(?: {WORD}){{0,2}})(?: <[^<>\s]+@[^<>\s]+>)?$")


def quoted_writers(text: str, hits: Hits) -> list[Span]:
    """The writer in a reply's quote header: `On 6 Nov 2023, Rhys Wiśniewski wrote:`, `Am …, Anna Weber schrieb:`."""
    found: list[Span] = []
    for at, _ in hits:
        m = _WRITER.search(text, max(0, at - 80), at)
        if m is not None and _personal(m.group("name")):
            found.append((m.start("name"), m.end("name"), 0.75))
    return found


_SURNAME_FIRST_LABELS = ("Name (", "NAME (", "Guest:", "Passenger:", "Patient:", "Applicant:", "Insured:")
_SURNAME_FIRST = re.compile(rf"[^:\n]{{0,24}}: (?P<name>{WORD}, {WORD}(?: [A-Z]\.?)?)(?=[ \t]*(?:\n|$)|  )")
"""After a form's name label, `Surname, Given` (`Name (Last, First, MI): Chowdhury, Declan`, `Guest: Mwangi,
Sergei`)."""
_AUTHOR_OPEN = ("note (", "Note (", "NOTE (", "comment (", "Comment (", "remark (", "memo (", "Memo (")
_AUTHOR = re.compile(rf"(?P<name>{WORD} {WORD})\):")


_CALLED = register(("という方", "という者", "という人", "と名乗"))
_CALLED_RUN = re.compile(r"(?<=[の、。は\n ])[\u4e00-\u9fff々]{2,4}$")
_NOT_CALLED = frozenset("所地先号室部課店社局署館院園駅線橋港寺都道府県市区町村郡様長員")
"""What a word that names a place, a company or a post ends with (営業部という方 names a department)."""


def called_names(text: str) -> list[Span]:
    """A surname before という方 / と名乗る (`店員の月見里という方`), listed or not: the phrase says a person is
    named."""
    found: list[Span] = []
    for at, _ in occurrences(text, _CALLED):
        m = _CALLED_RUN.search(text, max(0, at - 5), at)
        if m is not None and m.group()[-1] not in _NOT_CALLED:
            found.append((m.start(), m.end(), 0.7))
    return found


def surname_first(text: str, hits: Hits) -> list[Span]:
    found: list[Span] = []
    for _, after in hits:
        m = _SURNAME_FIRST.match(text, after - 1)
        if m is not None:
            found.append((m.start("name"), m.end("name"), 0.75))
    return found


def bracketed_authors(text: str, hits: Hits) -> list[Span]:
    """The author of a note in brackets before its colon: `-- Internal note (Aoife Featherstonehaugh): …`."""
    found: list[Span] = []
    for _, after in hits:
        m = _AUTHOR.match(text, after)
        if m is not None and _personal(m.group("name")):
            found.append((m.start("name"), m.end("name"), 0.7))
    return found


def pnr_names(text: str, hits: Hits, docs: Hits) -> list[Span]:
    """The passengers of an airline booking: `1.SMITH/JOHN MR` and the name at the end of `SSR DOCS`."""
    found: list[Span] = []
    for at, after in hits:
        if text[after : after + 1].isalpha():
            continue  # ` MRS` is found as ` MR` too; ` MSTR` as ` MS`
        m = _PNR_NAME.search(text, max(0, at - 40), at)
        if m is not None:
            found.append((m.start("name"), m.end("name"), 0.8))
    for _, after in docs:
        m = _DOCS_NAME.match(text, after)
        if m is not None:
            found.append((m.start("name"), m.end("name"), 0.8))
    return found


def signed_names(text: str, hits: Hits) -> list[Span]:
    """The name after a sign-off, on its line or on the next one."""
    found: list[Span] = []
    for at, after in hits:
        if at > 0 and text[at - 1] not in " \n>":
            continue
        m = _SIGNED.match(text, after, min(len(text), after + 60))
        if m is not None and _personal(m.group("name")):
            found.append((m.start("name"), m.end("name"), 0.7))
    return found


def _personal(name: str) -> bool:
    """Not a team, a company or a common word."""
    words = name.split(" ")
    return _NOT_SIGNERS.isdisjoint(words) and words[-1] not in ORGANISATION_WORDS and not filler(name)


def talked_to(text: str, hits: Hits) -> list[Span]:
    """The person a note says someone spoke with, called or e-mailed."""
    found: list[Span] = []
    for at, after in hits:
        if at > 0 and text[at - 1].isalpha():
            continue  # `called`, not `recalled`
        m = _TALKED_TO.match(text, after)
        if m is not None and _personal(m.group("name")):
            found.append((m.start("name"), m.end("name"), 0.7))
    return found


_LATIN_SETS = {
    "pnr": _PNR_TITLES,
    "docs": _DOCS,
    "sign": _SIGN_OFFS,
    "talked": _TALKED,
    "wrote": _WROTE,
    "label": _SURNAME_FIRST_LABELS,
    "author": _AUTHOR_OPEN,
}
_LATIN_WORDS = register(tuple(w for words in _LATIN_SETS.values() for w in words))
_KIND = {w: kind for kind, words in _LATIN_SETS.items() for w in words}


def latin_form_names(text: str) -> list[Span]:
    """Every Latin-letter form above, from one look-up of all their words in the shared pass (a call per set
    costs more than the look-up on the many short texts of a table)."""
    found = occurrences(text, _LATIN_WORDS)
    if not found:
        return []
    hits: dict[str, Hits] = {kind: [] for kind in _LATIN_SETS}
    for at, after in found:
        hits[_KIND[text[at:after]]].append((at, after))
    return [
        *pnr_names(text, hits["pnr"], hits["docs"]),
        *signed_names(text, hits["sign"]),
        *talked_to(text, hits["talked"]),
        *quoted_writers(text, hits["wrote"]),
        *surname_first(text, hits["label"]),
        *bracketed_authors(text, hits["author"]),
    ]
