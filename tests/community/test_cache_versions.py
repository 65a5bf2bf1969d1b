"""Every page that shows a piece of member content, served through its caches, equals the same page
rendered with every cache empty, whatever path made the change: a service, a member's own form,
an admin change form, an admin inline, an admin bulk action, or a save, update or delete in the shell."""

import pytest
from django.test import Client

from accounts.models import User
from accounts.services import get_profile
from community import services
from community.models import Answer, Comment, Follow, Hug, Mute, Post, Question, Visibility
from tests import caches
from tests.admin_forms import submit_change_form
from tests.caches import cached_equals_fresh
from tests.community.factories import AnswerFactory, CommentFactory, PostFactory, QuestionFactory
from tests.factories import ArticleFactory, TopicFactory, UserFactory, verify_email
from tests.tokens import without_tokens

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(alice, bob, staff):
    """Bob's update with Carol's comment; a question on the article's topic with Carol's answer."""
    carol = verify_email(UserFactory(display_name="Carol"))
    get_profile(bob)
    get_profile(carol)
    topic = TopicFactory(slug="breathing")
    article = ArticleFactory(slug="breathing-well")
    article.topics.add(topic)
    post = PostFactory(author=bob, text="Bob's walk by the sea")
    comment = services.create_comment(author=carol, text="Carol says well done", post=post)
    article_comment = services.create_comment(author=carol, text="Carol on the article", article=article)
    question = QuestionFactory(author=bob, title="Bob asks about breathing", topic=topic)
    answer = services.answer_question(author=carol, question=question, text="Carol answers slowly")
    return {
        "alice": alice,
        "bob": bob,
        "carol": carol,
        "staff": staff,
        "post": post,
        "comment": comment,
        "article_comment": article_comment,
        "question": question,
        "answer": answer,
        "article": article,
    }


def member_pages(w):
    return [
        "/activities/",
        "/activities/?view=team",
        "/activities/?view=questions",
        f"/activities/{w['post'].pk}/",
        f"/questions/{w['question'].pk}/",
        "/questions/",
        f"/resources/{w['article'].slug}/",
        f"/members/{w['bob'].pk}/",
        f"/members/{w['carol'].pk}/",
        "/activities/search/?q=Bob",
        "/notifications/",
    ]


def public_pages(w):
    return ["/", "/resources/", f"/resources/{w['article'].slug}/", "/resources/topics/breathing/"]


def staff_client(w):
    client = Client()
    client.force_login(w["staff"])
    return client


# Each write path: (name, function(world) making the change, text that must be gone, text that must show)


def hide_by_service(w):
    services.hide_content(target=w["comment"], moderator=w["staff"], reason="Spam")


def hide_by_admin_action(w):
    client = staff_client(w)
    client.post("/admin/community/comment/", {"action": "hide", "_selected_action": [w["comment"].pk]})
    client.post("/admin/community/answer/", {"action": "hide", "_selected_action": [w["answer"].pk]})


def hide_article_comment_by_admin_action(w):
    staff_client(w).post("/admin/community/comment/", {"action": "hide", "_selected_action": [w["article_comment"].pk]})
    assert Comment.objects.get(pk=w["article_comment"].pk).status == Visibility.HIDDEN


def edit_post_in_admin(w):
    submit_change_form(staff_client(w), f"/admin/community/post/{w['post'].pk}/change/", text="Bob edited by staff")


def hide_answer_in_admin_form(w):
    submit_change_form(staff_client(w), f"/admin/community/answer/{w['answer'].pk}/change/", status="hidden")


def rename_member_in_admin(w):
    submit_change_form(staff_client(w), f"/admin/accounts/user/{w['carol'].pk}/change/", display_name="Caroline")


def change_role_in_admin_inline(w):
    submit_change_form(
        staff_client(w), f"/admin/accounts/user/{w['carol'].pk}/change/", **{"profile-0-role": "caregiver"}
    )
    assert get_profile(w["carol"]).role == "caregiver"


def save_in_shell(w):
    comment = Comment.objects.get(pk=w["comment"].pk)
    comment.text = "Carol's words, changed in the shell"
    comment.save()


def rename_in_shell(w):
    w["carol"].display_name = "Caroline"
    w["carol"].save()


def update_in_shell(w):
    Comment.objects.filter(pk=w["comment"].pk).update(status=Visibility.HIDDEN)
    Question.objects.filter(pk=w["question"].pk).update(title="Retitled in the shell")


def reword_comment_in_shell(w):
    """A queryset update that changes no count: nothing but the text moves."""
    Comment.objects.filter(pk=w["comment"].pk).update(text="Carol's words, updated in the shell")


def retitle_article_in_shell(w):
    from articles.models import Article

    Article.objects.filter(pk=w["article"].pk).update(title="Retitled article")


def rename_expert_in_shell(w):
    from articles.models import Expert

    Expert.objects.filter(pk=w["article"].author_id).update(name="Dr Renamed")


