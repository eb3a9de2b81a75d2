"""Japanese person names: found by their context, checked against the name lists (`gazetteer.py`).

- After a label (氏名, お名前, フリガナ, 契約者, …): any 1–12 kanji/kana with one optional space, or a romanised
  name in capitals.
- After a role word (担当の…, 宛先, お届け先は…, 会員, ユーザー, …): a run that begins with a listed surname,
  with the given name that follows when it is a listed given name.
- Before an honorific (様, さん, 殿, 氏, 君, くん, ちゃん): a run that begins with a listed surname (a surname of
  one kanji only from the ~300 most common, so that 奥様 and 神様 are not names).
- With no context at all: a kanji run that is exactly a listed surname and a listed given name, both of two
  characters or more (山田太郎, 佐藤 美咲); a run ending in 市/区/県/駅/店 … is a place or a shop, not a name.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from itertools import chain

from hogo.adapters.recognizers.base import Finding, Recognizer, occurrences, occurrences_by_ending
from hogo.adapters.recognizers.gazetteer import gazetteer
from hogo.adapters.recognizers.names_forms import called_names
from hogo.adapters.recognizers.names_lines import (
    attendees,
    chat_speakers_japanese,
    name_lines,
    split_names,
    vcard_names,
)
from hogo.adapters.recognizers.names_words import (
    ACTING,
    AFTER_LABEL,
    AFTER_ROLE,
    BARE,
    BEFORE,
    CHILD_HONORIFICS,
    FIELD_ENDINGS,
    FOREIGN_BEFORE,
    HEADER_WORDS,
    HONORIFICS,
    JOB_TITLES,
    JSON_KEYS,
    KANA_BEFORE,
    KANA_GAP,
    LABELS,
    NOT_NAMES_BEFORE_HONORIFIC,
    ORGANISATION_PARTS,
    PLACE_ENDINGS,
    POLITE_PREFIX,
    ROLE_ENDINGS,
    SELF_NAMING,
    SENTENCE_START,
    SHOP_ENDINGS,
    TITLES_AFTER,
    UNLISTED_GIVEN,
)
from hogo.adapters.recognizers.needles import register
from hogo.adapters.recognizers.surnames import MAX_SURNAME, SURNAMES


@cache
def _surname_heads() -> frozenset[str]:
    """The first two kanji of every listed surname of two or more: a bare pair starts with one of them."""
    return frozenset(s[:2] for s in gazetteer().ja_surnames if len(s) >= 2)


def _organisation(text: str, start: int) -> bool:
    """The words from `start` on name a company (株式会社中村屋, 東和物産株式会社), not a person."""
    words = text[start : start + 12]
    return any(part in words for part in ORGANISATION_PARTS)


def _is_hiragana(text: str, at: int) -> bool:
    return at < len(text) and "\u3041" <= text[at] <= "\u3096"


def _is_kana(text: str, at: int) -> bool:
    return 0 <= at < len(text) and ("\u3041" <= text[at] <= "\u3096" or "\u30a1" <= text[at] <= "\u30fc")


def kana_name(run: str) -> bool:
    """A surname's reading and a given name's, in kana, with or without a space (ウエダヒロコ, まつむら ひなた)."""
    names = gazetteer()
    parts = run.replace("\u3000", " ").split(" ")
    if len(parts) == 2:
        return parts[0] in names.ja_surname_kana and (parts[1] in names.ja_given_kana or len(parts[1]) >= 2)
    return any(run[:k] in names.ja_surname_kana and run[k:] in names.ja_given_kana for k in range(2, len(run) - 1))


def split_ja_name(run: str) -> tuple[int, int] | None:
    """(end of the surname, end of the name) if `run` (kanji, one or two spaces allowed between surname and given
    name) begins with a listed surname. The name runs on through a given name that begins with a listed one (知 of
    知実: the lists hold the common readings, not every name), else it is the surname alone (田中 of 田中部長)."""
    names = gazetteer()
    for size in range(min(4, len(run)), 0, -1):
        if run[:size] not in names.ja_surnames:
            continue
        rest_at = size + len(run[size:]) - len(run[size:].lstrip(" "))
        rest = run[rest_at:]
        if not rest or rest.startswith(TITLES_AFTER):
            return size, size
        whole = rest.rstrip("様殿氏君宛")
        for g in range(min(4, len(whole)), 0, -1):
            if whole[:g] in names.ja_given:
                return size, rest_at + (len(whole) if len(whole) <= 3 and whole[-1] not in PLACE_ENDINGS else g)
        return size, size
    return None


class JapaneseName(Recognizer):
    entity = "PERSON"
    name = "person_ja"

    def find(self, text: str) -> Iterator[Finding]:
        yield from self._after_labels(text)
        yield from self._after_roles(text)
        yield from self._before_honorifics(text)
        yield from self._bare(text)
        yield from self._bare_kana(text)
        yield from self._self_named(text)
        for start, end, score in [
            *chat_speakers_japanese(text),
            *attendees(text),
            *vcard_names(text),
            *name_lines(text),
            *split_names(text),
            *called_names(text),
        ]:
            yield self.finding(start, end, score)

    def _after_labels(self, text: str) -> Iterator[Finding]:
        for _, after in occurrences(text, LABELS):
            m = AFTER_LABEL.match(text, after)
            if (
                m is not None
                and m.group("name").replace(" ", "") not in HEADER_WORDS
                and not _organisation(text, m.start("name"))
            ):
                end = m.end("name")
                if _is_hiragana(text, end - 1) and not _is_hiragana(text, m.start("name")):
                    surname, _, given = m.group("name").rpartition(" ")
                    end = end if given in gazetteer().ja_given_kana else m.start("name") + len(surname)
                yield self.finding(m.start("name"), end, 0.85)

    def _after_roles(self, text: str) -> Iterator[Finding]:
        found = occurrences_by_ending(text, ROLE_ENDINGS) + occurrences(text, JSON_KEYS)
        for _, after in sorted(found):
            m = AFTER_ROLE.match(text, after)
            if m is None:
                continue
            run, start = m.group("run"), m.start("run")
            if run.replace(" ", "") in HEADER_WORDS or _organisation(text, start):
                continue  # 申込者⏎氏 名: the next label; ご依頼主 株式会社…: a company
            if run[0] >= "\u30a1" and run[0] <= "\u30fc":  # katakana: a full name with a space, or two listed readings
                if " " in run or kana_name(run):
                    yield self.finding(start, m.end("run"), 0.75)
                continue
            split = split_ja_name(run)
            if split is None:
                continue
            surname_end, end = split
            hira = m.group("hira")
            if end == len(run) and hira and hira in gazetteer().ja_given and not _is_hiragana(text, m.end("hira")):
                end += len(hira)  # 佐藤みどり (but not 佐藤から)
            after_name = text[start + end : start + end + 2]
            if (
                end == surname_end
                and after_name
                and "\u4e00" <= after_name[0] <= "\u9fff"
                and not after_name.startswith(TITLES_AFTER)
            ):
                given = UNLISTED_GIVEN.match(text, start + end)
                if given is None or not PLACE_ENDINGS.isdisjoint(given.group()):
                    continue  # 会員の中村区…: the surname runs on into a word
                end = given.end() - start  # 担当の渡辺湊: a given name in no list, one to three kanji
            if end > surname_end and text[start + end - 1] in FIELD_ENDINGS:
                end = surname_end  # 担任 桜井 作成日: the next field's label, not a given name
            yield self.finding(start, start + end, 0.8)

    def _self_named(self, text: str) -> Iterator[Finding]:
        """`山田です。` at the start of a sentence (an e-mail's 営業部の山田です), or `荒木が対応。` (`ACTING`): a
        listed surname, alone or with a listed given name, and nothing else between the sentence's start and です."""
        names = gazetteer()
        for at, _ in chain(occurrences(text, ("です",)), occurrences(text, ("より",)), occurrences(text, ACTING)):
            start = at
            while start > 0 and at - start < 7 and ("\u4e00" <= text[start - 1] <= "\u9fff" or text[start - 1] == "々"):
                start -= 1
            if start == at or at - start > 6 or (start > 0 and text[start - 1] not in SENTENCE_START):
                continue
            if text[at] == "よ" and start > 0 and text[start - 1] not in "・\n":
                continue  # ・山田より進捗報告: より after a name only where a bullet or a line begins
            run = text[start:at]
            if (run in SURNAMES or (len(run) > 1 and run in names.ja_surnames)) or any(
                run[:size] in names.ja_surnames and run[size:] in names.ja_given for size in range(1, len(run) - 1)
            ):
                yield self.finding(start, at, 0.7)

    def _before_honorifics(self, text: str) -> Iterator[Finding]:
        for at, after in chain(
            occurrences(text, HONORIFICS), occurrences(text, JOB_TITLES), occurrences(text, SELF_NAMING)
        ):
            if text[at] == "氏" and text[after : after + 1] == "名":
                continue
            if text.startswith(CHILD_HONORIFICS, at) and (child := self._child(text, at)) is not None:
                yield self.finding(child, at, 0.75)  # まおちゃん: a listed given name's reading
                continue
            if self._kana_before(text, at):  # a name in katakana, or in hiragana with a space (not たくさん)
                foreign = FOREIGN_BEFORE.search(text, max(0, at - 20), at)
                if foreign is not None:
                    yield self.finding(foreign.start(1), foreign.end(1), 0.8)
                    continue
                kana = KANA_BEFORE.search(text, max(0, at - 14), at)
                if kana is not None and kana_name(kana.group(1)):
                    yield self.finding(kana.start(1), kana.end(1), 0.8)
                continue
            before = BEFORE.search(text, max(0, at - 10), at)
            if before is None:
                continue
            start = self._surname_start(before.group(1))
            if start is None:
                continue
            start += before.start()
            if text[start - 1 : start] in POLITE_PREFIX or text[start:at].rstrip() in NOT_NAMES_BEFORE_HONORIFIC:
                continue
            if text[start:at].rstrip()[-1] in SHOP_ENDINGS:
                continue  # 中村屋さん, 山田商店さん: a shop named after its family
            yield self.finding(start, before.end(1), 0.8)

    @staticmethod
    def _child(text: str, at: int) -> int | None:
        """Where a given name in kana, two to four characters, starts before `at` (ちゃん or くん), the run of kana
        before it beginning there (`〜 まおちゃん`, not `あかちゃん` inside a sentence's kana)."""
        given = gazetteer().ja_given_kana
        for size in (4, 3, 2):
            start = at - size
            if start >= 0 and text[start:at] in given and not _is_kana(text, start - 1):
                return start
        return None

    @staticmethod
    def _kana_before(text: str, at: int) -> bool:
        last = at - 1 - (text[at - 1 : at] == " ")
        if not _is_kana(text, last):
            return False
        window = text[max(0, at - 14) : last]
        return "\u30a1" <= text[last] <= "\u30fc" or " " in window or "\u3000" in window

    @staticmethod
    def _surname_start(run: str) -> int | None:
        """Where a surname starts such that at most 4 characters of given name follow it (a surname of one kanji
        only from the common ones)."""
        listed = gazetteer().ja_surnames
        for k in range(len(run)):
            for size in range(MAX_SURNAME, 0, -1):
                part = run[k : k + size]
                listed_here = len(part) == size and (part in SURNAMES or (size > 1 and part in listed))
                if listed_here and len(run) - k - size - (" " in run[k:]) <= 4:
                    return k
        return None

    def _bare_kana(self, text: str) -> Iterator[Finding]:
        """ヤマダ タロウ, やまだ たろう: two words, a space between, a listed surname's and given name's readings."""
        names = gazetteer()
        for m in KANA_GAP.finditer(text):
            gap_start, gap_end = m.span()
            start = gap_start
            while start > 0 and gap_start - start < 7 and _is_kana(text, start - 1):
                start -= 1
            end = gap_end
            while end < len(text) and end - gap_end < 7 and _is_kana(text, end):
                end += 1
            surname, given = text[start:gap_start], text[gap_end:end]
            if _is_kana(text, start - 1) or _is_kana(text, end) or len(surname) < 2:
                continue
            if surname in names.ja_surname_kana and given in names.ja_given_kana:
                yield self.finding(start, end, 0.7)

    def _bare(self, text: str) -> Iterator[Finding]:
        names, heads = gazetteer(), _surname_heads()
        for m in BARE.finditer(text):
            run = m.group()
            if run[:2] not in heads:
                continue  # no listed surname starts the run: 8,974 of 8,981 kanji runs in a MB of prose
            start, end = m.span()
            if (start and "\u4e00" <= text[start - 1] <= "\u9fff") or (
                end < len(text) and ("\u4e00" <= text[end] <= "\u9fff" or text[end] in "々ヶ")
            ):
                continue  # part of a longer kanji word
            if run[-1] in PLACE_ENDINGS:
                continue
            if " " in run:  # a space between them says where the surname ends: a one-kanji given name (山田 稔)
                surname, _, given = run.partition(" ")
                if surname in names.ja_surnames and given.strip() in names.ja_given:
                    yield self.finding(start, end, 0.7)
                continue
            for size in (2, 3, 4):
                if run[:size] in names.ja_surnames and len(run) - size >= 2 and run[size:] in names.ja_given:
                    yield self.finding(start, end, 0.7)
                    break


for _words in (LABELS, JSON_KEYS, HONORIFICS, JOB_TITLES, SELF_NAMING):
    register(_words)  # in the automaton before the first scan
