"""Leaks, losses and damage (漏えい等): the incident register, the PPC decision, the reports and their clocks,
and the notices to the persons concerned (Art. 26; Rules 7-10)."""
