"""allauth's e-mails in our words: they name SITE_NAME, link with SITE_URL, and read as typed."""

import pytest
from allauth.account.models import EmailAddress

from accounts.models import User
from tests.conftest import link_in
from tests.factories import PASSWORD, UserFactory, verify_email

pytestmark = pytest.mark.django_db

TRICKY = "O'Brien & <Co>"
ESCAPED = ("&#x27;", "&#39;", "&amp;", "&lt;", "&gt;")


@pytest.fixture
def public_site(settings):
    settings.SITE_URL = "https://kindred.example"
    settings.SITE_NAME = "Kindred Test Site"
    return settings


def assert_plain_and_on_site(message, sink):
    subject, text = message["Subject"], sink.text(message)
    for entity in ESCAPED:
        assert entity not in subject and entity not in text, (entity, subject, text)
    assert "Kindred Test Site" in text
    assert "https://kindred.example/" in text
    for host in ("127.0.0.1", "testserver", "localhost"):
        assert host not in text, host
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "Kindred Test Site" in html and "127.0.0.1" not in html and "testserver" not in html
    return subject, text, html


def join(client, email="obrien@example.com"):
    return client.post(
        "/accounts/signup/",
        {
            "display_name": TRICKY,
            "email": email,
            "password1": "quiet harbour lanterns",
            "password2": "quiet harbour lanterns",
            "agree": "on",
        },
    )


def test_the_join_journey_ends_signed_in_on_onboarding(client, smtp_sink):
    join(client)
    [message] = smtp_sink.to("obrien@example.com")
    path = link_in(smtp_sink.text(message), "/accounts/confirm-email/")
    response = client.post(path, follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/welcome/"
    assert response.status_code == 200
    user = User.objects.get(email="obrien@example.com")
    assert response.context["user"] == user  # signed in, no second log-in
    assert EmailAddress.objects.get(user=user).verified


def test_confirmed_in_another_browser_the_member_logs_in_and_lands_on_onboarding(client, smtp_sink):
    from django.test import Client

    join(client)
    [message] = smtp_sink.to("obrien@example.com")
    path = link_in(smtp_sink.text(message), "/accounts/confirm-email/")
    phone = Client()  # the link opened in the mail app's browser: no pending sign-up there
    response = phone.post(path)
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    response = phone.post("/accounts/login/", {"login": "obrien@example.com", "password": "quiet harbour lanterns"})
    assert response["Location"] == "/accounts/welcome/"


def test_the_confirmation_email_names_the_site_and_reads_as_typed(client, smtp_sink, public_site):
    join(client)
    [message] = smtp_sink.to("obrien@example.com")
    subject, text, html = assert_plain_and_on_site(message, smtp_sink)
    assert subject == "Kindred Test Site: Please confirm your e-mail address"
    assert text.startswith(f"Hello {TRICKY},")
    assert "https://kindred.example/accounts/confirm-email/" in text
    assert "Hello from" not in text
    assert "Hello O&#x27;Brien &amp; &lt;Co&gt;," in html  # the HTML part is escaped properly
    assert 'href="https://kindred.example/accounts/confirm-email/' in html


def test_the_password_reset_email_names_the_site(client, smtp_sink, public_site):
    verify_email(UserFactory(email="known@example.com", display_name=TRICKY))
    client.post("/accounts/password/reset/", {"email": "known@example.com"})
    [message] = smtp_sink.to("known@example.com")
    _, text, _ = assert_plain_and_on_site(message, smtp_sink)
    assert "https://kindred.example/accounts/password/reset/key/" in text
    assert f"Hello {TRICKY}," in text


def test_a_reset_for_an_unknown_address_names_the_site(client, smtp_sink, public_site):
    client.post("/accounts/password/reset/", {"email": "nobody@example.com"})
    [message] = smtp_sink.to("nobody@example.com")
    _, text, _ = assert_plain_and_on_site(message, smtp_sink)
    assert "https://kindred.example/accounts/signup/" in text


def test_a_changed_password_is_told_by_email(client, smtp_sink, public_site):
    user = verify_email(UserFactory(email="changer@example.com", display_name=TRICKY))
    client.force_login(user)
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "another calm sea breeze", "password2": "another calm sea breeze"},
        REMOTE_ADDR="203.0.113.7",
    )
    assert response.status_code == 302
    [message] = smtp_sink.to("changer@example.com")
    subject, text, _ = assert_plain_and_on_site(message, smtp_sink)
    assert subject == "Kindred Test Site: Your password was changed"
    assert "https://kindred.example/accounts/password/reset/" in text
    assert "IP address: 203.0.113.7" in text


SENT_AT_OUR_SETTINGS = [
    "account/email/email_confirmation_signup",
    "account/email/email_confirmation",
    "account/email/password_reset_key",
    "account/email/unknown_account",
    "account/email/account_already_exists",
    "account/email/password_changed",
    "account/email/password_set",
    "account/email/password_reset",
    "account/email/email_changed",
    "account/email/email_deleted",
    "mfa/email/totp_activated",
    "mfa/email/totp_deactivated",
    "mfa/email/recovery_codes_generated",
]


@pytest.mark.parametrize("prefix", SENT_AT_OUR_SETTINGS)
def test_every_account_email_is_ours_names_the_site_and_escapes_only_html(prefix, public_site, rf, monkeypatch):
    from allauth.core import context

    from accounts.adapter import AccountAdapter

    sent = []
    monkeypatch.setattr("accounts.adapter.queue_message", lambda message, **kwargs: sent.append(message))
    request = rf.get("/", HTTP_HOST="127.0.0.1:8811")  # allauth builds links from the request's host
    with context.request_context(request):
        AccountAdapter(request).send_mail(
            prefix,
            "obrien@example.com",
            {
                "user": UserFactory(display_name=TRICKY),
                "activate_url": "http://127.0.0.1:8811/accounts/confirm-email/key/",
                "password_reset_url": "http://127.0.0.1:8811/accounts/password/reset/key/1-x/",
                "signup_url": "http://127.0.0.1:8811/accounts/signup/",
                "from_email": "old@example.com",
                "to_email": "new@example.com",
                "deleted_email": "old@example.com",
                "ip": "203.0.113.7",
                "user_agent": "Firefox",
            },
        )
    [message] = sent
    text, html = message.body, message.alternatives[0][0]
    assert message.subject.startswith("Kindred Test Site: ")
    for entity in ESCAPED:
        assert entity not in message.subject and entity not in text
    assert "Kindred Test Site" in text and "Hello from" not in text
    assert "127.0.0.1" not in text and "127.0.0.1" not in html
    assert f"Hello {TRICKY}," in text and "Hello O&#x27;Brien &amp; &lt;Co&gt;," in html
