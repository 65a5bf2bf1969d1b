"""A digest run with a real Celery worker on Redis and PostgreSQL, killed and stopped mid-run.

Needs DATABASE_URL and REDIS_URL. The worker is a subprocess on the pytest database (rows are
committed: transaction=True), with its own Redis database as broker so nothing else interferes,
sending to an SMTP sink on loopback that takes a few milliseconds per message, so a run of 500
lasts long enough to be interrupted.
"""

import asyncio
import collections
import os
import signal
import time
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.db import connection

from newsletter.models import Delivery, DigestRun, Subscriber
from newsletter.services import start_digest_run
from newsletter.tasks import sweep_digest_runs
from tests.conftest import free_port, skip_or_fail
from tests.newsletter.conftest import fresh_article, use_broker
from tests.processes import Workers, database_url, wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

BROKER_DB = 14  # a Redis database of its own: emptied before and after each test
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


@pytest.fixture
def worker_setup(transactional_db, tmp_path):
    if not (os.environ.get("DATABASE_URL") and os.environ.get("REDIS_URL")):
        skip_or_fail("DATABASE_URL and REDIS_URL are not set")
    if connection.vendor != "postgresql":
        skip_or_fail("the worker tests need PostgreSQL")
    import redis
    from aiosmtpd.controller import Controller

    sink = CountingSink(delay=0.008)
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()

    redis_url = urlunsplit(urlsplit(os.environ["REDIS_URL"])._replace(path=f"/{BROKER_DB}"))
    broker = redis.Redis.from_url(redis_url)
    broker.flushdb()
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
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
        broker.flushdb()
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
