"""The console's SVG charts: the bars add up to the data, ticks are whole numbers, labels are escaped."""

from __future__ import annotations

import re

from hogo.dashboard import Chart, Series
from hogo.web.charts import stacked_bars


def test_bars_carry_the_counts_and_the_table_repeats_them() -> None:
    chart = Chart(
        "請求<件数>",
        "Requests",
        ("2026-11", "2026-12"),
        (Series("開示", "disclosure", (3, 0)), Series("<script>", "x&y", (2, 7))),
    )
    svg = str(stacked_bars(chart, "c1"))
    counts = [int(n) for n in re.findall(r'data-count="(\d+)"', svg)]
    assert sorted(counts) == [2, 3, 7]  # a zero draws no bar
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "請求&lt;件数&gt;" in svg
    ticks = re.findall(r'text-anchor="end" font-size="10">([^<]+)<', svg)
    assert ticks == ["0", "2", "4", "6", "8"]  # the tallest month is 7: four steps of 2
    assert '<table id="c1-table">' in svg and "<td>2026-12</td><td>0</td><td>7</td>" in svg