def rename_topic_in_shell(w):
    from articles.models import Topic

    Topic.objects.filter(slug="breathing").update(name="Breathing, renamed")


def delete_in_shell(w):
    Comment.objects.filter(author=w["carol"]).delete()
    Answer.objects.filter(pk=w["answer"].pk).delete()


def hugs_by(member, *paths):
    client = Client()
    client.force_login(member)
    for path in paths:
        client.post(path)
    assert Hug.objects.filter(user=member).count() == len(paths)


def hug_from_the_feed(w):
    hugs_by(w["carol"], f"/hugs/post/{w['post'].pk}/", f"/hugs/comment/{w['comment'].pk}/")


def comment_and_answer_by_members(w):
    client = Client()
    client.force_login(w["alice"])
    client.post(f"/activities/{w['post'].pk}/", {"text": "Alice joins in"})
    client.post(f"/questions/{w['question'].pk}/", {"text": "Alice answers too"})
    client.post(f"/comments/article/{w['article'].pk}/", {"text": "Alice on the article"})


def suspend_with_content(w):
    from accounts.services import suspend_member

    suspend_member(user=w["carol"], reason="Reports", hide_content=True)


def new_member_joins(w):
    dan = verify_email(UserFactory(display_name="Dan"))
    assert dan in User.objects.members()


def suspend_keeping_content(w):
    from accounts.services import suspend_member

    suspend_member(user=w["carol"], reason="Spam", hide_content=False)


def hide_profile_by_staff(w):
    from accounts.member_data import hide_profile

    hide_profile(w["carol"], reason="Offensive picture")


def erase_member(w):
    from accounts.services import delete_member

    delete_member(user=w["carol"])


def mute_by_the_viewer(w):
    services.toggle_mute(user=w["alice"], member=w["carol"])


def follow_by_the_viewer(w):
    services.toggle_team(user=w["alice"], member=w["bob"])


def hugs_by_the_viewer(w):
    hugs_by(w["alice"], f"/hugs/post/{w['post'].pk}/", f"/hugs/answer/{w['answer'].pk}/")


def mute_in_bulk_in_shell(w):
    Mute.objects.bulk_create([Mute(muter=w["alice"], muted=w["carol"])])


def follow_in_bulk_in_shell(w):
    Follow.objects.bulk_create([Follow(follower=w["alice"], followed=w["bob"])])


def hugs_in_bulk_in_shell(w):
    Hug.objects.bulk_create([Hug(user=w["alice"], post=w["post"]), Hug(user=w["carol"], answer=w["answer"])])


def viewer_address_unconfirmed_in_shell(w):
    from allauth.account.models import EmailAddress

    address = EmailAddress.objects.get(user=w["alice"])
    address.verified = False
    address.save()


WRITES = [
    (hide_by_service, "Carol says well done", None),
    (hide_by_admin_action, "Carol answers slowly", None),
    (hide_article_comment_by_admin_action, "Carol on the article", None),
    (edit_post_in_admin, "Bob&#x27;s walk by the sea", "Bob edited by staff"),
    (hide_answer_in_admin_form, "Carol answers slowly", None),
    (rename_member_in_admin, ">Carol<", "Caroline"),
    (change_role_in_admin_inline, None, None),
    (save_in_shell, "Carol says well done", "changed in the shell"),
    (rename_in_shell, ">Carol<", "Caroline"),
    (update_in_shell, "Carol says well done", "Retitled in the shell"),
    (reword_comment_in_shell, "Carol says well done", "updated in the shell"),
    (retitle_article_in_shell, None, "Retitled article"),
    (rename_expert_in_shell, None, "Dr Renamed"),
    (rename_topic_in_shell, None, "Breathing, renamed"),
    (delete_in_shell, "Carol says well done", None),
    (hug_from_the_feed, None, None),
    (comment_and_answer_by_members, None, "Alice joins in"),
    (suspend_with_content, "Carol says well done", None),
    (suspend_keeping_content, None, None),
    (hide_profile_by_staff, None, None),
    (new_member_joins, None, None),
    (erase_member, "Carol says well done", None),
    (mute_by_the_viewer, "Carol says well done", None),
    (follow_by_the_viewer, None, None),
    (hugs_by_the_viewer, None, 'aria-pressed="true"'),
    (viewer_address_unconfirmed_in_shell, None, None),
    (mute_in_bulk_in_shell, "Carol says well done", None),
    (follow_in_bulk_in_shell, None, None),
    (hugs_in_bulk_in_shell, None, 'aria-pressed="true"'),
]


