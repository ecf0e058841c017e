import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest

from reports.svg import (
    PALETTE,
    Bar,
    Series,
    bar_chart,
    line_chart,
    share_bar,
    stacked_bar_chart,
)

SVG = "{http://www.w3.org/2000/svg}"

EXAMPLES: dict[str, Callable[[], str]] = {
    "bar": lambda: bar_chart([Bar("Norte", 3), Bar("Sur", 5)], title="Stations"),
    "stacked": lambda: stacked_bar_chart(
        ["Apertura", "Cierre"], [Series("Sí", (3, 4)), Series("No", (1, 0))], title="Stages"
    ),
    "line": lambda: line_chart(["08:00", "12:00"], [Series("Turnout", (10, 40))], title="Turnout"),
    "share": lambda: share_bar([Bar("Women", 5), Bar("Men", 4)], title="Gender"),
}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def rects(root: ET.Element, cls: str) -> list[ET.Element]:
    return [r for r in root.iter(f"{SVG}rect") if cls in r.get("class", "").split()]


def width_of(rect: ET.Element) -> float:
    return float(rect.get("width", "0"))


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def rows(root: ET.Element) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if g.get("class") == "eom-chart__row"]


@pytest.mark.parametrize("kind", EXAMPLES)
def test_every_chart_is_a_standalone_svg_titled_for_screen_readers(kind: str) -> None:
    root = parse(EXAMPLES[kind]())
    title = root.find(f"{SVG}title")
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert title is not None and title.get("id") == root.get("aria-labelledby")
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"


@pytest.mark.parametrize("kind", EXAMPLES)
def test_title_is_also_drawn_at_the_top(kind: str) -> None:
    root = parse(EXAMPLES[kind]())
    title = root.find(f"{SVG}title")
    assert title is not None
    assert texts(root)[0] == title.text


def test_bar_lengths_are_proportional_to_values() -> None:
    root = parse(bar_chart([Bar("a", 10), Bar("b", 5), Bar("c", 2.5)], title="t"))
    widths = [width_of(r) for r in rects(root, "eom-chart__bar")]
    assert widths[1] == pytest.approx(widths[0] / 2, abs=0.1)
    assert widths[2] == pytest.approx(widths[0] / 4, abs=0.1)


def test_bar_values_are_written_with_the_given_format() -> None:
    root = parse(bar_chart([Bar("a", 0.25)], title="t", value_format=lambda v: f"{v:.0%}"))
    assert "25%" in texts(root)


def test_height_grows_with_the_number_of_bars() -> None:
    def height(count: int) -> float:
        bars = [Bar(str(i), i) for i in range(count)]
        return float(parse(bar_chart(bars, title="t")).get("height", "0"))

    assert height(2) < height(3) < height(10)


def test_all_zero_values_draw_no_bars_but_keep_the_rows() -> None:
    root = parse(bar_chart([Bar("a", 0), Bar("b", 0)], title="t"))
    assert rects(root, "eom-chart__bar") == []
    assert len(rows(root)) == 2


def test_stacked_segments_sum_to_the_bar_of_their_category() -> None:
    series = [Series("x", (6, 1)), Series("y", (2, 1)), Series("z", (0, 2))]
    root = parse(stacked_bar_chart(["full", "half"], series, title="t"))
    full, half = (sum(width_of(r) for r in rects(row, "eom-chart__bar")) for row in rows(root))
    assert half == pytest.approx(full / 2, abs=0.2)


def test_stacked_segments_abut_without_gaps() -> None:
    root = parse(stacked_bar_chart(["c"], [Series("x", (1,)), Series("y", (2,))], title="t"))
    first, second = rects(root, "eom-chart__bar")
    assert float(first.get("x", "0")) + width_of(first) == pytest.approx(
        float(second.get("x", "0")), abs=1e-9
    )


def test_stacked_chart_has_a_legend_entry_per_series_unless_turned_off() -> None:
    series = [Series("x", (1,)), Series("y", (2,))]
    with_legend = parse(stacked_bar_chart(["c"], series, title="t"))
    without = parse(stacked_bar_chart(["c"], series, title="t", legend=False))
    assert len(rects(with_legend, "eom-chart__swatch")) == 2
    assert rects(without, "eom-chart__swatch") == []


def test_series_colours_follow_the_palette_and_cycle() -> None:
    series = [Series(f"s{i}", (1,)) for i in range(len(PALETTE) + 1)]
    root = parse(stacked_bar_chart(["c"], series, title="t"))
    colours = [r.get("fill") for r in rects(root, "eom-chart__bar")]
    assert colours == [*PALETTE, PALETTE[0]]


