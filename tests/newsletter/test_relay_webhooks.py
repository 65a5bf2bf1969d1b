"""Bounces and complaints reported by the relay through django-anymail's webhooks.

The payloads are the providers' documented samples (Amazon SES notification examples delivered by
SNS, Mailgun's webhook events), as anymail's own tests use them, posted over HTTP and
authenticated the provider's way: the shared basic-auth secret, and Mailgun's HMAC signature.
"""

import base64
import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs

import pytest

from accounts.mail import queue_email
from accounts.models import OutgoingEmail, SuppressedAddress
from newsletter.models import Subscriber
from newsletter.services import lift_address_suppression
from tests.conftest import free_port, run_on_commit_callbacks
from tests.factories import UserFactory, verify_email
from tests.newsletter.conftest import fresh_article, make_member_subscriber, make_reader
from tests.newsletter.test_digest import run_digest

pytestmark = pytest.mark.django_db

SECRET = "relay:a-long-random-secret"
SIGNING_KEY = "key-0123456789abcdef"
SES_URL = "/anymail/amazon_ses/tracking/"
MAILGUN_URL = "/anymail/mailgun/tracking/"


@pytest.fixture(autouse=True)
def relay(settings):
    settings.ANYMAIL = {
        "WEBHOOK_SECRET": SECRET,
        "MAILGUN_WEBHOOK_SIGNING_KEY": SIGNING_KEY,
        "AMAZON_SES_AUTO_CONFIRM_SNS_SUBSCRIPTIONS": False,
    }
    settings.NEWSLETTER_BOUNCE_LIMIT = 3


def basic_auth(secret=SECRET):
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(secret.encode()).decode()}


# Amazon SES, through SNS: the examples from Amazon's "Amazon SNS notification examples for Amazon SES".


def ses_bounce(bounce_type="Permanent", sub_type="General", address="jane@example.com"):
    return {
        "notificationType": "Bounce",
        "bounce": {
            "bounceType": bounce_type,
            "reportingMTA": "dns; email.example.com",
            "bouncedRecipients": [
                {
                    "emailAddress": address,
                    "status": "5.1.1",
                    "action": "failed",
                    "diagnosticCode": f"smtp; 550 5.1.1 <{address}>... User unknown",
                }
            ],
            "bounceSubType": sub_type,
            "timestamp": "2016-01-27T14:59:44.101Z",
            "feedbackId": "00000138111222aa-44455566-cccc-cccc-cccc-ddddaaaa068a-000000",
            "remoteMtaIp": "127.0.2.0",
        },
        "mail": {
            "timestamp": "2016-01-27T14:59:38.237Z",
            "source": "john@example.com",
            "sourceArn": "arn:aws:ses:us-west-2:888888888888:identity/example.com",
            "sourceIp": "127.0.3.0",
            "sendingAccountId": "123456789012",
            "messageId": "00000138111222aa-33322211-cccc-cccc-cccc-ddddaaaa0680-000000",
            "destination": [address, "mary@example.com", "richard@example.com"],
        },
    }


def ses_complaint(address="richard@example.com"):
    return {
        "notificationType": "Complaint",
        "complaint": {
            "userAgent": "AnyCompany Feedback Loop (V0.01)",
            "complainedRecipients": [{"emailAddress": address}],
            "complaintFeedbackType": "abuse",
        },
        "mail": {
            "messageId": "000001378603177f-7a5433e7-8edb-42ae-af10-f0181f34d6ee-000000",
            "destination": ["jane@example.com", "mary@example.com", address],
        },
    }


def sns_notification(ses_event, message_id="19ba9823-d7f2-53c1-860e-cb10e0d13dfc"):
    return {
        "Type": "Notification",
        "MessageId": message_id,
        "TopicArn": "arn:aws:sns:us-east-1:1234567890:SES_Events",
        "Subject": "Amazon SES Email Event Notification",
        "Message": json.dumps(ses_event) + "\n",
        "Timestamp": "2018-03-26T17:58:59.675Z",
        "SignatureVersion": "1",
        "Signature": "EXAMPLE-SIGNATURE==",
        "SigningCertURL": "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-12345abcde.pem",
        "UnsubscribeURL": "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn...",
    }


