"""The template every EOM document shares: fonts, styles, a cover, a table of contents,
a running header, "page X of Y", tables that split across pages with their header row
repeated, and charts drawn by ``reports.svg`` (the very SVG the pages show, converted
into reportlab drawings with svglib).

Renderers build a list of flowables with the helpers here and hand it to ``build_pdf``.
"""

import copy
import io
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, TypeAlias
from xml.sax.saxutils import escape

import reportlab
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents
from svglib.svglib import svg2rlg

from eom.core.i18n import N_, translate
from reports import palette

FONT, FONT_BOLD, FONT_ITALIC = "EOMSans", "EOMSans-Bold", "EOMSans-Oblique"
# DejaVu Sans covers every Latin script; reportlab's own Bitstream Vera, from which DejaVu
# grew with the same metrics, covers Spanish and the rest of Latin-1 and is always there.
FONT_CANDIDATES: tuple[tuple[Path, tuple[str, str, str]], ...] = (
    (
        Path("/usr/share/fonts/truetype/dejavu"),
        ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"),
    ),
    (Path(reportlab.__file__).parent / "fonts", ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf")),
)

BLUE = colors.HexColor(palette.BRAND)
INK = colors.HexColor(palette.TEXT)
MUTED = colors.HexColor(palette.MUTED)
RULE = colors.HexColor(palette.GRID)
ZEBRA = colors.HexColor("#f2f5f9")

PAGE_WIDTH, PAGE_HEIGHT = LETTER
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 60.0, 78.0, 64.0
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
# Charts are drawn in CSS pixels, which svglib takes as 0.75 pt: drawn as wide as the
# frame, they are printed at their own size, so 12 px text prints at 9 pt (what 12 px is
# on a screen); a long title wraps instead of shrinking the chart.
CHART_WIDTH = int(FRAME_WIDTH / 0.75)

ORGANIZATION = N_("Organization of American States")
DEPARTMENT = N_("Department of Electoral Cooperation and Observation")


def translator(language: str) -> Callable[..., str]:
    """``_(message, **fields)`` in ``language``: how renderers write every label."""
    return partial(translate, language)


def font_files(
    candidates: Sequence[tuple[Path, tuple[str, str, str]]] = FONT_CANDIDATES,
) -> tuple[Path, Path, Path]:
    """The regular, bold and italic files of the first family whose files all exist."""
    for folder, names in candidates:
        paths = tuple(folder / name for name in names)
        if all(path.is_file() for path in paths):
            return paths  # type: ignore[return-value]
    raise FileNotFoundError("no font family for the PDFs: reportlab's Vera fonts are missing")


@lru_cache(maxsize=1)
def register_fonts() -> Path:
    """Register the document fonts with reportlab once; returns the regular font's file."""
    regular, bold, italic = font_files()
    for name, path in ((FONT, regular), (FONT_BOLD, bold), (FONT_ITALIC, italic)):
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD
    )
    return regular


def _style(name: str, **values: Any) -> ParagraphStyle:
    base: dict[str, Any] = {"fontName": FONT, "fontSize": 10, "leading": 14, "textColor": INK}
    return ParagraphStyle(name, **{**base, **values})


