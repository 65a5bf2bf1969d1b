import json

import pytest

from community import services
from community.models import Post, Question, Report
from tests import images
from tests.accounts.test_data import references_to
from tests.community.factories import PostFactory, QuestionFactory
from tests.factories import PASSWORD, ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def active_alice(alice, alice_client, bob):
    """Alice has done one of everything the community stores."""
    alice_client.post("/activities/", {"text": "My update", "image": images.jpeg()})
    bobs_post = PostFactory(author=bob)
    services.create_comment(author=alice, text="My comment", post=bobs_post)
    services.create_comment(author=alice, text="My article comment", article=ArticleFactory())
    services.toggle_hug(user=alice, target=bobs_post)
    question = services.ask_question(author=alice, title="My question", details="")
    answer = services.answer_question(author=alice, question=QuestionFactory(author=bob), text="My answer")
    services.toggle_hug(user=bob, target=answer)
    services.answer_question(author=bob, question=question, text="Bob answers")
    services.toggle_team(user=alice, member=bob)
    services.toggle_team(user=bob, member=alice)
    services.toggle_mute(user=alice, member=PostFactory().author)
    services.report_content(reporter=alice, target=bobs_post, reason="Just testing")
    return alice


def test_export_includes_everything_alice_did_in_the_community(active_alice, alice_client):
    data = json.loads(alice_client.get("/accounts/export/").content)["community"]
    assert [u["text"] for u in data["updates"]] == ["My update"]
    assert {c["text"] for c in data["comments"]} == {"My comment", "My article comment"}
    assert [q["title"] for q in data["questions"]] == ["My question"]
    assert [a["text"] for a in data["answers"]] == ["My answer"]
    assert len(data["hugs"]) == 1 and len(data["my_team"]) == 1 and len(data["muted"]) == 1
    assert {n["kind"] for n in data["notifications"]} >= {"answer", "team", "hug"}
    assert data["reports_made"][0]["reason"] == "Just testing"
    assert "Bob answers" not in json.dumps(data)


def test_deleting_alice_leaves_nothing_of_hers_and_fixes_the_counts(
    active_alice, alice_client, bob, settings, django_capture_on_commit_callbacks
):
    assert references_to(active_alice)
    assert list((settings.MEDIA_ROOT / "posts").iterdir())
    bobs_post = Post.objects.get(author=bob, comments__isnull=False)
    with django_capture_on_commit_callbacks(execute=True):
        alice_client.post("/accounts/delete/", {"password": PASSWORD})
    assert references_to(active_alice) == []
    assert list((settings.MEDIA_ROOT / "posts").iterdir()) == []
    bobs_post.refresh_from_db()
    assert bobs_post.comment_count == 0 and bobs_post.hug_count == 0
    assert Question.objects.filter(author=bob).get().answer_count == 0
    assert not Report.objects.exists()


@pytest.mark.parametrize("then", ["comment_deleted", "muted", "nothing"])
def test_stored_emails_naming_an_erased_member_go_with_their_account(
    alice, alice_client, bob, then, django_capture_on_commit_callbacks
):
    """Bob's e-mail "Alice commented on your update" names Alice: it goes when she deletes her account,
    even once the notification that linked it to her is gone (her comment deleted, or Bob muted her).
    Found by a review helper."""
    from accounts.models import OutgoingEmail
    from community import services
    from tests.community.factories import PostFactory
    from tests.factories import PASSWORD

    with django_capture_on_commit_callbacks(execute=True):
        comment = services.create_comment(author=alice, text="Thinking of you", post=PostFactory(author=bob))
    assert OutgoingEmail.objects.filter(member=bob, body_text__contains="Alice").exists()
    if then == "comment_deleted":
        services.delete_comment(comment=comment)
    elif then == "muted":
        services.toggle_mute(user=bob, member=alice)
    with django_capture_on_commit_callbacks(execute=True):
        alice_client.post("/accounts/delete/", {"password": PASSWORD})
    assert not type(alice).objects.filter(pk=alice.pk).exists()
    assert not OutgoingEmail.objects.filter(body_text__contains="Alice").exists()


@pytest.mark.django_db(transaction=True)
def test_a_notification_email_written_during_an_erasure_does_not_name_the_erased_member(monkeypatch):
    """Bob's notification e-mail is being written while Alice, who hugged his update, is erased: it
    waits for the erasure and finds her notification gone. Found by a review helper: written in
    between, it kept her name after her account was gone."""
    import threading

    from django.db import connection, connections

    import community.models
    from accounts.models import OutgoingEmail
    from accounts.services import delete_member
    from community.models import Notification
    from tests.conftest import skip_or_fail
    from tests.factories import UserFactory, verify_email

    if connection.vendor != "postgresql":
        skip_or_fail("two transactions at once need two connections to PostgreSQL: DATABASE_URL is not PostgreSQL")
    alice, bob = verify_email(UserFactory(display_name="Alice")), verify_email(UserFactory(display_name="Bob"))
    Notification.objects.create(recipient=bob, actor=alice, kind="hug", post=PostFactory(author=bob))
    begun, written = threading.Event(), threading.Event()
    delete = community.models.HugQuerySet.delete

    def delete_then_wait(self):  # in the erasure: the e-mails naming Alice are gone, her row not yet
        if threading.current_thread().name == "erase":
            begun.set()
            written.wait(3)
        return delete(self)

    monkeypatch.setattr(community.models.HugQuerySet, "delete", delete_then_wait)
    errors = []

    def erase():
        try:
            delete_member(user=alice)
        except Exception as error:  # noqa: BLE001 - returned to the test
            errors.append(error)
        finally:
            connections.close_all()

    eraser = threading.Thread(name="erase", target=erase)
    eraser.start()
    assert begun.wait(30)
    done = threading.Thread(target=lambda: (services.email_due_notifications(user_id=bob.pk), connections.close_all()))
    done.start()
    done.join(1)  # it waits for the erasure's lock on Alice's row (the old code wrote the e-mail here)
    written.set()
    eraser.join()
    done.join()
    assert errors == [] and not type(alice).objects.filter(pk=alice.pk).exists()
    assert not OutgoingEmail.objects.filter(body_text__contains="Alice").exists()
