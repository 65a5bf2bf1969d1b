"""Beat's schedule names tasks that exist, and the digest's times come from settings."""

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
    assert weekly["args"] == ("weekly",) and len(weekly["schedule"].day_of_week) == 1
