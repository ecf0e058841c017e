"""SVG charts for web pages (inline) and PDFs: pure functions from values to markup.

Every chart is a complete ``<svg>`` string, deterministic for the same input, drawn with
inline ``fill`` attributes so that it looks right without CSS and with ``class``
attributes (``eom-chart__*``) so that a page can restyle it.
"""

import hashlib
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

# OAS blue first, then Okabe-Ito, whose colours stay distinct under colour blindness;
# yellow last because it is the hardest to see on white.
PALETTE: tuple[str, ...] = (
    "#003b71",
    "#e69f00",
    "#56b4e9",
    "#009e73",
    "#d55e00",
    "#cc79a7",
    "#0072b2",
    "#f0e442",
)

FONT_FAMILY = "system-ui, sans-serif"
TEXT_COLOUR = "#1a1a1a"
MUTED_COLOUR = "#595959"
GRID_COLOUR = "#d9d9d9"
PAD = 12
TITLE_BAND = 36
ROW_GAP = 6
LABEL_SHARE = 0.35
LEGEND_ROW = 20
SWATCH = 12
SHARE_BAR_HEIGHT = 28
# Average glyph width as a share of the font size; a little generous for system-ui so that
# estimated text never runs past the space it was given.
GLYPH_WIDTH = 0.6


@dataclass(frozen=True)
class Bar:
    """One labelled, non-negative value."""

    label: str
    value: float


@dataclass(frozen=True)
class Series:
    """A named run of non-negative values, one per category or x label."""

    label: str
    values: tuple[float, ...]


def format_number(value: float) -> str:
    """Return ``value`` as an integer when it is whole, otherwise with one decimal."""
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    width: int = 480,
    bar_height: int = 22,
    value_format: Callable[[float], str] = format_number,
    empty_text: str = "No data",
) -> str:
    """Return an SVG of horizontal bars, label on the left, value at the end of each bar.

    Bars are scaled to the largest value. Raises ``ValueError`` on negative, NaN or
    infinite values.
    """
    _check_values((bar.value for bar in bars), "bar values")
    if not bars:
        return _empty(title, width, empty_text)
    values = Series("", tuple(bar.value for bar in bars))
    body, height = _bar_rows([bar.label for bar in bars], [values], width, bar_height, value_format)
    return _document(title, width, height, body, "bar")


def stacked_bar_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    width: int = 480,
    bar_height: int = 22,
    legend: bool = True,
    value_format: Callable[[float], str] = format_number,
    empty_text: str = "No data",
) -> str:
    """Return an SVG with one horizontal bar per category, split into one segment per series.

    ``series[j].values[i]`` is the segment of series ``j`` in ``categories[i]``; bars are
    scaled to the largest category total, which is written at the end of each bar, and a
    legend names the series below. Raises ``ValueError`` on negative, NaN or infinite
    values and on a series whose length differs from the categories.
    """
    _check_series(series, len(categories))
    if not categories or not series:
        return _empty(title, width, empty_text)
    body, height = _bar_rows(categories, series, width, bar_height, value_format)
    if legend:
        height = _add_legend(body, [s.label for s in series], top=height, width=width)
    return _document(title, width, height, body, "stacked-bar")


def line_chart(
    x_labels: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    width: int = 480,
    height: int = 240,
    y_max: float | None = None,
    y_format: Callable[[float], str] = format_number,
    empty_text: str = "No data",
) -> str:
    """Return an SVG with one line per series over the x labels, y gridlines and axis labels.

    ``height`` covers the title, plot and x labels; a legend (drawn when there is more than
    one series) adds rows below. The y axis runs from 0 to ``y_max``, by default a round
    number at or above the largest value; values above ``y_max`` are drawn at the top.
    Raises ``ValueError`` on negative, NaN or infinite values, a non-positive ``y_max``
    and a series whose length differs from the x labels.
    """
    _check_series(series, len(x_labels))
    if not x_labels or not series:
        return _empty(title, width, empty_text)
    top, step = _y_scale(series, y_max)
    values = [step * i for i in range(round(top / step) + 1)]
    left = PAD + max(_text_width(y_format(value)) for value in values) + 8
    plot_bottom = height - 28
    plot_height = plot_bottom - TITLE_BAND - 6
    slot = (width - PAD - left) / len(x_labels)

    def to_y(value: float) -> float:
        return plot_bottom - min(value, top) / top * plot_height

    body = [_y_grid([(y_format(value), to_y(value)) for value in values], left, width - PAD)]
    body.extend(_x_labels(x_labels, left, slot, plot_bottom + 18))
    xs = [left + slot * (i + 0.5) for i in range(len(x_labels))]
    for index, one in enumerate(series):
        points = [(x, to_y(v)) for x, v in zip(xs, one.values, strict=True)]
        body.append(_line(points, index, one.label))
    total_height = float(height)
    if len(series) > 1:
        total_height = _add_legend(body, [s.label for s in series], top=height, width=width)
    return _document(title, width, total_height, body, "line")


