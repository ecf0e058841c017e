"""Every sample document, in English and Spanish, rendered from the realistic values of
``tests/support/samples.py``, to look at the PDFs.

    .venv/bin/python -m bench.samples /tmp/documents     # writes every sample PDF, EN and ES
"""

import sys
from collections.abc import Callable
from pathlib import Path

from reports.donor_statement.render import render_donor_statement
from reports.followup_report.render import render_followup_report
from reports.mission_report.render import render_mission_report
from tests.support.samples import donor_statement, followup_report, mission_report


def write_all(folder: Path) -> list[Path]:
    """Every sample document in English and Spanish, written into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    documents: tuple[tuple[str, Callable[[str], bytes]], ...] = (
        ("mission", lambda language: render_mission_report(mission_report(), language)),
        ("donor", lambda language: render_donor_statement(donor_statement(), language)),
        ("followup", lambda language: render_followup_report(followup_report(), language)),
    )
    written = []
    for name, render in documents:
        for language in ("en", "es"):
            path = folder / f"{name}-{language}.pdf"
            path.write_bytes(render(language))
            written.append(path)
    return written


if __name__ == "__main__":
    for path in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/documents")):
        print(path)
