"""The one image pipeline every upload goes through: avatars, article heroes, community pictures.

Pillow opens and verifies the file, refuses what is not a JPEG, PNG, WebP or GIF (SVG included),
refuses files over 10 MB and images over 40 megapixels before decoding them (no decompression
bombs), converts colours from an embedded ICC profile to sRGB (a phone's wide-gamut photo keeps its
colours once the profile is gone), resizes, and writes the pixels alone to a new JPEG named at
random: no EXIF (GPS), XMP, ICC profile, comment or text chunk of any kind survives, since any of
them can carry a name, a place or a device a member did not mean to publish.
"""

import io
import uuid
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.deconstruct import deconstructible
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
# MPO: a JPEG holding several pictures (phones' portrait and depth modes); its first one is kept.
ACCEPTED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "GIF"}
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
            image = to_srgb(ImageOps.exif_transpose(image))
            if image.mode not in ("RGB", "L"):
                background = Image.new("RGB", image.size, "white")
                rgba = image.convert("RGBA")
                background.paste(rgba, mask=rgba.getchannel("A"))
                image = background
            image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
            # A new image from the pixels alone: Pillow's save() carries some of image.info over
            # (a JPEG or PNG comment becomes a COM segment), so nothing of the original may follow.
            pixels = Image.frombytes(image.mode, image.size, image.tobytes())
            out = io.BytesIO()
            pixels.save(out, "JPEG", quality=85, optimize=True, progressive=True)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(TOO_MANY_PIXELS, code="too_many_pixels") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            "This file isn't a picture we can read. Please upload a JPEG or PNG.", code="invalid"
        ) from exc
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.jpg")


SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
# The image mode Pillow needs for each colour space an embedded profile may describe.
PROFILE_MODES = {"RGB ": "RGB", "GRAY": "L", "CMYK": "CMYK"}


def to_srgb(image):
    """`image` in sRGB when it carries an ICC profile (browsers assume sRGB once it is dropped)."""
    icc = image.info.get("icc_profile")
    if not icc:
        return image
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        mode = PROFILE_MODES[profile.profile.xcolor_space]
        alpha = image.getchannel("A") if image.mode in ("RGBA", "LA", "PA") else None
        if image.mode == "P" and "transparency" in image.info:
            alpha = image.convert("RGBA").getchannel("A")
        converted = ImageCms.profileToProfile(image.convert(mode), profile, SRGB, outputMode="RGB")
    except (KeyError, OSError, ValueError, ImageCms.PyCMSError):
        # A profile we cannot read or apply: keep the pixels as they are, slightly off in colour
        # rather than refused.
        return image
    if alpha is not None:
        converted.putalpha(alpha)
    return converted


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
