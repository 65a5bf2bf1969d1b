"""Beat's schedule names tasks that exist, and the digest's times come from settings."""

from celery.schedules import crontab
from django.conf import settings

from config.celery import app


def test_every_scheduled_task_is_registered():
    app.loader.import_default_modules()
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in app.tasks, name


def test_daily_and_weekly_digests_run_at_the_configured_times():
    daily = settings.CELERY_BEAT_SCHEDULE["daily-digest"]
    weekly = settings.CELERY_BEAT_SCHEDULE["weekly-digest"]
    hour, minute = (int(part) for part in settings.NEWSLETTER_DAILY_AT.split(":"))
    assert daily["args"] == ("daily",) and daily["schedule"].hour == {hour} and daily["schedule"].minute == {minute}
    assert weekly["args"] == ("weekly",)
    hour, minute = (int(part) for part in settings.NEWSLETTER_WEEKLY_AT.split(":"))
    assert weekly["schedule"].hour == {hour} and weekly["schedule"].minute == {minute}
    assert weekly["schedule"].day_of_week == crontab(day_of_week=settings.NEWSLETTER_WEEKLY_DAY).day_of_week
    assert len(weekly["schedule"].day_of_week) == 1
