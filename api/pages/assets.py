"""Assets drawn from the code rather than kept as files: the palette's CSS, so that the
pages' badges take the very colours of the charts and PDFs (``reports/palette.py``); and
where the browser code from npm is found and served."""

from functools import cache
from pathlib import Path

from fastapi import APIRouter, Response

from reports import palette

router = APIRouter(include_in_schema=False)

# Browser code from the npm registry (package.json), installed by .ci/setup and served
# from EOM's own origin under /static/vendor/{name}/: no CDN. Without it the pages still
# read; they only stop updating themselves, /docs stays blank and the field app cannot
# open.
NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
BROWSER_CODE = {
    "htmx": "htmx.org/dist",
    "swagger-ui": "swagger-ui-dist",
    "idb": "idb/build",
    "json-schema": "@cfworker/json-schema/dist/esm",
}


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
