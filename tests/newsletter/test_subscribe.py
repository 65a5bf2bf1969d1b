"""Subscribing: double opt-in, the same answer for everyone, honeypot, rate limits, same-site check."""

import pytest

from accounts.models import OutgoingEmail
from newsletter.models import Subscriber
from tests import caches
from tests.conftest import link_in

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/newsletter/subscribe/"


def test_subscribing_sends_a_confirmation_link_that_confirms(client, smtp_sink):
    response = client.post(SUBSCRIBE, {"email": "nora@example.com", "page": "/resources/some-article/"})
    assert response.status_code == 200
    assert "Please check your inbox" in response.content.decode()
    subscriber = Subscriber.objects.get(email="nora@example.com")
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.consent_page == "/resources/some-article/"
    assert subscriber.consent_version and subscriber.consent_at

    [message] = smtp_sink.to("nora@example.com")
    assert "confirm" in message["Subject"].lower()
    assert message.get_body(preferencelist=("html",)) is not None
    path = link_in(smtp_sink.text(message), "/newsletter/confirm/")
    response = client.get(path)
    assert response.status_code == 200
    assert "Thank you for subscribing!" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE and subscriber.confirmed_at


def test_the_answer_is_the_same_whether_or_not_the_address_is_subscribed(client, reader, smtp_sink):
    known = client.post(SUBSCRIBE, {"email": reader.email})
    new = client.post(SUBSCRIBE, {"email": "someone-new@example.com"})
    assert known.status_code == new.status_code == 200
    assert known.content.decode().replace(reader.email, "X") == new.content.decode().replace(
        "someone-new@example.com", "X"
    )
    assert smtp_sink.to(reader.email) == []  # already subscribed: nothing to confirm, nothing sent
    assert len(smtp_sink.to("someone-new@example.com")) == 1


def test_the_subscribe_post_needs_no_csrf_token(reader):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(SUBSCRIBE, {"email": "tom@example.com"})
    assert response.status_code == 200
    assert Subscriber.objects.filter(email="tom@example.com").exists()


