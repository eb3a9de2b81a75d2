"""The words of Latin-script names: what a capitalised name word looks like, the name lists' spelling, which given
names are everyday words too, and what is filler or a company rather than a person (`names_latin.py`,
`names_lines.py`)."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib.resources import files

from hogo.adapters.recognizers.gazetteer import gazetteer

LOWER = "a-z\u00df-\u00ff\u0100-\u017f"
WORD = (
    rf"(?:O'|Mc|Mac|D')?[A-Z\u00c0-\u00de][{LOWER}']+(?:-[A-Z\u00c0-\u00de]?[{LOWER}']+)*"
    rf"(?: (?:de la|de los|van der|van den|von der|de|da|di|du|del|van|von|le|la|dos|das|bin|al) [A-Z][{LOWER}']+)?"
)
"""A capitalised name word: O'Brien, McDonald, Smith-Jones, Zoë, and a surname with its particle (De la Cruz's
`de la Cruz` after a given name, van der Berg)."""
SUFFIX = r"(?:,? (?:Jr\.|Sr\.|Jr\b|Sr\b|III\b|II\b|IV\b))?"
CAPS = r"[A-ZÀ-Þ][A-ZÀ-Þ'\-]+"
LATIN_NAME = (
    rf"(?P<name>[A-Z]\. (?:{WORD}|{CAPS})"  # M. Tran, O. SHARMA
    rf"|{CAPS}(?: [A-Z]\.?)?(?: {CAPS}){{1,2}}(?:,? (?:JR|SR)\.?\b| II\b| III\b)?"  # CHRIS DAVIS, KWAME IVANOVA SR.
    rf"|{CAPS} {WORD}(?! [A-Z])"  # HARA Hinata: a Japanese name, surname first
    rf"|{WORD}(?: (?:[A-Z]\.? )?{WORD}){{0,2}}{SUFFIX})"
)
"""One to three capitalised words, or in capitals, or an initial and a surname, after a title, a label or a role."""
_ORGANISATION = (
    "Inc Corp Corporation Ltd LLC Co Company Group Store Shop Team Support Service Services Department Dept Office "
    "Bank Hotel University College School Hospital Clinic Center Centre Foundation Association Partners Holdings "
    "Systems Solutions Technologies Labs Studio Studios Agency Logistics Express Industries International "
    "Traders Trading Software Books Analytics Consulting Media Foods Motors Electric Pharma Capital Ventures "
    "Networks Digital Design Works Supply Supplies Marketing Realty Insurance Finance Airlines Travel Press "
    "Publishing Partners Enterprises Brothers Bros Associates Co-op Cooperative Restaurant Cafe Bakery Pharmacy"
)
ORGANISATION_WORDS = frozenset(_ORGANISATION.split()) | frozenset(_ORGANISATION.upper().split())
"""A last word that makes a capitalised run a company or a team, not a person (Acme Corp, Blue Widget Store)."""
_NEXT_WORD = re.compile(r",? (&|[A-Z][A-Za-z.\-]*)")


def company_follows(text: str, end: int) -> bool:
    """Whether the words before `end` are the start of a company's name: `Maple & Finch Ltd`, `Redwood Analytics
    LLC` (the word after them says so)."""
    m = _NEXT_WORD.match(text, end)
    return m is not None and (m.group(1) == "&" or m.group(1).rstrip(".") in ORGANISATION_WORDS)


_EVERYDAY_GIVEN_NAMES = (
    "May June April August Will Bill Mark Grant Rose Hope Faith Joy Art Major Dean Chase Price Guy Page Sunny "
    "Summer Autumn Winter Star Sky Rich Long Young King Lane Ray Bob Pat Sue Don Ben Max Van Del Jack Frank Miles "
    "Wade Drew Lee Case Royal Precious Justice Ivory Amber Crystal Ruby Pearl Jewel Harmony Honor Lucky Happy "
    "Else Iris Lily Daisy Holly Ivy Dawn Eve Misty Story Brook Cliff Glen Dale Forest Rod Sandy Bud Buck Chip "
    "Jade Penny Tad Toby Ward Gay Lot Ann Nancy Tom Virginia Carolina Georgia Florida Dakota Houston Austin "
    "Denver Jackson Madison Lincoln Washington Cleveland Charlotte Phoenix Orlando Paris Sydney Vienna Jordan "
    "China India Asia Kenya Trinity Christian Catholic Blue Green Brown Gray Grey Black White Golden Little Love "
    "Mercy Harley Dodge Ford Mercedes Lexus Sterling Neil Noble Bishop Parish Carter Mason Hunter Baker Cook "
    "Taylor Porter Marshal Sergeant"
)
WORDS_TOO = frozenset(_EVERYDAY_GIVEN_NAMES.split())
"""Given names that are everyday words, places or trades too: a bare `Grant Park` or `Will Price` is not a name."""


_LOREM = frozenset(
    """a ab accusamus accusantium ad adipisci adipiscing alias aliqua aliquam aliquid aliquip amet animi anim aperiam
    architecto asperiores aspernatur assumenda at atque aut aute autem beatae blanditiis cillum commodi commodo
    consectetur consequat consequatur consequuntur corporis corrupti culpa cum cumque cupidatat cupiditate debitis
    delectus deleniti deserunt dicta dignissimos distinctio do dolor dolore dolorem doloremque doloribus dolorum
    ducimus duis ea eaque earum eius eiusmod eligendi elit enim eos error esse est et eum eveniet ex excepteur
    excepturi exercitation exercitationem expedita explicabo facere facilis fuga fugiat fugit harum hic id illo illum
    impedit in incididunt incidunt inventore ipsa ipsam ipsum irure iste itaque iure iusto labore laboriosam laboris
    laborum laudantium libero lorem magna magnam magni maiores maxime minim minima minus modi molestiae molestias
    mollit mollitia nam natus necessitatibus nemo neque nesciunt nihil nisi nobis non nostrud nostrum nulla numquam
    obcaecati occaecat odio odit officia officiis omnis optio pariatur perferendis perspiciatis placeat porro
    possimus praesentium proident provident quae quaerat quam quas quasi qui quia quibusdam quidem quis quisquam quo
    quod quos ratione recusandae reiciendis rem repellat repellendus reprehenderit repudiandae rerum saepe sapiente
    sed sequi similique sint sit soluta sunt suscipit tempor tempora tempore temporibus tenetur totam ullam ullamco
    unde ut vel velit veniam veritatis vero vitae voluptas voluptate voluptatem voluptates voluptatibus
    voluptatum""".split()  # noqa: SIM905
)
"""Placeholder Latin (lorem ipsum, as text generators write it): `Mr. Dolor sit amet` is filler, not a person. A word
that is in a name list too (Dolores) stays a name."""


@cache
def _common_words() -> frozenset[str]:
    text = files("hogo.adapters.recognizers").joinpath("data", "en_common_words.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def filler(name: str) -> bool:
    """Placeholder text, not a name: a first word of lorem ipsum, or a single common English word (`Mr. Appear
    season child`, as text generators write); a word in a name list too (Dolores, Young, Hope) stays a name."""
    first = name.split(" ", 1)[0]
    lowered = first.lower()
    if lowered not in _LOREM and (" " in name or lowered not in _common_words()):
        return False
    return not (is_given(first) or is_surname(first))


def list_spelling(word: str) -> str:
    """The lists' spelling: `SMITH` and `Smith` → `Smith`; `O'Brien` → `Obrien` and `McDonald` → `Mcdonald`, as the
    Census writes them (the Japanese romanisations are capitalised the same way); `López` → `Lopez` and `Seán` →
    `Sean`: the lists are in ASCII, people write their accents."""
    if not word.isascii():
        word = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return word.replace("'", "").capitalize() if ("'" in word or not word[1:].islower()) else word


def is_given(word: str) -> bool:
    """A listed given name: US Census, or a Japanese given name's romanisation (Taro, Kyoko)."""
    names, titled = gazetteer(), list_spelling(word)
    return titled in names.latin_given or titled in names.ja_given_romaji


def is_surname(word: str) -> bool:
    names, titled = gazetteer(), list_spelling(word)
    return (
        titled in names.latin_surnames
        or titled in names.ja_surname_romaji
        or ("-" in word and all(is_surname(p) for p in word.split("-")))
    )
