"""Members' pictures in the admin: an update deleted there takes its picture's file with it, and the
change form offers no upload (which would skip the removal of location and camera details). Found
by a review helper."""

import pytest
from django.test import Client

from community.models import Post
from tests import images
from tests.community.factories import PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(staff):
    client = Client()
    client.force_login(staff)
    return client


def test_an_update_deleted_in_the_admin_leaves_no_picture_on_disk(
    alice_client, staff_client, settings, django_capture_on_commit_callbacks
):
    alice_client.post("/activities/", {"text": "Our walk", "image": images.jpeg()})
    post = Post.objects.get()
    assert list((settings.MEDIA_ROOT / "posts").iterdir())
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(f"/admin/community/post/{post.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and not Post.objects.exists()
    assert list((settings.MEDIA_ROOT / "posts").iterdir()) == []


def test_the_update_change_form_takes_no_picture_and_no_counts(alice, staff_client):
    post = PostFactory(author=alice, text="Our walk", comment_count=0)
    page = staff_client.get(f"/admin/community/post/{post.pk}/change/").content.decode()
    assert 'type="file"' not in page and 'name="comment_count"' not in page
    form = {"text": "Our walk", "image_alt": "", "status": "visible", "hidden_reason": ""}
    response = staff_client.post(
        f"/admin/community/post/{post.pk}/change/", {**form, "image": images.jpeg_with_gps(), "comment_count": "7"}
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert not post.image and post.comment_count == 0
