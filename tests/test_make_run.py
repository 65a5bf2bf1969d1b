"""`make run` as a newcomer gets it: no Redis, no PostgreSQL, no SMTP server. scripts/run.sh starts
the site, a real Celery worker and beat on the embedded broker under var/; the daily digest (set
to every second here) goes out on schedule into var/mail/; Ctrl-C stops every process."""

import os
import shutil
import signal
import subprocess

import pytest

from tests.conftest import free_port
from tests.processes import ROOT, migrated_sqlite, wait_for

SETUP = """
import datetime
from django.utils import timezone
from articles.models import Article
from newsletter.models import Subscriber
from tests.newsletter.conftest import fresh_article
fresh_article(title="Breathing exercises that help")
Subscriber.objects.create(email="rita@example.com", status="active", frequency="daily", confirmed_at=timezone.now())
"""


def embedded_env(var):
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DATABASE_URL", "REDIS_URL", "CELERY_", "EMAIL_", "NEWSLETTER_"))
    }
    return {**env, "VAR_DIR": str(var), "PORT": str(free_port()), "NEWSLETTER_DAILY_EVERY_SECONDS": "1"}


def group_alive(pgid):
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory):
    return migrated_sqlite(tmp_path_factory)


def test_make_runs_embedded_worker_sends_the_digest_on_schedule_and_ctrl_c_stops_everything(
    tmp_path, migrated_database
):
    var = tmp_path / "var"
    env = embedded_env(var)
    python = str(ROOT / ".venv/bin/python")
    # `make run` migrates first: its database, as `migrate` leaves it, where make run's settings keep it.
    var.mkdir()
    shutil.copyfile(migrated_database, var / "kindred.sqlite3")
    subprocess.run([python, "manage.py", "shell", "-c", SETUP], cwd=ROOT, env=env, check=True, capture_output=True)

    output = tmp_path / "run.out"
    with output.open("w") as out:
        run = subprocess.Popen(
            ["scripts/run.sh"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            # As from a terminal, Ctrl-C's signal is not ignored, even when this suite runs in the
            # background of a script (which starts every descendant with SIGINT ignored).
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
    try:

        def digest_arrived():
            return any("rita@example.com" in mail.read_text() for mail in (var / "mail").glob("*.log"))

        def logs():
            return "\n".join(log.read_text()[-2000:] for log in [output, *var.glob("celery-*.log")])

        try:
            wait_for(digest_arrived, 120, "the scheduled digest in var/mail/")
        except AssertionError as exc:
            raise AssertionError(f"{exc}\n{logs()}") from None
        [mail] = [mail.read_text() for mail in (var / "mail").glob("*.log") if "rita@example.com" in mail.read_text()]
        assert "Breathing exercises that help" in mail
        said = output.read_text()
        assert f"{var}/mail/" in said and "manage.py send_digest --frequency daily" in said
    finally:
        os.killpg(run.pid, signal.SIGINT)  # what Ctrl-C in the terminal does
        try:
            run.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(run.pid, signal.SIGKILL)  # fail, but leave no server behind
            raise
    wait_for(lambda: not group_alive(run.pid), 60, "every process of make run to stop")
    assert "embedded broker" in output.read_text(), output.read_text()
