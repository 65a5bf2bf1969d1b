"""A thing's hug count is the number of its hugs, however a hug comes or goes: the hug button, a
delete in the shell, a member's account deleted through the site or in the shell, seeding."""

import re

import pytest
from django.db import connection
from django.test import Client

from accounts.services import delete_member
from community import services
from community.models import Answer, Comment, Hug, Post
from tests.at_once import at_once
from tests.community.factories import PostFactory, QuestionFactory
from tests.conftest import skip_or_fail
from tests.factories import UserFactory, verify_email

pytestmark = pytest.mark.django_db


@pytest.fixture
def carol(db):
    return verify_email(UserFactory(display_name="Carol", email="carol@example.com"))


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def hugs_shown(html, key):
    """The count on the hug button `key` ("post-3"), as a reader sees it: no count shown is 0."""
    button = re.search(rf'data-hug-key="{key}">.*?</button>', html, re.DOTALL)
    assert button, f"no hug button {key}"
    count = re.search(r'class="hug__count"> · (\d+)<', button.group(0))
    return int(count.group(1)) if count else 0


@pytest.fixture
def hugged(alice, bob, carol):
    """Alice's update, her comment on it and her answer, each hugged by Bob and by Carol (the button)."""
    post = PostFactory(author=alice, text="Alice's first walk")
    comment = services.create_comment(author=alice, text="Alice adds a picture later", post=post)
    answer = services.answer_question(author=alice, question=QuestionFactory(author=bob), text="Alice answers")
    for member in (bob, carol):
        client = client_of(member)
        for kind, thing in (("post", post), ("comment", comment), ("answer", answer)):
            assert client.post(f"/hugs/{kind}/{thing.pk}/").status_code == 302
    return {"post": post, "comment": comment, "answer": answer}


def counts(things):
    return (
        Post.objects.get(pk=things["post"].pk).hug_count,
        Comment.objects.get(pk=things["comment"].pk).hug_count,
        Answer.objects.get(pk=things["answer"].pk).hug_count,
    )


def test_hugs_deleted_in_the_shell_lower_the_counts_the_feed_and_pages_show(hugged, alice_client, carol):
    post, comment, answer = hugged["post"], hugged["comment"], hugged["answer"]
    feed = alice_client.get("/activities/").content.decode()  # caches the update's fragment
    assert (hugs_shown(feed, f"post-{post.pk}"), hugs_shown(feed, f"comment-{comment.pk}")) == (2, 2)

    Hug.objects.filter(user=carol).delete()

    assert counts(hugged) == (1, 1, 1)
    for url in ("/activities/", f"/activities/{post.pk}/"):
        page = alice_client.get(url).content.decode()
        assert (hugs_shown(page, f"post-{post.pk}"), hugs_shown(page, f"comment-{comment.pk}")) == (1, 1), url
    question_page = alice_client.get(f"/questions/{answer.question_id}/").content.decode()
    assert hugs_shown(question_page, f"answer-{answer.pk}") == 1


def test_hugging_and_unhugging_with_the_button_count_once_each(alice, bob, carol):
    post = PostFactory(author=alice)
    bob_client = client_of(bob)

    def press(client):
        response = client.post(f"/hugs/post/{post.pk}/", HTTP_X_REQUESTED_WITH="fetch")
        return hugs_shown(response.content.decode(), f"post-{post.pk}"), Post.objects.get(pk=post.pk).hug_count

    assert press(bob_client) == (1, 1)
    assert press(bob_client) == (0, 0)
    assert press(bob_client) == (1, 1)
    assert press(client_of(carol)) == (2, 2)
    assert press(bob_client) == (1, 1)
    assert Hug.objects.filter(post=post).count() == 1


def test_deleting_a_member_who_hugged_lowers_each_count_by_exactly_one(hugged, carol):
    delete_member(user=carol)
    assert counts(hugged) == (1, 1, 1)


def test_a_member_deleted_in_the_shell_no_longer_counts_in_what_they_hugged(hugged, alice_client, carol):
    post = hugged["post"]
    alice_client.get("/activities/")
    carol.delete()  # not through delete_member: the admin or the shell
    assert counts(hugged) == (1, 1, 1)
    feed = alice_client.get("/activities/").content.decode()
    assert hugs_shown(feed, f"post-{post.pk}") == 1


def test_deleting_a_hugged_update_takes_its_hugs_and_comments_with_it(hugged, alice):
    services.delete_post(post=Post.objects.get(pk=hugged["post"].pk))
    assert not Post.objects.filter(pk=hugged["post"].pk).exists()
    assert not Hug.objects.filter(answer__isnull=True).exists()
    assert Answer.objects.get(pk=hugged["answer"].pk).hug_count == 2


def test_seeded_updates_count_the_hugs_seeding_gave_them(alice, bob, carol):
    from django.db.models import Count

    from community.demo.seed import seed_volume

    for members in ([alice, bob], [alice, bob, carol]):  # fewer members than the three hugs each gets
        Post.objects.all().delete()
        seed_volume(0.01, members)  # 10 updates
        seeded = Post.objects.annotate(hugged_by=Count("hugs")).values_list("hug_count", "hugged_by")
        assert len(seeded) == 10
        assert all(count == rows for count, rows in seeded), list(seeded)


@pytest.mark.django_db(transaction=True)
def test_a_double_click_taking_a_hug_back_leaves_the_count_equal_to_the_hugs(monkeypatch):
    """Both requests find Bob's hug and delete it: the second deletes nothing, but a delete's
    receiver runs for each row it read, so without the lock the count would lose Carol's hug too."""
    if connection.vendor != "postgresql":
        skip_or_fail("two requests at once need two connections to PostgreSQL: DATABASE_URL is not PostgreSQL")
    bob, carol = (verify_email(UserFactory(display_name=name)) for name in ("Bob", "Carol"))
    post = PostFactory(author=verify_email(UserFactory(display_name="Alice")))
    for member in (bob, carol):
        services.toggle_hug(user=member, target=post)
    errors = at_once(monkeypatch, Hug, lambda: services.toggle_hug(user=bob, target=post))
    assert errors == []
    assert Post.objects.get(pk=post.pk).hug_count == Hug.objects.filter(post=post).count()
