"""Write paths a review found leaving a cached page stale or a count wrong: the admin's change form
and delete page, and queryset updates in the shell. Each test failed before its fix."""

import pytest
from django.test import Client

from accounts.models import Profile, User
from accounts.services import get_profile
from community import services
from community.models import Answer, Comment, Post, Question, Visibility
from tests.admin_forms import submit_change_form
from tests.caches import cached_equals_fresh
from tests.community.factories import PostFactory, QuestionFactory
from tests.factories import UserFactory, verify_email
from tests.tokens import without_tokens

pytestmark = pytest.mark.django_db


def staff_client(staff):
    client = Client()
    client.force_login(staff)
    return client


def diff(cached, fresh):
    import difflib

    lines = difflib.unified_diff(fresh.splitlines(), cached.splitlines(), "fresh", "cached", n=0, lineterm="")
    return "\n".join(line[:400] for line in lines)


def feed(client):
    cached, fresh = cached_equals_fresh(client, "/activities/")
    return without_tokens(cached), without_tokens(fresh)


def test_a_comment_stays_where_it_was_posted_on_the_admin_change_form(alice_client, bob, staff):
    """Moving it would leave the count and cached feed entry of the update it left behind."""
    first = PostFactory(author=bob, text="First update")
    second = PostFactory(author=bob, text="Second update")
    comment = services.create_comment(author=bob, text="A comment filed under the first update", post=first)
    alice_client.get("/activities/")
    submit_change_form(staff_client(staff), f"/admin/community/comment/{comment.pk}/change/", post=str(second.pk))
    assert Comment.objects.get(pk=comment.pk).post_id == first.pk
    cached, fresh = feed(alice_client)
    assert cached == fresh, diff(cached, fresh)


def test_a_comment_moved_in_the_shell_is_counted_where_it_went(bob):
    first = PostFactory(author=bob, text="First update")
    second = PostFactory(author=bob, text="Second update")
    comment = services.create_comment(author=bob, text="Moved", post=first)
    Comment.objects.filter(pk=comment.pk).update(post=second)
    counts = {p.pk: p.comment_count for p in Post.objects.filter(pk__in=[first.pk, second.pk])}
    assert counts == {first.pk: 0, second.pk: 1}


def test_an_answer_hidden_on_the_admin_change_form_is_no_longer_counted(alice, bob, staff):
    question = QuestionFactory(author=bob, title="How do you rest?")
    answer = services.answer_question(author=alice, question=question, text="Short walks")
    submit_change_form(staff_client(staff), f"/admin/community/answer/{answer.pk}/change/", status="hidden")
    assert Answer.objects.get(pk=answer.pk).status == Visibility.HIDDEN
    question.refresh_from_db()
    visible = Answer.objects.filter(question=question, status=Visibility.VISIBLE).count()
    assert question.answer_count == visible, "the question still counts the hidden answer (not 'unanswered')"


def test_a_comment_hidden_on_the_admin_change_form_is_no_longer_counted(alice, bob, staff):
    post = PostFactory(author=bob, text="My day")
    comment = services.create_comment(author=alice, text="Hang in there", post=post)
    submit_change_form(staff_client(staff), f"/admin/community/comment/{comment.pk}/change/", status="hidden")
    post.refresh_from_db()
    assert post.comment_count == Comment.objects.filter(post=post, status=Visibility.VISIBLE).count()


def test_a_rename_by_update_in_the_shell_shows_in_the_feed(alice_client, bob):
    get_profile(bob)
    PostFactory(author=bob, text="Bob's update")
    assert ">Bob<" in alice_client.get("/activities/").content.decode()
    User.objects.filter(pk=bob.pk).update(display_name="Robert")
    cached, fresh = feed(alice_client)
    assert cached == fresh, diff(cached, fresh)


def test_a_suspension_by_update_in_the_shell_changes_the_member_count(client, alice, bob):
    client.get("/")
    User.objects.filter(pk=bob.pk).update(suspended_at="2026-01-01T00:00:00Z")
    cached, fresh = cached_equals_fresh(client, "/")
    assert cached == fresh, diff(cached, fresh)


def test_a_profile_created_with_a_role_shows_in_the_feed(alice_client):
    sam = verify_email(UserFactory(display_name="Sam"))  # made in the shell or admin: no profile yet
    assert not Profile.objects.filter(user=sam).exists()
    PostFactory(author=sam, text="Sam's update")
    alice_client.get("/activities/")
    Profile.objects.create(user=sam, role=Profile.Role.CAREGIVER)
    cached, fresh = feed(alice_client)
    assert "Caregiver" in fresh
    assert cached == fresh, diff(cached, fresh)


def test_an_answer_hidden_in_the_shell_is_no_longer_counted(alice, bob):
    question = QuestionFactory(author=bob, title="Q")
    answer = services.answer_question(author=alice, question=question, text="A")
    Answer.objects.filter(pk=answer.pk).update(status=Visibility.HIDDEN)
    question.refresh_from_db()
    assert question.answer_count == Question.objects.get(pk=question.pk).answers.filter(status="visible").count()


def test_a_comment_moved_in_the_shell_shows_under_its_new_update(alice_client, bob):
    first = PostFactory(author=bob, text="First update")
    second = PostFactory(author=bob, text="Second update")
    comment = services.create_comment(author=bob, text="Moved by the shell", post=first)
    alice_client.get("/activities/")
    Comment.objects.filter(pk=comment.pk).update(post=second)
    cached, fresh = feed(alice_client)
    assert cached == fresh, diff(cached, fresh)


def test_a_comment_deleted_from_its_admin_page_is_no_longer_counted(alice, bob, staff):
    post = PostFactory(author=bob, text="My day")
    comment = services.create_comment(author=alice, text="Spam", post=post)
    response = staff_client(staff).post(f"/admin/community/comment/{comment.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Comment.objects.filter(pk=comment.pk).exists()
    post.refresh_from_db()
    assert post.comment_count == Comment.objects.filter(post=post, status=Visibility.VISIBLE).count()


def test_an_answer_deleted_from_its_admin_page_is_no_longer_counted(alice, bob, staff):
    question = QuestionFactory(author=bob, title="How do you rest?")
    answer = services.answer_question(author=alice, question=question, text="Spam")
    response = staff_client(staff).post(f"/admin/community/answer/{answer.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.answer_count == Answer.objects.filter(question=question, status=Visibility.VISIBLE).count()


# Checked, expected to hold: a scheduled article reaching its time.


def test_scheduled_article_shows_when_its_time_comes(client):
    import time
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import ArticleFactory

    ArticleFactory(slug="soon", title="Coming soon", published_at=timezone.now() + timedelta(seconds=2))
    assert "Coming soon" not in client.get("/").content.decode()
    assert "Coming soon" not in client.get("/resources/").content.decode()
    time.sleep(2.5)
    for url in ("/", "/resources/"):
        cached, fresh = cached_equals_fresh(client, url)
        assert cached == fresh and "Coming soon" in cached
