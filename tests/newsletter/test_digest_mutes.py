"""A member's digest leaves out what members they muted wrote, as the pages do, and muting someone
forgets what they did that was notified before."""

import pytest

from accounts.services import get_profile
from community import services
from community.models import Notification
from tests.community.factories import PostFactory, QuestionFactory
from tests.factories import UserFactory, verify_email
from tests.newsletter.conftest import make_member_subscriber
from tests.newsletter.test_digest import run_digest
from tests.tokens import without_tokens

pytestmark = pytest.mark.django_db


@pytest.fixture
def maya():
    return make_member_subscriber("Maya", email="maya@example.com").user


@pytest.fixture
def harry():
    return verify_email(UserFactory(display_name="Harry"))


def digest_text(smtp_sink):
    return "".join(smtp_sink.text(message) for message in smtp_sink.to("maya@example.com"))


def test_updates_and_questions_by_muted_members_stay_out(maya, harry, smtp_sink):
    services.toggle_mute(user=maya, member=harry)
    post = PostFactory(author=harry, text="Post by the member Maya muted")
    services.toggle_hug(user=UserFactory(), target=post)
    QuestionFactory(author=harry, title="Question by the member Maya muted")
    shown = PostFactory(text="Post by someone else")
    services.toggle_hug(user=UserFactory(), target=shown)

    run_digest()

    text = digest_text(smtp_sink)
    assert "Post by someone else" in text
    assert "Post by the member Maya muted" not in text and "Question by the member Maya muted" not in text


def test_answers_by_muted_members_stay_out(maya, harry, smtp_sink):
    services.toggle_mute(user=maya, member=harry)
    question = services.ask_question(author=maya, title="Does anyone else get night sweats?", details="")
    services.answer_question(author=harry, question=question, text="Answer by the member Maya muted")
    services.answer_question(author=UserFactory(), question=question, text="Answer by someone else")

    run_digest()

    text = digest_text(smtp_sink)
    assert "Answer by someone else" in text and "Answer by the member Maya muted" not in text


def test_muting_forgets_what_was_notified_before(maya, harry, client, smtp_sink):
    profile = get_profile(maya)
    profile.notification_emails = "digest"
    profile.save()
    services.toggle_team(user=harry, member=maya)
    assert Notification.objects.filter(recipient=maya, actor=harry).exists()

    services.toggle_mute(user=maya, member=harry)

    client.force_login(maya)
    assert "Harry" not in client.get("/notifications/").content.decode()
    run_digest()
    assert "Harry" not in digest_text(smtp_sink)


def test_notifications_from_members_muted_before_this_rule_are_forgotten_by_the_migration(maya, harry):
    import importlib

    from django.apps import apps

    from community.models import Mute

    services.toggle_team(user=harry, member=maya)
    Mute.objects.create(muter=maya, muted=harry)  # as muting did before: the notification stayed
    kept = services.notify(recipient=maya, actor=UserFactory(), kind=Notification.Kind.TEAM)

    importlib.import_module("community.migrations.0007_forget_notifications_from_muted_members").forget(apps, None)

    assert list(Notification.objects.filter(recipient=maya)) == [kept]


def test_a_comment_a_moderator_hid_is_not_announced_until_restored(maya, harry, client, staff, smtp_sink):
    """Found by a review: the notifications page, the header's count, the notification e-mail and the
    digest announced a comment staff had hidden, by its author's name."""
    profile = get_profile(maya)
    profile.notification_emails = "digest"
    profile.save()
    post = PostFactory(author=maya, text="Maya's walk")
    comment = services.create_comment(author=harry, text="Buy my cure", post=post)
    services.hide_content(target=comment, moderator=staff, reason="Spam")
    client.force_login(maya)
    page = client.get("/notifications/").content.decode()
    assert "Harry" not in without_tokens(page) and 'class="badge"' not in page
    run_digest()
    assert "Harry" not in digest_text(smtp_sink)

    client.post("/notifications/read/")  # "mark all as read" marks what it shows

    services.approve_content(target=comment, moderator=staff)
    page = client.get("/notifications/").content.decode()
    assert "Harry commented on your update" in page and 'class="badge">1<' in page  # news to her


def test_notifications_about_a_members_own_hidden_update_still_show(maya, harry, client, staff):
    """Her own hidden update, Harry's visible comment on it and his hug: she sees all of them on the
    update's page, and the notifications say so (found by a review of the rule above)."""
    post = PostFactory(author=maya, text="Maya's walk")
    services.toggle_hug(user=harry, target=post)
    services.create_comment(author=harry, text="Well done", post=post)
    services.hide_content(target=post, moderator=staff, reason="Personal details")
    client.force_login(maya)
    assert "Well done" in client.get(f"/activities/{post.pk}/").content.decode()
    page = client.get("/notifications/").content.decode()
    assert "Harry commented on your update" in page and "Harry sent you a hug" in page
    assert 'class="badge">2<' in page


def test_the_sweep_asks_once_per_member_whatever_their_number_of_notifications(maya, harry):
    post = PostFactory(author=maya)
    for text in ("One", "Two", "Three"):
        services.create_comment(author=harry, text=text, post=post)
    assert list(services.recipients_with_due_notifications()) == [maya.pk]


def test_a_hidden_answer_is_not_e_mailed(maya, harry, staff, smtp_sink, django_capture_on_commit_callbacks):
    question = services.ask_question(author=maya, title="Does anyone else get night sweats?", details="")
    answer = services.answer_question(author=harry, question=question, text="Buy my cure")
    services.hide_content(target=answer, moderator=staff, reason="Spam")
    with django_capture_on_commit_callbacks(execute=True):
        services.email_due_notifications(user_id=maya.pk)
    assert smtp_sink.to("maya@example.com") == []
    assert list(services.recipients_with_due_notifications()) == []  # the sweep does not come back for it
    services.approve_content(target=answer, moderator=staff)
    with django_capture_on_commit_callbacks(execute=True):
        services.email_due_notifications(user_id=maya.pk)
    [message] = smtp_sink.to("maya@example.com")
    assert "Harry" in message["Subject"]
