from html.parser import HTMLParser

import pytest

from tests.community.factories import PostFactory

pytestmark = pytest.mark.django_db

# (what a member typed, what must not reach the page raw, how it must reach the page escaped)
NASTY = [
    ("<script>alert('x')</script>", "<script>alert", "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"),
    ('<img src=x onerror="alert(1)">', "<img src=x", "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"),
    ("[click me](javascript:alert(1))", 'href="javascript', "[click me](javascript:alert(1))"),
    ("javascript:alert(1)", 'href="javascript', "javascript:alert(1)"),
    (
        '[x](https://example.com "title" onmouseover=alert(1))',
        "onmouseover=alert(1)>",
        "&quot;title&quot; onmouseover=alert(1))",
    ),
    (
        'https://example.com/"><script>alert(1)</script>',
        "<script>alert(1)",
        "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
    ),
]


class ReadableText(HTMLParser):
    """The text a reader sees in the page's body (entities decoded, no markup, scripts left out)."""

    def __init__(self):
        super().__init__()
        self.parts, self.in_body, self.hidden = [], False, 0

    def handle_starttag(self, tag, attrs):
        self.in_body = self.in_body or tag == "body"
        self.hidden += tag in ("script", "style", "template")

    def handle_endtag(self, tag):
        self.hidden -= tag in ("script", "style", "template")

    def handle_data(self, data):
        if self.in_body and not self.hidden:
            self.parts.append(data)


def readable(body):
    parser = ReadableText()
    parser.feed(body)
    return " ".join("".join(parser.parts).split())


@pytest.mark.parametrize("text, forbidden, escaped", NASTY)
def test_member_text_shows_as_text_everywhere(alice_client, alice, bob_client, text, forbidden, escaped):
    alice_client.post("/activities/", {"text": text})
    from community.models import Post, Question

    post = Post.objects.get()
    alice_client.post(f"/activities/{post.pk}/", {"text": text})
    alice_client.post("/questions/ask/", {"title": text[:200], "details": text})
    question = Question.objects.get()
    bob_client.post(f"/questions/{question.pk}/", {"text": text})
    # Each page, and how many of the texts above it shows at least.
    for url, shown in [
        ("/activities/", 1),  # the update
        (f"/activities/{post.pk}/", 2),  # the update and its comment
        (f"/questions/{question.pk}/", 3),  # the question's title and details, the answer
        ("/questions/", 1),  # the title
        (f"/members/{alice.pk}/", 1),  # Alice's update
    ]:
        body = bob_client.get(url).content.decode()
        assert forbidden not in body, url
        assert escaped in body, url
        assert readable(body).count(" ".join(text.split())) >= shown, url


def test_links_in_member_text_are_nofollow_ugc_noopener(alice_client):
    PostFactory(text="Read https://www.cancer.gov/types/lung please")
    body = alice_client.get("/activities/").content.decode()
    assert '<a href="https://www.cancer.gov/types/lung" rel="nofollow ugc noopener" target="_blank">' in body
