"""The one image pipeline every upload goes through: avatars, article heroes, community pictures.

Pillow opens and verifies the file, refuses what is not a JPEG, PNG, WebP or GIF (SVG included),
refuses files over 10 MB and images over 40 megapixels before decoding them (no decompression
bombs), re-encodes to JPEG, which drops every piece of metadata (EXIF GPS included), resizes, and
names the result at random.
"""

import io
import uuid
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.deconstruct import deconstructible
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
TOO_MANY_PIXELS = "This picture has too many pixels (over 40 megapixels). Please choose a smaller one."


def process_image(upload, *, max_side=2000):
    """Return a ContentFile of a clean JPEG made from `upload`, or raise ValidationError."""
    if upload.size and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError("This picture is larger than 10 MB. Please choose a smaller one.", code="too_large")
    upload.seek(0)
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError("This picture is larger than 10 MB. Please choose a smaller one.", code="too_large")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise ValidationError("Please upload a JPEG, PNG, WebP or GIF picture.", code="format")
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise ValidationError(TOO_MANY_PIXELS, code="too_many_pixels")
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            image = ImageOps.exif_transpose(image)
            if image.mode not in ("RGB", "L"):
                background = Image.new("RGB", image.size, "white")
                rgba = image.convert("RGBA")
                background.paste(rgba, mask=rgba.getchannel("A"))
                image = background
            image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            # No exif=, icc_profile= or comment: the new file carries pixels only.
            image.convert("RGB").save(out, "JPEG", quality=85, optimize=True, progressive=True)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(TOO_MANY_PIXELS, code="too_many_pixels") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            "This file isn't a picture we can read. Please upload a JPEG or PNG.", code="invalid"
        ) from exc
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.jpg")


@deconstructible
class RandomName:
    """upload_to that keeps only the extension: file names can carry personal data."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        suffix = PurePath(filename).suffix.lower()[:5]
        return f"{self.folder}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder
