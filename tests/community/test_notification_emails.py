import datetime

import pytest

from accounts.services import get_profile
from community import services, tasks
from community.models import Notification
from tests.community.factories import PostFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def hug_from(member, post, capture):
    with capture(execute=True):
        services.toggle_hug(user=member, target=post)


def test_a_comment_sends_one_email_with_a_working_link(
    alice, bob_client, smtp_sink, client, django_capture_on_commit_callbacks
):
    post = PostFactory(author=alice)
    with django_capture_on_commit_callbacks(execute=True):
        bob_client.post(f"/activities/{post.pk}/", {"text": "Sending strength"})
    [message] = smtp_sink.to(alice.email)
    assert message["Subject"] == "Bob commented on your update"
    text = smtp_sink.text(message)
    assert f"http://127.0.0.1:8000/activities/{post.pk}/#comment-" in text
    assert message.get_body(preferencelist=("html",)) is not None
    client.force_login(alice)
    assert client.get(f"/activities/{post.pk}/").status_code == 200


def test_a_burst_of_ten_hugs_sends_one_email_then_one_folded_email(
    alice, smtp_sink, django_capture_on_commit_callbacks
):
    post = PostFactory(author=alice)
    for member in UserFactory.create_batch(10):
        hug_from(member, post, django_capture_on_commit_callbacks)
    assert Notification.objects.filter(recipient=alice, kind="hug").count() == 10
    assert len(smtp_sink.to(alice.email)) == 1

    # Fifteen minutes later the periodic sweep folds the other nine into one e-mail.
    Notification.objects.filter(emailed_at__isnull=False).update(
        emailed_at=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16)
    )
    tasks.sweep_notification_emails()
    messages = smtp_sink.to(alice.email)
    assert len(messages) == 2
    assert messages[1]["Subject"] == "9 new things on Kindred"
    assert smtp_sink.text(messages[1]).count("sent you a hug") == 9
    tasks.sweep_notification_emails()  # running it again sends nothing more
    assert len(smtp_sink.to(alice.email)) == 2


def test_members_who_chose_the_digest_or_off_get_no_immediate_email(
    alice, bob, smtp_sink, django_capture_on_commit_callbacks
):
    for choice in ("digest", "off"):
        profile = get_profile(alice)
        profile.notification_emails = choice
        profile.save()
        post = PostFactory(author=alice)
        hug_from(bob, post, django_capture_on_commit_callbacks)
        tasks.sweep_notification_emails()
    assert smtp_sink.to(alice.email) == []
    assert Notification.objects.filter(recipient=alice).count() == 2


def test_read_notifications_are_not_emailed_later(alice, bob, smtp_sink, django_capture_on_commit_callbacks):
    post = PostFactory(author=alice)
    hug_from(bob, post, django_capture_on_commit_callbacks)
    hug_from(UserFactory(), post, django_capture_on_commit_callbacks)  # folded: waits
    services.mark_notifications_read(user=alice)
    Notification.objects.update(emailed_at=None)
    tasks.sweep_notification_emails()
    assert len(smtp_sink.to(alice.email)) == 1


def test_muted_members_do_not_notify(alice, bob):
    services.toggle_mute(user=alice, member=bob)
    services.toggle_hug(user=bob, target=PostFactory(author=alice))
    assert not Notification.objects.exists()


def test_notification_subject_and_text_read_names_as_typed(alice, smtp_sink, django_capture_on_commit_callbacks):
    post = PostFactory(author=alice)
    hug_from(UserFactory(display_name="O'Brien & <Co>"), post, django_capture_on_commit_callbacks)
    [message] = smtp_sink.to(alice.email)
    assert message["Subject"] == "O'Brien & <Co> sent you a hug"
    text = smtp_sink.text(message)
    assert "- O'Brien & <Co> sent you a hug" in text
    assert "&#x27;" not in text and "&amp;" not in text and "&lt;" not in text
    assert "O&#x27;Brien &amp; &lt;Co&gt;" in message.get_body(preferencelist=("html",)).get_content()


@pytest.mark.django_db(transaction=True)
def test_two_members_emails_naming_each_other_are_written_at_once(monkeypatch):
    """Alice's e-mail names Bob and Bob's names Alice; two workers write them at the same moment. Each
    holds its recipient's row and waits for no erasure of the other: neither waits on the other."""
    import contextlib
    import threading

    from django.db import connection

    from accounts.models import OutgoingEmail
    from tests.at_once import together
    from tests.conftest import skip_or_fail
    from tests.factories import verify_email

    if connection.vendor != "postgresql":
        skip_or_fail("two workers at once need two connections to PostgreSQL: DATABASE_URL is not PostgreSQL")
    alice, bob = verify_email(UserFactory(display_name="Alice")), verify_email(UserFactory(display_name="Bob"))
    Notification.objects.create(recipient=bob, actor=alice, kind="hug", post=PostFactory(author=bob))
    Notification.objects.create(recipient=alice, actor=bob, kind="hug", post=PostFactory(author=alice))
    both_hold_their_own = threading.Barrier(2, timeout=3)
    lock = services._lock_members_named

    def wait_then_lock(user_ids):
        with contextlib.suppress(threading.BrokenBarrierError):
            both_hold_their_own.wait()
        return lock(user_ids)

    monkeypatch.setattr(services, "_lock_members_named", wait_then_lock)
    errors = together(
        alice=lambda: services.email_due_notifications(user_id=alice.pk),
        bob=lambda: services.email_due_notifications(user_id=bob.pk),
    )
    assert errors == []
    assert sorted(OutgoingEmail.objects.filter(kind="notifications").values_list("to_email", flat=True)) == sorted(
        [alice.email, bob.email]
    )
