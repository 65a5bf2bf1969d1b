"""A digest run with a real Celery worker on Redis and PostgreSQL, killed and stopped mid-run.

Needs DATABASE_URL (PostgreSQL) and redis-server. The worker is a subprocess on the pytest database
(rows are committed: transaction=True), with a redis-server of the test's own as broker, so nothing
else interferes and the test may flush it, sending to an SMTP sink on loopback. To interrupt a run
mid-batch whatever the machine's speed, the sink can hold the worker: having taken a message, it
does not answer until the test has killed or stopped the worker (or lost its queue) and lets it go.
"""

import asyncio
import collections
import json
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from newsletter.models import Delivery, DigestRun, Subscriber
from newsletter.services import stalled_digest_runs, start_digest_run
from newsletter.tasks import sweep_digest_runs
from tests.conftest import free_port, skip_or_fail
from tests.newsletter.conftest import fresh_article, use_broker
from tests.processes import ROOT, RedisServer, Workers, database_url, wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

# Enough for a run of several batches (NEWSLETTER_BATCH_SIZE is 25 here): one in hand when the worker
# is interrupted, more still queued behind it.
RECIPIENTS = 100
# The sink holds the worker on this message: the 15th of the second batch.
HOLD_AT = 40


class CountingSink:
    """Counts what it takes; answers `answer` (a 4xx) to the addresses in `refuse`.

    After `hold(n)`, the n-th message is taken (counted) but not answered until `release()`: the
    worker waits for the answer as it would for a slow server, the message in flight.
    """

    def __init__(self):
        self.received = collections.Counter()
        self.refuse = set()
        self.answer = "451 4.7.1 Greylisted, try again later"
        self.refusals = collections.defaultdict(list)  # address: [monotonic time of each refusal]
        self.hold_at = None
        self.holding = threading.Event()
        self.released = threading.Event()

    def hold(self, at):
        self.hold_at = at

    def release(self):
        self.released.set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            self.refusals[address].append(time.monotonic())
            return self.answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        for address in envelope.rcpt_tos:
            self.received[address] += 1
        if self.hold_at is not None and self.total >= self.hold_at:
            self.holding.set()
            while not self.released.is_set():
                await asyncio.sleep(0.01)
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

    sink = CountingSink()
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
        # A run no batch touched for 2 s is resumed by the next sweep (25 s in production; the last
        # test below checks what production's periods add up to): a killed worker's run is picked
        # up in seconds.
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
        sink.release()
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
    """What beat does every 15 s in production, every second here: resume runs whose worker went away."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if finished(run_id)():
            return
        sweep_digest_runs.delay()
        time.sleep(1)
    raise AssertionError(f"the run did not finish; worker logs:\n{workers.log_tail()}")


def test_a_run_to_500_subscribers_delivers_exactly_500_and_a_second_run_sends_nothing(worker_setup):
    workers, sink = worker_setup
    subscribers(500)
    workers.start()
    run, created = start_digest_run(frequency="daily")
    assert created
    wait_for(finished(run.pk), 90, "the run to finish", workers)
    assert len(sink.received) == 500 and sink.total == 500
    assert Delivery.objects.filter(run=run, status=Delivery.Status.SENT).count() == 500

    again, created = start_digest_run(frequency="daily")
    assert again.pk == run.pk and not created
    sweep = sweep_digest_runs.delay()
    wait_for(lambda: workers.ran(sweep.id), 60, "the sweep to run", workers)
    # The worker takes one task at a time, in the order they were queued: once a second sweep has
    # run, any batch the first one queued has run too.
    after = sweep_digest_runs.delay()
    wait_for(lambda: workers.ran(after.id), 60, "a second sweep to run", workers)
    assert sink.total == 500


def interrupt_mid_run(workers, sink):
    """Start a run and wait until the worker is in its second batch, held by the sink on a message."""
    subscribers(RECIPIENTS)
    sink.hold(HOLD_AT)
    run, _ = start_digest_run(frequency="daily")
    wait_for(sink.holding.is_set, 60, f"the worker to send message {HOLD_AT}", workers)
    return run


def test_a_worker_killed_mid_run_is_resumed_and_nobody_gets_it_twice_but_one(worker_setup):
    workers, sink = worker_setup
    worker = workers.start()
    run = interrupt_mid_run(workers, sink)
    workers.kill(worker, signal.SIGKILL)  # the server has taken a message; the worker awaited its answer
    sink.release()
    assert sink.total < RECIPIENTS, "the run should have been interrupted"

    workers.start()
    sweep_until_finished(run.pk, workers)
    assert len(sink.received) == RECIPIENTS  # everyone got the digest
    # At most the one message in flight when the worker died went out twice.
    assert sink.total - RECIPIENTS <= 1, [address for address, n in sink.received.items() if n > 1]
    assert Delivery.objects.filter(run=run, status=Delivery.Status.SENT).count() == RECIPIENTS


def test_a_worker_stopped_with_sigterm_finishes_its_batch_and_nobody_gets_it_twice(worker_setup):
    workers, sink = worker_setup
    worker = workers.start()
    run = interrupt_mid_run(workers, sink)
    worker.send_signal(signal.SIGTERM)
    # Let the batch go on only once the worker has taken the signal (it says "Warm shutdown", or
    # "Cold shutdown" if it were to drop the batch): it must not start another.
    wait_for(lambda: "shutdown (MainProcess)" in worker.log.read_text(), 60, "the worker to begin stopping", workers)
    sink.release()
    worker.wait(60)
    assert sink.total < RECIPIENTS, "the run should have been interrupted"

    workers.start()
    sweep_until_finished(run.pk, workers)
    assert len(sink.received) == RECIPIENTS
    assert sink.total == RECIPIENTS, [address for address, n in sink.received.items() if n > 1]


def test_a_451_for_some_addresses_delays_only_them_and_everyone_gets_exactly_one(worker_setup):
    workers, sink = worker_setup
    subscribers(RECIPIENTS)
    busy = {f"reader{n}@example.com" for n in range(0, RECIPIENTS, 10)}  # 10 greylisting servers
    sink.refuse |= busy
    # Delays of seconds instead of minutes; beat's sweep every second hands due rows to a batch once
    # the run has been quiet for a second (a batch renews its claim every 2/3 s meanwhile). The second
    # delay is well over that, so that the delay, not the sweep, is what the third try waits for; the
    # third is short, so that once the servers accept again the last try comes soon.
    workers.env.update(
        NEWSLETTER_RETRY_DELAYS="1,3,1",
        NEWSLETTER_SWEEP_SECONDS="1",
        NEWSLETTER_STALL_SECONDS="1",
        NEWSLETTER_CLAIM_SECONDS="2",
    )
    workers.start_worker_and_beat()
    run, _ = start_digest_run(frequency="daily")

    others = RECIPIENTS - len(busy)
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
    assert set(sink.received) == {f"reader{n}@example.com" for n in range(RECIPIENTS)}
    assert set(sink.received.values()) == {1}, "somebody got it twice"
    assert Delivery.objects.filter(run=run, status=Delivery.Status.SENT).count() == RECIPIENTS


def test_a_run_whose_broker_queue_is_lost_is_resumed_by_beat_nothing_lost_or_twice(worker_setup):
    """The broker restarted empty mid-run: beat's sweep resumes the run, nobody sweeps by hand. The
    periods are seconds here; the next test shows what production's add up to."""
    workers, sink = worker_setup
    workers.env.update(NEWSLETTER_SWEEP_SECONDS="1")
    workers.start_worker_and_beat()
    run = interrupt_mid_run(workers, sink)
    import redis

    redis.Redis(port=workers.redis.port).flushall()  # every queued batch task is gone
    assert sink.total < RECIPIENTS, "the run should have been interrupted"
    sink.release()  # the batch in hand goes on to its end

    wait_for(finished(run.pk), 120, "the run to finish", workers)
    assert len(sink.received) == RECIPIENTS
    assert sink.total == RECIPIENTS, [address for address, n in sink.received.items() if n > 1]
    assert Delivery.objects.filter(run=run, status=Delivery.Status.SENT).count() == RECIPIENTS


