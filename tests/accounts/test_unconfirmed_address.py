"""Anyone can sign up with someone else's address and sign in without confirming it. Such an account
must not take over, export or erase what belongs to the address's real owner: here Rita, who
subscribed to the newsletter without an account."""

import json

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import OutgoingEmail
from community import services
from newsletter.models import Delivery, DigestRun, Subscriber
from tests.community.factories import PostFactory
from tests.factories import PASSWORD, UserFactory
from tests.newsletter.test_digest import run_digest

pytestmark = pytest.mark.django_db

RITA = "rita@example.com"


@pytest.fixture
def rita():
    reader = Subscriber.objects.create(
        email=RITA,
        status=Subscriber.Status.ACTIVE,
        frequency="weekly",
        confirmed_at=timezone.now(),
        consent_at=timezone.now(),
        consent_page="/resources/living-with-stage-4/",
        consent_version="reader-2026",
    )
    run = DigestRun.objects.create(frequency="weekly", period="2026-W01", until=timezone.now())
    Delivery.objects.create(run=run, subscriber=reader, status=Delivery.Status.SENT, sent_at=timezone.now())
    OutgoingEmail.objects.create(to_email=RITA, from_email="x@example.com", subject="Rita's own mail", body_text=".")
    return reader


@pytest.fixture
def stranger():
    """Signed up with Rita's address (they cannot confirm it) and signed in anyway."""
    client = Client()
    client.post(
        "/accounts/signup/",
        {"display_name": "Mallory", "email": RITA, "password1": PASSWORD, "password2": PASSWORD, "agree": "on"},
    )
    assert client.post("/accounts/login/", {"login": RITA, "password": PASSWORD}).status_code == 302
    return client


def save_email_settings(client, frequency):
    client.post("/accounts/settings/email/", {"digest_frequency": frequency, "notification_emails": "off"})


def test_saving_email_settings_leaves_the_readers_subscription_hers(rita, stranger):
    save_email_settings(stranger, "daily")
    save_email_settings(stranger, "off")
    rita.refresh_from_db()
    assert (rita.user_id, rita.status, rita.frequency) == (None, Subscriber.Status.ACTIVE, "weekly")


def test_the_reader_never_gets_members_only_content(rita, stranger, smtp_sink):
    save_email_settings(stranger, "daily")
    post = PostFactory(text="Members-only update about my scan results")
    services.toggle_hug(user=UserFactory(), target=post)

    run_digest()
    run_digest("weekly")

    text = "".join(smtp_sink.text(message) for message in smtp_sink.to(RITA))
    assert "Members-only update about my scan results" not in text


def test_the_export_holds_nothing_of_the_addresss_owner(rita, stranger):
    data = json.loads(stranger.get("/accounts/export/").content)
    assert data["newsletter"] == []
    assert "Rita's own mail" not in json.dumps(data)


def test_deleting_the_account_leaves_the_addresss_owner_alone(rita, stranger, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert stranger.post("/accounts/delete/", {"password": PASSWORD}).status_code == 302
    assert Subscriber.objects.filter(pk=rita.pk).exists()
    assert Delivery.objects.filter(subscriber=rita).exists()
    assert OutgoingEmail.objects.filter(subject="Rita's own mail").exists()


def test_confirming_the_address_later_makes_the_subscription_the_members(rita, stranger):
    """Once the address is proven theirs (it was the reader's own account all along), it is linked."""
    from allauth.account.models import EmailAddress

    from newsletter.services import subscribe_member

    address = EmailAddress.objects.get(email=RITA)
    address.verified = True
    address.save()
    subscribe_member(user=address.user)
    rita.refresh_from_db()
    assert rita.user == address.user and rita.status == Subscriber.Status.ACTIVE
