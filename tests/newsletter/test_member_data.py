"""A member's subscription is in their data export and goes with their account."""

import json

import pytest

from accounts.models import OutgoingEmail
from newsletter.models import Delivery, DigestRun, Subscriber
from tests.factories import PASSWORD
from tests.newsletter.conftest import make_member_subscriber

pytestmark = pytest.mark.django_db


def test_export_has_the_subscription_and_deletion_removes_it(client, smtp_sink, django_capture_on_commit_callbacks):
    subscriber = make_member_subscriber("Maya", email="maya@example.com")
    reader_row = Subscriber.objects.create(email="MAYA.old@example.com", status=Subscriber.Status.ACTIVE)
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=subscriber.user, email="maya.old@example.com", verified=True)
    run = DigestRun.objects.create(frequency="daily", period="p", until=subscriber.created_at)
    Delivery.objects.create(run=run, subscriber=subscriber, status=Delivery.Status.SENT)
    client.post("/newsletter/subscribe/", {"email": "maya@example.com"})  # already active: nothing sent
    client.post("/accounts/password/reset/", {"email": "maya@example.com"})
    smtp_sink.to("maya@example.com")
    assert OutgoingEmail.objects.filter(to_email="maya@example.com").exists()
    other = Subscriber.objects.create(email="someone@example.com", status=Subscriber.Status.ACTIVE)

    client.force_login(subscriber.user)
    data = json.loads(client.get("/accounts/export/").content)
    [mine, old] = sorted(data["newsletter"], key=lambda row: row["email"] != "maya@example.com")
    assert mine["consent"]["wording_version"] is not None and mine["digests"][0]["status"] == "sent"
    assert old["email"] == reader_row.email
    assert [email["kind"] for email in data["accounts"]["emails_sent"]] == ["account/email/password_reset_key"]
    assert "someone@example.com" not in json.dumps(data)

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/delete/", {"password": PASSWORD})
    assert list(Subscriber.objects.all()) == [other]
    assert not Delivery.objects.exists()
    assert not OutgoingEmail.objects.filter(to_email__iexact="maya@example.com").exists()
