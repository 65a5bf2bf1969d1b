"""Content moderators hid is read-only for its author: they see it was hidden and why, and can
delete it; they cannot edit it, comment on it, answer it or hug it."""

import pytest

from community.models import Answer, Comment, Post, Question
from tests.community.factories import AnswerFactory, CommentFactory, PostFactory, QuestionFactory

pytestmark = pytest.mark.django_db

HIDDEN = {"status": "hidden", "hidden_reason": "Spam or advertising."}
READ_ONLY = "Our moderators hid this, so it can&#x27;t be changed or replied to. You can still delete it."


def test_the_author_sees_why_an_update_was_hidden_and_can_only_delete_it(alice, alice_client):
    post = PostFactory(author=alice, text="Buy my tea", **HIDDEN)
    page = alice_client.get(f"/activities/{post.pk}/").content.decode()
    assert "Hidden by our moderators: Spam or advertising." in page
    assert f"/activities/{post.pk}/delete/" in page
    assert f"/activities/{post.pk}/edit/" not in page
    assert 'name="text"' not in page and "can't get new comments" in page  # no comment box
    assert f"/hugs/post/{post.pk}/" not in page
    feed = alice_client.get("/activities/").content.decode()
    assert "Buy my tea" in feed and f"/activities/{post.pk}/edit/" not in feed

    for response in [
        alice_client.get(f"/activities/{post.pk}/edit/"),
        alice_client.post(f"/activities/{post.pk}/edit/", {"text": "Now it's fine"}),
    ]:
        assert response.status_code == 403 and READ_ONLY in response.content.decode()
    assert Post.objects.get().text == "Buy my tea"

    response = alice_client.post(f"/activities/{post.pk}/", {"text": "Adding more"})
    assert response.status_code == 400 and READ_ONLY in response.content.decode()
    assert alice_client.post(f"/hugs/post/{post.pk}/").status_code == 403
    assert not Comment.objects.exists() and Post.objects.get().hug_count == 0

    assert alice_client.post(f"/activities/{post.pk}/delete/").status_code == 302
    assert not Post.objects.exists()


def test_a_hidden_comment_can_be_deleted_not_edited(alice, alice_client):
    comment = CommentFactory(author=alice, text="Rude remark", **HIDDEN)
    response = alice_client.post(f"/comments/{comment.pk}/edit/", {"text": "Nicer remark"})
    assert response.status_code == 403 and READ_ONLY in response.content.decode()
    assert Comment.objects.get().text == "Rude remark"
    page = alice_client.get(f"/activities/{comment.post_id}/").content.decode()
    assert f"/comments/{comment.pk}/delete/" in page and f"/comments/{comment.pk}/edit/" not in page
    assert alice_client.post(f"/comments/{comment.pk}/delete/").status_code == 302
    assert not Comment.objects.exists()


def test_a_hidden_question_takes_no_answers_and_cannot_be_edited(alice, alice_client, bob):
    question = QuestionFactory(author=alice, title="Where to buy?", **HIDDEN)
    answer = AnswerFactory(question=question, author=bob)
    page = alice_client.get(f"/questions/{question.pk}/").content.decode()
    assert "can't get new answers" in page and "Mark as best answer" not in page
    assert f"/questions/{question.pk}/edit/" not in page and f"/questions/{question.pk}/delete/" in page
    response = alice_client.post(f"/questions/{question.pk}/", {"text": "Answering myself"})
    assert response.status_code == 400 and READ_ONLY in response.content.decode()
    assert Answer.objects.count() == 1
    assert alice_client.post(f"/answers/{answer.pk}/best/").status_code == 403
    response = alice_client.post(f"/questions/{question.pk}/edit/", {"title": "Edited", "details": ""})
    assert response.status_code == 403
    assert Question.objects.get().title == "Where to buy?"
    assert alice_client.post(f"/questions/{question.pk}/delete/").status_code == 302
    assert not Question.objects.exists()


def test_a_hidden_answer_can_be_deleted_not_edited(alice, alice_client):
    answer = AnswerFactory(author=alice, text="Try this supplement", **HIDDEN)
    assert alice_client.post(f"/answers/{answer.pk}/edit/", {"text": "Edited"}).status_code == 403
    assert Answer.objects.get().text == "Try this supplement"
    assert alice_client.post(f"/answers/{answer.pk}/delete/").status_code == 302
    assert not Answer.objects.exists()


def test_staff_cannot_reply_to_hidden_content_either(client, staff, alice):
    from tests.factories import verify_email

    verify_email(staff)
    post = PostFactory(author=alice, **HIDDEN)
    client.force_login(staff)
    assert client.post(f"/activities/{post.pk}/", {"text": "A staff comment"}).status_code == 400
    assert not Comment.objects.exists()


def test_visible_content_stays_editable(alice, alice_client):
    post = PostFactory(author=alice, text="Fine")
    assert alice_client.post(f"/activities/{post.pk}/edit/", {"text": "Still fine"}).status_code == 302
    assert Post.objects.get().text == "Still fine"


PARENT_GONE = "What this is on is no longer shown"


@pytest.mark.parametrize("kind", ["comment", "answer"])
def test_a_reply_under_hidden_content_can_be_deleted_not_edited_and_the_way_back_is_a_page_they_see(
    kind, alice, alice_client, bob
):
    """Found by a bad-input hunt: the edit saved and led to a 404, and so did the delete."""
    if kind == "comment":
        reply = CommentFactory(author=alice, post=PostFactory(author=bob, **HIDDEN), text="Kind words")
        edit, delete, back = f"/comments/{reply.pk}/edit/", f"/comments/{reply.pk}/delete/", "/activities/"
    else:
        reply = AnswerFactory(author=alice, question=QuestionFactory(author=bob, **HIDDEN), text="Kind words")
        edit, delete, back = f"/answers/{reply.pk}/edit/", f"/answers/{reply.pk}/delete/", "/questions/"
    for response in [alice_client.get(edit), alice_client.post(edit, {"text": "Edited"})]:
        assert response.status_code == 403 and PARENT_GONE in response.content.decode()
    assert type(reply).objects.get(pk=reply.pk).text == "Kind words"

    response = alice_client.post(delete)
    assert response.status_code == 302 and response["Location"] == back
    assert alice_client.get(back).status_code == 200
    assert not type(reply).objects.filter(pk=reply.pk).exists()
