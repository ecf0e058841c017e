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

from reports import palette

# Series without a meaning of their own take these in turn (reports/palette.py).
PALETTE = palette.SERIES
FONT_FAMILY = "system-ui, sans-serif"
TEXT_COLOUR = palette.TEXT
MUTED_COLOUR = palette.MUTED
GRID_COLOUR = palette.GRID
PAD = 12
TITLE_BAND = 36
ROW_GAP = 6
LABEL_SHARE = 0.35
LEGEND_ROW = 20
SWATCH = 12
SHARE_BAR_HEIGHT = 28
TITLE_SIZE = 14
TITLE_LINE = 18
TITLE_LINES = 3
# Below this width a bar's label goes on a line of its own above the bar.
NARROW = 400
LABEL_LINE = 16
HATCH_STEP = 6
# Average glyph width as a share of the font size; a little generous for system-ui so that
# estimated text never runs past the space it was given.
GLYPH_WIDTH = 0.6


@dataclass(frozen=True)
class Bar:
    """One labelled, non-negative value; ``colour`` when it means something (a status),
    ``hatched`` when it signals a problem."""

    label: str
    value: float
    colour: str | None = None
    hatched: bool = False


@dataclass(frozen=True)
class Series:
    """A named run of non-negative values, one per category or x label; ``colour`` and
    ``hatched`` as for a bar."""

    label: str
    values: tuple[float, ...]
    colour: str | None = None
    hatched: bool = False


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
    """Return an SVG of horizontal bars, label on the left (above the bar when the chart is
    narrow), value at the end of each bar.

    Bars are scaled to the largest value. Raises ``ValueError`` on negative, NaN or
    infinite values.
    """
    _check_values((bar.value for bar in bars), "bar values")
    if not bars:
        return _empty(title, width, empty_text)
    rows = [[Series(bar.label, (bar.value,), bar.colour, bar.hatched)] for bar in bars]
    body, height = _bar_rows([bar.label for bar in bars], rows, width, bar_height, value_format)
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
    styled = [_styled(one, index) for index, one in enumerate(series)]
    rows = [
        [Series(s.label, (s.values[row],), s.colour, s.hatched) for s in styled]
        for row in range(len(categories))
    ]
    body, height = _bar_rows(categories, rows, width, bar_height, value_format)
    if legend:
        height = _add_legend(body, styled, top=height, width=width)
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
    styled = [_styled(one, index) for index, one in enumerate(series)]
    for index, one in enumerate(styled):
        points = [(x, to_y(v)) for x, v in zip(xs, one.values, strict=True)]
        body.append(_line(points, index, one))
    total_height = float(height)
    if len(series) > 1:
        total_height = _add_legend(body, styled, top=height, width=width)
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
    styled = [
        _styled(Series(p.label, (p.value,), p.colour, p.hatched), i) for i, p in enumerate(parts)
    ]
    body = _share_segments(styled, percents, width)
    named = [
        Series(f"{s.label} {percent}%", s.values, s.colour, s.hatched)
        for s, percent in zip(styled, percents, strict=True)
    ]
    legend_top = TITLE_BAND + SHARE_BAR_HEIGHT + 8
    height = _add_legend(body, named, top=legend_top, width=width)
    return _document(title, width, height, body, "share")


def _bar_rows(
    categories: Sequence[str],
    rows: Sequence[Sequence[Series]],
    width: int,
    bar_height: int,
    value_format: Callable[[float], str],
) -> tuple[list[str], float]:
    """Rows of bars stacked from each row's segments (one-value series, styled), scaled to
    the largest total; returns the body and its height. A narrow chart puts each label on
    a line of its own above its bar, so that bars keep the whole width."""
    totals = [sum(one.values[0] for one in row) for row in rows]
    texts = [value_format(total) for total in totals]
    narrow = width < NARROW
    label_right = PAD if narrow else width * LABEL_SHARE
    bar_x = PAD if narrow else label_right + 6
    label_band = LABEL_LINE if narrow else 0
    value_room = max(_text_width(text) for text in texts) + 8
    scale = max(width - PAD - value_room - bar_x, 1.0) / (max(totals) or 1)
    step = label_band + bar_height + ROW_GAP
    body = []
    for index, (category, row) in enumerate(zip(categories, rows, strict=True)):
        top = TITLE_BAND + index * step + label_band
        # Baseline placed by hand: PDF renderers ignore dominant-baseline.
        baseline = top + bar_height / 2 + 4
        body.append(
            f'<g class="eom-chart__row"><title>{escape(f"{category}: {texts[index]}")}</title>'
        )
        if narrow:
            shown = _truncate(category, width - 2 * PAD)
            body.append(_text(PAD, top - 4, shown, "eom-chart__label"))
        else:
            shown = _truncate(category, label_right - PAD)
            body.append(_text(label_right, baseline, shown, "eom-chart__label", "end"))
        start = bar_x
        for one in row:
            end = start + one.values[0] * scale
            tip = f"{one.label}: {value_format(one.values[0])}" if len(row) > 1 else None
            body.append(_segment(start, end, top, bar_height, one, tip))
            start = end
        body.append(
            _text(start + 4, baseline, texts[index], "eom-chart__value", "start", MUTED_COLOUR)
        )
        body.append("</g>")
    height = TITLE_BAND + len(categories) * step - ROW_GAP + PAD
    axis_top = TITLE_BAND - 2 + label_band
    return [_line_element(bar_x, axis_top, bar_x, height - PAD + 2), *body], height


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


