"""Regenerate the name gazetteer in `src/hogo/adapters/recognizers/data/` from two packages on PyPI.

    pip install janome==0.5.0 names==0.3.0      # not dependencies of hogo: only this script reads them
    python tools/build_name_gazetteer.py

- Japanese surnames and given names: the person-name entries of IPADIC (mecab-ipadic-2.7.0-20070801, NAIST), as
  shipped inside the `janome` wheel (`janome/sysdic/entries_*.py`): part of speech 名詞,固有名詞,人名,姓 and
  名詞,固有名詞,人名,名, written in kanji (surnames) or kanji and hiragana (given names), 1–4 characters, and their
  readings in katakana (from which the recognizers derive hiragana and Hepburn romanisations). IPADIC's
  licence permits redistribution with its notice (see `data/NOTICE.md`).
- Latin given names and surnames: the US Census Bureau's 1990 frequency lists (`dist.male.first`,
  `dist.female.first`, `dist.all.last`; US government work, public domain), as shipped in the `names` package
  (MIT). All given names; the most frequent `SURNAMES` surnames.

Each file is one name per line, most frequent first (IPADIC: lowest word cost first), no duplicates.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "hogo" / "adapters" / "recognizers" / "data"
SURNAMES = 10_000
_JA_SURNAME = re.compile("[\u4e00-\u9fff々ヶ]{1,4}")
_JA_GIVEN = re.compile("[\u3041-\u3096\u4e00-\u9fff々]{1,4}")
_KANA = re.compile("[\u30a1-\u30fa\u30fc]{2,8}")


def package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{name} is not installed: pip install janome==0.5.0 names==0.3.0")
    return Path(next(iter(spec.submodule_search_locations)))


def _module_data(path: Path) -> dict[int, tuple[object, ...]]:
    namespace: dict[str, object] = {}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)  # a dict literal, janome's own
    data = namespace["DATA"]
    assert isinstance(data, dict)
    return data


def ipadic_names() -> tuple[list[str], list[str], list[str], list[str]]:
    """Surnames, given names, and the katakana readings of each (IPADIC's reading field)."""
    sysdic = package_dir("janome") / "sysdic"
    found: dict[str, list[tuple[int, str, str]]] = {"姓": [], "名": []}
    for part in range(10):
        compact = _module_data(sysdic / f"entries_compact{part}.py")
        extra = _module_data(sysdic / f"entries_extra{part}.py")
        for key, info in extra.items():
            pos = str(info[0]).split(",")
            if pos[:3] == ["名詞", "固有名詞", "人名"] and pos[3] in found:
                surface, cost = str(compact[key][0]), int(str(compact[key][3]))
                found[pos[3]].append((cost, surface, str(info[4])))
    surnames = _unique(s for _, s, _ in sorted(found["姓"]) if _JA_SURNAME.fullmatch(s))
    given = _unique(s for _, s, _ in sorted(found["名"]) if _JA_GIVEN.fullmatch(s))
    surname_readings = _unique(r for _, s, r in sorted(found["姓"]) if _JA_SURNAME.fullmatch(s) and _KANA.fullmatch(r))
    given_readings = _unique(r for _, s, r in sorted(found["名"]) if _JA_GIVEN.fullmatch(s) and _KANA.fullmatch(r))
    return surnames, given, surname_readings, given_readings


def census_names() -> tuple[list[str], list[str]]:
    folder = package_dir("names")
    given: list[tuple[float, str]] = []
    for file in ("dist.female.first", "dist.male.first"):
        for line in (folder / file).read_text(encoding="ascii").splitlines():
            name, share, *_ = line.split()
            given.append((-float(share), name.title()))
    surnames = [line.split()[0] for line in (folder / "dist.all.last").read_text(encoding="ascii").splitlines()]
    return _unique(n for _, n in sorted(given)), [s.title() for s in surnames[:SURNAMES]]


def _unique(names: object) -> list[str]:
    return list(dict.fromkeys(names))  # type: ignore[call-overload]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    ja_surnames, ja_given, ja_surname_readings, ja_given_readings = ipadic_names()
    latin_given, latin_surnames = census_names()
    for name, values in (
        ("ja_surnames.txt", ja_surnames),
        ("ja_given_names.txt", ja_given),
        ("ja_surname_readings.txt", ja_surname_readings),
        ("ja_given_name_readings.txt", ja_given_readings),
        ("latin_given_names.txt", latin_given),
        ("latin_surnames.txt", latin_surnames),
    ):
        (OUT / name).write_text("\n".join(values) + "\n", encoding="utf-8")
        print(f"{name}: {len(values)}")  # noqa: T201 (a script reports what it wrote)


if __name__ == "__main__":
    main()
