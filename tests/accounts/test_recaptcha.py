"""reCAPTCHA v3 on sign-up. Only Google's verification answer is faked; failures to reach it are real."""

import contextlib
import io
import json
import socket
import threading
import time

import pytest

from accounts.models import User
from tests.accounts.test_signup import GOOD
from tests.conftest import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def recaptcha_on(settings):
    settings.RECAPTCHA_ENABLED = True
    settings.RECAPTCHA_PUBLIC_KEY = "public-key-for-tests"
    settings.RECAPTCHA_PRIVATE_KEY = "private-key-for-tests"
    return settings


def google_answers(monkeypatch, **answer):
    """Stand in for Google's siteverify endpoint, the one thing outside this machine."""

    def fake_request(params):
        return io.BytesIO(json.dumps(answer).encode())

    monkeypatch.setattr("django_recaptcha.client.recaptcha_request", fake_request)


def test_without_keys_there_is_no_recaptcha_and_signup_works(client, smtp_sink):
    body = client.get("/accounts/signup/").content.decode()
    assert "recaptcha" not in body.lower().replace("recaptcha_notice", "")
    assert "google" not in client.get("/accounts/signup/")["Content-Security-Policy"]
    client.post("/accounts/signup/", GOOD)
    assert User.objects.filter(email=GOOD["email"]).exists()


def test_with_keys_the_signup_form_carries_recaptcha_and_the_csp_allows_google(client, recaptcha_on):
    response = client.get("/accounts/signup/")
    body = response.content.decode()
    assert 'data-recaptcha-action="signup"' in body
    assert "https://www.google.com/recaptcha/api.js?render=public-key-for-tests" in body
    assert "/static/js/recaptcha.js" in body
    assert "https://www.google.com" in response["Content-Security-Policy"]


def test_a_good_score_lets_the_member_join(client, recaptcha_on, monkeypatch, smtp_sink):
    google_answers(monkeypatch, success=True, score=0.9, action="signup")
    client.post("/accounts/signup/", {**GOOD, "captcha": "token"})
    assert User.objects.filter(email=GOOD["email"]).exists()


def test_a_low_score_gets_a_clear_message(client, recaptcha_on, monkeypatch):
    google_answers(monkeypatch, success=True, score=0.1, action="signup")
    response = client.post("/accounts/signup/", {**GOOD, "captcha": "token"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Our spam check thinks this might be automated." in body
    assert "Hidden field" not in body  # said in plain words, not as Django's note about a hidden field
    assert not User.objects.exists()


def test_a_missing_token_says_what_to_do(client, recaptcha_on):
    response = client.post("/accounts/signup/", GOOD)
    body = response.content.decode()
    assert "please make sure scripts from google.com can load" in body
    assert "Hidden field" not in body
    assert not User.objects.exists()


def test_google_unreachable_gives_a_form_error_not_a_500(client, recaptcha_on):
    recaptcha_on.RECAPTCHA_DOMAIN = f"127.0.0.1:{free_port()}"  # nothing listens: connection refused
    response = client.post("/accounts/signup/", {**GOOD, "captcha": "token"})
    assert response.status_code == 200
    assert "We couldn&#x27;t reach our spam check just now." in response.content.decode()
    assert not User.objects.exists()


def test_google_too_slow_gives_a_form_error_within_three_seconds(client, recaptcha_on):
    """A server that accepts the connection and never answers. How long the site waited is measured
    at the server, from accepting the connection to the site closing it, so a busy machine's slower
    page does not count against the three seconds."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    waits = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                connection, _ = listener.accept()
                with connection:
                    accepted = time.monotonic()
                    connection.settimeout(30)
                    while connection.recv(4096):  # the request; it is never answered
                        pass
                    waits.append(time.monotonic() - accepted)  # the site gave up and closed

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    recaptcha_on.RECAPTCHA_DOMAIN = f"127.0.0.1:{listener.getsockname()[1]}"
    try:
        response = client.post("/accounts/signup/", {**GOOD, "captcha": "token"})
    finally:
        stop.set()
        thread.join()
        listener.close()
    assert response.status_code == 200
    assert "We couldn&#x27;t reach our spam check just now." in response.content.decode()
    [waited] = waits
    assert waited < 3.9, waited
    assert not User.objects.exists()
