"""Photos of incidents as the API and the staff's pages serve them, once access is decided:
evidence that no cache keeps and no browser takes for anything but the picture it is."""

from typing import Any

from fastapi import Response

from eom.field.models import PhotoType

PHOTO_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The picture, as stored: without metadata",
        "content": {
            kind.value: {"schema": {"type": "string", "format": "binary"}} for kind in PhotoType
        },
    }
}


def photo_response(content: bytes, media_type: str, filename: str) -> Response:
    """The picture with its media type, never cached (``X-Content-Type-Options: nosniff``
    comes with every answer, from the middleware)."""
    return Response(
        content,
        media_type=media_type,
        headers={
            "Cache-Control": "private, no-store",
            "Content-Disposition": f'inline; filename="{filename}"',
        },
    )