def test_palette_starts_with_oas_blue() -> None:
    assert PALETTE[0] == "#003b71"


def test_labels_are_escaped() -> None:
    svg = bar_chart([Bar("<b>Q&A</b>", 1)], title="Votos <nulos> & blancos")
    root = parse(svg)
    assert "<b>" not in svg
    assert "<b>Q&A</b>" in texts(root)
    assert root.find(f"{SVG}title") is not None


def test_accented_spanish_text_is_kept_as_is() -> None:
    root = parse(bar_chart([Bar("Región Autónoma Ñuble", 1)], title="Participación"))
    assert "Región Autónoma Ñuble" in texts(root)


def test_long_labels_are_truncated_with_an_ellipsis() -> None:
    label = "Provincia de Puntarenas y la costa del Pacífico Central"
    root = parse(bar_chart([Bar(label, 1)], title="t", width=480))
    [shown] = [t for t in texts(root) if t.startswith("Provincia")]
    assert shown.endswith("…") and len(shown) < len(label)
    assert label.startswith(shown[:-1])


def test_truncated_labels_keep_the_full_text_as_a_tooltip() -> None:
    label = "Provincia de Puntarenas y la costa del Pacífico Central"
    [row] = rows(parse(bar_chart([Bar(label, 1)], title="t")))
    tooltip = row.find(f"{SVG}title")
    assert tooltip is not None and tooltip.text == f"{label}: 1"


@pytest.mark.parametrize(
    "empty_chart",
    [
        lambda **kw: bar_chart([], title="t", **kw),
        lambda **kw: stacked_bar_chart([], [], title="t", **kw),
        lambda **kw: stacked_bar_chart(["c"], [], title="t", **kw),
        lambda **kw: line_chart([], [], title="t", **kw),
        lambda **kw: share_bar([], title="t", **kw),
        lambda **kw: share_bar([Bar("Women", 0), Bar("Men", 0)], title="t", **kw),
    ],
)
def test_empty_input_says_no_data(empty_chart: Callable[..., str]) -> None:
    assert "No data" in texts(parse(empty_chart()))


def test_empty_text_can_be_translated() -> None:
    assert "Sin datos" in texts(parse(bar_chart([], title="t", empty_text="Sin datos")))


@pytest.mark.parametrize("kind", EXAMPLES)
def test_same_input_gives_the_same_string(kind: str) -> None:
    assert EXAMPLES[kind]() == EXAMPLES[kind]()


def test_charts_with_different_content_get_different_ids() -> None:
    first = parse(bar_chart([Bar("a", 1)], title="t"))
    second = parse(bar_chart([Bar("a", 2)], title="t"))
    assert first.get("aria-labelledby") != second.get("aria-labelledby")


@pytest.mark.parametrize("kind", EXAMPLES)
def test_coordinates_have_at_most_one_decimal(kind: str) -> None:
    coordinates = {"x", "y", "x1", "x2", "y1", "y2", "width", "height", "cx", "cy"}
    root = parse(EXAMPLES[kind]())
    numbers = [v for e in root.iter() for k, v in e.attrib.items() if k in coordinates]
    assert numbers and all(re.fullmatch(r"\d+(\.\d)?", n) for n in numbers)


def test_line_chart_has_one_point_per_x_label() -> None:
    labels = ["06:00", "09:00", "12:00", "15:00", "18:00"]
    series = [Series("2026", (0, 10, 20, 30, 40)), Series("2022", (0, 5, 15, 25, 35))]
    root = parse(line_chart(labels, series, title="t"))
    for line in root.iter(f"{SVG}polyline"):
        assert len(line.get("points", "").split()) == len(labels)
    assert len(list(root.iter(f"{SVG}circle"))) == len(labels) * len(series)


def test_line_chart_with_one_series_has_no_legend() -> None:
    root = parse(line_chart(["a", "b"], [Series("only", (1, 2))], title="t"))
    assert rects(root, "eom-chart__swatch") == []


def test_line_chart_with_several_series_has_a_legend() -> None:
    series = [Series("2026", (1, 2)), Series("2022", (2, 1))]
    root = parse(line_chart(["a", "b"], series, title="t"))
    assert len(rects(root, "eom-chart__swatch")) == 2


def test_line_chart_y_axis_ends_at_a_round_number_above_the_largest_value() -> None:
    root = parse(line_chart(["a", "b"], [Series("s", (3, 68.7))], title="t"))
    assert {"0", "20", "40", "60", "80"} <= set(texts(root))