def post_from_sns(client, sns_message, **headers):
    # SNS posts its JSON as text/plain, with the type and id repeated in headers.
    return client.post(
        SES_URL,
        data=json.dumps(sns_message),
        content_type="text/plain; charset=UTF-8",
        HTTP_X_AMZ_SNS_MESSAGE_ID=sns_message["MessageId"],
        HTTP_X_AMZ_SNS_MESSAGE_TYPE=sns_message["Type"],
        **headers,
    )


# Mailgun: the event samples from its webhook documentation, signed as Mailgun signs them.


MAILGUN_TOKEN = "651869375b9df3c98fc15c4889b102119add1235c38fc92824"


def mailgun_signed(event_data, key=SIGNING_KEY, token=MAILGUN_TOKEN):
    timestamp = str(int(event_data["timestamp"]))
    signature = hmac.new(key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256).hexdigest()
    return {"signature": {"timestamp": timestamp, "token": token, "signature": signature}, "event-data": event_data}


def mailgun_failed(address="invalid@example.com", severity="permanent"):
    return {
        "event": "failed",
        "severity": severity,
        "reason": "bounce" if severity == "permanent" else "generic",
        "recipient": address,
        "timestamp": 1534110422.389832,
        "log-level": "error",
        "message": {"headers": {"to": address, "message-id": "20180812214658.1.0DF563D0B3597700@example.org"}},
        "delivery-status": {
            "attempt-no": 1,
            "description": "",
            "code": 550 if severity == "permanent" else 498,
            "message": "5.1.1 The email account that you tried to reach does not exist.",
        },
    }


def mailgun_complained(address="spam-button@example.com"):
    return {
        "event": "complained",
        "recipient": address,
        "timestamp": 1534110422.389832,
        "log-level": "warn",
        "message": {"headers": {"to": address, "message-id": "20180812214658.1.0DF563D0B3597700@example.org"}},
    }


def post_to_mailgun(client, payload, **headers):
    return client.post(MAILGUN_URL, data=json.dumps(payload), content_type="application/json", **headers)


def suppression(address):
    return SuppressedAddress.objects.active().matching(address).first()


def test_amazon_ses_hard_bounce_suppresses_the_reader_at_once(client):
    jane = make_reader("jane@example.com")
    make_reader("mary@example.com")
    response = post_from_sns(client, sns_notification(ses_bounce()), **basic_auth())
    assert response.status_code == 200
    row = suppression("jane@example.com")
    assert row.reason == SuppressedAddress.Reason.BOUNCED
    assert row.source == "Amazon SES"
    assert "Permanent: General" in row.detail and "User unknown" in row.detail
    # Only the bounced recipient of the message, not its other destinations.
    assert suppression("mary@example.com") is None
    assert list(Subscriber.objects.due_for("daily")) == [Subscriber.objects.get(email="mary@example.com")]
    assert jane not in Subscriber.objects.due_for("daily")


def test_amazon_ses_complaint_stops_a_members_notification_emails_but_not_a_password_reset(client, smtp_sink):
    richard = UserFactory(email="richard@example.com")
    assert post_from_sns(client, sns_notification(ses_complaint()), **basic_auth()).status_code == 200
    assert suppression("richard@example.com").reason == SuppressedAddress.Reason.COMPLAINED

    queue_email(to=richard.email, subject="Omar commented", text="...", kind="notifications")
    assert smtp_sink.to(richard.email) == []
    [refused] = OutgoingEmail.objects.filter(kind="notifications")
    assert refused.status == OutgoingEmail.Status.FAILED
    assert "suppressed (Spam complaint" in refused.last_error

    # What they ask for themselves still reaches them.
    client.post("/accounts/password/reset/", {"email": "richard@example.com"})
    [reset] = smtp_sink.to(richard.email)
    assert "/accounts/password/reset/key/" in smtp_sink.text(reset)


