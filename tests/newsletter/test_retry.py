"""Temporary refusals (4xx): the address waits a growing delay, everyone else is sent meanwhile.

Time is moved, not waited for: `clock` stands in for django.utils.timezone.now.
"""

import datetime

import pytest
from django.utils import timezone

from newsletter import services
from newsletter.models import Delivery, DigestRun
from tests.newsletter.conftest import fresh_article, make_reader

pytestmark = pytest.mark.django_db

BUSY = "451 4.7.1 Greylisted, try again later"


class Clock:
    def __init__(self, monkeypatch):
        self.now = timezone.now()
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def move(self, **delta):
        self.now += datetime.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def greylisting(refusing_sink, settings):
    settings.NEWSLETTER_RETRY_DELAYS = [60, 300, 900, 3600]
    settings.NEWSLETTER_RETRY_FOR_SECONDS = 86400
    refusing_sink.answer = BUSY
    refusing_sink.refuse.add("busy@example.com")
    return refusing_sink


def start_run(clock):
    fresh_article(title="Something new")
    make_reader("busy@example.com")
    for n in range(3):
        make_reader(f"reader{n}@example.com")
    run, _ = services.start_digest_run(frequency="daily")
    services.prepare_digest_run(run_id=run.pk)
    return run


def send_batch(run):
    services.send_digest_batch(run_id=run.pk, worker="test")


def test_a_temporary_refusal_waits_1_5_15_60_minutes_and_never_holds_up_the_others(clock, greylisting):
    run = start_run(clock)
    send_batch(run)
    assert greylisting.refusals == ["busy@example.com"]
    for n in range(3):
        assert len(greylisting.to(f"reader{n}@example.com")) == 1  # the others went out at once
    busy = Delivery.objects.get(run=run, subscriber__email="busy@example.com")
    assert busy.status == Delivery.Status.PENDING and "451" in busy.error
    run.refresh_from_db()
    assert run.status == DigestRun.Status.SENDING  # the admin shows it still has someone to send to

    for wait in (1, 5, 15, 60, 60):
        tries = len(greylisting.refusals)
        clock.move(minutes=wait, seconds=-1)
        assert services.stalled_digest_runs() == []  # the sweep leaves it waiting
        send_batch(run)
        assert len(greylisting.refusals) == tries, f"tried again before {wait} minutes had passed"
        clock.move(seconds=1)
        assert services.stalled_digest_runs() == [(run.pk, 1)]  # beat's sweep hands it to a batch
        send_batch(run)
        assert len(greylisting.refusals) == tries + 1, f"not tried again after {wait} minutes"

    greylisting.refuse.clear()
    clock.move(minutes=60)
    send_batch(run)
    assert len(greylisting.to("busy@example.com")) == 1
    busy.refresh_from_db()
    run.refresh_from_db()
    assert busy.status == Delivery.Status.SENT and run.status == DigestRun.Status.DONE
    for n in range(3):
        assert len(greylisting.to(f"reader{n}@example.com")) == 1  # and nobody got it twice


def test_after_a_day_of_temporary_refusals_the_delivery_fails_and_says_why(clock, greylisting):
    run = start_run(clock)
    started = clock.now
    send_batch(run)
    busy = Delivery.objects.get(run=run, subscriber__email="busy@example.com")
    while busy.status == Delivery.Status.PENDING:
        clock.now = busy.next_attempt_at
        send_batch(run)
        busy.refresh_from_db()
        assert clock.now - started < datetime.timedelta(days=1, hours=1), "still trying after a day"
    assert clock.now - started > datetime.timedelta(hours=22)
    assert busy.status == Delivery.Status.FAILED
    assert "Gave up after" in busy.error and "451" in busy.error
    run.refresh_from_db()
    assert run.status == DigestRun.Status.DONE
    assert greylisting.to("busy@example.com") == []


def test_a_421_that_closes_the_connection_does_not_stop_the_batch(clock, greylisting):
    greylisting.answer = "421 4.7.0 Too many connections, closing"
    run = start_run(clock)
    send_batch(run)
    assert greylisting.refusals == ["busy@example.com"]
    for n in range(3):  # sent over a new connection
        assert len(greylisting.to(f"reader{n}@example.com")) == 1
    busy = Delivery.objects.get(run=run, subscriber__email="busy@example.com")
    assert busy.status == Delivery.Status.PENDING and busy.next_attempt_at == clock.now + datetime.timedelta(minutes=1)


def test_a_long_preparation_is_not_taken_for_a_lost_one(clock, monkeypatch, settings):
    """A list long enough that recording its deliveries outlasts NEWSLETTER_STALL_SECONDS: the
    sweep, running meanwhile, leaves the run to the task preparing it instead of starting another."""
    monkeypatch.setattr(services, "PREPARE_CHUNK", 2)
    for n in range(5):
        make_reader(f"reader{n}@example.com")
    run = DigestRun.objects.create(frequency="daily", period="d1", until=clock.now)
    seen_by_sweep = []
    record = Delivery.objects.bulk_create

    def slow_bulk_create(rows, **kwargs):
        created = record(rows, **kwargs)
        clock.move(seconds=settings.NEWSLETTER_STALL_SECONDS - 5)
        seen_by_sweep.append(services.stalled_digest_runs())
        return created

    monkeypatch.setattr(Delivery.objects, "bulk_create", slow_bulk_create)
    services.prepare_digest_run(run_id=run.pk)

    assert seen_by_sweep == [[], [], []]
    assert Delivery.objects.filter(run=run).count() == 5
