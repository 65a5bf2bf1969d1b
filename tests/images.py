"""Files for upload tests: good pictures, and the bad ones people (or attackers) send."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def jpeg(size=(64, 48), color="teal", exif=None, name="photo.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG", **({"exif": exif} if exif is not None else {}))
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def jpeg_with_gps():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x8825] = {1: "N", 2: (52.0, 31.0, 12.0), 3: "E", 4: (13.0, 24.0, 36.0)}  # GPS position
    return jpeg(exif=exif, name="holiday.jpg")


def text_named_jpg():
    return SimpleUploadedFile("photo.jpg", b"this is not a picture at all\n" * 10, content_type="image/jpeg")


def svg_with_script():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'
    return SimpleUploadedFile("picture.svg", svg, content_type="image/svg+xml")


def _chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def huge_png(width=30000, height=30000):
    """A few hundred bytes that claim 30000 × 30000 pixels: a decompression bomb."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    body = zlib.compress(b"\x00" * (width + 1) * 4)  # a few rows; the decoder would want them all
    png = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", body) + _chunk(b"IEND", b"")
    return SimpleUploadedFile("big.png", png, content_type="image/png")


def twelve_megabytes():
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), "red").save(buffer, "JPEG")
    data = buffer.getvalue()
    return SimpleUploadedFile("large.jpg", data + b"\x00" * (12 * 1024 * 1024 - len(data)), content_type="image/jpeg")


BAD_UPLOADS = {
    "text named .jpg": (text_named_jpg, "isn&#x27;t a picture we can read"),
    "SVG with script": (svg_with_script, "isn&#x27;t a picture we can read"),
    "30000 x 30000 PNG": (huge_png, "too many pixels"),
    "12 MB file": (twelve_megabytes, "larger than 10 MB"),
}