def test_a_stranger_cannot_mail_a_suppressed_address_through_the_account_forms(client, smtp_sink):
    """Sign-up and password reset answer any address typed in; a complained address gets none of it."""
    assert post_from_sns(client, sns_notification(ses_complaint()), **basic_auth()).status_code == 200
    client.post("/accounts/password/reset/", {"email": "richard@example.com"})  # no account: "unknown account"
    assert smtp_sink.to("richard@example.com") == []
    [refused] = OutgoingEmail.objects.filter(kind="account/email/unknown_account")
    assert refused.status == OutgoingEmail.Status.FAILED


def test_amazon_ses_soft_bounces_count_toward_the_limit(client):
    reader = make_reader("full-mailbox@example.com")
    transient = ses_bounce("Transient", "MailboxFull", address="full-mailbox@example.com")
    for attempt in (1, 2):
        post_from_sns(client, sns_notification(transient, message_id=f"soft-{attempt}"), **basic_auth())
        reader.refresh_from_db()
        assert reader.bounce_count == attempt
        assert suppression(reader.email) is None
        assert reader in Subscriber.objects.due_for("daily")
    post_from_sns(client, sns_notification(transient, message_id="soft-3"), **basic_auth())
    row = suppression(reader.email)
    assert row.reason == SuppressedAddress.Reason.SOFT_BOUNCES
    assert "Transient: MailboxFull" in row.detail
    assert reader not in Subscriber.objects.due_for("daily")

    # Lifted by staff, the address starts afresh: one more soft bounce does not suppress it again.
    lift_address_suppression(suppression=row)
    reader.refresh_from_db()
    assert reader.bounce_count == 0
    post_from_sns(client, sns_notification(transient, message_id="soft-4"), **basic_auth())
    assert suppression(reader.email) is None
    assert reader in Subscriber.objects.due_for("daily")


def test_mailgun_signed_permanent_failure_and_complaint_suppress(client):
    member = make_member_subscriber("Ivy", email="invalid@example.com")
    response = post_to_mailgun(client, mailgun_signed(mailgun_failed()), **basic_auth())
    assert response.status_code == 200
    row = suppression("invalid@example.com")
    assert row.reason == SuppressedAddress.Reason.BOUNCED and row.source == "Mailgun"
    assert "does not exist" in row.detail
    assert member not in Subscriber.objects.due_for("daily")

    # Another event, so another token (anymail's event id for Mailgun: each event's own).
    complaint = mailgun_signed(mailgun_complained(), token="a-second-token-" + MAILGUN_TOKEN)
    assert post_to_mailgun(client, complaint, **basic_auth()).status_code == 200
    assert suppression("spam-button@example.com").reason == SuppressedAddress.Reason.COMPLAINED


def test_mailgun_temporary_failure_is_left_to_mailguns_own_retries(client):
    reader = make_reader("slow@example.com")
    payload = mailgun_signed(mailgun_failed("slow@example.com", severity="temporary"))
    assert post_to_mailgun(client, payload, **basic_auth()).status_code == 200
    reader.refresh_from_db()
    assert reader.bounce_count == 0
    assert suppression("slow@example.com") is None