def share_bar(
    parts: Sequence[Bar], *, title: str, width: int = 480, empty_text: str = "No data"
) -> str:
    """Return an SVG of one full-width bar split by each part's share of the total.

    Segments wide enough carry their percentage; the legend below names every part with
    its percentage. Percentages are whole numbers rounded so that they add up to 100.
    Parts that are all zero give the empty chart. Raises ``ValueError`` on negative,
    NaN or infinite values.
    """
    _check_values((part.value for part in parts), "share values")
    total = sum(part.value for part in parts)
    if not parts or total == 0:
        return _empty(title, width, empty_text)
    percents = _percentages([part.value for part in parts])
    body = _share_segments(parts, percents, width)
    labels = [f"{part.label} {percent}%" for part, percent in zip(parts, percents, strict=True)]
    legend_top = TITLE_BAND + SHARE_BAR_HEIGHT + 8
    height = _add_legend(body, labels, top=legend_top, width=width)
    return _document(title, width, height, body, "share")


def _bar_rows(
    categories: Sequence[str],
    series: Sequence[Series],
    width: int,
    bar_height: int,
    value_format: Callable[[float], str],
) -> tuple[list[str], float]:
    """Rows of bars stacked from the series, scaled to the largest total; returns the height."""
    totals = [sum(one.values[row] for one in series) for row in range(len(categories))]
    texts = [value_format(total) for total in totals]
    label_right = width * LABEL_SHARE
    bar_x = label_right + 6
    value_room = max(_text_width(text) for text in texts) + 8
    scale = max(width - PAD - value_room - bar_x, 1.0) / (max(totals) or 1)
    body = []
    for row, category in enumerate(categories):
        top = TITLE_BAND + row * (bar_height + ROW_GAP)
        # Baseline placed by hand: PDF renderers ignore dominant-baseline.
        baseline = top + bar_height / 2 + 4
        shown = _truncate(category, label_right - PAD)
        body.append(
            f'<g class="eom-chart__row"><title>{escape(f"{category}: {texts[row]}")}</title>'
        )
        body.append(_text(label_right, baseline, shown, "eom-chart__label", "end"))
        start = bar_x
        for index, one in enumerate(series):
            end = start + one.values[row] * scale
            tip = f"{one.label}: {value_format(one.values[row])}" if len(series) > 1 else None
            body.append(_segment(start, end, top, bar_height, index, tip))
            start = end
        body.append(
            _text(start + 4, baseline, texts[row], "eom-chart__value", "start", MUTED_COLOUR)
        )
        body.append("</g>")
    height = TITLE_BAND + len(categories) * (bar_height + ROW_GAP) - ROW_GAP + PAD
    return [_line_element(bar_x, TITLE_BAND - 2, bar_x, height - PAD + 2), *body], height


def _check_values(values: Iterable[float], what: str) -> None:
    for value in values:
        if not math.isfinite(value) or value < 0:
            raise ValueError(f"{what} must be finite, non-negative numbers, got {value!r}")


def _check_series(series: Sequence[Series], length: int) -> None:
    for one in series:
        if len(one.values) != length:
            raise ValueError(f"series {one.label!r}: {len(one.values)} values for {length} labels")
        _check_values(one.values, f"values of series {one.label!r}")


