"""Query counts of the community pages stay the same however many rows there are, with every cache
empty, with the caches warm, and with the caches warm but the member's kept pages retired."""

import pytest

from accounts.services import get_profile
from community import services
from tests.caches import cold_and_warm
from tests.community.factories import AnswerFactory, CommentFactory, PostFactory, QuestionFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def grow(alice, bob, posts=5):
    members = UserFactory.create_batch(3)
    for member in (*members, bob):
        get_profile(member)
    for _ in range(posts):
        post = PostFactory(author=members[0])
        for member in members:
            CommentFactory(post=post, author=member)
            services.toggle_hug(user=member, target=post)
        services.toggle_hug(user=alice, target=post)
    question = QuestionFactory(author=bob, title="The question")
    for member in members:
        answer = AnswerFactory(question=question, author=member)
        services.toggle_hug(user=alice, target=answer)
    return question


def test_feed_update_question_and_member_search_pages_have_flat_query_counts(alice, alice_client, bob):
    question = grow(alice, bob, posts=2)
    post_id = PostFactory(author=bob).pk
    urls = [
        "/activities/",
        "/activities/?view=team",
        "/activities/?view=questions",
        f"/activities/{post_id}/",
        f"/questions/{question.pk}/",
        "/questions/",
        "/members/",
        "/members/?role=caregiver",
        f"/members/{bob.pk}/",
        "/notifications/",
    ]
    small = {url: cold_and_warm(alice_client, url) for url in urls}
    grow(alice, bob, posts=25)
    large = {url: cold_and_warm(alice_client, url) for url in urls}
    assert large == small
    for url in ("/activities/", f"/questions/{question.pk}/", "/members/"):
        cold, warm, retired = small[url]
        assert cold <= 12 and retired <= 10, (url, small[url])
    for url in ("/activities/", f"/questions/{question.pk}/"):  # kept whole for the member
        # The session, the member, the community's version and the unread count.
        assert small[url][1] == 4, (url, small[url])


def test_feed_and_question_page_cost_the_same_with_100_or_10000_updates(alice, alice_client, bob):
    from community.demo.seed import seed_volume

    members = [alice, bob, *UserFactory.create_batch(4)]
    question = QuestionFactory(author=bob)
    AnswerFactory(question=question)
    pages = ["/activities/", f"/questions/{question.pk}/"]
    seed_volume(0.1, members)  # 100 updates, with comments and hugs
    small = [cold_and_warm(alice_client, url) for url in pages]
    seed_volume(10, members)  # 10,000
    assert [cold_and_warm(alice_client, url) for url in pages] == small


def test_search_costs_the_same_queries_for_2_or_8_matching_questions_on_different_topics(alice, alice_client):
    from tests.factories import TopicFactory

    def add(n):
        for _ in range(n):
            QuestionFactory(title="Fatigue after chemo", topic=TopicFactory())

    url = "/search/?q=fatigue"
    add(2)
    small = cold_and_warm(alice_client, url)
    add(6)
    assert cold_and_warm(alice_client, url) == small
    assert alice_client.get(url).content.decode().count("Fatigue after chemo") >= 8
