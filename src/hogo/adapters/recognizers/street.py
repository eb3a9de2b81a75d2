"""US and UK street lines and postcodes, found by their shape where the shape is telling.

- A street line: a house number, one to three capitalised words and a street type (Street, Ave, Rd, Lane …),
  with the flat or suite after it (`1600 Pennsylvania Ave NW, Suite 200`).
- A US ZIP code after a state's two letters and a comma-separated city (`Springfield, IL 62704`; not `Order ID
  12345`: ID is Idaho too).
- A UK postcode (`SW1A 1AA`, `M1 1AE`) at the end of an address line: after a comma or at a line's end.

A number and a capitalised word alone (`12 Apples`, `Model 3 Performance`) are not addresses: the street type is
what says so. Addresses of other countries are found only after a label (`labelled.py`).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator

from hogo.adapters.recognizers.base import Finding, Recognizer, standalone

_STREET_TYPES = (
    # USPS Publication 28, Appendix C1 (street suffixes), the common ones, singular and plural, and abbreviations
    "Street|Streets|St|Avenue|Ave|Road|Roads|Rd|Boulevard|Blvd|Lane|Ln|Drive|Drives|Dr|Way|Ways|Court|Courts|Ct|"
    "Place|Pl|Terrace|Ter|Close|Crescent|Parkway|Parkways|Pkwy|Square|Squares|Sq|Highway|Hwy|Row|Gardens?|Mews|"
    "Circles?|Cir|Trail|Trl|Walk|Hills?|Grove|Park|Alley|Bend|Bluffs?|Bridge|Brooks?|Bypass|Canyon|Cape|Causeway|"
    "Centers?|Ctr|Cliffs?|Commons?|Corners?|Cove|Creek|Crossing|Xing|Dale|Dam|Divide|Estates?|Expressway|Expy|"
    "Extension|Falls?|Ferry|Fields?|Flats?|Ford|Forest|Forges?|Forks?|Fort|Freeway|Fwy|Gateway|Glens?|Greens?|"
    "Harbors?|Haven|Heights|Hts|Hollow|Inlet|Islands?|Isle|Junctions?|Keys?|Knolls?|Lakes?|Landing|Lights?|Loop|"
    "Manors?|Meadows?|Mills?|Mission|Motorway|Mount|Mountains?|Orchard|Oval|Overpass|Pass|Path|Pike|Pines?|Plains?|"
    "Plaza|Points?|Ports?|Prairie|Ranch|Rapids?|Rest|Ridges?|River|Route|Run|Shoals?|Shores?|Skyway|Springs?|Spurs?|"
    "Station|Stravenue|Stream|Summit|Throughway|Trace|Track|Trafficway|Tunnel|Turnpike|Underpass|Unions?|Valleys?|"
    "Viaduct|Views?|Villages?|Ville|Vista|Wells?|Neck|Lodge|Curve|Crest|Locks?|Groves?|Course|"
    "Walks|Burgs?|Ramp|Mall|Coves|Loaf|Branch|Camp|Club|Crossroads?|Radial|Via|Parks|Clubs|"
    # Australian and British ones USPS does not list
    "Parade|Pde|Esplanade|Promenade|Quay|Wharf|Rise|Vale|Arcade|Wynd|Tce|Cres|Cl|Hwy|"
    # Indian ones: Marg, Salai, Nagar, Chowk
    "Marg|Salai|Nagar|Chowk"
)
_STREET = re.compile(
    # a house number, not the tail of a longer one (the look-behind lets `re` give up early)
    r"[0-9](?<![0-9A-Za-z][0-9])[0-9]{0,5}[A-Za-z]?"
    r"(?: (?:(?:[NS][EW]?|[EW])\.? )?(?:[A-Z][a-z]+(?:'s)?\.? |[0-9]{1,3}(?:st|nd|rd|th) |[A-Z]{2,3} ){1,4}"
    rf"(?:{_STREET_TYPES})\b\.?(?: (?:NW|NE|SW|SE|N|S|E|W)\b)?"
    r"(?:,? (?:Apt|Apartment|Suite|Ste|Unit|Flat|Fl|Floor|#) ?\.? ?[0-9A-Z]{1,5}\b)?"
    # the street type first, as French, Québécois and Belgian addresses write it: 1192 rue Sainte-Catherine O
    r"|,? (?:[Rr]ue|avenue|boulevard|boul\.|chemin|allée|impasse|quai|cours|place|route) "
    r"(?:(?:de la|de|du|des|d') ?)?[A-ZÀ-Þ][\w'\-]+(?: [A-ZÀ-Þ][\w'\-]+){0,3}(?: [NSEO]\b)?)"
)
_STATE_CODES = (
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK "
    "OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR AS GU MP VI FM MH PW AA AE AP"
)
_STATES = frozenset(_STATE_CODES.split())
_STATE_NAMES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|"
    "Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|"
    "Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|"
    "Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|"
    "West Virginia|Wisconsin|Wyoming"
)
_ZIP = re.compile(
    r" [A-Z]{2,3},? {1,2}"  # found at a space (a literal the engine looks for in C); what comes before it is read after
    r"(?:(?P<zip>[0-9]{5}(?:-[0-9]{4})?)|(?P<au>[0-9]{4})"
    r"|(?P<ca>[ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z] ?[0-9][ABCEGHJ-NPRSTV-Z][0-9]))(?![0-9])"
)
_ZIP_AFTER_STATE_NAME = re.compile(r", (?P<state>[A-Z][a-z]+(?: [A-Z][a-z]+)?),? {1,2}(?P<zip>[0-9]{5}(?:-[0-9]{4})?)")
_STATE_NAME_SET = frozenset(_STATE_NAMES.split("|"))
_WORD_LIKE_STATES = frozenset("ID IN OR OK ME HI AS CO MD MS DE".split())  # noqa: SIM905
"""State codes that are words or abbreviations too (Order ID 12345): after a city only with a comma between."""
_AUSTRALIAN_STATES = frozenset(("NSW", "VIC", "QLD", "SA", "WA", "TAS", "ACT", "NT"))
_PROVINCES = frozenset("AB BC MB NB NL NS NT NU ON PE QC SK YT".split())  # noqa: SIM905
_UK = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][ABD-HJLNP-UW-Z]{2}")
_UK_INWARD = re.compile(r" [0-9][ABD-HJLNP-UW-Z]{2}(?<=[0-9A-Z] [0-9][A-Z]{2})")
_UK_AREAS = frozenset(
    """AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN EX FK
    FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP
    NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W
    WA WC WD WF WN WR WS WV YO ZE""".split()  # noqa: SIM905
)
"""The UK's postcode areas (the letters that begin a postcode): `XY12 3AB` has the shape and no area."""
_UK_CITY_BEFORE = re.compile(r"[A-Z][a-z]+ $")