@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles of every document, by name."""
    register_fonts()
    heading = {"fontName": FONT_BOLD, "textColor": BLUE, "keepWithNext": 1}
    head = {"fontName": FONT_BOLD, "fontSize": 8.5, "leading": 11, "textColor": colors.white}
    found = {
        "body": _style("body", spaceAfter=6),
        "note": _style("note", fontSize=8.5, leading=11.5, textColor=MUTED, spaceAfter=6),
        "h1": _style("h1", fontSize=16, leading=20, spaceBefore=6, spaceAfter=10, **heading),
        "h2": _style("h2", fontSize=12.5, leading=16, spaceBefore=12, spaceAfter=6, **heading),
        "h3": _style(
            "h3", fontName=FONT_BOLD, fontSize=10.5, leading=14, spaceBefore=8, keepWithNext=1
        ),
        "cell": _style("cell", fontSize=8.5, leading=11),
        "cell_head": _style("cell_head", **head),
        "cell_head_small": _style("cell_head_small", **{**head, "fontSize": 6.5, "leading": 8}),
        "kicker": _style("kicker", fontSize=11, leading=15, textColor=MUTED, spaceAfter=18),
        "title": _style(
            "title", fontName=FONT_BOLD, fontSize=26, leading=32, textColor=BLUE, spaceAfter=14
        ),
        "subtitle": _style("subtitle", fontSize=15, leading=20, spaceAfter=28),
        "cover_line": _style("cover_line", fontSize=11, leading=16, textColor=MUTED),
        "toc0": _style("toc0", fontName=FONT_BOLD, fontSize=10.5, leading=16, spaceBefore=4),
        "toc1": _style("toc1", fontSize=9.5, leading=13, leftIndent=16),
    }
    # Numbers in table cells are right-aligned.
    for name in ("cell", "cell_head", "cell_head_small"):
        right = f"{name}_right"
        found[right] = ParagraphStyle(right, parent=found[name], alignment=TA_RIGHT)
    return found


# --- flowables ---------------------------------------------------------------------------


class Heading(Paragraph):
    """A section heading: listed in the table of contents and the PDF's outline."""

    def __init__(self, text: str, level: int) -> None:
        super().__init__(escape(text), styles()[f"h{level + 1}"])
        self.level, self.plain = level, text


def heading(text: str, level: int = 0) -> Heading:
    """A heading of level 0 (chapter) or 1 (section)."""
    return Heading(text, level)


def subheading(text: str) -> Paragraph:
    """A small heading that stays out of the table of contents."""
    return Paragraph(escape(text), styles()["h3"])


def paragraph(text: str, style: str = "body") -> Paragraph:
    """Plain text (escaped, so names with ``&`` or ``<`` print as they are)."""
    return Paragraph(escape(text), styles()[style])


def note(text: str) -> Paragraph:
    return paragraph(text, "note")


def spacer(height: float = 8) -> Spacer:
    return Spacer(1, height)


Cell: TypeAlias = str | Flowable


def _cell(value: Cell, style: str) -> Flowable:
    return Paragraph(escape(value), styles()[style]) if isinstance(value, str) else value


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    *,
    numeric: Collection[int] = (),
    total: bool = False,
    narrow_header: bool = False,
) -> Table:
    """A table whose header row repeats on every page it spans and whose rows never split.

    ``widths`` are shares of the frame's width; columns in ``numeric`` are right-aligned;
    with ``total`` the last row is a bold total under a rule; ``narrow_header`` sets the
    header smaller, for many narrow columns with long names.
    """
    head_style = "cell_head_small" if narrow_header else "cell_head"
    head = [
        _cell(text, f"{head_style}_right" if i in numeric else head_style)
        for i, text in enumerate(header)
    ]
    body = [
        [_cell(value, "cell_right" if i in numeric else "cell") for i, value in enumerate(row)]
        for row in rows
    ]
    if total and body:
        body[-1] = [
            Paragraph(f"<b>{escape(value)}</b>", styles()["cell_right" if i in numeric else "cell"])
            if isinstance(value, str)
            else value
            for i, value in enumerate(rows[-1])
        ]
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT),
        ("BACKGROUND", (0, 0), (-1, 0), BLUE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 3 if narrow_header else 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3 if narrow_header else 5),
    ]
    commands += [("BACKGROUND", (0, r), (-1, r), ZEBRA) for r in range(2, len(body) + 1, 2)]
    if total and body:
        commands.append(("LINEABOVE", (0, -1), (-1, -1), 1, INK))
    found = Table(
        [head, *body],
        colWidths=[FRAME_WIDTH * share for share in widths],
        repeatRows=1,
        splitByRow=1,
        hAlign="LEFT",
    )
    found.setStyle(TableStyle(commands))
    return found


