"""A member changing their primary address (allauth's add and confirm, ACCOUNT_CHANGE_EMAIL): their
subscription follows it (found by a review: duplicates, a resubscription, the old address blocked)."""

import pytest
from allauth.account.models import EmailAddress

from newsletter.models import Subscriber
from tests.conftest import link_in, run_on_commit_callbacks
from tests.factories import PASSWORD
from tests.newsletter.conftest import fresh_article, make_member_subscriber, make_reader
from tests.newsletter.test_digest import run_digest

pytestmark = pytest.mark.django_db


def change_address(client, user, new, sink):
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    response = client.post("/accounts/email/", {"action_add": "", "email": new})
    assert response.status_code == 302, response.content.decode()[:2000]
    [message] = sink.to(new)
    path = link_in(sink.text(message), "/accounts/confirm-email/")
    assert client.post(path).status_code == 302
    run_on_commit_callbacks()
    user.refresh_from_db()
    assert user.email == new
    assert list(EmailAddress.objects.filter(user=user).values_list("email", flat=True)) == [new]


def test_changing_to_an_address_with_a_reader_subscription_sends_each_digest_once(client, smtp_sink):
    # Maya subscribed to the articles with her home address before she joined with her work one;
    # now she makes her home address her account's address.
    maya = make_member_subscriber("Maya", email="maya@work.example").user
    make_reader("maya@home.example")
    change_address(client, maya, "maya@home.example", smtp_sink)
    fresh_article(title="Breathing exercises that help")
    smtp_sink.messages.clear()

    run_digest()

    digests = [m for m in smtp_sink.to("maya@home.example") if "Breathing" in m["Subject"]]
    assert len(digests) == 1, [m["Subject"] for m in digests]


def maya_moves_with_digest_off(client, sink):
    maya = make_member_subscriber("Maya", email="maya@work.example").user
    client.force_login(maya)
    # Maya turns the digest off, then moves her account to her home address.
    client.post("/accounts/settings/email/", {"digest_frequency": "off", "notification_emails": "immediately"})
    assert Subscriber.objects.get(user=maya).status == Subscriber.Status.UNSUBSCRIBED
    client.logout()
    change_address(client, maya, "maya@home.example", sink)
    return maya


def test_changing_address_keeps_an_unsubscribed_member_unsubscribed(client, smtp_sink):
    maya = maya_moves_with_digest_off(client, smtp_sink)
    subscriber = Subscriber.objects.get(user=maya)
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED, (subscriber.status, subscriber.consent_version)


def test_the_old_address_can_still_subscribe_to_the_articles(client, smtp_sink):
    from django.test import Client

    maya_moves_with_digest_off(client, smtp_sink)
    smtp_sink.messages.clear()
    # Her old work address is now a colleague's, who signs up for the articles.
    response = Client().post("/newsletter/subscribe/", {"email": "maya@work.example", "page": "/"})
    assert response.status_code == 200
    subjects = [m["Subject"] for m in smtp_sink.to("maya@work.example")]
    assert subjects == ["Please confirm your subscription to Kindred"], subjects
