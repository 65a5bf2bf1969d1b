import pytest

from tests.community.factories import PostFactory

pytestmark = pytest.mark.django_db

NASTY = [
    ("<script>alert('x')</script>", "<script>alert"),
    ('<img src=x onerror="alert(1)">', "<img src=x"),
    ("[click me](javascript:alert(1))", 'href="javascript'),
    ("javascript:alert(1)", 'href="javascript'),
    ('[x](https://example.com "title" onmouseover=alert(1))', "onmouseover=alert(1)>"),
    ('https://example.com/"><script>alert(1)</script>', "<script>alert(1)"),
]


@pytest.mark.parametrize("text, forbidden", NASTY)
def test_member_text_shows_as_text_everywhere(alice_client, alice, bob_client, text, forbidden):
    alice_client.post("/activities/", {"text": text})
    from community.models import Post, Question

    post = Post.objects.get()
    alice_client.post(f"/activities/{post.pk}/", {"text": text})
    alice_client.post("/questions/ask/", {"title": text[:200], "details": text})
    question = Question.objects.get()
    bob_client.post(f"/questions/{question.pk}/", {"text": text})
    for url in [
        "/activities/",
        f"/activities/{post.pk}/",
        f"/questions/{question.pk}/",
        "/questions/",
        f"/members/{alice.pk}/",
    ]:
        body = bob_client.get(url).content.decode()
        assert forbidden not in body, url


def test_links_in_member_text_are_nofollow_ugc_noopener(alice_client):
    PostFactory(text="Read https://www.cancer.gov/types/lung please")
    body = alice_client.get("/activities/").content.decode()
    assert '<a href="https://www.cancer.gov/types/lung" rel="nofollow ugc noopener" target="_blank">' in body
