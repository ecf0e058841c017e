"""Reading PDFs back as a person would: their text (pypdf) and their pages as images
(pdftoppm)."""

import io
import re
import subprocess
from pathlib import Path

from pypdf import PdfReader


def pages_text(pdf: bytes) -> list[str]:
    """The text of each page, with runs of spaces and line breaks made single spaces."""
    reader = PdfReader(io.BytesIO(pdf))
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in reader.pages]


def text_of(pdf: bytes) -> str:
    return " ".join(pages_text(pdf))


def page_images(pdf: bytes, folder: Path) -> list[Path]:
    """Every page as a PNG at 60 dpi, the way one looks at them; fails if poppler does."""
    source = folder / "document.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(source), str(folder / "page")],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return sorted(folder.glob("page-*.png"))


def fonts_of(pdf: bytes) -> set[str]:
    """The names of the fonts the PDF's pages use."""
    reader = PdfReader(io.BytesIO(pdf))
    names: set[str] = set()
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        names.update(str(font.get_object()["/BaseFont"]) for font in fonts.values())
    return names