def _percentages(values: Sequence[float]) -> list[int]:
    """Whole percentages by largest remainder, so that the labels add up to exactly 100."""
    total = sum(values)
    exact = [value * 100 / total for value in values]
    whole = [math.floor(share) for share in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (whole[i] - exact[i], i))
    for i in by_remainder[: 100 - sum(whole)]:
        whole[i] += 1
    return whole


def _y_scale(series: Sequence[Series], y_max: float | None) -> tuple[float, float]:
    """The top of the y axis and the step between gridlines."""
    if y_max is not None:
        if not math.isfinite(y_max) or y_max <= 0:
            raise ValueError(f"y_max must be a positive number, got {y_max!r}")
        return y_max, y_max / 4
    largest = max(max(one.values) for one in series)
    if largest == 0:
        return 4.0, 1.0
    raw = largest / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if raw <= m * magnitude)
    return step * math.ceil(largest / step - 1e-9), step


def _y_grid(ticks: Sequence[tuple[str, float]], left: float, right: float) -> str:
    """Gridlines with their labels at the given heights; the first one is the x axis."""
    parts = ['<g class="eom-chart__grid">']
    for index, (text, y) in enumerate(ticks):
        parts.append(_line_element(left, y, right, y, "eom-chart__gridline" if index else ""))
        parts.append(_text(left - 6, y + 4, text, "eom-chart__tick", "end", MUTED_COLOUR))
    parts.append("</g>")
    return "\n".join(parts)


def _x_labels(labels: Sequence[str], left: float, slot: float, baseline: float) -> list[str]:
    """Labels centred under their points, thinned out to every n-th when they would collide."""
    wanted = min(max(_text_width(label) for label in labels), 90.0) + 8
    every = max(1, math.ceil(wanted / slot))
    room = slot * every - 8
    return [
        _text(
            left + slot * (i + 0.5), baseline, _truncate(label, room), "eom-chart__tick", "middle"
        )
        for i, label in enumerate(labels)
        if i % every == 0
    ]


def _line(points: Sequence[tuple[float, float]], index: int, label: str) -> str:
    colour = _colour(index)
    coords = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
    parts = [
        f'<g class="eom-chart__series eom-chart__series-{index}"><title>{escape(label)}</title>',
        f'<polyline class="eom-chart__line" points="{coords}" fill="none" stroke="{colour}" '
        'stroke-width="2" stroke-linejoin="round"/>',
    ]
    parts.extend(
        f'<circle class="eom-chart__point" cx="{_n(x)}" cy="{_n(y)}" r="3" fill="{colour}"/>'
        for x, y in points
    )
    parts.append("</g>")
    return "\n".join(parts)


def _share_segments(shares: Sequence[Bar], percents: Sequence[int], width: int) -> list[str]:
    """The segments of a share bar, each with its percentage when there is room for it."""
    scale = (width - 2 * PAD) / sum(share.value for share in shares)
    parts, start = [], float(PAD)
    for index, (share, percent) in enumerate(zip(shares, percents, strict=True)):
        end = start + share.value * scale
        text = f"{percent}%"
        tip = f"{share.label}: {text}"
        parts.append(_segment(start, end, TITLE_BAND, SHARE_BAR_HEIGHT, index, tip))
        if end - start >= _text_width(text) + 8:
            ink = _ink_on(_colour(index))
            middle = (start + end) / 2
            baseline = TITLE_BAND + SHARE_BAR_HEIGHT / 2 + 4
            parts.append(_text(middle, baseline, text, "eom-chart__share", "middle", ink))
        start = end
    return parts


def _add_legend(body: list[str], labels: Sequence[str], *, top: float, width: int) -> float:
    """Append a legend of series colours below ``top``; returns the chart's new height."""
    parts = ['<g class="eom-chart__legend">']
    x, y = float(PAD), top + 4
    for index, label in enumerate(labels):
        text = _truncate(label, width - 2 * PAD - SWATCH - 6)
        item_width = SWATCH + 6 + _text_width(text) + 16
        if x > PAD and x + item_width - 16 > width - PAD:
            x, y = float(PAD), y + LEGEND_ROW
        parts.append(_rect(x, y, SWATCH, SWATCH, _colour(index), "eom-chart__swatch"))
        parts.append(_text(x + SWATCH + 6, y + 10.5, text, "eom-chart__legend-label"))
        x += item_width
    parts.append("</g>")
    body.extend(parts)
    return y + LEGEND_ROW + PAD


