"""Assets drawn from the code rather than kept as files: the palette's CSS, so that the
pages' badges take the very colours of the charts and PDFs (``reports/palette.py``)."""

from functools import cache

from fastapi import APIRouter, Response

from reports import palette

router = APIRouter(include_in_schema=False)


@cache
def _palette_css() -> str:
    return palette.css()


@router.get("/palette.css")
def palette_css() -> Response:
    return Response(
        _palette_css(),
        media_type="text/css; charset=utf-8",
        headers={"Cache-Control": "public, max-age=3600"},
    )
