"""A digest run with a real Celery worker on Redis and PostgreSQL, killed and stopped mid-run.

Needs DATABASE_URL and REDIS_URL. The worker is a subprocess on the pytest database (rows are
committed: transaction=True), with a Redis server of its own as broker (a fixed database on the
shared Redis was emptied by any other run of these tests on the machine, losing queued batches),
sending to an SMTP sink on loopback that takes a few milliseconds per message, so a run of 500
lasts long enough to be interrupted.
"""

import asyncio
import collections
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from newsletter.models import Delivery, DigestRun, Subscriber
from newsletter.services import start_digest_run
from newsletter.tasks import sweep_digest_runs
from tests.conftest import free_port, skip_or_fail
from tests.newsletter.conftest import fresh_article, use_broker

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
RECIPIENTS = 500


class CountingSink:
    def __init__(self, delay):
        self.delay = delay
        self.received = collections.Counter()

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(self.delay)
        for address in envelope.rcpt_tos:
            self.received[address] += 1
        return "250 OK"

    @property
    def total(self):
        return sum(self.received.values())


def wait_for(condition, timeout, what, workers=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    logs = f"\nworker logs:\n{workers.log_tail()}" if workers else ""
    raise AssertionError(f"timed out after {timeout} s waiting for {what}{logs}")


class Workers:
    def __init__(self, env, logs):
        self.env, self.logs, self.running = env, logs, []

    def start(self):
        log = self.logs / f"worker-{len(self.running)}.log"
        command = [
            str(ROOT / ".venv/bin/celery"),
            "-A",
            "config",
            "worker",
            "--pool=prefork",
            "--concurrency=1",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ]
        with log.open("w") as out:
            process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.running.append(process)
        wait_for(lambda: "ready." in log.read_text() or process.poll() is not None, 60, "the worker to start")
        assert process.poll() is None, log.read_text()[-3000:]
        return process

    def kill(self, process, sig):
        """SIGKILL to the whole worker (parent and child); SIGTERM to the parent, a warm shutdown."""
        if sig == signal.SIGKILL:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.send_signal(sig)
        process.wait(60)

    def log_tail(self):
        return "\n".join(log.read_text()[-2000:] for log in sorted(self.logs.glob("worker-*.log")))

    def stop_all(self):
        for process in self.running:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(30)


@pytest.fixture
def private_redis(tmp_path):
    """A redis-server on a free loopback port, for this test alone; stopped at the end."""
    import redis

    server = shutil.which("redis-server")
    if not server:
        skip_or_fail("redis-server is not installed")
    port = free_port()
    command = [server, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"]
    process = subprocess.Popen([*command, "--dir", str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"

    def answers():
        try:
            return redis.Redis.from_url(url, socket_timeout=1).ping()
        except redis.ConnectionError:
            return process.poll() is not None  # exited: the assert below says so

    try:
        wait_for(answers, 30, "redis-server to start")
        assert process.poll() is None, "redis-server exited"
        yield url
    finally:
        process.terminate()
        process.wait(30)


@pytest.fixture
def worker_setup(transactional_db, request, tmp_path):
    if not (os.environ.get("DATABASE_URL") and os.environ.get("REDIS_URL")):
        skip_or_fail("DATABASE_URL and REDIS_URL are not set")
    if connection.vendor != "postgresql":
        skip_or_fail("the worker tests need PostgreSQL")
    from aiosmtpd.controller import Controller

    redis_url = request.getfixturevalue("private_redis")
    sink = CountingSink(delay=0.008)
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()

    db = connection.settings_dict
    credentials = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    database_url = f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CELERY_BROKER_URL": redis_url,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "NEWSLETTER_BATCH_SIZE": "25",
        "NEWSLETTER_CLAIM_SECONDS": "3",
        "CONN_MAX_AGE": "0",
        "SITE_URL": settings.SITE_URL,
        "LOG_LEVEL": "WARNING",
    }
    saved = settings.CELERY_BROKER_URL
    use_broker(redis_url, eager=False)
    workers = Workers(env, tmp_path)
    try:
        yield workers, sink
    finally:
        workers.stop_all()
        use_broker(saved, eager=True)
        controller.stop()


def subscribers(count):
    fresh_article(title="Something new to read")
    Subscriber.objects.bulk_create(
        Subscriber(email=f"reader{n}@example.com", status=Subscriber.Status.ACTIVE, frequency="daily")
        for n in range(count)
    )


def finished(run_id):
    return lambda: DigestRun.objects.get(pk=run_id).status == DigestRun.Status.DONE


def sweep_until_finished(run_id, workers, timeout=90):
    """What beat does every minute, every second here: resume runs whose worker went away."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if finished(run_id)():
            return
        sweep_digest_runs.delay()
        time.sleep(1)
    raise AssertionError(f"the run did not finish; worker logs:\n{workers.log_tail()}")


def test_a_run_to_500_subscribers_delivers_exactly_500_and_a_second_run_sends_nothing(worker_setup):
    workers, sink = worker_setup
    subscribers(RECIPIENTS)
    workers.start()
    run, created = start_digest_run(frequency="daily")
    assert created
    wait_for(finished(run.pk), 90, "the run to finish", workers)
    assert len(sink.received) == RECIPIENTS and sink.total == RECIPIENTS
    assert Delivery.objects.filter(run=run, status=Delivery.Status.SENT).count() == RECIPIENTS

    again, created = start_digest_run(frequency="daily")
    assert again.pk == run.pk and not created
    sweep_digest_runs.delay()
    time.sleep(2)
    assert sink.total == RECIPIENTS


def test_a_worker_killed_mid_run_is_resumed_and_nobody_gets_it_twice_but_one(worker_setup):
    workers, sink = worker_setup
    subscribers(RECIPIENTS)
    worker = workers.start()
    run, _ = start_digest_run(frequency="daily")
    wait_for(lambda: sink.total >= 100, 60, "the first 100 messages", workers)
    workers.kill(worker, signal.SIGKILL)
    assert sink.total < RECIPIENTS, "the run should have been interrupted"

    workers.start()
    sweep_until_finished(run.pk, workers)
    assert len(sink.received) == RECIPIENTS  # everyone got the digest
    # At most the one message in flight when the worker died went out twice.
    assert sink.total - RECIPIENTS <= 1, [address for address, n in sink.received.items() if n > 1]
    assert Delivery.objects.filter(run=run, status=Delivery.Status.SENT).count() == RECIPIENTS


def test_a_worker_stopped_with_sigterm_finishes_its_batch_and_nobody_gets_it_twice(worker_setup):
    workers, sink = worker_setup
    subscribers(RECIPIENTS)
    worker = workers.start()
    run, _ = start_digest_run(frequency="daily")
    wait_for(lambda: sink.total >= 100, 60, "the first 100 messages", workers)
    workers.kill(worker, signal.SIGTERM)
    assert sink.total < RECIPIENTS, "the run should have been interrupted"

    workers.start()
    sweep_until_finished(run.pk, workers)
    assert len(sink.received) == RECIPIENTS
    assert sink.total == RECIPIENTS, [address for address, n in sink.received.items() if n > 1]
