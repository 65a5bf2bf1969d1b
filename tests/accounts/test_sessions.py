"""Sessions are Django's database sessions, read with plain SQL (accounts/sessions.py): a member
stays signed in while their session lasts, and not a moment after it expires or ends."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.sessions import SessionStore

pytestmark = pytest.mark.django_db


def signed_in(client, member):
    client.force_login(member)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def assert_sent_to_sign_in(response):
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert response.wsgi_request.user.is_anonymous


def test_a_signed_in_member_stays_signed_in(client, member):
    signed_in(client, member)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/activities/")
    assert response.status_code == 200
    assert response.wsgi_request.user == member
    assert type(response.wsgi_request.session) is SessionStore  # ours, read with one plain statement
    assert queries[0]["sql"].startswith('SELECT session_data FROM "django_session" WHERE session_key = ')


def test_an_expired_session_signs_the_member_out(client, member):
    key = signed_in(client, member)
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    assert_sent_to_sign_in(client.get("/activities/"))


def test_a_session_about_to_expire_still_counts(client, member):
    key = signed_in(client, member)
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + timedelta(minutes=1))
    assert client.get("/activities/").status_code == 200


def test_a_deleted_or_unknown_session_is_anonymous(client, member):
    key = signed_in(client, member)
    Session.objects.filter(session_key=key).delete()
    assert_sent_to_sign_in(client.get("/activities/"))
    client.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session-key-at-all-here"
    assert_sent_to_sign_in(client.get("/activities/"))


def test_logging_out_ends_the_session_for_good(client, member):
    key = signed_in(client, member)
    assert client.post("/accounts/logout/").status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    client.cookies[settings.SESSION_COOKIE_NAME] = key  # the old cookie, replayed
    assert_sent_to_sign_in(client.get("/activities/"))
