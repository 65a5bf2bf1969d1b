"""Files for upload tests: good pictures, and the bad ones people (or attackers) send."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin


def jpeg(size=(64, 48), color="teal", exif=None, name="photo.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG", **({"exif": exif} if exif is not None else {}))
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def jpeg_with_gps():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x8825] = {1: "N", 2: (52.0, 31.0, 12.0), 3: "E", 4: (13.0, 24.0, 36.0)}  # GPS position
    return jpeg(exif=exif, name="holiday.jpg")


# Words a member did not mean to publish, hidden in each kind of metadata a picture can carry.
SECRET = "Maya Smith, 12 Hidden Lane"


def jpeg_with_comment():
    """A JPEG COM segment, as cameras and editors write."""
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "teal").save(buffer, "JPEG", comment=SECRET.encode())
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")


def png_with_text_chunks():
    """PNG tEXt, zTXt and iTXt chunks, the `comment` key among them (Pillow once carried it into JPEG)."""
    text = PngImagePlugin.PngInfo()
    text.add_text("comment", SECRET)
    text.add_text("Author", SECRET, zip=True)
    text.add_itxt("Description", SECRET, lang="en", tkey="Description")
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "teal").save(buffer, "PNG", pnginfo=text)
    return SimpleUploadedFile("drawing.png", buffer.getvalue(), content_type="image/png")


def jpeg_with_xmp():
    xmp = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>'
        f"{SECRET}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "teal").save(buffer, "JPEG", xmp=xmp.encode())
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")


# sRGB's pure red as a Display P3 screen shows it: a phone's wide-gamut photo of a red thing.
SRGB_RED_IN_DISPLAY_P3 = (234, 51, 35)


def jpeg_in_display_p3(color=SRGB_RED_IN_DISPLAY_P3, size=(64, 48)):
    """A JPEG whose pixels are Display P3, saying so with an embedded ICC profile."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG", quality=100, subsampling=0, icc_profile=display_p3_profile())
    return SimpleUploadedFile("phone.jpg", buffer.getvalue(), content_type="image/jpeg")


def display_p3_profile():
    """An ICC v2 matrix/TRC profile with Display P3's primaries (D50-adapted) and the sRGB curve.

    Built here rather than read from the system: its numbers are Apple's published ones, and its
    description carries SECRET, so a test can tell whether the profile itself survived.
    """

    def s15(value):
        return struct.pack(">i", round(value * 65536))

    def xyz(x, y, z):
        return b"XYZ " + b"\0" * 4 + s15(x) + s15(y) + s15(z)

    def srgb_to_linear(value):
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    curve = [round(srgb_to_linear(index / 1023) * 65535) for index in range(1024)]
    trc = b"curv" + b"\0" * 4 + struct.pack(">I", len(curve)) + struct.pack(f">{len(curve)}H", *curve)
    name = f"Display P3 ({SECRET})".encode() + b"\0"
    desc = b"desc" + b"\0" * 4 + struct.pack(">I", len(name)) + name + b"\0" * 8 + b"\0" * 3 + b"\0" * 67
    tags = [
        (b"desc", desc),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.5151, 0.2412, -0.0011)),
        (b"gXYZ", xyz(0.2920, 0.6922, 0.0419)),
        (b"bXYZ", xyz(0.1571, 0.0666, 0.7841)),
        (b"rTRC", trc),
        (b"gTRC", trc),
        (b"bTRC", trc),
        (b"cprt", b"text" + b"\0" * 4 + b"No copyright\0"),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, body = struct.pack(">I", len(tags)), b""
    for signature, data in tags:
        data += b"\0" * (-len(data) % 4)
        table += signature + struct.pack(">II", offset + len(body), len(data))
        body += data
    size = offset + len(body)
    header = (
        struct.pack(">I", size)
        + b"\0" * 4
        + bytes([2, 0x10, 0, 0])
        + b"mntrRGB XYZ "
        + struct.pack(">6H", 2024, 1, 1, 0, 0, 0)
        + b"acsp"
        + b"\0" * 24
        + struct.pack(">I", 0)
        + s15(0.9642)
        + s15(1.0)
        + s15(0.8249)
        + b"\0" * 48
    )
    assert len(header) == 128
    return header + table + body


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
