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
    "Viaduct|Views?|Villages?|Ville|Vista|Wells?|Neck|Lodge|Curve|Crest|Locks?|Groves?|Course"
)
_STREET = re.compile(
    r"[0-9]{1,6}[A-Za-z]? (?:[NSEW]\.? )?(?:[A-Z][a-z]+\.? ){1,3}"
    rf"(?:{_STREET_TYPES})\b\.?(?: (?:NW|NE|SW|SE|N|S|E|W)\b)?"
    r"(?:,? (?:Apt|Apartment|Suite|Ste|Unit|Flat|Fl|Floor|#) ?\.? ?[0-9A-Z]{1,5}\b)?"
)
_STATE_CODES = (
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK "
    "OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR AS GU MP VI FM MH PW AA AE AP"
)
_STATES = frozenset(_STATE_CODES.split())
_ZIP = re.compile(r", ([A-Z]{2}) ([0-9]{5}(?:-[0-9]{4})?)")
_UK = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}")


class StreetLine(Recognizer):
    entity = "STREET_ADDRESS"
    name = "street_line"

    def find(self, text: str) -> Iterator[Finding]:
        for m in _STREET.finditer(text):
            if m.start() == 0 or not text[m.start() - 1].isalnum():
                yield self.finding(m.start(), m.end(), 0.7)


class PostCode(Recognizer):
    entity = "POSTAL_CODE"
    name = "postcode_us_uk"

    def find(self, text: str) -> Iterator[Finding]:
        for m in _ZIP.finditer(text):
            if m.group(1) in _STATES and standalone(text, m.start(2), m.end(2)):
                yield self.finding(m.start(2), m.end(2), 0.75)
        for m in _UK.finditer(text):
            start, end = m.span()
            if not standalone(text, start, end):
                continue
            before = text[max(0, start - 2) : start]
            after = text[end : end + 1]
            if "," in before or "\n" in before or after in {"", "\n", "\r", ","}:
                yield self.finding(start, end, 0.7)
