"""Delivery you can trust: the outbox survives a broker outage, bounces stop, staff see progress."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import OutgoingEmail
from accounts.tasks import sweep_outgoing_email
from newsletter.models import Delivery, DigestRun, Subscriber
from tests.conftest import link_in
from tests.newsletter.conftest import fresh_article, make_reader
from tests.newsletter.test_digest import run_digest


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_the_reader_is_thanked_and_the_email_follows(client, smtp_sink, broker_down, settings):
    response = client.post("/newsletter/subscribe/", {"email": "nora@example.com"})
    assert response.status_code == 200 and "Please check your inbox" in response.content.decode()
    [email] = OutgoingEmail.objects.all()
    assert email.status == OutgoingEmail.Status.PENDING and email.to_email == "nora@example.com"
    assert smtp_sink.messages == []

    broker_down()  # the broker is back; the periodic sweep runs (here in-process)
    settings.MAIL_SWEEP_AFTER_SECONDS = 0
    sweep_outgoing_email.delay()
    [message] = smtp_sink.to("nora@example.com")
    assert message["Message-ID"] == email.message_id
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
    assert "Thank you for subscribing!" in client.get(link_in(smtp_sink.text(message), "/newsletter/")).content.decode()
    sweep_outgoing_email.delay()  # sent once: the sweep finds nothing more to do
    assert len(smtp_sink.messages) == 1


@pytest.mark.django_db(transaction=True)
def test_an_exception_inside_the_requests_transaction_sends_nothing(smtp_sink, settings):
    from django.db import transaction

    from newsletter.services import subscribe_reader

    with pytest.raises(RuntimeError), transaction.atomic():
        subscribe_reader(email="gone@example.com", page="/")
        raise RuntimeError("the view failed after subscribing")
    settings.MAIL_SWEEP_AFTER_SECONDS = 0
    sweep_outgoing_email.delay()
    assert not OutgoingEmail.objects.exists() and not Subscriber.objects.exists()
    assert smtp_sink.messages == []


@pytest.mark.django_db
def test_three_permanent_refusals_mark_the_address_bounced_and_it_is_skipped_after(refusing_sink):
    refusing_sink.refuse.add("gone@example.com")
    gone = make_reader("gone@example.com")
    make_reader("fine@example.com")
    start = timezone.now() - datetime.timedelta(hours=1)
    for n, day in enumerate(("d1", "d2", "d3")):
        moment = start + datetime.timedelta(minutes=10 * n)
        fresh_article(title=f"News of {day}", published_at=moment, reviewed_at=moment)
        run = run_digest(period=day, now=moment + datetime.timedelta(minutes=1))
        assert run.status == DigestRun.Status.DONE
        delivery = Delivery.objects.get(run=run, subscriber=gone)
        assert delivery.status == Delivery.Status.FAILED and "550" in delivery.error
    gone.refresh_from_db()
    assert gone.bounce_count == 3 and gone.status == Subscriber.Status.BOUNCED
    assert len(refusing_sink.to("fine@example.com")) == 3

    moment = timezone.now() - datetime.timedelta(minutes=5)
    fresh_article(title="News of d4", published_at=moment, reviewed_at=moment)
    run = run_digest(period="d4")
    assert not Delivery.objects.filter(run=run, subscriber=gone).exists()
    assert refusing_sink.refusals == ["gone@example.com"] * 3
    assert len(refusing_sink.to("fine@example.com")) == 4


@pytest.mark.django_db
def test_a_refused_transactional_email_is_marked_failed_not_retried(refusing_sink, client, settings):
    refusing_sink.refuse.add("typo@example.con")
    client.post("/newsletter/subscribe/", {"email": "typo@example.con"})
    refusing_sink.to("typo@example.con")  # runs the on-commit send
    email = OutgoingEmail.objects.get()
    assert email.status == OutgoingEmail.Status.FAILED and "550" in email.last_error and email.attempts == 1


@pytest.mark.django_db
def test_smtp_down_leaves_the_email_pending_for_a_later_try(client, settings):
    from tests.conftest import free_port, run_on_commit_callbacks

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    client.post("/newsletter/subscribe/", {"email": "nora@example.com"})
    run_on_commit_callbacks()
    email = OutgoingEmail.objects.get()
    assert email.status == OutgoingEmail.Status.PENDING and email.attempts == 1
    assert email.next_attempt_at > timezone.now() and "Connection refused" in email.last_error


@pytest.mark.django_db
def test_admin_shows_run_progress_and_failures(client, staff, refusing_sink):
    from tests.factories import PASSWORD  # noqa: F401

    refusing_sink.refuse.add("gone@example.com")
    fresh_article()
    make_reader("gone@example.com")
    make_reader("fine@example.com")
    run = run_digest()
    client.force_login(staff)
    session = client.session
    session["account_authentication_methods"] = [{"method": "mfa", "type": "totp", "at": timezone.now().timestamp()}]
    session.save()
    listing = client.get("/admin/newsletter/digestrun/")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert '<progress value="2" max="2"' in page and "Send me a test digest" in page
    detail = client.get(f"/admin/newsletter/digestrun/{run.pk}/change/").content.decode()
    assert "1 sent, 1 failed" in detail and "gone@example.com" in detail and "550" in detail

    # How close the address is to being suppressed, against the limit (3 runs), in list and form.
    subscribers = client.get("/admin/newsletter/subscriber/").content.decode()
    assert "1 of 3" in subscribers
    gone = Subscriber.objects.get(email="gone@example.com")
    form = client.get(f"/admin/newsletter/subscriber/{gone.pk}/change/").content.decode()
    assert "At 3 the address is marked bounced" in form


@pytest.mark.django_db
def test_staff_can_send_themselves_a_test_digest(client, staff, smtp_sink):
    fresh_article(title="Something new this week")
    client.force_login(staff)
    session = client.session
    session["account_authentication_methods"] = [{"method": "mfa", "type": "totp", "at": timezone.now().timestamp()}]
    session.save()
    response = client.post("/admin/newsletter/digestrun/test-digest/", follow=True)
    assert response.status_code == 200 and "A test digest is on its way" in response.content.decode()
    [message] = smtp_sink.to(staff.email)
    assert message["Subject"].startswith("[Test]") and "Something new this week" in smtp_sink.text(message)
    assert not DigestRun.objects.exists()  # a test is not a run: nobody else got anything
