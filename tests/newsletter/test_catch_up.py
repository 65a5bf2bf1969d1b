"""A digest whose minute came while the broker (or beat) was down goes out late, never not at all:
beat does not try a missed task again, so the sweep starts the period's run."""

import datetime
import functools
from datetime import UTC

import pytest
from celery.schedules import crontab
from django.utils import timezone

from newsletter import services
from newsletter.models import DigestRun
from newsletter.tasks import sweep_digest_runs
from tests.conftest import run_on_commit_callbacks
from tests.newsletter.conftest import fresh_article, make_reader

pytestmark = pytest.mark.django_db

MONDAY = datetime.datetime(2026, 11, 30, tzinfo=UTC)
TUESDAY = MONDAY + datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def schedule(settings):
    """Daily at 07:00, weekly on Mondays at 07:30 (UTC), whatever the environment running the tests sets."""
    settings.CELERY_BEAT_SCHEDULE = {
        "daily-digest": {
            "task": "newsletter.tasks.start_digest",
            "schedule": crontab(hour=7, minute=0),
            "args": ("daily",),
        },
        "weekly-digest": {
            "task": "newsletter.tasks.start_digest",
            "schedule": crontab(day_of_week="mon", hour=7, minute=30),
            "args": ("weekly",),
        },
        "sweep-digests": {"task": "newsletter.tasks.sweep_digest_runs", "schedule": 15.0},
    }
    return settings.CELERY_BEAT_SCHEDULE


def sent_before(frequency, moment):
    """The digest of the period before `moment`'s went out."""
    previous = moment - datetime.timedelta(days=7 if frequency == "weekly" else 1)
    DigestRun.objects.create(
        frequency=frequency, period=services.period_of(frequency, previous), until=previous, status="done"
    )


def at(day, hour, minute):
    return day.replace(hour=hour, minute=minute)


def test_a_daily_digest_is_missed_once_its_minute_passed_without_a_run():
    sent_before("daily", TUESDAY)
    assert services.missed_digests(now=at(TUESDAY, 6, 59)) == []
    assert services.missed_digests(now=at(TUESDAY, 7, 0)) == ["daily"]
    assert services.missed_digests(now=at(TUESDAY, 23, 59)) == ["daily"]
    services.start_digest_run(frequency="daily", now=at(TUESDAY, 23, 59))
    assert services.missed_digests(now=at(TUESDAY, 23, 59)) == []


def test_a_weekly_digest_is_missed_from_its_day_and_time_to_the_end_of_its_week():
    sent_before("weekly", MONDAY)
    assert services.missed_digests(now=at(MONDAY, 7, 29)) == []
    assert services.missed_digests(now=at(MONDAY, 7, 30)) == ["weekly"]
    sunday = MONDAY + datetime.timedelta(days=6)
    assert services.missed_digests(now=at(sunday, 23, 59)) == ["weekly"]
    assert services.missed_digests(now=at(sunday + datetime.timedelta(days=1), 0, 0)) == []  # next week


def test_a_site_that_has_not_sent_the_previous_digest_waits_for_the_scheduled_time():
    assert services.missed_digests(now=at(TUESDAY, 12, 0)) == []


def test_a_schedule_in_seconds_needs_no_catching_up(schedule):
    schedule["daily-digest"]["schedule"] = 60.0
    sent_before("daily", TUESDAY)
    assert services.missed_digests(now=at(TUESDAY, 12, 0)) == []


def test_the_sweep_sends_the_digest_beat_missed_once(schedule, smtp_sink, monkeypatch):
    """Beat's minute came while the broker was down; yesterday's digest went out. The next sweep
    starts today's run, the reader gets it, and a later sweep sends nothing more."""
    now = timezone.now()
    schedule["daily-digest"]["schedule"] = crontab(hour=0, minute=0)  # already past today, whenever this runs
    monkeypatch.setattr(services, "missed_digests", functools.partial(services.missed_digests, now=now))
    fresh_article(title="Walking after treatment")
    make_reader("rita@example.com")
    sent_before("daily", now)

    sweep_digest_runs()
    run_on_commit_callbacks()

    [message] = smtp_sink.to("rita@example.com")
    assert "Walking after treatment" in smtp_sink.text(message)
    sweep_digest_runs()
    run_on_commit_callbacks()
    assert len(smtp_sink.to("rita@example.com")) == 1
    assert DigestRun.objects.filter(frequency="daily").count() == 2