@pytest.mark.parametrize(("write", "gone", "shown"), WRITES, ids=[write.__name__ for write, _, _ in WRITES])
def test_cached_pages_equal_fresh_ones_after_each_write_path(world, alice_client, write, gone, shown):
    anonymous_client = Client()
    views = [(alice_client, url) for url in member_pages(world)] + [
        (anonymous_client, url) for url in public_pages(world)
    ]
    before = []
    for viewer, url in views:
        response = viewer.get(url)  # fills the caches
        before.append(without_tokens(f"{response.status_code}\n{response.content.decode()}"))
    write(world)
    # Every page through the caches the write left, then every page with the caches empty: a
    # clear between pages would leave only the first one read through the old caches.
    cached = [without_tokens(caches.body_with_status(viewer, url)) for viewer, url in views]
    caches.clear()
    fresh = [without_tokens(caches.body_with_status(viewer, url)) for viewer, url in views]
    seen, changed = "", False
    for (_, url), old, cached_page, fresh_page in zip(views, before, cached, fresh, strict=True):
        assert cached_page == fresh_page, f"{write.__name__}: {url} is stale"
        seen += cached_page
        changed = changed or fresh_page != old
    assert changed, f"{write.__name__} changed nothing any page shows"
    if gone:
        assert gone not in seen
    if shown:
        assert shown in seen


def test_the_public_member_count_follows_new_and_confirmed_members(client, world):
    count = User.objects.members().count()
    assert f"{count} members" in client.get("/").content.decode()
    dan = UserFactory(display_name="Dan")
    cached, fresh = cached_equals_fresh(client, "/")
    assert cached == fresh and f"{count} members" in cached  # an unconfirmed address does not count
    verify_email(dan)
    cached, fresh = cached_equals_fresh(client, "/")
    assert cached == fresh and f"{count + 1} members" in cached


def test_a_post_created_elsewhere_shows_and_updates_are_keyed_by_version(alice_client, bob):
    post = PostFactory(author=bob, text="First words")
    alice_client.get("/activities/")
    version = Post.objects.get(pk=post.pk).version
    Post.objects.filter(pk=post.pk).update(text="Second words")
    assert Post.objects.get(pk=post.pk).version == version + 1
    assert "Second words" in alice_client.get("/activities/").content.decode()


def test_a_hug_on_an_answer_leaves_public_pages_cached(client, world):
    from django.core.cache import cache

    from articles.cache import VERSION_KEY

    client.get("/")
    version = cache.get(VERSION_KEY)
    services.toggle_hug(user=world["alice"], target=world["answer"])
    assert cache.get(VERSION_KEY) == version  # anonymous pages show no hug counts
    AnswerFactory(question=world["question"])
    assert cache.get(VERSION_KEY) != version


def test_posting_and_commenting_on_updates_leave_public_pages_cached(client, world, alice_client):
    from django.core.cache import cache

    from articles.cache import VERSION_KEY

    client.get("/")
    version = cache.get(VERSION_KEY)
    assert version is not None
    assert alice_client.post("/activities/", {"text": "A good day"}).status_code == 302
    assert Post.objects.filter(text="A good day").exists()
    CommentFactory(post=world["post"], author=world["alice"])
    assert cache.get(VERSION_KEY) == version  # updates and their comments never show on public pages
    AnswerFactory(question=world["question"])
    assert cache.get(VERSION_KEY) != version


def test_rows_created_in_bulk_move_versions_on(alice_client, bob, client):
    from articles.models import Article

    post = PostFactory(author=bob, text="Quiet update")
    alice_client.get("/activities/")
    Comment.objects.bulk_create([Comment(post=post, author=bob, text="Added in bulk")])
    assert "Added in bulk" in alice_client.get("/activities/").content.decode()
    anonymous = Client()
    anonymous.get("/resources/")
    template = ArticleFactory(slug="template")
    anonymous.get("/resources/")
    Article.objects.bulk_create([Article(**{**_fields(template), "slug": "bulk-one", "title": "Made in bulk"})])
    cached, fresh = cached_equals_fresh(anonymous, "/resources/")
    assert cached == fresh and "Made in bulk" in cached


def _fields(article):
    return {f.attname: getattr(article, f.attname) for f in article._meta.concrete_fields if f.attname != "id"}


def test_an_edit_saved_from_a_copy_read_before_a_hug_keeps_the_hug_and_shows_the_edit(world, alice_client, bob):
    """The edit form reads the update, a hug and a comment land, then the edit is saved: the counts
    stay, and the feed's cached fragment shows the edited text (no old version written back)."""
    post = Post.objects.get(pk=world["post"].pk)  # the copy the edit form holds
    alice_client.get("/activities/")  # the feed's fragments cached
    services.toggle_hug(user=bob, target=world["post"])
    services.create_comment(author=bob, text="Bob says hello", post=world["post"])
    alice_client.get("/activities/")  # cached again, at the hug's and the comment's version
    post.text = "Edited after the hug"
    services.save_edit(thing=post, fields=["text"])
    row = Post.objects.get(pk=post.pk)
    assert (row.hug_count, row.comment_count) == (post.hug_count + 1, post.comment_count + 1)
    assert row.version > post.version
    cached, fresh = cached_equals_fresh(alice_client, "/activities/")
    assert "Edited after the hug" in cached
    assert without_tokens(cached) == without_tokens(fresh)
