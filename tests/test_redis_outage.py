"""Redis down (cache and broker both): the site works, slower, and the mail follows once it is back.

The test runs its own redis-server (never the machine's shared one), points the cache and the
broker at it, starts a real worker and beat on it, and stops it. With it stopped, members sign in,
sign up, ask for a password reset and post: no 429, no 500. Every e-mail queued meanwhile arrives
within a minute of Redis's return (the issue's bound): beat sweeps the outbox every second here,
and production's longer period is added to the time measured.
"""

import os
import time

import pytest
from django.core.cache import caches
from django.db import connection

from accounts.models import OutgoingEmail
from tests.conftest import skip_or_fail
from tests.factories import PASSWORD, UserFactory, verify_email
from tests.newsletter.conftest import use_broker
from tests.processes import RedisServer, Workers, database_url, wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def own_redis(tmp_path, settings):
    """A redis-server of this test's own, as this process's cache and broker."""
    if not os.environ.get("DATABASE_URL") or connection.vendor != "postgresql":
        skip_or_fail("the outage test needs PostgreSQL (DATABASE_URL)")
    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = server.cache_settings()
    saved = settings.CELERY_BROKER_URL
    use_broker(server.url(0), eager=False)
    try:
        yield server
    finally:
        use_broker(saved, eager=True)
        server.stop()
        del caches["default"]


@pytest.fixture
def worker_and_beat(own_redis, smtp_sink, tmp_path, settings):
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "REDIS_URL": own_redis.url(1),
        "CELERY_BROKER_URL": own_redis.url(0),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(settings.EMAIL_PORT),
        "CONN_MAX_AGE": "0",
        "SITE_URL": settings.SITE_URL,
        "LOG_LEVEL": "WARNING",
        # Beat's sweep of the outbox every second instead of production's MAIL_SWEEP_SECONDS: the test
        # adds the difference to what it measures (below), rather than waiting it out.
        "MAIL_SWEEP_SECONDS": "1",
    }
    workers = Workers(env, tmp_path)
    try:
        workers.start_worker_and_beat()
        yield workers
    finally:
        workers.stop_all()


def assert_works(response):
    assert response.status_code not in (429, 500), (response.status_code, response.content.decode()[:500])
    return response


def test_with_redis_down_members_sign_in_sign_up_reset_and_post_and_the_mail_follows(
    worker_and_beat, own_redis, smtp_sink, client, settings
):
    member = verify_email(UserFactory(email="mira@example.com", display_name="Mira"))
    own_redis.stop()

    assert_works(client.get("/"))
    response = assert_works(client.post("/accounts/login/", {"login": member.email, "password": PASSWORD}))
    assert response.status_code == 302 and client.session.get("_auth_user_id") == str(member.pk)
    response = assert_works(client.post("/activities/", {"text": "Scan results were good today"}))
    assert response.status_code == 302
    assert "Scan results were good today" in assert_works(client.get("/activities/")).content.decode()
    client.logout()

    response = assert_works(
        client.post(
            "/accounts/signup/",
            {
                "display_name": "Lena",
                "email": "lena@example.com",
                "password1": "quiet harbour lanterns",
                "password2": "quiet harbour lanterns",
                "agree": "on",
            },
        )
    )
    assert response.status_code == 302
    client.logout()
    for _ in range(3):  # more than once: a rate limit that fails closed would show by now
        assert_works(client.post("/accounts/password/reset/", {"email": member.email}))
        assert_works(client.post("/accounts/login/", {"login": member.email, "password": "wrong"}))

    queued = set(OutgoingEmail.objects.values_list("to_email", flat=True))
    assert {"lena@example.com", "mira@example.com"} <= queued
    assert smtp_sink.messages == []

    own_redis.start()
    back = time.monotonic()
    wait_for(
        lambda: not OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING).exists(),
        60,
        "every e-mail queued during the outage to be sent within a minute of Redis's return",
        worker_and_beat,
    )
    took = time.monotonic() - back
    arrived = {address.addr_spec for message in smtp_sink.messages for address in message["To"].addresses}
    assert arrived == queued
    assert OutgoingEmail.objects.filter(status=OutgoingEmail.Status.SENT).count() == len(smtp_sink.messages)
    # In production the worker reconnects as here, and the next sweep may come a whole period later.
    assert took - 1 + settings.MAIL_SWEEP_SECONDS <= 60, (took, settings.MAIL_SWEEP_SECONDS)


TOO_MANY = "Too many failed login attempts"


def test_rate_limits_fail_open_during_the_outage_log_it_once_and_apply_again_once_redis_is_back(
    own_redis, client, caplog
):
    from django.core.cache import cache

    member = verify_email(UserFactory(email="mira@example.com"))
    wrong = {"login": member.email, "password": "not the password"}
    own_redis.stop()
    with caplog.at_level("WARNING", logger="config.cache"):
        for _ in range(8):  # over allauth's 5 failed sign-ins per address
            response = client.post("/accounts/login/", wrong)
            assert response.status_code == 200 and TOO_MANY not in response.content.decode()
    outage_logs = [record for record in caplog.records if "unreachable" in record.getMessage()]
    assert len(outage_logs) == 1  # once a minute, not once per request

    own_redis.start()

    def round_trip():
        cache.set("probe", "back", 30)
        return cache.get("probe") == "back"

    wait_for(round_trip, 30, "the cache to be used again")
    limited = [TOO_MANY in client.post("/accounts/login/", wrong).content.decode() for _ in range(6)]
    assert limited == [False] * 5 + [True]  # the limit counts again
