"""Relay webhooks, from a review: an event delivered again counts once, and an authenticated payload of
the wrong shape is a 400, never a 500 (each test failed before its fix)."""

import json

import pytest
from django.test import Client

from accounts.models import SuppressedAddress
from newsletter.models import Subscriber
from tests.newsletter.conftest import make_reader
from tests.newsletter.test_relay_webhooks import (  # noqa: F401 - relay is the autouse settings fixture
    MAILGUN_URL,
    SES_URL,
    basic_auth,
    mailgun_failed,
    mailgun_signed,
    post_from_sns,
    relay,
    ses_bounce,
    sns_notification,
)

pytestmark = pytest.mark.django_db


def test_the_same_soft_bounce_delivered_twice_counts_once(client):
    """SNS (and Mailgun) redeliver an event they think was not received: same MessageId, same event."""
    reader = make_reader("full-mailbox@example.com")
    notification = sns_notification(
        ses_bounce("Transient", "MailboxFull", address="full-mailbox@example.com"), message_id="soft-1"
    )
    for _delivery in range(3):
        assert post_from_sns(client, notification, **basic_auth()).status_code == 200
    reader.refresh_from_db()
    assert reader.bounce_count == 1
    assert not SuppressedAddress.objects.exists()
    assert reader in Subscriber.objects.due_for("daily")


def _ses(client, body):
    return client.post(
        SES_URL,
        data=body,
        content_type="text/plain",
        HTTP_X_AMZ_SNS_MESSAGE_TYPE="Notification",
        HTTP_X_AMZ_SNS_MESSAGE_ID="19ba9823-d7f2-53c1-860e-cb10e0d13dfc",
        **basic_auth(),
    )


def _ses_message(message):
    notification = sns_notification(ses_bounce())
    notification["Message"] = json.dumps(message)
    return json.dumps(notification)


def _mailgun(client, payload, content_type="application/json"):
    data = json.dumps(payload) if content_type == "application/json" else payload
    return client.post(MAILGUN_URL, data=data, content_type=content_type, **basic_auth())


def _mailgun_changed(change):
    payload = mailgun_signed(mailgun_failed())
    change(payload)
    return payload


MALFORMED = {
    "ses body is a JSON list": lambda c: _ses(c, "[]"),
    "ses body is a JSON number": lambda c: _ses(c, "1"),
    "ses mail is a list": lambda c: _ses(c, _ses_message({**ses_bounce(), "mail": []})),
    "ses complaint address is an object": lambda c: _ses(
        c,
        _ses_message(
            {"notificationType": "Complaint", "complaint": {"complainedRecipients": [{"emailAddress": {"a": 1}}]}}
        ),
    ),
    "ses address longer than 254": lambda c: _ses(
        c, json.dumps(sns_notification(ses_bounce(address="a" * 300 + "@example.com")))
    ),
    "ses address with a lone surrogate": lambda c: _ses(
        c, json.dumps(sns_notification(ses_bounce(address="jane\ud800@example.com")))
    ),
    "ses address with a NUL": lambda c: _ses(
        c, json.dumps(sns_notification(ses_bounce(address="jane\x00@example.com")))
    ),
    "mailgun body is a list": lambda c: _mailgun(c, []),
    "mailgun signature is a list": lambda c: _mailgun(c, _mailgun_changed(lambda p: p.update(signature=[]))),
    "mailgun token not ascii": lambda c: _mailgun(c, _mailgun_changed(lambda p: p["signature"].update(token="é"))),
    "mailgun form token not ascii": lambda c: _mailgun(
        c, "token=%C3%A9&timestamp=1&signature=x", "application/x-www-form-urlencoded"
    ),
    "mailgun recipient is a number": lambda c: _mailgun(c, mailgun_signed({**mailgun_failed(), "recipient": 5})),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_an_authenticated_malformed_payload_is_never_a_500(case):
    make_reader("jane@example.com")
    client = Client(raise_request_exception=False)
    response = MALFORMED[case](client)
    assert response.status_code < 500
    assert response.status_code in (200, 400)  # signed in as the relay: read or refused, not turned away
    assert not SuppressedAddress.objects.matching("jane@example.com").exists()


@pytest.mark.parametrize("odd", ["\x00", "\ud800"], ids=["NUL", "lone surrogate"])
def test_a_bounces_diagnostic_postgresql_would_refuse_is_made_storable_and_the_bounce_recorded(client, odd):
    """A remote server's words may hold a NUL or half a character, which PostgreSQL refuses in text:
    the webhook answered 500 to every retry and the bounce was never recorded (found by reviews)."""
    make_reader("jane@example.com")
    bounce = ses_bounce()
    bounce["bounce"]["bouncedRecipients"][0]["diagnosticCode"] = f"smtp; 550 5.1.1 {odd} User unknown"
    assert post_from_sns(client, sns_notification(bounce), **basic_auth()).status_code == 200
    row = SuppressedAddress.objects.active().matching("jane@example.com").get()
    assert "User unknown" in row.detail and odd not in row.detail
