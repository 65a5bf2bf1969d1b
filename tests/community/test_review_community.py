"""Community defects a review found, each test failing before its fix: a picture's description not
screened for crisis words, the best answer notified again on every switch, phones' multi-picture
JPEGs refused, a 500 for a huge member id, a suspended member added to a team."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts.services import suspend_member
from community.crisis_seed import seed_crisis_support
from community.models import CrisisResource, Notification, Post, Report, WarningPhrase
from tests.community.factories import AnswerFactory, QuestionFactory

pytestmark = pytest.mark.django_db

CRISIS_WORDS = "Honestly some nights I just want to end my life. Nobody would notice."


def jpeg_bytes(color="teal"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(buffer, "JPEG")
    return buffer.getvalue()


# 1. Crisis screening ignores the picture description a member writes with an update.
def test_crisis_words_in_a_picture_description_raise_an_urgent_report(alice_client, settings):
    settings.MODERATOR_EMAILS = ["oncall@kindred.example"]
    seed_crisis_support(WarningPhrase, CrisisResource)
    response = alice_client.post(
        "/activities/",
        {"text": "", "image": SimpleUploadedFile("a.jpg", jpeg_bytes()), "image_alt": CRISIS_WORDS},
        follow=True,
    )
    assert Post.objects.get().image_alt == CRISIS_WORDS  # published, shown to every member as alt text
    assert Report.objects.filter(urgent=True).exists(), "no urgent report for the member's words"
    assert "You don't have to go through this alone" in response.content.decode()


# 2. The urgent report disappears from the moderators' queue when the member deletes the update.
def test_switching_the_best_answer_does_not_flood_answer_authors(alice, alice_client, bob):
    question = QuestionFactory(author=alice)
    first, second = AnswerFactory(question=question, author=bob), AnswerFactory(question=question, author=bob)
    for _ in range(100):
        assert alice_client.post(f"/answers/{first.pk}/best/").status_code == 302
        assert alice_client.post(f"/answers/{second.pk}/best/").status_code == 302
    assert Notification.objects.filter(recipient=bob, kind="best_answer").count() <= 2
    assert Notification.objects.filter(recipient=bob, kind="best_answer").count() == 2  # told, once an answer


# 4. A member's page with an id beyond SQLite's integer range is a 500 (every other id view 404s).
def test_a_member_page_with_a_huge_id_is_not_found(alice_client):
    response = alice_client.get("/members/99999999999999999999/")
    assert response.status_code == 404


# 5. Phone photos that Pillow reads as MPO (multi-picture JPEG, e.g. Samsung, portrait mode) are refused.
def test_a_multi_picture_jpeg_from_a_phone_is_accepted(alice_client):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(
        buffer, "MPO", save_all=True, append_images=[Image.new("RGB", (40, 30), "blue")]
    )
    response = alice_client.post(
        "/activities/", {"text": "From my phone", "image": SimpleUploadedFile("IMG_0001.jpg", buffer.getvalue())}
    )
    assert "Please upload a JPEG" not in response.content.decode()
    assert Post.objects.filter(text="From my phone").exclude(image="").exists()


# 6. A suspended member (profile unavailable) can still be added to a team and is notified.
def test_a_suspended_member_cannot_be_added_to_a_team(alice_client, bob):
    suspend_member(user=bob, reason="Spam")
    response = alice_client.post(f"/members/{bob.pk}/team/")
    assert response.status_code == 404
    assert not Notification.objects.filter(recipient=bob).exists()


def test_an_urgent_report_survives_the_member_deleting_their_update(alice, alice_client, staff, settings):
    """Second thoughts are common: the member deletes what they wrote, and may still need support."""
    from django.test import Client

    settings.MODERATOR_EMAILS = ["oncall@kindred.example"]
    seed_crisis_support(WarningPhrase, CrisisResource)
    alice_client.post("/activities/", {"text": CRISIS_WORDS})
    post = Post.objects.get()
    assert alice_client.post(f"/activities/{post.pk}/delete/").status_code == 302
    assert not Post.objects.exists()

    [report] = Report.objects.filter(urgent=True, status="open")
    assert report.author == alice and report.target is None
    moderator = Client()
    moderator.force_login(staff)
    queue = moderator.get("/admin/community/report/").content.decode()
    assert "Deleted by its author" in queue and "URGENT" in queue
    page = moderator.get(f"/admin/community/report/{report.pk}/change/").content.decode()
    assert "They may still need support" in page and alice.public_name in page