# The periods a deployment that sets none gets, read in a fresh interpreter as beat would read them.
PERIODS = """
import json

import django

django.setup()
from django.conf import settings
from config.celery import app

sweep = app.conf.beat_schedule["sweep-digests"]
print(json.dumps({
    "claim": settings.NEWSLETTER_CLAIM_SECONDS,
    "stall": settings.NEWSLETTER_STALL_SECONDS,
    "sweep_task": sweep["task"],
    "sweep_every": float(sweep["schedule"]),
}))
"""


def test_production_periods_resume_a_run_whose_queue_was_lost_within_a_minute_of_its_last_batch(settings):
    """What losing the queue costs a run in waiting, with the periods production runs on: after its
    last batch's last renewal, the sweep finds it once it has been quiet NEWSLETTER_STALL_SECONDS,
    and beat runs the sweep every NEWSLETTER_SWEEP_SECONDS, so new batches are queued at most their
    sum later: the README's minute at most. Sending the rest then takes what sending always does."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("NEWSLETTER_")}
    result = subprocess.run(
        [sys.executable, "-c", PERIODS],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    periods = json.loads(result.stdout.strip().splitlines()[-1])
    assert periods["sweep_task"] == "newsletter.tasks.sweep_digest_runs"
    claim, stall, sweep_every = periods["claim"], periods["stall"], periods["sweep_every"]
    assert stall + sweep_every <= 60, periods

    # The sweep itself, on these periods: a run whose tasks are gone (its rows released by the batch
    # that was working when the queue went) and whose last batch renewed at `last`.
    settings.NEWSLETTER_CLAIM_SECONDS, settings.NEWSLETTER_STALL_SECONDS = claim, stall
    subscribers(2)
    last = timezone.now()
    run = DigestRun.objects.create(
        frequency="daily", period="lost", until=last, status=DigestRun.Status.SENDING, heartbeat_at=last
    )
    Delivery.objects.bulk_create(Delivery(run=run, subscriber=subscriber) for subscriber in Subscriber.objects.all())
    # A live batch renews every third of its claim, more often than a run counts as quiet: it is
    # never taken for a lost one.
    assert stalled_digest_runs(now=last + timedelta(seconds=claim / 3)) == []
    assert stalled_digest_runs(now=last + timedelta(seconds=stall - 1)) == []
    assert stalled_digest_runs(now=last + timedelta(seconds=stall + 1)) == [(run.pk, 1)]
