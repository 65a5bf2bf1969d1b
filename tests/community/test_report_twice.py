"""The same report sent twice at once (a double click, two tabs) is one open report in the queue
(found by a review: both requests looked, found none, and each added one)."""

import contextlib
import threading

import pytest
from django.db import connection, connections

from community import services
from community.models import Report
from tests.community.factories import PostFactory
from tests.conftest import skip_or_fail
from tests.factories import UserFactory, verify_email


@pytest.mark.django_db(transaction=True)
def test_the_same_report_sent_twice_at_once_is_one_open_report(monkeypatch):
    if connection.vendor != "postgresql":
        skip_or_fail("two requests at once need two connections to PostgreSQL: DATABASE_URL is not PostgreSQL")
    alice = verify_email(UserFactory(display_name="Alice"))
    post = PostFactory(author=verify_email(UserFactory(display_name="Bob")))
    # Each request waits, once it has looked for an open report, until the other has looked too:
    # without a lock both find none. With one, the second waits for the first to finish instead,
    # and the first goes on once the wait gives up (the barrier breaks).
    both_looked = threading.Barrier(2, timeout=2)
    queryset = type(Report.objects.all())
    look = queryset.first

    def look_then_wait(rows):
        found = look(rows)
        if rows.model is Report:
            with contextlib.suppress(threading.BrokenBarrierError):
                both_looked.wait()
        return found

    monkeypatch.setattr(queryset, "first", look_then_wait)
    errors = []

    def report():
        try:
            services.report_content(reporter=alice, target=post, reason="Spam or advertising.")
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    requests = [threading.Thread(target=report) for _ in range(2)]
    for request in requests:
        request.start()
    for request in requests:
        request.join()

    assert errors == []
    assert Report.objects.filter(reporter=alice, post=post, status=Report.Status.OPEN).count() == 1