def _line(points: Sequence[tuple[float, float]], index: int, one: Series) -> str:
    colour = one.colour or _colour(index)
    coords = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
    parts = [
        f'<g class="eom-chart__series eom-chart__series-{index}">'
        f"<title>{escape(one.label)}</title>",
        f'<polyline class="eom-chart__line" points="{coords}" fill="none" stroke="{colour}" '
        'stroke-width="2" stroke-linejoin="round"/>',
    ]
    parts.extend(
        f'<circle class="eom-chart__point" cx="{_n(x)}" cy="{_n(y)}" r="3" fill="{colour}"/>'
        for x, y in points
    )
    parts.append("</g>")
    return "\n".join(parts)


def _share_segments(parts: Sequence[Series], percents: Sequence[int], width: int) -> list[str]:
    """The segments of a share bar, each with its percentage when there is room for it."""
    scale = (width - 2 * PAD) / sum(part.values[0] for part in parts)
    drawn, start = [], float(PAD)
    for part, percent in zip(parts, percents, strict=True):
        end = start + part.values[0] * scale
        text = f"{percent}%"
        drawn.append(
            _segment(start, end, TITLE_BAND, SHARE_BAR_HEIGHT, part, f"{part.label}: {text}")
        )
        if end - start >= _text_width(text) + 8:
            ink = _ink_on(part.colour or PALETTE[0])
            middle = (start + end) / 2
            baseline = TITLE_BAND + SHARE_BAR_HEIGHT / 2 + 4
            drawn.append(_text(middle, baseline, text, "eom-chart__share", "middle", ink))
        start = end
    return drawn


def _add_legend(body: list[str], items: Sequence[Series], *, top: float, width: int) -> float:
    """Append a legend of the (styled) series below ``top``; returns the chart's new height."""
    parts = ['<g class="eom-chart__legend">']
    x, y = float(PAD), top + 4
    for one in items:
        text = _truncate(one.label, width - 2 * PAD - SWATCH - 6)
        item_width = SWATCH + 6 + _text_width(text) + 16
        if x > PAD and x + item_width - 16 > width - PAD:
            x, y = float(PAD), y + LEGEND_ROW
        parts.append(_swatch(x, y, SWATCH, SWATCH, one, "eom-chart__swatch"))
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
    """The standalone <svg>, its accessible <title> and the visible title over the body.
    A title too long for one line takes up to three, and the body moves down to make room."""
    inner = "\n".join(part for part in body if part)
    # Derived from the content, so it is reproducible and two different charts on one page
    # do not share an id.
    ident = "eom-chart-" + hashlib.sha1(f"{title}\n{width}\n{inner}".encode()).hexdigest()[:10]
    lines = _wrap(title, width - 2 * PAD, size=TITLE_SIZE, most=TITLE_LINES)
    extra = (len(lines) - 1) * TITLE_LINE
    headings = [
        _text(PAD, 22 + n * TITLE_LINE, line, "eom-chart__title") for n, line in enumerate(lines)
    ]
    shifted = f'<g transform="translate(0 {extra})">\n{inner}\n</g>' if extra else inner
    total = height + extra
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="eom-chart eom-chart--{kind}" '
            f'viewBox="0 0 {width} {_n(total)}" width="{width}" height="{_n(total)}" '
            f'role="img" aria-labelledby="{ident}" font-family="{FONT_FAMILY}" font-size="12">',
            f'<title id="{ident}">{escape(title)}</title>',
            *headings,
            shifted,
            "</svg>",
        ]
    )


def _wrap(text: str, room: float, *, size: int, most: int) -> list[str]:
    """``text`` in lines that each fit ``room`` pixels, at most ``most`` of them (the last
    cut with an ellipsis when the text is longer still)."""
    fits = max(int(room / (size * GLYPH_WIDTH)), 1)
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= fits:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > most:
        lines = [*lines[: most - 1], " ".join(lines[most - 1 :])]
    return [_truncate(line, room, size) for line in lines] or [""]


def _segment(
    start: float, end: float, y: float, height: float, one: Series, tooltip: str | None = None
) -> str:
    """A bar piece in the series' colour (hatched when it signals a problem); edges are
    rounded first so that neighbours abut."""
    left, right = round(start, 1), round(end, 1)
    if right <= left:
        return ""
    drawn = _swatch(left, y, right - left, height, one, "eom-chart__bar")
    return drawn if tooltip is None else f"<g>{drawn}<title>{escape(tooltip)}</title></g>"


def _styled(one: Series, index: int) -> Series:
    """The series with its colour settled: its own, or the index-th of the palette."""
    return Series(one.label, one.values, one.colour or _colour(index), one.hatched)


def _swatch(x: float, y: float, width: float, height: float, one: Series, cls: str) -> str:
    """A rectangle in the series' colour, with white diagonal lines over it when hatched
    (drawn as lines, not an SVG pattern, so that the PDFs show them too)."""
    colour = one.colour or PALETTE[0]
    rect = _rect(x, y, width, height, colour, cls + (" eom-chart--concern" if one.hatched else ""))
    return rect + (_hatch(x, y, width, height) if one.hatched else "")


def _hatch(x: float, y: float, width: float, height: float) -> str:
    """Lines rising at 45° across the rectangle, every ``HATCH_STEP`` px, cut to its edges."""
    moves = []
    offset = -height + HATCH_STEP / 2
    while offset < width:
        low, high = max(0.0, -offset), min(height, width - offset)
        if high > low:
            moves.append(
                f"M{_n(x + offset + low)},{_n(y + height - low)}"
                f"L{_n(x + offset + high)},{_n(y + height - high)}"
            )
        offset += HATCH_STEP
    return (
        f'<path class="eom-chart__hatch" d="{"".join(moves)}" stroke="#ffffff" '
        'stroke-width="1.5" fill="none"/>'
    )


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
