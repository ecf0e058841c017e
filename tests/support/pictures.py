"""Pictures made on the spot with Pillow for the photo tests (no binary file is kept in
the repository): a phone's JPEG with its GPS position and other metadata, and pictures of
every kind a photo may or may not be."""

import io
import struct
import zlib

from PIL import ExifTags, Image, ImageCms

# Where the phone says it was: 16°30' S, 68°09' W, written in the EXIF GPS block.
GPS_LATITUDE = (16.0, 30.0, 0.0)
GPS_LONGITUDE = (68.0, 9.0, 0.0)
COMMENT = b"taken at the observer's home"
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">observer home address</x:xmpmeta>'


def phone_jpeg(width: int = 40, height: int = 20, *, orientation: int = 6) -> bytes:
    """A JPEG as a phone writes it, left half red and right half blue, stored sideways with
    an EXIF orientation (6: turn it a quarter clockwise to see it upright), the camera's
    make, a GPS position, an ICC profile, a comment and XMP."""
    image = Image.new("RGB", (width, height), "blue")
    image.paste("red", (0, 0, width // 2, height))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "PhoneCo"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "S"
    gps[ExifTags.GPS.GPSLatitude] = GPS_LATITUDE
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = GPS_LONGITUDE
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), icc_profile=icc, comment=COMMENT, xmp=XMP)
    return out.getvalue()


def picture(kind: str, *, colour: str = "green", size: tuple[int, int] = (30, 20)) -> bytes:
    """A plain picture in one of Pillow's formats (JPEG, PNG, WEBP, GIF, ...)."""
    mode = "P" if kind == "GIF" else "RGB"
    out = io.BytesIO()
    Image.new(mode, size, colour).save(out, kind)
    return out.getvalue()


def transparent_png() -> bytes:
    """A palette PNG whose first colour is transparent."""
    image = Image.new("P", (10, 10), 0)
    image.putpalette([255, 0, 0, 0, 255, 0])
    image.paste(1, (5, 0, 10, 10))
    out = io.BytesIO()
    image.save(out, "PNG", transparency=0)
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims this size (a decompression bomb's first bytes)."""
    real = picture("PNG", size=(1, 1))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    ihdr = struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    return real[:8] + ihdr + real[8 + 25 :]


def opened(content: bytes) -> Image.Image:
    return Image.open(io.BytesIO(content))
