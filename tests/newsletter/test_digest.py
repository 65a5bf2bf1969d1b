"""Digest content per kind of recipient, read from real messages in the SMTP sink."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from newsletter.models import Delivery, DigestRun, Subscriber
from newsletter.services import start_digest_run
from tests.newsletter.conftest import fresh_article, make_member_subscriber, make_reader

pytestmark = pytest.mark.django_db


def run_digest(frequency="daily", **kwargs):
    from django.db import transaction

    with transaction.atomic():
        run, _ = start_digest_run(frequency=frequency, **kwargs)
    from tests.conftest import run_on_commit_callbacks

    run_on_commit_callbacks()
    run.refresh_from_db()
    return run


def links(message):
    html = message.get_body(preferencelist=("html",)).get_content()
    text = message.get_body(preferencelist=("plain",)).get_content()
    found = set(re.findall(r'href="([^"]+)"', html)) | set(re.findall(r"https?://\S+", text))
    return found


def test_each_kind_of_recipient_gets_the_right_digest(client, smtp_sink):
    first = fresh_article(title="Breathing exercises that help")
    second = fresh_article(title="Questions to ask at your next appointment")
    old = fresh_article(title="An older article")
    old.published_at = timezone.now() - datetime.timedelta(days=3)
    old.save()
    rita = make_reader("rita@example.com")
    maya = make_member_subscriber("Maya", email="maya@example.com")
    # Nadia got yesterday's digest after both articles were published: nothing new for her.
    nadia = make_reader("nadia@example.com")
    earlier = DigestRun.objects.create(frequency="daily", period="earlier", until=timezone.now(), status="done")
    Delivery.objects.create(run=earlier, subscriber=nadia, status=Delivery.Status.SENT, sent_at=timezone.now())
    make_reader("wendy@example.com", frequency="weekly")  # the weekly digest is another day

    run = run_digest()

    assert run.status == DigestRun.Status.DONE and run.total == 3
    assert smtp_sink.to("nadia@example.com") == [] and smtp_sink.to("wendy@example.com") == []
    assert Delivery.objects.get(run=run, subscriber=nadia).status == Delivery.Status.SKIPPED
    for subscriber in (rita, maya):
        [message] = smtp_sink.to(subscriber.email)
        delivery = Delivery.objects.get(run=run, subscriber=subscriber)
        assert delivery.status == Delivery.Status.SENT
        assert message["Message-ID"] == delivery.message_id
        assert message["Subject"].startswith("Today on Kindred: ") and message["Subject"].endswith(" and 1 more")
        assert message.get_body(preferencelist=("html",)) is not None
        text = smtp_sink.text(message)
        html = message.get_body(preferencelist=("html",)).get_content()
        for part in (text, html):
            assert first.title in part and second.title in part and old.title not in part
        https, mailto = (value.strip(" <>") for value in message["List-Unsubscribe"].split(","))
        assert https.startswith(settings.SITE_URL + "/newsletter/unsubscribe/")
        assert mailto.startswith("mailto:") and "?subject=" in mailto
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "<img" not in html  # no tracking pixels
        if subscriber.user:
            assert "Hello Maya" in text and "/accounts/settings/email/" in text
            client.force_login(subscriber.user)
        else:
            assert "/accounts/settings/email/" not in text
            client.logout()
        for url in links(message):
            assert url.startswith(settings.SITE_URL + "/"), url  # absolute, and no redirector
            assert client.get(urlsplit(url).path).status_code == 200, url
        # Opening the unsubscribe link is not unsubscribing.
        assert Subscriber.objects.get(pk=subscriber.pk).status == Subscriber.Status.ACTIVE


def test_nothing_new_means_no_email_at_all(smtp_sink):
    make_reader("rita@example.com")
    run = run_digest()
    assert run.status == DigestRun.Status.DONE
    assert smtp_sink.messages == []
    assert Delivery.objects.get(run=run).status == Delivery.Status.SKIPPED


def test_the_next_digest_has_only_what_is_new_since_the_last_one(smtp_sink):
    fresh_article(title="First news")
    make_reader("rita@example.com")
    run_digest(period="monday", now=timezone.now() - datetime.timedelta(minutes=30))
    second = fresh_article(title="Second news")
    second.published_at = timezone.now() - datetime.timedelta(minutes=10)
    second.save()
    run_digest(period="tuesday")
    first, second = smtp_sink.to("rita@example.com")
    assert "First news" in smtp_sink.text(first) and "Second news" not in smtp_sink.text(first)
    assert "Second news" in smtp_sink.text(second) and "First news" not in smtp_sink.text(second)


def test_a_second_run_of_the_same_period_sends_nothing(smtp_sink):
    fresh_article()
    make_reader("rita@example.com")
    run_digest()
    assert len(smtp_sink.messages) == 1
    run_digest()
    call_command("send_digest", "--frequency", "daily")
    assert len(smtp_sink.messages) == 1
    assert DigestRun.objects.count() == 1


def test_send_digest_command_runs_one_by_hand(smtp_sink, capsys, django_capture_on_commit_callbacks):
    fresh_article()
    make_reader("wendy@example.com", frequency="weekly")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digest", "--frequency", "weekly")
    assert "Started Weekly digest" in capsys.readouterr().out
    assert len(smtp_sink.to("wendy@example.com")) == 1


def test_unsubscribed_pending_and_suspended_people_get_nothing(smtp_sink):
    fresh_article()
    make_reader("gone@example.com").delete()
    Subscriber.objects.create(email="pending@example.com", status=Subscriber.Status.PENDING, frequency="daily")
    Subscriber.objects.create(email="left@example.com", status=Subscriber.Status.UNSUBSCRIBED, frequency="daily")
    suspended = make_member_subscriber("Sid")
    suspended.user.suspended_at = timezone.now()
    suspended.user.save()
    off = make_member_subscriber("Olga")
    off.user.profile.digest_frequency = "off"
    off.user.profile.save()
    run = run_digest()
    assert run.total == 0 and smtp_sink.messages == []


def test_building_a_batch_costs_the_same_queries_for_5_or_50_recipients(django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from newsletter import digest
    from newsletter.services import load_recipients

    for n in range(3):
        fresh_article(title=f"News {n}")

    def queries_for(count):
        Subscriber.objects.all().delete()
        run = DigestRun.objects.create(frequency="daily", period=f"p{count}", until=timezone.now())
        for n in range(count):
            subscriber = make_member_subscriber(f"M{count}-{n}") if n % 2 else make_reader(f"r{count}-{n}@example.com")
            Delivery.objects.create(run=run, subscriber=subscriber)
        ids = list(Delivery.objects.filter(run=run).values_list("pk", flat=True))
        with CaptureQueriesContext(connection) as queries:
            contents = digest.compose(load_recipients(run=run, delivery_ids=ids), until=run.until)
        assert all(contents.values()) and len(contents) == count
        return len(queries)

    # Two to load the batch, then each section builder's own (community's included), whatever the size.
    assert queries_for(5) == queries_for(50) <= 2 + 2 * len(digest.SECTION_BUILDERS)