def _empty(title: str, width: int, empty_text: str) -> str:
    shown = _truncate(empty_text, width - 2 * PAD)
    message = _text(width / 2, TITLE_BAND + 20, shown, "eom-chart__empty", "middle", MUTED_COLOUR)
    return _document(title, width, TITLE_BAND + 40, [message], "empty")


def _document(title: str, width: int, height: float, body: Sequence[str], kind: str) -> str:
    """The standalone <svg>, its accessible <title> and the visible title over the body."""
    inner = "\n".join(part for part in body if part)
    # Derived from the content, so it is reproducible and two different charts on one page
    # do not share an id.
    ident = "eom-chart-" + hashlib.sha1(f"{title}\n{inner}".encode()).hexdigest()[:10]
    heading = _truncate(title, width - 2 * PAD, size=14)
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="eom-chart eom-chart--{kind}" '
            f'viewBox="0 0 {width} {_n(height)}" width="{width}" height="{_n(height)}" '
            f'role="img" aria-labelledby="{ident}" font-family="{FONT_FAMILY}" font-size="12">',
            f'<title id="{ident}">{escape(title)}</title>',
            _text(PAD, 22, heading, "eom-chart__title"),
            inner,
            "</svg>",
        ]
    )


def _segment(
    start: float, end: float, y: float, height: float, index: int, tooltip: str | None = None
) -> str:
    """A bar piece of series ``index``; edges are rounded first so that neighbours abut."""
    left, right = round(start, 1), round(end, 1)
    if right <= left:
        return ""
    cls = f"eom-chart__bar eom-chart__series-{index}"
    rect = _rect(left, y, right - left, height, _colour(index), cls)
    return rect if tooltip is None else rect[:-2] + f"><title>{escape(tooltip)}</title></rect>"


def _rect(x: float, y: float, width: float, height: float, fill: str, cls: str) -> str:
    return (
        f'<rect class="{cls}" x="{_n(x)}" y="{_n(y)}" width="{_n(width)}" '
        f'height="{_n(height)}" fill="{fill}"/>'
    )


def _line_element(x1: float, y1: float, x2: float, y2: float, cls: str = "") -> str:
    """A gridline, or the axis in a darker grey when ``cls`` is empty."""
    cls, colour = (cls, GRID_COLOUR) if cls else ("eom-chart__axis", MUTED_COLOUR)
    return (
        f'<line class="{cls}" x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" '
        f'stroke="{colour}" stroke-width="1"/>'
    )


def _text(
    x: float, y: float, content: str, cls: str, anchor: str = "start", fill: str = TEXT_COLOUR
) -> str:
    size, weight = (14, ' font-weight="bold"') if cls == "eom-chart__title" else (12, "")
    return (
        f'<text class="{cls}" x="{_n(x)}" y="{_n(y)}" font-size="{size}"{weight} '
        f'text-anchor="{anchor}" fill="{fill}">{escape(content)}</text>'
    )


def _truncate(text: str, room: float, size: int = 12) -> str:
    """``text`` cut with an ellipsis so that its estimated width fits in ``room`` pixels."""
    fits = max(int(room / (size * GLYPH_WIDTH)), 1)
    return text if len(text) <= fits else text[: fits - 1].rstrip() + "…"


def _text_width(text: str, size: int = 12) -> float:
    return len(text) * size * GLYPH_WIDTH


def _colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _ink_on(colour: str) -> str:
    """White or near-black text, whichever reads better on ``colour``."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return "#ffffff" if luminance < 140 else TEXT_COLOUR


def _n(value: float) -> str:
    """A coordinate rounded to one decimal, without a trailing ``.0``."""
    text = f"{round(value, 1):.1f}".removesuffix(".0")
    return "0" if text == "-0" else text
