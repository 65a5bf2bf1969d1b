"""A member's erasure while others' requests name them (found by review helpers): neither fails.

Django's foreign keys are checked at commit on PostgreSQL, so a request that wrote rows pointing at
the member (a notification to them, a hug on their comment) takes its lock on the member's row only
as it commits, holding the rows it changed. Each test pauses the request there, with the erasure
under way."""

import threading

import pytest
from django.db import connection, transaction

from accounts import registry
from accounts.services import delete_member
from community import services
from community.models import Answer
from tests.at_once import together
from tests.community.factories import CommentFactory, PostFactory, QuestionFactory
from tests.conftest import skip_or_fail
from tests.factories import UserFactory, verify_email

pytestmark = pytest.mark.django_db(transaction=True)


def request_and_erasure_at_once(member, request, monkeypatch):
    """Run `request` in a transaction that waits, before its commit, for the erasure of `member` to
    begin; returns the errors either raised."""
    if connection.vendor != "postgresql":
        skip_or_fail("two transactions at once need two connections to PostgreSQL: DATABASE_URL is not PostgreSQL")
    written, erasing, parts = threading.Event(), threading.Event(), registry.parts

    def parts_of_the_erasure():
        erasing.set()
        return parts()

    monkeypatch.setattr(registry, "parts", parts_of_the_erasure)

    def member_request():
        with transaction.atomic():
            request()
            written.set()
            erasing.wait(3)  # the commit, with its foreign key checks, comes now

    def erase():
        written.wait(3)
        delete_member(user=member)

    return together(request=member_request, erase=erase)


def test_a_comment_on_an_update_of_a_member_being_erased(monkeypatch):
    alice, bob = verify_email(UserFactory()), verify_email(UserFactory())
    post = PostFactory(author=alice)
    assert (
        request_and_erasure_at_once(
            alice, lambda: services.create_comment(author=bob, text="hi", post=post), monkeypatch
        )
        == []
    )


def test_a_hug_on_a_comment_of_a_member_being_erased(monkeypatch):
    alice, bob, carol = (verify_email(UserFactory()) for _ in range(3))
    comment = CommentFactory(author=alice, post=PostFactory(author=carol))
    assert request_and_erasure_at_once(alice, lambda: services.toggle_hug(user=bob, target=comment), monkeypatch) == []


def test_choosing_as_best_an_answer_of_a_member_being_erased(monkeypatch):
    alice, bob = verify_email(UserFactory()), verify_email(UserFactory())
    answer = services.answer_question(author=alice, question=QuestionFactory(author=bob), text="try this")

    def choose():
        services.choose_best_answer(answer=Answer.objects.get(pk=answer.pk))

    assert request_and_erasure_at_once(alice, choose, monkeypatch) == []
