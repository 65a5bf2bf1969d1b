"""One-click unsubscribe (RFC 8058), the preferences page by token, and members' e-mail settings."""

import time

import pytest
from django.core import signing
from django.test import Client

from accounts.models import DigestFrequency, NotificationEmails, Profile
from newsletter import tokens
from newsletter.models import Subscriber
from tests.newsletter.conftest import make_member_subscriber

pytestmark = pytest.mark.django_db


def unsubscribe_url(subscriber):
    return f"/newsletter/unsubscribe/{tokens.make_token(subscriber.pk, tokens.UNSUBSCRIBE)}/"


def preferences_url(subscriber):
    return f"/newsletter/preferences/{tokens.make_token(subscriber.pk, tokens.PREFERENCES)}/"


def test_one_click_post_without_cookie_or_csrf_token_unsubscribes(reader):
    client = Client(enforce_csrf_checks=True)
    response = client.post(unsubscribe_url(reader), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "You're unsubscribed" in response.content.decode()
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.UNSUBSCRIBED and reader.unsubscribed_at


def test_get_shows_a_button_and_changes_nothing(client, reader):
    response = client.get(unsubscribe_url(reader))
    assert response.status_code == 200
    assert '<button type="submit" class="button">Unsubscribe</button>' in response.content.decode()
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.ACTIVE


@pytest.mark.parametrize("purpose", [tokens.UNSUBSCRIBE, tokens.PREFERENCES, tokens.CONFIRM])
def test_tampered_tokens_change_nothing_and_say_so(client, reader, purpose):
    token = tokens.make_token(reader.pk, purpose)
    other = Subscriber.objects.create(email="other@example.com", status=Subscriber.Status.ACTIVE)
    forged = signing.dumps(other.pk, salt="newsletter.unsubscribe").split(":")[0] + token[token.index(":") :]
    for bad in [token[:-2] + ("AA" if not token.endswith("AA") else "BB"), forged, "nonsense"]:
        url = f"/newsletter/{purpose}/{bad}/"
        response = client.get(url) if purpose == tokens.CONFIRM else client.post(url, {"frequency": "off"})
        assert response.status_code == 400
        assert "Nothing has been changed" in response.content.decode()
    reader.refresh_from_db()
    other.refresh_from_db()
    assert reader.status == other.status == Subscriber.Status.ACTIVE


def test_a_token_for_one_purpose_does_not_work_for_another(client, reader):
    confirm_token = tokens.make_token(reader.pk, tokens.CONFIRM)
    response = client.post(f"/newsletter/unsubscribe/{confirm_token}/")
    assert response.status_code == 400
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.ACTIVE


def test_expired_tokens_change_nothing_and_say_so(client, reader, settings):
    settings.NEWSLETTER_LINK_DAYS = 0
    url = unsubscribe_url(reader)
    time.sleep(1.1)
    response = client.post(url)
    assert response.status_code == 400
    assert "This link has expired" in response.content.decode()
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.ACTIVE


def test_a_reader_changes_frequency_without_logging_in(client, reader):
    assert client.get(preferences_url(reader)).status_code == 200
    response = client.post(preferences_url(reader), {"frequency": "weekly"})
    assert response.status_code == 200 and "Saved" in response.content.decode()
    reader.refresh_from_db()
    assert reader.frequency == "weekly" and reader.status == Subscriber.Status.ACTIVE
    client.post(preferences_url(reader), {"frequency": "off"})
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.UNSUBSCRIBED
    response = client.post(preferences_url(reader), {"frequency": "every minute"})
    assert response.status_code == 400 and "Please choose one of the options" in response.content.decode()


def test_a_member_unsubscribing_by_link_turns_their_digest_off(client):
    subscriber = make_member_subscriber("Maya", DigestFrequency.WEEKLY)
    Client().post(unsubscribe_url(subscriber))
    assert Profile.objects.get(user=subscriber.user).digest_frequency == DigestFrequency.OFF
    client.post(preferences_url(subscriber), {"frequency": "daily"})
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE
    assert Profile.objects.get(user=subscriber.user).digest_frequency == DigestFrequency.DAILY


def test_member_chooses_digest_and_notification_emails_in_settings(client, member):
    from tests.factories import verify_email

    verify_email(member)
    client.force_login(member)
    response = client.get("/accounts/settings/email/")
    assert response.status_code == 200
    assert "Digest and notifications" in response.content.decode()  # the settings navigation
    response = client.post(
        "/accounts/settings/email/", {"digest_frequency": "daily", "notification_emails": "digest"}, follow=True
    )
    assert "Your e-mail settings have been saved." in response.content.decode()
    profile = Profile.objects.get(user=member)
    assert profile.digest_frequency == "daily" and profile.notification_emails == NotificationEmails.DIGEST
    subscriber = Subscriber.objects.get(user=member)
    assert subscriber.status == Subscriber.Status.ACTIVE and subscriber.consent_page == "/accounts/settings/email/"
    client.post("/accounts/settings/email/", {"digest_frequency": "off", "notification_emails": "off"})
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    response = client.post("/accounts/settings/email/", {"digest_frequency": "hourly", "notification_emails": "x"})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()


def test_email_settings_need_a_signed_in_member(client):
    response = client.get("/accounts/settings/email/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_new_member_becomes_a_subscriber_when_they_confirm_their_address(client, smtp_sink):
    from tests.accounts.test_signup import GOOD
    from tests.conftest import link_in

    client.post("/accounts/signup/", GOOD)
    assert not Subscriber.objects.filter(email=GOOD["email"]).exists()
    [message] = smtp_sink.to(GOOD["email"])
    client.post(link_in(smtp_sink.text(message), "/accounts/confirm-email/"))
    subscriber = Subscriber.objects.get(email=GOOD["email"])
    assert subscriber.user.email == GOOD["email"] and subscriber.status == Subscriber.Status.ACTIVE
    assert subscriber.consent_version.startswith("member-signup")
