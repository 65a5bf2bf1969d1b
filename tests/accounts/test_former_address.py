"""What we sent a member at an address they had before goes with their account and is in its export
(found by a review: both followed only the addresses confirmed now)."""

import pytest

from accounts.models import OutgoingEmail
from community import services
from tests.community.factories import PostFactory
from tests.conftest import run_on_commit_callbacks
from tests.factories import PASSWORD, UserFactory, verify_email
from tests.newsletter.test_address_change import change_address

pytestmark = pytest.mark.django_db


def test_deleting_the_account_removes_the_mail_sent_to_the_members_former_address(client, smtp_sink):
    maya = verify_email(UserFactory(email="maya@work.example", display_name="Maya Lindqvist"))
    omar = verify_email(UserFactory(email="omar@example.com", display_name="Omar"))
    post = PostFactory(author=maya, text="Scan day tomorrow")
    services.toggle_hug(user=omar, target=post)
    run_on_commit_callbacks()
    [told] = OutgoingEmail.objects.filter(to_email="maya@work.example", kind="notifications")
    assert "Hello Maya Lindqvist" in told.body_text

    change_address(client, maya, "maya@home.example", smtp_sink)
    response = client.post("/accounts/delete/", {"password": PASSWORD})
    assert response.status_code == 302

    left = [(e.to_email, e.kind, e.subject) for e in OutgoingEmail.objects.all() if "Maya" in e.body_text]
    assert left == [], left


def test_the_export_lists_the_mail_sent_to_the_members_former_address(client, smtp_sink):
    import json

    maya = verify_email(UserFactory(email="maya@work.example", display_name="Maya Lindqvist"))
    omar = verify_email(UserFactory(email="omar@example.com", display_name="Omar"))
    services.toggle_hug(user=omar, target=PostFactory(author=maya, text="Scan day tomorrow"))
    run_on_commit_callbacks()
    change_address(client, maya, "maya@home.example", smtp_sink)

    exported = json.loads(client.get("/accounts/export/").content)
    sent = [(e["to"], e["kind"]) for e in exported["accounts"]["emails_sent"]]
    assert ("maya@work.example", "notifications") in sent, sent
