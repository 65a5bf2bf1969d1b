"""Refusals while sending suppress an address as a relay's report does, and the owner asking for our
mail again lifts it."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import SuppressedAddress
from newsletter.models import Subscriber
from newsletter.services import lift_address_suppression
from tests.factories import verify_email
from tests.newsletter.conftest import fresh_article, make_member_subscriber, make_reader
from tests.newsletter.test_digest import run_digest
from tests.newsletter.test_unsubscribe import preferences_url

pytestmark = pytest.mark.django_db


def refused_three_times(refusing_sink, address):
    refusing_sink.refuse.add(address)
    start = timezone.now() - datetime.timedelta(hours=1)
    for n in range(3):
        moment = start + datetime.timedelta(minutes=10 * n)
        fresh_article(title=f"News {n}", published_at=moment, reviewed_at=moment)
        run_digest(period=f"d{n}", now=moment + datetime.timedelta(minutes=1))


def test_an_address_refused_at_the_limit_is_suppressed_with_the_reason(refusing_sink):
    maya = make_member_subscriber("Maya", email="maya@example.com")
    refused_three_times(refusing_sink, "maya@example.com")

    suppression = SuppressedAddress.objects.active().get()
    assert suppression.email == "maya@example.com" and suppression.reason == SuppressedAddress.Reason.BOUNCED
    assert suppression.source == "SMTP" and "550" in suppression.detail and "3 times" in suppression.detail
    assert Subscriber.objects.get(pk=maya.pk).status == Subscriber.Status.BOUNCED


def test_two_refusals_suppress_nothing(refusing_sink):
    make_reader("gone@example.com")
    refusing_sink.refuse.add("gone@example.com")
    fresh_article()
    run_digest(period="d1")
    run_digest(period="d2", now=timezone.now() + datetime.timedelta(seconds=1))
    assert not SuppressedAddress.objects.exists()


def test_a_member_sees_why_mail_stopped_and_saving_their_settings_starts_it_again(client):
    maya = make_member_subscriber("Maya", email="maya@example.com")
    verify_email(maya.user)
    SuppressedAddress.objects.create(email="Maya@example.com", reason=SuppressedAddress.Reason.COMPLAINED)
    client.force_login(maya.user)

    assert "We stopped e-mailing you" in client.get("/accounts/settings/email/").content.decode()
    client.post("/accounts/settings/email/", {"digest_frequency": "daily", "notification_emails": "immediately"})

    suppression = SuppressedAddress.objects.get()
    assert suppression.lifted_at is not None and suppression.lifted_by == maya.user
    assert "We stopped e-mailing you" not in client.get("/accounts/settings/email/").content.decode()


def test_a_reader_asking_for_the_digest_again_lifts_the_suppression(client):
    reader = make_reader("rita@example.com")
    Subscriber.objects.filter(pk=reader.pk).update(status=Subscriber.Status.BOUNCED, bounce_count=3)
    SuppressedAddress.objects.create(email="rita@example.com", reason=SuppressedAddress.Reason.BOUNCED)

    client.post(preferences_url(reader), {"frequency": "weekly"})

    assert SuppressedAddress.objects.get().lifted_at is not None
    reader.refresh_from_db()
    assert (reader.status, reader.bounce_count) == (Subscriber.Status.ACTIVE, 0)


def test_asking_again_after_soft_bounces_starts_the_count_afresh(client):
    """Soft bounces at the limit suppress the address but leave the subscription active, its count
    at the limit: asking again must reset the count, or the next soft bounce suppresses it again."""
    from newsletter.services import SOFT, record_relay_event

    reader = make_reader("rita@example.com")
    for _ in range(3):
        record_relay_event(email="rita@example.com", outcome=SOFT)
    assert SuppressedAddress.objects.active().count() == 1

    client.post(preferences_url(reader), {"frequency": "weekly"})

    reader.refresh_from_db()
    assert (reader.status, reader.bounce_count) == (Subscriber.Status.ACTIVE, 0)
    record_relay_event(email="rita@example.com", outcome=SOFT)
    assert SuppressedAddress.objects.active().count() == 0


def test_another_members_suppression_stays(client, member):
    verify_email(member)
    SuppressedAddress.objects.create(email="someone.else@example.com", reason=SuppressedAddress.Reason.BOUNCED)
    client.force_login(member)
    client.post("/accounts/settings/email/", {"digest_frequency": "daily", "notification_emails": "immediately"})
    assert SuppressedAddress.objects.active().count() == 1


def test_staff_lifting_a_refusal_suppression_sends_the_next_digest(refusing_sink, smtp_sink):
    reader = make_reader("gone@example.com")
    refused_three_times(refusing_sink, "gone@example.com")
    refusing_sink.refuse.clear()  # the reader's mailbox works again

    lift_address_suppression(suppression=SuppressedAddress.objects.get())
    fresh_article(title="News after the fix")
    run_digest(period="d-next")

    assert Subscriber.objects.get(pk=reader.pk).status == Subscriber.Status.ACTIVE
    [message] = refusing_sink.to("gone@example.com")
    assert "News after the fix" in smtp_sink.text(message)
