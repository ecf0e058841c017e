"""The template every document shares: cover, contents, running header, "page X of Y",
tables whose header repeats on every page, charts in the document's font."""

from pathlib import Path

import pytest

from reports import pdf
from reports.svg import Bar, bar_chart
from tests.support.pdfs import fonts_of, page_images, pages_text, text_of

INFO = pdf.DocumentInfo(title="Informe de prueba", subject="EOM-PER-2026 · Perú", language="es")


def build(body: list, front: list | None = None) -> bytes:
    return pdf.build_pdf(INFO, front or pdf.cover("Misión", "Perú", "Elecciones", []), body)


def long_table(rows: int) -> list:
    return [
        pdf.heading("Mesas"),
        pdf.table(["Código", "Región"], [[f"M-{n:04d}", "Cusco"] for n in range(rows)], (0.5, 0.5)),
    ]


def test_every_page_after_the_cover_says_which_page_of_how_many() -> None:
    pages = pages_text(build(long_table(150)))
    total = len(pages)
    assert total >= 5
    assert "Página" not in pages[0]
    for number, text in enumerate(pages[1:], start=2):
        assert f"Página {number} de {total}" in text


def test_a_table_longer_than_a_page_repeats_its_header_and_loses_no_row() -> None:
    pages = pages_text(build(long_table(150)))
    spanned = [text for text in pages if "M-0" in text]
    assert len(spanned) >= 3
    assert all("Código Región" in text for text in spanned)
    found = " ".join(spanned)
    assert all(f"M-{n:04d}" in found for n in range(150))


def test_the_running_header_names_the_document_and_its_subject_on_body_pages() -> None:
    pages = pages_text(build(long_table(80)))
    assert "Informe de prueba" not in pages[0]
    assert all("Informe de prueba" in p and "EOM-PER-2026 · Perú" in p for p in pages[1:])


def test_the_contents_list_each_heading_with_its_page() -> None:
    titles = ("Primera parte", "Una sección", "Segunda parte")
    body = [
        pdf.heading(titles[0]),
        pdf.paragraph("texto"),
        pdf.heading(titles[1], 1),
        *long_table(120)[1:],
        pdf.heading(titles[2]),
    ]
    pages = pages_text(build(body))
    contents = pages[1]
    numbers = set(contents.replace(".", " ").split())
    assert "Índice" in contents
    for title in titles:
        page = next(n for n, text in enumerate(pages[2:], start=3) if title in text)
        assert title in contents and str(page) in numbers


def test_spanish_accents_come_back_out_of_the_pdf_as_written() -> None:
    words = "Misión ¿Señorías? Útil — acción, pingüino, Œuvre, «comillas»"
    assert words in text_of(build([pdf.heading("Acentos"), pdf.paragraph(words)]))


def test_text_and_charts_use_only_the_embedded_document_font() -> None:
    svg = bar_chart([Bar("Región Sur", 3), Bar("Región Norte", 5)], title="Mesas por región")
    document = build([pdf.heading("Gráfico"), pdf.chart(svg)])
    assert "Mesas por región" in text_of(document) and "Región Norte" in text_of(document)
    fonts = fonts_of(document)
    assert fonts and all("EOMSans" in name or "DejaVu" in name or "Vera" in name for name in fonts)
    assert not any("Helvetica" in name for name in fonts)


def test_a_chart_wider_than_the_page_is_scaled_to_fit() -> None:
    drawing = pdf.chart(bar_chart([Bar("a", 1)], title="t", width=1400))
    assert drawing.width == pytest.approx(pdf.FRAME_WIDTH)


def test_without_dejavu_the_fonts_fall_back_to_reportlabs_vera(tmp_path: Path) -> None:
    missing = (tmp_path, ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"))
    regular, bold, italic = pdf.font_files((missing, pdf.FONT_CANDIDATES[-1]))
    assert (regular.name, bold.name, italic.name) == ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf")
    assert all(path.is_file() for path in (regular, bold, italic))


def test_names_with_markup_characters_print_as_written() -> None:
    document = build(
        [pdf.heading("A & B <C>"), pdf.table(["Nombre"], [["Smith & Wesson <S.A.>"]], (1,))]
    )
    assert "Smith & Wesson <S.A.>" in text_of(document) and "A & B <C>" in text_of(document)


def test_every_page_opens_as_an_image(tmp_path: Path) -> None:
    document = build(long_table(100))
    images = page_images(document, tmp_path)
    assert len(images) == len(pages_text(document))
    assert all(image.stat().st_size > 1000 for image in images)
