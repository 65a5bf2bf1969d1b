"""Deleting a member in the admin is the same erasure as their own "Delete my account" (found by a
review: the admin's delete left the counts of what they hugged, commented on and answered too high)."""

import pytest
from django.test import Client

from accounts.models import User
from community import services
from community.models import Answer, Comment, Hug, Visibility
from tests.community.factories import PostFactory, QuestionFactory
from tests.factories import UserFactory, verify_email

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice():
    return verify_email(UserFactory(display_name="Alice"))


@pytest.fixture
def bob():
    return verify_email(UserFactory(display_name="Bob"))


def staff_client(staff):
    client = Client()
    client.force_login(staff)
    return client


def counts_match_the_rows(post, question):
    post.refresh_from_db()
    question.refresh_from_db()
    shown = (post.hug_count, post.comment_count, question.answer_count)
    real = (
        Hug.objects.filter(post=post).count(),
        Comment.objects.filter(post=post, status=Visibility.VISIBLE).count(),
        Answer.objects.filter(question=question, status=Visibility.VISIBLE).count(),
    )
    return shown == real == (0, 0, 0)


@pytest.fixture
def bobs_traces(alice, bob):
    post = PostFactory(author=alice, text="Alice's update")
    services.toggle_hug(user=bob, target=post)
    services.create_comment(author=bob, text="Bob's comment", post=post)
    question = QuestionFactory(author=alice, title="Alice asks")
    services.answer_question(author=bob, question=question, text="Bob answers")
    return post, question


def test_a_member_deleted_on_their_admin_page_leaves_no_count_behind(bob, staff, bobs_traces):
    response = staff_client(staff).post(f"/admin/accounts/user/{bob.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and not User.objects.filter(pk=bob.pk).exists()
    assert counts_match_the_rows(*bobs_traces)


def test_members_deleted_by_the_admins_bulk_action_leave_no_count_behind(bob, staff, bobs_traces):
    action = {"action": "delete_selected", "_selected_action": [bob.pk], "post": "yes"}
    response = staff_client(staff).post("/admin/accounts/user/", action)
    assert response.status_code == 302 and not User.objects.filter(pk=bob.pk).exists()
    assert counts_match_the_rows(*bobs_traces)
