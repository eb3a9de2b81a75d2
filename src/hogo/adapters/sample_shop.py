"""The Japanet demo's shop database: a SQLite table of customers with their orders' month and amount, made from
Faker ja_JP sample people with realistic distributions (the source of the demo's processing jobs)."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from faker import Faker

from hogo.processed.hierarchies import PREFECTURES

# Prefecture populations, 2020 census, thousands (same order as PREFECTURES).
POPULATION = [5225, 1238, 1211, 2302, 960, 1068, 1833, 2867, 1933, 1939, 7345, 6284, 14048, 9237, 2201, 1035, 1133,
              767, 810, 2048, 1979, 3633, 7542, 1770, 1414, 2578, 8838, 5465, 1324, 923, 553, 671, 1888, 2800,
              1342, 720, 950, 1335, 692, 5135, 811, 1312, 1738, 1124, 1070, 1588, 1467]  # fmt: skip
# Mail-order customers are older than the population: weights per 10-year band from 20-29 up to 80-89.
AGE_WEIGHTS = [5, 9, 14, 19, 24, 20, 9]


def make_shop(path: Path, count: int = 2000, *, seed: int = 2026) -> int:
    """Write `count` customers into the SQLite file at `path` (replacing its table); how many were written."""
    fake = Faker("ja_JP")
    fake.seed_instance(seed)
    rnd = random.Random(seed)
    rows = []
    for n in range(count):
        band = rnd.choices(range(len(AGE_WEIGHTS)), AGE_WEIGHTS)[0]
        age = 20 + band * 10 + rnd.randrange(10)
        pref = rnd.choices(PREFECTURES, POPULATION)[0]
        month = f"2026-{rnd.randrange(1, 13):02d}"
        amount = round(rnd.lognormvariate(10.3, 0.7), -2)
        rows.append(
            (
                f"C{n:06d}",
                fake.name(),
                f"customer{n:06d}@example.jp",
                f"0{rnd.choice(['70', '80', '90'])}-{rnd.randrange(10000):04d}-{rnd.randrange(10000):04d}",
                pref,
                age,
                rnd.choices(["女性", "男性"], [55, 45])[0],
                month,
                int(amount),
                fake.credit_card_number(),
            )
        )
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE IF EXISTS customers")
        conn.execute(
            "CREATE TABLE customers (member_id TEXT PRIMARY KEY, name TEXT, email TEXT, phone TEXT, prefecture TEXT,"
            " age INTEGER, gender TEXT, purchase_month TEXT, amount INTEGER, card_number TEXT)"
        )
        conn.executemany("INSERT INTO customers VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
    return count