_LAST = threading.local()
"""The street lines of the text scanned last, kept for the other of the two recognizers that read them."""


def street_lines(text: str) -> list[re.Match[str]]:
    """`_STREET.finditer(text)` once for `StreetLine` and `PostCode`: the first of the two to run keeps the list, the
    second takes it (and drops it, so that no text outlives its scan)."""
    kept: tuple[str, list[re.Match[str]]] | None = getattr(_LAST, "lines", None)
    if kept is not None and kept[0] is text:
        _LAST.lines = None
        return kept[1]
    lines = list(_STREET.finditer(text))
    _LAST.lines = (text, lines)
    return lines


class StreetLine(Recognizer):
    entity = "STREET_ADDRESS"
    name = "street_line"

    def find(self, text: str) -> Iterator[Finding]:
        for m in street_lines(text):
            if m.start() == 0 or not text[m.start() - 1].isalnum():
                yield self.finding(m.start(), m.end(), 0.7)


_CITY_AND_CODE = re.compile(
    r"(?:,? |\n)(?:[A-Z][a-z]+|[A-Z]{2,})(?: (?:[A-Z][a-z]+|[A-Z]{2,})){0,2}"  # the city, in capitals or not
    r"(?:, [A-Z][a-z]+(?: [A-Z][a-z]+){0,2})? "  # a state or region: Bengaluru, Karnataka 560338
    r"(?P<code>[0-9]{4}|[1-9][0-9]{5})(?=[ \t]*(?:\n|$)|,? [A-Z]{2,}\b)"
)
"""After a street line, the city and a postcode of four or six digits ending its line (`307 Cuba Street⏎Christchurch
8020`, `77 MG Road⏎New Delhi, Delhi 110321`): New Zealand's, Australia's, India's … codes, which have no shape of
their own."""


class PostCode(Recognizer):
    entity = "POSTAL_CODE"
    name = "postcode_us_uk"

    def find(self, text: str) -> Iterator[Finding]:
        for street in street_lines(text):
            m = _CITY_AND_CODE.match(text, street.end())
            if m is not None and (street.start() == 0 or not text[street.start() - 1].isalnum()):
                yield self.finding(m.start("code"), m.end("code"), 0.7)
        for m in _ZIP.finditer(text):
            before = text[m.start() - 1 : m.start()]
            code, comma = m.group()[1:].split(" ", 1)[0].rstrip(","), before == ","
            if not (comma or before.isalpha()):
                continue  # a city's name or a comma before the state: `Springfield IL`, `SYDNEY NSW`
            if m.group("zip") is not None:
                if code not in _STATES or (code in _WORD_LIKE_STATES and not comma):
                    continue
                start, end = m.span("zip")
            elif m.group("au") is not None and code in _AUSTRALIAN_STATES:  # SYDNEY NSW 2000
                start, end = m.span("au")
            elif m.group("ca") is not None and code in _PROVINCES:  # Ottawa, ON K1A 0B1
                start, end = m.span("ca")
            else:
                continue
            if standalone(text, start, end):
                yield self.finding(start, end, 0.75)
        for m in _ZIP_AFTER_STATE_NAME.finditer(text):  # Austin, Texas 78701
            if m.group("state") in _STATE_NAME_SET and standalone(text, *m.span("zip")):
                yield self.finding(m.start("zip"), m.end("zip"), 0.75)
        for inward in _UK_INWARD.finditer(text):  # found at the space (a literal), the outward code read back
            uk = _UK.search(text, max(0, inward.start() - 4), inward.end())
            if uk is None or uk.end() != inward.end():
                continue
            start, end = uk.span()
            area = uk.group()[:2].rstrip("0123456789")
            if area not in _UK_AREAS or not standalone(text, start, end):
                continue
            before = text[max(0, start - 2) : start]
            after = text[end : end + 2]
            if (
                "," in before
                or "\n" in before
                or after[:1] in {"", "\n", "\r", ","}
                # London SW1A 1AA. / London EC1A 1BB United Kingdom: after a place's name, where a sentence or a line
                # goes on with punctuation or a capital, not with a lower-case word (Order AB1 2CD shipped)
                or (
                    _UK_CITY_BEFORE.search(text, max(0, start - 30), start) is not None
                    and (after[:1] in {".", ";", ")"} or (after[:1] == " " and after[1:2].isupper()))
                )
            ):
                yield self.finding(start, end, 0.7)
