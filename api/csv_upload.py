"""A CSV import's body, one way for every import route: a file upload
(``multipart/form-data`` with the file in ``file``), which a generated client and
``curl -F file=@stations.csv`` both send, as the schema declares; a ``text/csv`` body of
the CSV text itself, as scripts have sent it so far, is still read (and said in the
description, not declared: a generator given both shapes writes a client that fails).
Read as the pages read an upload (``csvimport.read_file``: at most 20 MB, UTF-8, UTF-16
or Windows-1252); the body limit of ``api/middleware.py`` stops a far larger one before
it is read."""

from typing import Any

from fastapi import Request
from starlette.datastructures import UploadFile

from eom.core.csvimport import MAX_FILE_BYTES, read_file
from eom.core.errors import InvalidInput

FILE_FIELD = "file"


# The form of every import, one component (``api/openapi.py`` adds it).
CSV_FILE = {
    "title": "CsvFile",
    "type": "object",
    "properties": {FILE_FIELD: {"type": "string", "format": "binary"}},
    "required": [FILE_FIELD],
    "additionalProperties": False,
}


def csv_body(columns: str) -> dict[str, Any]:
    """The ``openapi_extra`` of an import route whose CSV has these columns."""
    return {
        "requestBody": {
            "required": True,
            "description": f"A CSV file, UTF-8, uploaded in the form field `file`. {columns} "
            "(A script may instead send the CSV text itself as a `text/csv` body.)",
            "content": {
                "multipart/form-data": {"schema": {"$ref": "#/components/schemas/CsvFile"}},
            },
        }
    }


async def read_csv_body(request: Request) -> str:
    """The CSV text of the request, from its uploaded file or from the body itself."""
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        async with request.form(max_files=1, max_fields=10) as form:
            upload = form.get(FILE_FIELD)
            if not isinstance(upload, UploadFile):
                raise InvalidInput(
                    "Send the CSV file in the form field 'file'.",
                    [{"loc": ["body", FILE_FIELD], "msg": "required"}],
                )
            body = await upload.read(MAX_FILE_BYTES + 1)
    else:
        body = await request.body()
    return read_file(body)
