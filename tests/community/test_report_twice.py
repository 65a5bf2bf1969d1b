"""The same report sent twice at once (a double click, two tabs) is one open report in the queue
(found by a review: both requests looked, found none, and each added one)."""

import pytest
from django.db import connection

from community import services
from community.models import Report
from tests.at_once import at_once
from tests.community.factories import PostFactory
from tests.conftest import skip_or_fail
from tests.factories import UserFactory, verify_email


@pytest.mark.django_db(transaction=True)
def test_the_same_report_sent_twice_at_once_is_one_open_report(monkeypatch):
    if connection.vendor != "postgresql":
        skip_or_fail("two requests at once need two connections to PostgreSQL: DATABASE_URL is not PostgreSQL")
    alice = verify_email(UserFactory(display_name="Alice"))
    post = PostFactory(author=verify_email(UserFactory(display_name="Bob")))
    errors = at_once(
        monkeypatch,
        Report,
        lambda: services.report_content(reporter=alice, target=post, reason="Spam or advertising."),
    )
    assert errors == []
    assert Report.objects.filter(reporter=alice, post=post, status=Report.Status.OPEN).count() == 1
