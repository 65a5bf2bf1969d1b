import datetime
import io
import json
import re

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from tests.factories import ArticleFactory, SourceFactory, TopicFactory, UserFactory, verify_email

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_article(author, reviewer):
    topic = TopicFactory(name="Side effects", slug="side-effects")
    article = ArticleFactory(
        title="Bone health during treatment",
        slug="bone-health",
        lead="Why bones matter, and what to watch for.",
        body=(
            "Opening words.\n\n## What happens\n\nText.\n\n### In the spine\n\nMore.\n\n## When to get help\n\n"
            '!!! warning "Seek medical attention right away"\n    Sudden back pain with weak legs needs care now.\n'
        ),
        author=author,
        reviewer=reviewer,
        published_at=timezone.now() - datetime.timedelta(days=90),
        reviewed_at=timezone.now() - datetime.timedelta(days=5),
        hero_caption="Calm waves at dawn.",
        hero_credit="Illustration: Kindred",
        hero_alt="Soft blue waves",
    )
    article.topics.add(topic)
    SourceFactory(article=article, title="Bone metastases overview", position=1)
    SourceFactory(article=article, title="Living with advanced lung cancer", position=2)
    return article


def jpeg_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), "teal").save(buffer, "JPEG")
    return buffer.getvalue()


def json_ld(body):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    return json.loads(match.group(1))


def test_article_page_shows_every_element_in_order(client, full_article, author, reviewer):
    for user in UserFactory.create_batch(3):
        verify_email(user)  # members are counted once their address is confirmed
    body = client.get("/resources/bone-health/").content.decode()
    expected_in_order = [
        "Connect with others who understand",
        "<h1",
        "Bone health during treatment",
        "Medically reviewed by",
        f'href="{reviewer.get_absolute_url()}"',
        "Written by",
        f'href="{author.get_absolute_url()}"',
        "Posted on",
        "Last reviewed on",
        "Why bones matter, and what to watch for.",
        "In this article",
        'href="#what-happens"',
        '<h2 id="what-happens">',
        "Seek medical attention right away",
        "Talk with others who understand",
        "3 members",
        "Questions from the community",
        "Join free to read and post comments",
        "Sources",
        "Bone metastases overview",
        "More about",
        "Get updates directly to your inbox",
        "Privacy Policy",
    ]
    position = 0
    for text in expected_in_order:
        found = body.find(text, position)
        assert found != -1, f"{text!r} missing or out of order"
        position = found
    assert re.search(r'<ol>\s*<li id="source-1">', body)


def test_hero_figure_has_caption_and_credit(client, full_article):
    full_article.hero_image.save("hero.jpg", ContentFile(jpeg_bytes()), save=True)
    body = client.get("/resources/bone-health/").content.decode()
    assert re.search(r"<figure[^>]*>\s*<img src=\"/media/articles/[0-9a-f]{32}\.jpg\" alt=\"Soft blue waves\"", body)
    assert "Calm waves at dawn." in body and "Illustration: Kindred" in body
    assert '<meta property="og:image" content="http://127.0.0.1:8000/media/articles/' in body


def test_a_hero_picture_whose_file_is_gone_leaves_the_page_working(client, full_article):
    """A restore that missed a file: the page is served, with the picture's size left out (found
    measuring the bench on a copy of the database without its media folder)."""
    full_article.hero_image.save("hero.jpg", ContentFile(jpeg_bytes()), save=True)
    page = client.get("/resources/bone-health/").content.decode()
    assert re.search(r'alt="Soft blue waves" width="\d+" height="\d+">', page)
    full_article.hero_image.storage.delete(full_article.hero_image.name)
    full_article.save()  # a new version: the page renders again
    response = client.get("/resources/bone-health/")
    assert response.status_code == 200
    assert 'alt="Soft blue waves">' in response.content.decode() and "Calm waves at dawn." in response.content.decode()


def test_json_ld_is_a_medical_web_page_naming_the_reviewer(client, full_article, reviewer, author):
    data = json_ld(client.get("/resources/bone-health/").content.decode())
    assert data["@type"] == "MedicalWebPage"
    assert data["reviewedBy"]["name"] == reviewer.name
    assert data["author"]["name"] == author.name
    assert data["lastReviewed"] == full_article.reviewed_at.date().isoformat()
    assert data["datePublished"] == full_article.published_at.date().isoformat()


def test_json_ld_cannot_be_broken_out_of(client, author, reviewer):
    ArticleFactory(slug="tricky", title="</script><script>alert(1)</script>", author=author, reviewer=reviewer)
    body = client.get("/resources/tricky/").content.decode()
    assert "<script>alert(1)" not in body
    assert json_ld(body)["name"] == "</script><script>alert(1)</script>"


def test_head_has_title_description_canonical_and_open_graph(client, full_article):
    body = client.get("/resources/bone-health/").content.decode()
    assert "<title>Bone health during treatment | Kindred</title>" in body
    assert '<meta name="description" content="Why bones matter, and what to watch for.">' in body
    assert '<link rel="canonical" href="http://127.0.0.1:8000/resources/bone-health/">' in body
    assert '<meta property="og:title" content="Bone health during treatment">' in body
    assert '<meta property="og:type" content="article">' in body


def test_same_day_review_shows_no_last_reviewed_line(client, author, reviewer):
    ArticleFactory(slug="fresh", author=author, reviewer=reviewer)
    assert "Last reviewed on" not in client.get("/resources/fresh/").content.decode()


def test_signed_in_member_sees_no_join_gate(client, full_article, member):
    client.force_login(member)
    body = client.get("/resources/bone-health/").content.decode()
    assert "Join free to read and post comments" not in body
    assert "Log out" in body


def test_editing_an_article_shows_at_once_despite_the_page_cache(client, full_article):
    assert "Bone health during treatment" in client.get("/resources/bone-health/").content.decode()
    full_article.title = "Bones and lung cancer"
    full_article.save()
    assert "Bones and lung cancer" in client.get("/resources/bone-health/").content.decode()


def test_editing_the_reviewer_bio_shows_at_once(client, full_article, reviewer):
    client.get("/resources/bone-health/")
    reviewer.short_bio = "Now leads the thoracic clinic."
    reviewer.save()
    assert "Now leads the thoracic clinic." in client.get("/resources/bone-health/").content.decode()


def test_expert_page_shows_bio_and_articles(client, full_article, reviewer):
    body = client.get(reviewer.get_absolute_url()).content.decode()
    assert reviewer.display_name in body
    assert "Bone health during treatment" in body
    assert "Medically reviewed" in body


def test_expert_page_lists_articles_twenty_to_a_page(client, author):
    from tests.factories import ArticleFactory

    for n in range(25):
        ArticleFactory(author=author, title=f"Numbered article {n:02d}")
    first = client.get(author.get_absolute_url()).content.decode()
    second = client.get(author.get_absolute_url() + "?page=2").content.decode()
    assert first.count("Numbered article") == 20 and "Page 1 of 2" in first and 'rel="next" href="?page=2"' in first
    assert second.count("Numbered article") == 5
    for bad in ("abc", "0", "999", "-1"):
        assert client.get(author.get_absolute_url() + f"?page={bad}").status_code == 200