def test_a_post_from_another_site_is_refused(client):
    response = client.post(SUBSCRIBE, {"email": "tom@example.com"}, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert "another website" in response.content.decode()
    assert not Subscriber.objects.exists()
    ok = client.post(SUBSCRIBE, {"email": "tom@example.com"}, HTTP_ORIGIN="http://testserver")
    assert ok.status_code == 200 and Subscriber.objects.filter(email="tom@example.com").exists()


def test_a_filled_honeypot_gets_the_same_answer_and_nothing_happens(client, smtp_sink):
    response = client.post(SUBSCRIBE, {"email": "bot@example.com", "website": "http://spam.example"})
    assert response.status_code == 200 and "Please check your inbox" in response.content.decode()
    assert not Subscriber.objects.exists()
    assert smtp_sink.to("bot@example.com") == []


@pytest.mark.parametrize(
    "email, message",
    [
        ("", "Please enter your e-mail address."),
        ("not-an-address", "doesn&#x27;t look like an e-mail address"),
        ("a" * 300 + "@example.com", "e-mail address"),
    ],
)
def test_bad_addresses_get_a_clear_message(client, email, message):
    response = client.post(SUBSCRIBE, {"email": email})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Subscriber.objects.exists()


def test_rate_limit_per_ip_says_so_and_per_address_sends_no_more(client, settings, smtp_sink):
    settings.NEWSLETTER_RATE_PER_IP = 3
    settings.NEWSLETTER_RATE_PER_ADDRESS = 2
    for _ in range(3):
        assert client.post(SUBSCRIBE, {"email": "victim@example.com"}).status_code == 200
    assert len(smtp_sink.to("victim@example.com")) == 2  # the third went unsent, with the same answer
    response = client.post(SUBSCRIBE, {"email": "other@example.com"})
    assert response.status_code == 429
    assert "Too many sign-ups from your connection" in response.content.decode()
    # X-Forwarded-For is whatever the client says: it does not reset the limit.
    response = client.post(SUBSCRIBE, {"email": "other@example.com"}, HTTP_X_FORWARDED_FOR="10.9.8.7")
    assert response.status_code == 429
    caches.clear()  # this process's keys only: FLUSHDB would empty every parallel process's cache
    assert client.post(SUBSCRIBE, {"email": "other@example.com"}, REMOTE_ADDR="10.0.0.2").status_code == 200


def test_recaptcha_guards_the_form_when_keys_are_set(client, settings, monkeypatch):
    import io
    import json

    settings.RECAPTCHA_ENABLED = True
    settings.RECAPTCHA_PUBLIC_KEY = "public-key-for-tests"
    settings.RECAPTCHA_PRIVATE_KEY = "private-key-for-tests"

    def google_answers(params):  # the one thing outside this machine
        return io.BytesIO(json.dumps({"success": True, "action": "newsletter", "score": 0.1}).encode())

    monkeypatch.setattr("django_recaptcha.client.recaptcha_request", google_answers)
    assert 'data-recaptcha-action="newsletter"' in client.get("/").content.decode()
    response = client.post(SUBSCRIBE, {"email": "low@example.com", "captcha": "token"})
    assert response.status_code == 400
    assert "might be automated" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_the_form_is_on_the_home_page_the_article_page_and_the_footer(client, article):
    home = client.get("/").content.decode()
    assert home.count('action="/newsletter/subscribe/"') == 2  # the home page's own, and the footer's
    assert "Get updates directly to your inbox" in home
    page = client.get(article.get_absolute_url()).content.decode()
    assert page.count('action="/newsletter/subscribe/"') == 2
    assert "csrfmiddlewaretoken" not in page.split('id="newsletter"')[1].split("</section>")[0]
    assert client.get("/about/").content.decode().count('action="/newsletter/subscribe/"') == 1


def test_members_are_pointed_to_their_settings_instead_of_the_form(client, member):
    client.force_login(member)
    home = client.get("/").content.decode()
    assert 'action="/newsletter/subscribe/"' not in home
    assert "/accounts/settings/email/" in home


def test_a_rolled_back_subscription_sends_nothing(smtp_sink, django_capture_on_commit_callbacks):
    from django.db import transaction

    from newsletter.services import subscribe_reader

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        subscribe_reader(email="gone@example.com", page="/")
        raise RuntimeError("the request failed after subscribing")
    assert not Subscriber.objects.exists()
    assert not OutgoingEmail.objects.exists()
    assert smtp_sink.to("gone@example.com") == []


def test_odd_hidden_fields_never_block_a_real_sign_up(client):
    response = client.post(SUBSCRIBE, {"email": "nora@example.com", "page": "/x" * 500})
    assert response.status_code == 200
    assert Subscriber.objects.get(email="nora@example.com").consent_page.startswith("/x/x")
    response = client.post(SUBSCRIBE, {"email": "ivy@example.com", "page": "https://elsewhere.example/\x00"})
    assert response.status_code == 200
    assert Subscriber.objects.get(email="ivy@example.com").consent_page == "/newsletter/subscribe/"


def test_a_head_request_on_the_confirm_link_confirms_nothing(client, smtp_sink):
    client.post(SUBSCRIBE, {"email": "nora@example.com"})
    [message] = smtp_sink.to("nora@example.com")
    path = link_in(smtp_sink.text(message), "/newsletter/confirm/")
    assert client.head(path).status_code == 200
    assert Subscriber.objects.get(email="nora@example.com").status == Subscriber.Status.PENDING
    client.get(path)
    assert Subscriber.objects.get(email="nora@example.com").status == Subscriber.Status.ACTIVE


def test_the_subscribe_page_shows_the_wording_agreed_to(client):
    from newsletter.services import CONSENT_TEXT

    assert CONSENT_TEXT in client.get(SUBSCRIBE).content.decode()
