"""Lighthouse's "links have descriptive text", offline: on each main page, links that read the same
go to the same place (several "Learn more" or "See answer" links to different pages would not)."""

from collections import defaultdict
from html.parser import HTMLParser

import pytest

from tests.community.factories import AnswerFactory, PostFactory, QuestionFactory
from tests.factories import ArticleFactory, ExpertFactory, TopicFactory, UserFactory, verify_email

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Links(HTMLParser):
    """Each link's accessible name (aria-label, else its text and images' alt, minus aria-hidden parts)."""

    def __init__(self):
        super().__init__()
        self.links, self.stack = [], []  # stack: [tag, hidden] of open elements

    def hidden(self):
        return any(hidden for _, hidden in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img" and self.links and self.links[-1]["open"] and not self.hidden():
            self.links[-1]["text"] += " " + (attrs.get("alt") or "")
        if tag in VOID:
            return
        self.stack.append([tag, attrs.get("aria-hidden") == "true"])
        if tag == "a" and attrs.get("href"):
            self.links.append({"href": attrs["href"], "label": attrs.get("aria-label"), "text": "", "open": True})

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break
        if tag == "a" and self.links and self.links[-1]["open"]:
            self.links[-1]["open"] = False

    def handle_data(self, data):
        if self.links and self.links[-1]["open"] and not self.hidden():
            self.links[-1]["text"] += data

    def names(self):
        for link in self.links:
            yield " ".join((link["label"] or link["text"]).split()), link["href"].split("#")[0] or "#"


# Lighthouse's "link-text" audit reads a link's text (not its aria-label) against phrases like these.
GENERIC = {"click here", "here", "learn more", "more", "read more", "see more", "see answer", "this", "go", "start"}


def generic_texts(html):
    """Links whose text alone says nothing of where they go."""
    parser = Links()
    parser.feed(html)
    texts = {" ".join(link["text"].split()) for link in parser.links}
    return sorted(text for text in texts if text.lower() in GENERIC)


def targets_by_name(html):
    parser = Links()
    parser.feed(html)
    targets = defaultdict(set)
    for name, href in parser.names():
        targets[name].add(href)
    return {name: hrefs for name, hrefs in targets.items() if len(hrefs) > 1}


@pytest.fixture
def site(client):
    topic = TopicFactory(name="Treatment", slug="treatment")
    authors = [ExpertFactory(name=f"Dr. Author {n}") for n in range(2)]
    reviewers = [ExpertFactory(name=f"Dr. Reviewer {n}") for n in range(2)]
    articles = []
    for n in range(3):
        article = ArticleFactory(title=f"Article number {n}", author=authors[n % 2], reviewer=reviewers[n % 2])
        article.topics.add(topic)
        articles.append(article)
    members = [verify_email(UserFactory(display_name=f"Member {n}")) for n in range(3)]
    questions = [QuestionFactory(title=f"Question number {n}?", topic=topic, author=members[n]) for n in range(3)]
    for question in questions:
        AnswerFactory(question=question, author=members[0])
    for member in members:
        PostFactory(author=member, text=f"An update from {member.display_name}")
    return {"article": articles[0], "expert": authors[0], "question": questions[0], "member": members[0]}


def test_links_that_read_the_same_go_to_the_same_place(client, site):
    public = [
        "/",
        "/resources/",
        site["article"].get_absolute_url(),
        "/resources/topics/treatment/",
        site["expert"].get_absolute_url(),
    ]
    members = ["/activities/", "/questions/", site["question"].get_absolute_url(), "/members/"]
    problems = {}
    for url in public:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        problems[f"anonymous {url}"] = targets_by_name(body)
        assert generic_texts(body) == [], url
    client.force_login(site["member"])
    for url in public + members:
        response = client.get(url)
        assert response.status_code == 200, url
        problems[f"member {url}"] = targets_by_name(response.content.decode())
        assert generic_texts(response.content.decode()) == [], url
    found = {page: found for page, found in problems.items() if found}
    assert not found, "\n".join(f"{page}: {names}" for page, names in found.items())
