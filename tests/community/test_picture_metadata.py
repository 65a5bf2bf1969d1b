"""An uploaded picture is stored as pixels only: whatever else the file carried is gone."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from community.models import Post
from tests import images

pytestmark = pytest.mark.django_db

# Each kind of metadata, a file that carries it, and the words it carries.
CARRIERS = {
    "JPEG comment (COM)": (images.jpeg_with_comment, images.SECRET),
    "PNG tEXt, zTXt and iTXt chunks": (images.png_with_text_chunks, images.SECRET),
    "XMP": (images.jpeg_with_xmp, images.SECRET),
    "ICC profile": (images.jpeg_in_display_p3, images.SECRET),
    "EXIF with GPS": (images.jpeg_with_gps, "PhoneMaker"),
}
METADATA_KEYS = {"exif", "xmp", "comment", "icc_profile", "photoshop", "adobe", "Author", "Description"}


def upload(client, picture):
    response = client.post("/activities/", {"text": "", "image": picture, "image_alt": "A picture"})
    assert response.status_code == 302
    with Post.objects.get().image.open("rb") as stored:
        return stored.read()


@pytest.mark.parametrize("kind", CARRIERS)
def test_an_uploaded_picture_keeps_its_pixels_and_nothing_else(alice_client, kind):
    make, words = CARRIERS[kind]
    data = upload(alice_client, make())
    assert words.encode() not in data
    with Image.open(io.BytesIO(data)) as stored:
        assert stored.format == "JPEG"
        assert not METADATA_KEYS & set(stored.info)
        # The one application segment left is JFIF's header, which says nothing but the format.
        assert [(marker, payload[:5]) for marker, payload in stored.applist] == [("APP0", b"JFIF\x00")]


def test_a_wide_gamut_photo_keeps_its_colours_once_its_profile_is_gone(alice_client):
    data = upload(alice_client, images.jpeg_in_display_p3())
    with Image.open(io.BytesIO(data)) as stored:
        red, green, blue = stored.getpixel((10, 10))
    # Display P3 (234, 51, 35) is sRGB's pure red; shown without its profile it would be dull.
    assert red >= 250 and green <= 6 and blue <= 6


def test_a_transparent_png_with_a_profile_is_converted_and_laid_on_white(alice_client):
    picture = Image.new("RGBA", (64, 48), (0, 0, 0, 0))
    picture.paste((*images.SRGB_RED_IN_DISPLAY_P3, 255), (0, 0, 32, 48))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", icc_profile=images.display_p3_profile())
    data = upload(alice_client, SimpleUploadedFile("sticker.png", buffer.getvalue(), content_type="image/png"))
    with Image.open(io.BytesIO(data)) as stored:
        red, green, blue = stored.getpixel((8, 24))
        assert red >= 250 and green <= 6 and blue <= 6
        assert min(stored.getpixel((56, 24))) >= 250


def test_a_picture_with_a_broken_profile_is_still_accepted(alice_client):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "teal").save(buffer, "JPEG", icc_profile=b"not a profile at all" * 10)
    data = upload(alice_client, SimpleUploadedFile("odd.jpg", buffer.getvalue(), content_type="image/jpeg"))
    with Image.open(io.BytesIO(data)) as stored:
        assert "icc_profile" not in stored.info