@pytest.mark.parametrize(
    "forge",
    [
        "ses without secret",
        "ses wrong secret",
        "ses header mismatch",
        "ses malformed body",
        "mailgun without secret",
        "mailgun wrong signature",
        "mailgun without signature",
        "mailgun wrong secret",
    ],
)
def test_forged_webhooks_are_refused_and_change_nothing(client, forge):
    jane = make_reader("jane@example.com")
    make_reader("invalid@example.com")
    if forge == "ses without secret":
        response = post_from_sns(client, sns_notification(ses_bounce()))
        assert response.status_code == 401  # SNS sends its credentials only after a 401 challenge
        assert response["WWW-Authenticate"].startswith("Basic")
    elif forge == "ses wrong secret":
        response = post_from_sns(client, sns_notification(ses_bounce()), **basic_auth("relay:guessed"))
    elif forge == "ses header mismatch":
        message = sns_notification(ses_bounce())
        response = client.post(
            SES_URL,
            data=json.dumps(message),
            content_type="text/plain; charset=UTF-8",
            HTTP_X_AMZ_SNS_MESSAGE_ID="another-id",
            HTTP_X_AMZ_SNS_MESSAGE_TYPE="Notification",
            **basic_auth(),
        )
    elif forge == "ses malformed body":
        response = client.post(
            SES_URL,
            data="{not json",
            content_type="text/plain",
            HTTP_X_AMZ_SNS_MESSAGE_TYPE="Notification",
            **basic_auth("relay:guessed"),
        )
    elif forge == "mailgun without secret":
        response = post_to_mailgun(client, mailgun_signed(mailgun_failed()))
    elif forge == "mailgun wrong signature":
        response = post_to_mailgun(client, mailgun_signed(mailgun_failed(), key="key-guessed"), **basic_auth())
    elif forge == "mailgun without signature":
        payload = mailgun_signed(mailgun_failed())
        del payload["signature"]
        response = post_to_mailgun(client, payload, **basic_auth())
    else:
        response = post_to_mailgun(client, mailgun_signed(mailgun_failed()), **basic_auth("relay:guessed"))
    assert 400 <= response.status_code < 500
    assert not SuppressedAddress.objects.exists()
    jane.refresh_from_db()
    assert jane.bounce_count == 0
    assert Subscriber.objects.due_for("daily").count() == 2


def test_webhooks_are_not_served_until_configured(client, settings):
    settings.ANYMAIL = {}
    response = post_from_sns(client, sns_notification(ses_bounce()), **basic_auth())
    assert response.status_code == 404
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}  # Mailgun also needs its signing key
    assert post_to_mailgun(client, mailgun_signed(mailgun_failed()), **basic_auth()).status_code == 404
    assert not SuppressedAddress.objects.exists()


def test_an_authenticated_but_unreadable_payload_is_a_400(client):
    message = sns_notification(ses_bounce())
    message["Message"] = json.dumps({"notificationType": "Bounce", "bounce": {"bounceType": "Permanent"}})
    assert post_from_sns(client, message, **basic_auth()).status_code == 400


def test_a_suppressed_address_is_not_mailed_by_the_next_digest_until_staff_lift_it(client, staff, smtp_sink):
    make_reader("jane@example.com")
    make_reader("mary@example.com")
    make_member_subscriber("Richard", email="richard@example.com")
    post_from_sns(client, sns_notification(ses_bounce()), **basic_auth())
    post_from_sns(client, sns_notification(ses_complaint(), message_id="complaint-1"), **basic_auth())
    fresh_article(title="Breathing exercises that help")

    run = run_digest(period="day-1")
    assert (run.total, run.suppressed) == (1, 2)
    assert len(smtp_sink.to("mary@example.com")) == 1
    assert smtp_sink.to("jane@example.com") == []
    assert smtp_sink.to("richard@example.com") == []

    # The admin says why and when, beside the subscription and in the suppression list.
    client.force_login(staff)
    subscribers = client.get("/admin/newsletter/subscriber/").content.decode()
    assert "Hard bounce</a>" in subscribers and "Spam complaint</a>" in subscribers
    listing = client.get("/admin/accounts/suppressedaddress/").content.decode()
    assert "jane@example.com" in listing and "User unknown" in listing and "Amazon SES" in listing

    jane = SuppressedAddress.objects.get(email="jane@example.com")
    response = client.post(
        "/admin/accounts/suppressedaddress/", {"action": "lift", "_selected_action": [jane.pk]}, follow=True
    )
    assert "1 address(es) will get our e-mail again." in response.content.decode()
    jane.refresh_from_db()
    assert jane.lifted_at is not None and jane.lifted_by == staff
    assert suppression("richard@example.com") is not None

    fresh_article(title="Eating well during treatment")
    run_digest(period="day-2")
    run_on_commit_callbacks()
    assert len(smtp_sink.to("jane@example.com")) == 1
    assert smtp_sink.to("richard@example.com") == []