def key_values(pairs: Sequence[tuple[str, str]]) -> Table:
    """Label and value, one pair a row: the facts of a summary."""
    data = [[_cell(label, "cell"), _cell(value, "cell")] for label, value in pairs]
    found = Table(data, colWidths=[FRAME_WIDTH * 0.32, FRAME_WIDTH * 0.68], hAlign="LEFT")
    found.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT),
                ("BACKGROUND", (0, 0), (0, -1), ZEBRA),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("LINEABOVE", (0, 0), (-1, 0), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return found


def chart(svg: str) -> Drawing:
    """A chart from ``reports.svg`` as a reportlab drawing, in the document's font and
    scaled down if it is wider than the frame."""
    register_fonts()
    drawing = svg2rlg(io.StringIO(svg))
    if drawing is None:
        raise ValueError("the chart is not a readable SVG")
    _use_document_font(drawing)
    drawing.initialFontName = FONT
    if drawing.width > FRAME_WIDTH:
        factor = FRAME_WIDTH / drawing.width
        drawing.scale(factor, factor)
        drawing.width, drawing.height = FRAME_WIDTH, drawing.height * factor
    drawing.hAlign = "LEFT"
    return drawing


def _use_document_font(node: Group) -> None:
    """svglib maps the SVG's system font to Helvetica, which is not embedded and lacks
    many accents: every string uses the document's font instead."""
    for shape in node.contents:
        if isinstance(shape, String):
            shape.fontName = FONT_BOLD if "Bold" in shape.fontName else FONT
        elif isinstance(shape, Group):
            _use_document_font(shape)


def stacked_charts(svgs: Sequence[str], *, caption: Flowable | None = None) -> list[Flowable]:
    """Charts one under the other, each kept whole on a page; a ``caption`` (a subheading,
    say) stays on the page of the first."""
    found: list[Flowable] = [KeepTogether([chart(svg), spacer(10)]) for svg in svgs]
    if caption is not None and found:
        found[0] = KeepTogether([caption, chart(svgs[0]), spacer(10)])
    return found


def cover(kicker: str, title: str, subtitle: str, lines: Sequence[str]) -> list[Flowable]:
    """The cover's text: a kicker, the title, a subtitle and some facts, one per line."""
    style = styles()
    return [
        Spacer(1, 120),
        paragraph(kicker, "kicker"),
        paragraph(title, "title"),
        paragraph(subtitle, "subtitle"),
        *[paragraph(line, "cover_line") for line in lines],
    ] + ([] if lines else [Spacer(1, style["cover_line"].leading)])


# --- the document ------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentInfo:
    """What the running header, the PDF's properties and the footer say."""

    title: str
    subject: str
    language: str


class _NumberedCanvas(Canvas):
    """Holds every page until the end, so that each can say "page X of Y"."""

    def __init__(self, *args: Any, page_label: Callable[[int, int], str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._page_label = page_label
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            if self._pageNumber > 1:  # the cover carries no number
                self.setFont(FONT, 8)
                self.setFillColor(MUTED)
                label = self._page_label(self._pageNumber, total)
                self.drawRightString(PAGE_WIDTH - MARGIN_X, MARGIN_BOTTOM - 30, label)
            super().showPage()
        super().save()


class _WithNext(KeepTogether):
    """A heading kept with what follows it. A long table starts under its heading when a
    few of its rows fit (it splits by row, its header repeated), rather than leaving the
    rest of the page empty; anything else moves whole to the next page."""

    ROOM = 160.0

    def split(self, aW: float, aH: float) -> list[Flowable]:
        self.wrap(aW, aH)
        if isinstance(self._content[-1], Table) and self._H > aH >= self.ROOM:
            return list(self._content)
        return list(super().split(aW, aH))


class _Document(BaseDocTemplate):
    def __init__(self, buffer: io.BytesIO, info: DocumentInfo) -> None:
        super().__init__(
            buffer,
            pagesize=LETTER,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=info.title,
            subject=info.subject,
            author=translate(info.language, ORGANIZATION),
            lang=info.language,
            invariant=1,
            initialFontName=FONT,
            initialFontSize=10,
            keepTogetherClass=_WithNext,
        )
        self.info = info
        frame = Frame(
            MARGIN_X, MARGIN_BOTTOM, FRAME_WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
        )
        self.addPageTemplates(
            [
                PageTemplate("cover", [frame], onPage=self._draw_cover),
                PageTemplate("body", [copy.copy(frame)], onPage=self._draw_header),
            ]
        )

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's name
        if isinstance(flowable, Heading):
            key = f"h{self.seq.nextf('heading')}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.plain, key, flowable.level, closed=True)
            self.notify("TOCEntry", (flowable.level, flowable.plain, self.page, key))

    def _draw_cover(self, canvas: Canvas, _: Any) -> None:
        _ = translator(self.info.language)
        canvas.saveState()
        canvas.setFillColor(BLUE)
        canvas.rect(0, PAGE_HEIGHT - 150, PAGE_WIDTH, 150, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont(FONT_BOLD, 17)
        canvas.drawString(MARGIN_X, PAGE_HEIGHT - 80, _(ORGANIZATION))
        canvas.setFont(FONT, 11)
        canvas.drawString(MARGIN_X, PAGE_HEIGHT - 102, _(DEPARTMENT))
        canvas.setFillColor(colors.HexColor(palette.ORANGE))
        canvas.rect(0, PAGE_HEIGHT - 156, PAGE_WIDTH, 6, stroke=0, fill=1)
        canvas.setStrokeColor(RULE)
        canvas.line(MARGIN_X, 72, PAGE_WIDTH - MARGIN_X, 72)
        canvas.setFillColor(MUTED)
        canvas.setFont(FONT, 9)
        canvas.drawString(MARGIN_X, 56, self.info.subject)
        canvas.restoreState()

    def _draw_header(self, canvas: Canvas, _: Any) -> None:
        text = translator(self.info.language)
        top = PAGE_HEIGHT - 44
        canvas.saveState()
        canvas.setFont(FONT_BOLD, 8)
        canvas.setFillColor(BLUE)
        canvas.drawString(MARGIN_X, top, self.info.title)
        canvas.setFont(FONT, 8)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(PAGE_WIDTH - MARGIN_X, top, self.info.subject)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN_X, top - 8, PAGE_WIDTH - MARGIN_X, top - 8)
        canvas.line(MARGIN_X, MARGIN_BOTTOM - 18, PAGE_WIDTH - MARGIN_X, MARGIN_BOTTOM - 18)
        canvas.drawString(MARGIN_X, MARGIN_BOTTOM - 30, text(ORGANIZATION))
        canvas.restoreState()


def _contents(language: str) -> list[Flowable]:
    style = styles()
    layout = TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("FONT", (0, 0), (-1, -1), FONT),
        ]
    )
    toc = TableOfContents(
        levelStyles=[style["toc0"], style["toc1"]], dotsMinLevel=0, tableStyle=layout
    )
    return [paragraph(translate(language, N_("Contents")), "h1"), toc]


def build_pdf(info: DocumentInfo, front: Sequence[Flowable], body: Sequence[Flowable]) -> bytes:
    """The PDF: a cover holding ``front``, the table of contents, then ``body``."""
    register_fonts()
    buffer = io.BytesIO()
    document = _Document(buffer, info)
    story = [
        *front,
        NextPageTemplate("body"),
        PageBreak(),
        *_contents(info.language),
        PageBreak(),
        *body,
    ]

    def page_label(page: int, total: int) -> str:
        return translate(info.language, N_("Page {page} of {total}"), page=page, total=total)

    document.multiBuild(story, canvasmaker=partial(_NumberedCanvas, page_label=page_label))
    return buffer.getvalue()
