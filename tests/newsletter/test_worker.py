"""A digest run with a real Celery worker on Redis and PostgreSQL, killed and stopped mid-run.

Needs DATABASE_URL (PostgreSQL) and redis-server. The worker is a subprocess on the pytest database
(rows are committed: transaction=True), with a redis-server of the test's own as broker, so nothing
else interferes and the test may flush it,
sending to an SMTP sink on loopback that takes a few milliseconds per message, so a run of 500
lasts long enough to be interrupted.
"""

import asyncio
import collections
import os
import signal
import time

import pytest
from django.conf import settings
from django.db import connection

from newsletter.models import Delivery, DigestRun, Subscriber
from newsletter.services import start_digest_run
from newsletter.tasks import sweep_digest_runs
from tests.conftest import free_port, skip_or_fail
from tests.newsletter.conftest import fresh_article, use_broker
from tests.processes import RedisServer, Workers, database_url, wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

RECIPIENTS = 500


class CountingSink:
    """Takes a few milliseconds per message; answers `answer` (a 4xx) to the addresses in `refuse`."""

    def __init__(self, delay):
        self.delay = delay
        self.received = collections.Counter()
        self.refuse = set()
        self.answer = "451 4.7.1 Greylisted, try again later"
        self.refusals = collections.defaultdict(list)  # address: [monotonic time of each refusal]

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            self.refusals[address].append(time.monotonic())
            return self.answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

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
    """Workers (started by the test) on a redis-server of this test's own, the sink, the server."""
    if not os.environ.get("DATABASE_URL") or connection.vendor != "postgresql":
        skip_or_fail("the worker tests need PostgreSQL (DATABASE_URL)")
    from aiosmtpd.controller import Controller

    sink = CountingSink(delay=0.008)
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    server = RedisServer(tmp_path)
    server.start()
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "REDIS_URL": server.url(1),
        "CELERY_BROKER_URL": server.url(0),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "NEWSLETTER_BATCH_SIZE": "25",
        "NEWSLETTER_CLAIM_SECONDS": "3",
        # A run no batch touched for 2 s is resumed by the next sweep (25 s in production, which the
        # lost-queue test below keeps): a killed worker's run is picked up in seconds.
        "NEWSLETTER_STALL_SECONDS": "2",
        "CONN_MAX_AGE": "0",
        "SITE_URL": settings.SITE_URL,
        "LOG_LEVEL": "WARNING",
    }
    saved = settings.CELERY_BROKER_URL
    use_broker(server.url(0), eager=False)
    workers = Workers(env, tmp_path)
    workers.redis = server
    try:
        yield workers, sink
    finally:
        workers.stop_all()
        use_broker(saved, eager=True)
        server.stop()
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


def test_a_451_for_some_addresses_delays_only_them_and_everyone_gets_exactly_one(worker_setup):
    workers, sink = worker_setup
    subscribers(200)
    busy = {f"reader{n}@example.com" for n in range(0, 200, 20)}  # 10 greylisting servers
    sink.refuse |= busy
    # Delays of seconds instead of minutes; beat's sweep every second hands due rows to a batch.
    workers.env.update(NEWSLETTER_RETRY_DELAYS="1,3", NEWSLETTER_SWEEP_SECONDS="1")
    workers.start()
    workers.start_beat()
    run, _ = start_digest_run(frequency="daily")

    others = 200 - len(busy)
    wait_for(lambda: len(sink.received) == others, 180, "everyone else's digest", workers)
    # The others went out while these were still refused, and these wait for another try.
    assert Delivery.objects.filter(run=run, status=Delivery.Status.SENT).count() == others
    waiting = Delivery.objects.filter(run=run, subscriber__email__in=busy)
    assert set(waiting.values_list("status", flat=True)) == {Delivery.Status.PENDING}
    wait_for(lambda: all(len(sink.refusals[address]) >= 3 for address in busy), 180, "three tries each", workers)
    for address in busy:  # each try waited at least its delay: 1 s, then 3 s
        first, second, third = sink.refusals[address][:3]
        assert second - first >= 1 and third - second >= 3, sink.refusals[address]
    assert DigestRun.objects.get(pk=run.pk).status == DigestRun.Status.SENDING

    sink.refuse.clear()  # the servers accept again
    wait_for(finished(run.pk), 180, "the run to finish", workers)
    assert set(sink.received) == {f"reader{n}@example.com" for n in range(200)}
    assert set(sink.received.values()) == {1}, "somebody got it twice"
    assert Delivery.objects.filter(run=run, status=Delivery.Status.SENT).count() == 200


def test_a_run_whose_broker_queue_is_lost_finishes_within_two_minutes_nothing_lost_or_twice(worker_setup):
    """The broker restarted empty mid-run: the production claim, stall and sweep periods (beat runs
    for real) resume it; nobody sweeps by hand."""
    workers, sink = worker_setup
    subscribers(RECIPIENTS)
    for name in ("NEWSLETTER_CLAIM_SECONDS", "NEWSLETTER_STALL_SECONDS", "NEWSLETTER_SWEEP_SECONDS"):
        workers.env.pop(name, None)
    workers.start()
    workers.start_beat()
    run, _ = start_digest_run(frequency="daily")
    wait_for(lambda: sink.total >= 100, 60, "the first 100 messages", workers)
    import redis

    redis.Redis(port=workers.redis.port).flushall()  # every queued batch task is gone
    lost = time.monotonic()
    assert sink.total < RECIPIENTS, "the run should have been interrupted"

    wait_for(finished(run.pk), 120, "the run to finish within two minutes of losing its queue", workers)
    print(f"finished {time.monotonic() - lost:.0f} s after the queue was lost")
    assert len(sink.received) == RECIPIENTS
    assert sink.total == RECIPIENTS, [address for address, n in sink.received.items() if n > 1]
    assert Delivery.objects.filter(run=run, status=Delivery.Status.SENT).count() == RECIPIENTS