class FakeSNS(BaseHTTPRequestHandler):
    """Amazon SNS's ConfirmSubscription API, on loopback: records what anymail asked."""

    calls = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        FakeSNS.calls.append(parse_qs(body))
        answer = (
            b'<ConfirmSubscriptionResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">'
            b"<ConfirmSubscriptionResult><SubscriptionArn>"
            b"arn:aws:sns:us-west-2:123456789012:SES_Notifications:1b2c"
            b"</SubscriptionArn></ConfirmSubscriptionResult>"
            b"<ResponseMetadata><RequestId>7a1b</RequestId></ResponseMetadata>"
            b"</ConfirmSubscriptionResponse>"
        )
        self.send_response(200)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_sns(settings):
    FakeSNS.calls = []
    server = HTTPServer(("127.0.0.1", free_port()), FakeSNS)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.ANYMAIL = {
        **settings.ANYMAIL,
        "AMAZON_SES_AUTO_CONFIRM_SNS_SUBSCRIPTIONS": True,
        "AMAZON_SES_SESSION_PARAMS": {"aws_access_key_id": "test", "aws_secret_access_key": "test"},
        "AMAZON_SES_CLIENT_PARAMS": {"endpoint_url": f"http://127.0.0.1:{server.server_port}"},
    }
    yield FakeSNS.calls
    server.shutdown()
    server.server_close()


SUBSCRIPTION_CONFIRMATION = {
    "Type": "SubscriptionConfirmation",
    "MessageId": "165545c9-2a5c-472c-8df2-7ff2be2b3b1b",
    "Token": "EXAMPLE_TOKEN",
    "TopicArn": "arn:aws:sns:us-west-2:123456789012:SES_Notifications",
    "Message": "You have chosen to subscribe ...\nTo confirm..., visit the SubscribeURL included in this message.",
    "SubscribeURL": "https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn=...",
    "Timestamp": "2012-04-26T20:45:04.751Z",
    "SignatureVersion": "1",
    "Signature": "EXAMPLE-SIGNATURE==",
    "SigningCertURL": "https://sns.us-west-2.amazonaws.com/SimpleNotificationService-12345abcde.pem",
}


def test_an_authenticated_sns_subscription_is_confirmed_and_a_forged_one_is_not(client, fake_sns):
    assert post_from_sns(client, SUBSCRIPTION_CONFIRMATION, **basic_auth("relay:guessed")).status_code == 400
    assert post_from_sns(client, SUBSCRIPTION_CONFIRMATION).status_code == 401
    assert fake_sns == []

    assert post_from_sns(client, SUBSCRIPTION_CONFIRMATION, **basic_auth()).status_code == 200
    [call] = fake_sns
    assert call["Action"] == ["ConfirmSubscription"]
    assert call["Token"] == ["EXAMPLE_TOKEN"]
    assert call["TopicArn"] == [SUBSCRIPTION_CONFIRMATION["TopicArn"]]
    assert not SuppressedAddress.objects.exists()


def test_a_members_suppression_is_in_their_export_and_goes_with_their_account(client):
    from tests.factories import PASSWORD

    richard = verify_email(UserFactory(email="richard@example.com"))
    post_from_sns(client, sns_notification(ses_complaint()), **basic_auth())
    client.force_login(richard)
    exported = json.loads(client.get("/accounts/export/").content)
    [row] = exported["accounts"]["email_suppressions"]
    assert row["reason"] == "complained" and row["source"] == "Amazon SES"
    client.post("/accounts/delete/", {"password": PASSWORD})
    assert not SuppressedAddress.objects.exists()
