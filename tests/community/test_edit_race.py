"""An edit saved after its update, comment, question or answer changed under it: between the edit
view reading the row and saving it, the author deleted it in another tab, or a moderator hid it.
What happened meanwhile wins, the member is told why on the form, and their text is still there."""

import pytest

from community import permissions, services
from community.models import Post
from tests.community.factories import AnswerFactory, CommentFactory, PostFactory, QuestionFactory

pytestmark = pytest.mark.django_db

KINDS = {
    "update": (PostFactory, "/activities/{pk}/edit/", {"text": "My edited words"}),
    "comment": (CommentFactory, "/comments/{pk}/edit/", {"text": "My edited words"}),
    "question": (QuestionFactory, "/questions/{pk}/edit/", {"title": "My edited words", "details": ""}),
    "answer": (AnswerFactory, "/answers/{pk}/edit/", {"text": "My edited words"}),
}


@pytest.fixture
def meanwhile(monkeypatch):
    """Run `change(row)` just after the edit view read the row, before it saves the edit."""

    def arrange(change):
        read = permissions.get_own

        def get_own(*args, **kwargs):
            thing = read(*args, **kwargs)
            change(type(thing).objects.filter(pk=thing.pk))
            return thing

        monkeypatch.setattr(permissions, "get_own", get_own)

    return arrange


@pytest.mark.parametrize("kind", KINDS)
def test_an_edit_of_something_deleted_meanwhile_says_so_and_keeps_the_text(kind, alice, alice_client, meanwhile):
    factory, url, data = KINDS[kind]
    thing = factory(author=alice)
    meanwhile(lambda rows: rows.delete())

    response = alice_client.post(url.format(pk=thing.pk), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert f"This {type(thing)._meta.verbose_name} was deleted while you were editing it" in page
    assert "My edited words" in page  # still in the form, to copy
    assert not type(thing).objects.filter(pk=thing.pk).exists()


@pytest.mark.parametrize("kind", KINDS)
def test_an_edit_of_something_hidden_meanwhile_leaves_it_hidden(kind, alice, alice_client, meanwhile):
    factory, url, data = KINDS[kind]
    thing = factory(author=alice)
    meanwhile(lambda rows: rows.update(status="hidden", hidden_reason="Spam or advertising."))

    response = alice_client.post(url.format(pk=thing.pk), data)

    assert "hid this" in response.content.decode() and "while you were editing it" in response.content.decode()
    row = type(thing).objects.get(pk=thing.pk)
    assert (row.status, row.hidden_reason, row.edited_at) == ("hidden", "Spam or advertising.", None)
    assert "My edited words" not in (getattr(row, "text", None) or row.title)


def test_an_edit_writes_only_what_the_member_edits(alice):
    """Moderation fields and counters changed meanwhile by others are not written back."""
    post = PostFactory(author=alice, text="First words")
    meanwhile_note = "Checked by a moderator"
    Post.objects.filter(pk=post.pk).update(hidden_reason=meanwhile_note)
    post_copy = Post.objects.get(pk=post.pk)
    post_copy.hidden_reason = ""  # an old copy in hand
    post_copy.text = "Second words"
    services.save_edit(thing=post_copy, fields=["text"])
    row = Post.objects.get(pk=post.pk)
    assert (row.text, row.hidden_reason) == ("Second words", meanwhile_note)
    assert row.edited_at is not None
