"""The question page reads its question and answers through statements built once per process
(accounts/sql.py: Statement): each reader's own id, mutes and held answers still decide what they see."""

import re

import pytest

from community import services
from tests.community.factories import AnswerFactory, QuestionFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def answers_on(client, question):
    response = client.get(f"/questions/{question.pk}/")
    assert response.status_code == 200
    return sorted(set(re.findall(r"Heron[\w ]*", response.content.decode())))


def test_members_reading_a_question_one_after_another_each_get_their_own_view(client, alice, bob, staff):
    carol, dave = UserFactory(display_name="Carol"), UserFactory(display_name="Dave")
    question = QuestionFactory(author=dave, title="Where do you walk?")
    AnswerFactory(question=question, author=bob, text="Heron by Bob")
    AnswerFactory(question=question, author=dave, text="Heron by Dave")
    AnswerFactory(question=question, author=alice, text="Heron held by Alice", status="held")
    AnswerFactory(question=question, author=carol, text="Heron hidden for Carol", status="hidden")
    services.toggle_mute(user=alice, member=bob)

    def shown(member):
        client.force_login(member)
        return answers_on(client, question)

    for _ in range(2):  # each after the other, both ways round
        assert shown(alice) == ["Heron by Dave", "Heron held by Alice"]  # her own held answer, not Bob's
        assert shown(carol) == ["Heron by Bob", "Heron by Dave", "Heron hidden for Carol"]
        assert shown(bob) == ["Heron by Bob", "Heron by Dave"]
    client.force_login(staff)  # with two-factor: everything, held and hidden included
    assert answers_on(client, question) == [
        "Heron by Bob",
        "Heron by Dave",
        "Heron held by Alice",
        "Heron hidden for Carol",
    ]


def test_a_question_by_a_member_you_muted_is_not_found(client, alice, bob):
    question = QuestionFactory(author=bob, title="Muted asker")
    client.force_login(alice)
    assert client.get(f"/questions/{question.pk}/").status_code == 200
    services.toggle_mute(user=alice, member=bob)
    assert client.get(f"/questions/{question.pk}/").status_code == 404


def test_the_question_page_and_the_feed_read_through_their_statements(alice_client, alice):
    """Built once per process and reused (the speed they buy is in bench/README.md)."""
    from community import queries

    question = QuestionFactory(author=alice)
    AnswerFactory(question=question)
    for statement in (queries.QUESTION, queries.ANSWERS, queries.ENTRIES[False]):
        statement.compiled.clear()
    assert alice_client.get(f"/questions/{question.pk}/").status_code == 200
    assert alice_client.get("/activities/").status_code == 200
    assert all(statement.compiled for statement in (queries.QUESTION, queries.ANSWERS, queries.ENTRIES[False]))


def test_a_question_only_its_author_may_see_yet_is_not_found_by_others(client, alice, bob):
    held = QuestionFactory(author=alice, title="Held for a moderator", status="held")
    client.force_login(alice)
    assert client.get(f"/questions/{held.pk}/").status_code == 200
    client.force_login(bob)
    assert client.get(f"/questions/{held.pk}/").status_code == 404


@pytest.mark.parametrize("number", ["0", "99999999999999999999", str(2**63)])
def test_a_question_number_beyond_any_id_is_not_found(alice_client, number):
    assert alice_client.get(f"/questions/{number}/").status_code == 404
