"""Beat's schedule names tasks that exist, and the digest's times come from settings."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from config.celery import app

ROOT = Path(__file__).resolve().parents[2]


def test_every_scheduled_task_is_registered():
    app.loader.import_default_modules()
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in app.tasks, name


# The schedule is built when the settings are read, so it is read in a fresh interpreter started
# with the environment a deployment would set, from the Celery app that beat runs.
SCHEDULE = """
import json
from config.celery import app

print(json.dumps({
    name: {
        "args": list(entry.get("args", ())),
        "minute": sorted(entry["schedule"].minute),
        "hour": sorted(entry["schedule"].hour),
        "day_of_week": sorted(entry["schedule"].day_of_week),
    }
    for name, entry in app.conf.beat_schedule.items()
    if name.endswith("-digest")
}))
"""


def test_daily_and_weekly_digests_run_at_the_times_the_settings_give():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "NEWSLETTER_DAILY_AT": "05:17",
        "NEWSLETTER_WEEKLY_AT": "22:43",
        "NEWSLETTER_WEEKLY_DAY": "thu",
    }
    result = subprocess.run(
        [sys.executable, "-c", SCHEDULE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-3000:]
    schedule = json.loads(result.stdout)
    every_day = list(range(7))
    assert schedule["daily-digest"] == {"args": ["daily"], "minute": [17], "hour": [5], "day_of_week": every_day}
    # Celery counts days from Sunday = 0: Thursday is 4.
    assert schedule["weekly-digest"] == {"args": ["weekly"], "minute": [43], "hour": [22], "day_of_week": [4]}