def test_line_chart_y_axis_stops_at_the_given_maximum() -> None:
    chart = line_chart(
        ["a", "b"], [Series("s", (3, 50))], title="t", y_max=100, y_format="{:.0f}%".format
    )
    root = parse(chart)
    assert "100%" in texts(root) and "125%" not in texts(root)


def test_line_chart_of_zeros_draws_a_flat_line() -> None:
    root = parse(line_chart(["a", "b", "c"], [Series("s", (0, 0, 0))], title="t"))
    assert len({c.get("cy") for c in root.iter(f"{SVG}circle")}) == 1


def test_line_chart_with_a_single_label_has_a_single_point() -> None:
    root = parse(line_chart(["2026"], [Series("s", (5,))], title="t"))
    assert len(list(root.iter(f"{SVG}circle"))) == 1


def test_share_bar_percentages_sum_to_100() -> None:
    root = parse(share_bar([Bar("a", 1), Bar("b", 1), Bar("c", 1)], title="t"))
    labels = [t for t in texts(root) if t.endswith("%") and " " in t]
    percentages = [int(label.rsplit(" ", 1)[1].rstrip("%")) for label in labels]
    assert sorted(percentages) == [33, 33, 34]


def test_share_bar_fills_the_full_width_in_proportion() -> None:
    root = parse(share_bar([Bar("Women", 3), Bar("Men", 1)], title="t", width=400))
    women, men = (width_of(r) for r in rects(root, "eom-chart__bar"))
    assert women + men == pytest.approx(400 - 24, abs=0.2)
    assert women == pytest.approx(3 * men, abs=0.2)


INVALID_CHARTS: dict[str, Callable[[float], str]] = {
    "bar": lambda v: bar_chart([Bar("a", 1), Bar("b", v)], title="t"),
    "stacked": lambda v: stacked_bar_chart(["a"], [Series("s", (v,))], title="t"),
    "line": lambda v: line_chart(["a", "b"], [Series("s", (1, v))], title="t"),
    "share": lambda v: share_bar([Bar("a", 1), Bar("b", v)], title="t"),
}


@pytest.mark.parametrize("kind", INVALID_CHARTS)
def test_negative_values_are_refused(kind: str) -> None:
    with pytest.raises(ValueError, match="non-negative"):
        INVALID_CHARTS[kind](-1)


@pytest.mark.parametrize("kind", INVALID_CHARTS)
def test_nan_values_are_refused(kind: str) -> None:
    with pytest.raises(ValueError, match="non-negative"):
        INVALID_CHARTS[kind](math.nan)


def test_infinite_values_are_refused() -> None:
    with pytest.raises(ValueError, match="finite"):
        bar_chart([Bar("a", math.inf)], title="t")


def test_series_with_a_value_per_label_missing_is_refused() -> None:
    with pytest.raises(ValueError, match="2 values for 3 labels"):
        line_chart(["a", "b", "c"], [Series("s", (1, 2))], title="t")


def test_non_positive_y_max_is_refused() -> None:
    with pytest.raises(ValueError, match="y_max"):
        line_chart(["a"], [Series("s", (1,))], title="t", y_max=0)


def test_a_hatched_bar_carries_lines_drawn_across_it() -> None:
    svg = bar_chart([Bar("Missing", 4, colour="#d55e00", hatched=True)], title="Coverage")
    assert 'fill="#d55e00"' in svg and 'class="eom-chart__hatch"' in svg
    assert 'stroke="#ffffff"' in svg and "<pattern" not in svg  # lines, so PDFs show them


def test_a_long_title_wraps_onto_more_lines_instead_of_shrinking() -> None:
    title = "Did the polling staff check the identity document of every single voter today?"
    svg = share_bar([Bar("Yes", 9), Bar("No", 1)], title=title, width=300)
    lines = re.findall(r'<text class="eom-chart__title"[^>]*>([^<]*)<', svg)
    assert len(lines) >= 2 and " ".join(lines) == title
    assert all(
        'font-size="12"' in t or 'font-size="14"' in t for t in re.findall(r"<text[^>]*>", svg)
    )


def test_a_narrow_chart_puts_each_label_above_its_bar() -> None:
    svg = bar_chart([Bar("Short-term observer", 7)], title="Members", width=300)
    label = re.search(r'<text class="eom-chart__label" x="([\d.]+)" y="([\d.]+)"[^>]*>', svg)
    bar = re.search(r'<rect class="eom-chart__bar[^"]*" x="([\d.]+)" y="([\d.]+)"', svg)
    assert label and bar and float(label.group(2)) < float(bar.group(2))  # above
    assert "Short-term observer" in svg  # whole, not cut to fit beside the bar
