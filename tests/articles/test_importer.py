import datetime
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from PIL import Image

from articles.importer import ImportFailed, import_article, parse_front_matter
from articles.models import Article
from tests.factories import ArticleFactory, ExpertFactory, TopicFactory

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 6, 15, 9, 30))

GOOD = """\
---
# A comment line is allowed.
title: Sleep and Lung Cancer: What Helps
slug: sleep-and-lung-cancer
topics:
  - living-well
  - Side effects
author: Alice Author
reviewer: rafael-reviewer
lead: "Why sleep changes during treatment, and what helps."
hero_image: night.png
hero_alt: A crescent moon over calm water.
hero_caption: Rest comes in many forms.
hero_credit: Illustration: Kindred
sources:
  - title: Sleep Disorders (PDQ)
    publisher: National Cancer Institute
    url: https://www.cancer.gov/about-cancer/treatment/side-effects/sleep-disorders-pdq
    year: 2024
  - title: Insomnia
    url: https://www.nhs.uk/conditions/insomnia/
---

Most people sleep differently during treatment.

## Why sleep changes

Medicines, worry and breathlessness all play a part.
"""


@pytest.fixture
def people():
    return (
        ExpertFactory(name="Alice Author", slug="alice-author"),
        ExpertFactory(name="Rafael Reviewer", slug="rafael-reviewer"),
    )


@pytest.fixture
def topics():
    return TopicFactory(name="Living well", slug="living-well"), TopicFactory(name="Side effects", slug="side-effects")


@pytest.fixture
def folder(tmp_path, people, topics):
    folder = tmp_path / "import"
    folder.mkdir()
    buffer = io.BytesIO()
    Image.new("RGB", (64, 36), "#2F6F7E").save(buffer, "PNG")
    (folder / "night.png").write_bytes(buffer.getvalue())
    return folder


def write(folder, text, name="sleep-and-lung-cancer.md"):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def media_files():
    root = Path(settings.MEDIA_ROOT)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def test_a_valid_file_creates_a_draft_with_its_byline_topics_sources_and_picture(folder, people, topics):
    result = import_article(write(folder, GOOD), now=NOW)

    article = Article.objects.get()
    assert result.action == "created" and result.article == article
    assert article.title == "Sleep and Lung Cancer: What Helps"
    assert article.slug == "sleep-and-lung-cancer"
    assert article.lead == "Why sleep changes during treatment, and what helps."
    assert article.status == Article.Status.DRAFT and article.published_at is None
    assert (article.author, article.reviewer) == people
    assert set(article.topics.all()) == set(topics)
    assert [(s.position, s.title, s.publisher, s.year) for s in article.sources.all()] == [
        (1, "Sleep Disorders (PDQ)", "National Cancer Institute", 2024),
        (2, "Insomnia", "", None),
    ]
    assert "<h2" in article.body_html and article.toc[0]["name"] == "Why sleep changes"
    assert (article.hero_alt, article.hero_caption, article.hero_credit) == (
        "A crescent moon over calm water.",
        "Rest comes in many forms.",
        "Illustration: Kindred",
    )
    # The picture went through the upload pipeline: re-encoded as a JPEG under a random name.
    with article.hero_image.open("rb") as stored:
        assert Image.open(stored).format == "JPEG"
    assert "night" not in article.hero_image.name


def test_a_file_marked_published_goes_live_with_its_dates(client, folder):
    text = GOOD.replace("slug: sleep", "status: published\npublished: 2026-03-14\nreviewed: 10 days ago\nslug: sleep")
    import_article(write(folder, text), now=NOW)

    article = Article.objects.get()
    assert article.status == Article.Status.PUBLISHED
    assert timezone.localtime(article.published_at).date() == datetime.date(2026, 3, 14)
    assert timezone.localtime(article.reviewed_at).date() == datetime.date(2026, 6, 5)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert b"Medically reviewed by" in response.content
    assert b"Sleep Disorders (PDQ)" in response.content


def test_importing_again_updates_the_article_instead_of_adding_one(folder, topics):
    path = write(folder, GOOD)
    first = import_article(path, now=NOW).article
    edited = (
        GOOD.replace("What Helps", "What Can Help")
        .replace("  - Side effects\n", "")
        .replace("  - title: Insomnia\n    url: https://www.nhs.uk/conditions/insomnia/\n", "")
    )
    result = import_article(write(folder, edited), now=NOW)

    article = Article.objects.get()
    assert result.action == "updated" and article.pk == first.pk
    assert article.title == "Sleep and Lung Cancer: What Can Help"
    assert list(article.topics.all()) == [topics[0]]
    assert [source.title for source in article.sources.all()] == ["Sleep Disorders (PDQ)"]


def test_importing_an_unchanged_file_writes_nothing(folder):
    path = write(folder, GOOD)
    import_article(path, now=NOW)
    saved = Article.objects.get().updated_at
    files = media_files()

    assert import_article(path, now=NOW + datetime.timedelta(hours=1)).action == "unchanged"
    assert Article.objects.get().updated_at == saved
    assert media_files() == files


def test_a_file_without_status_keeps_a_published_article_published(folder, people):
    ArticleFactory(slug="sleep-and-lung-cancer", author=people[0], reviewer=people[1])
    import_article(write(folder, GOOD), now=NOW)

    article = Article.objects.get()
    assert article.status == Article.Status.PUBLISHED
    assert article.title == "Sleep and Lung Cancer: What Helps"


BAD_FILES = {
    "missing title": (GOOD.replace("title: Sleep and Lung Cancer: What Helps\n", ""), "title is missing"),
    "unknown expert": (
        GOOD.replace("author: Alice Author", "author: Nobody Known"),
        "author 'Nobody Known': no expert has this slug or name",
    ),
    "unknown topic": (GOOD.replace("  - living-well", "  - astrology"), "topic 'astrology' does not exist"),
    "front matter never closed": (GOOD.replace("---\n\nMost", "\nMost"), "the front matter never ends"),
    "no space after the colon": (
        GOOD.replace("lead: ", "lead:"),
        'malformed front matter, line 10: expected "key: value"',
    ),
    "bad indentation": (GOOD.replace("    publisher:", "   publisher:"), "malformed front matter, line 17"),
    "impossible date": (
        GOOD.replace("slug: sleep", "published: 2026-02-30\nslug: sleep"),
        "published: '2026-02-30' is not a date",
    ),
    "unknown field": (GOOD.replace("reviewer:", "reviwer:"), "unknown field reviwer"),
    "published without a reviewer": (
        GOOD.replace("reviewer: rafael-reviewer\n", "status: published\n"),
        "reviewer: A published article must name its medical reviewer.",
    ),
    "reviewer is the author": (
        GOOD.replace("reviewer: rafael-reviewer", "reviewer: alice-author"),
        "The medical reviewer must be someone other than the author.",
    ),
    "not a picture": (GOOD.replace("night.png", "notes.md"), "hero_image: This file isn't a picture we can read."),
    "bad source address": (GOOD.replace("url: https://www.nhs", "url: www nhs"), "sources, item 2: url:"),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_a_bad_file_gets_a_clear_message_and_imports_nothing(folder, case):
    text, message = BAD_FILES[case]
    write(folder, "Some notes, not an article.\n", name="notes.md")
    path = write(folder, text)

    with pytest.raises(ImportFailed) as failure:
        import_article(path, now=NOW)

    assert message in str(failure.value)
    assert str(failure.value).startswith(f"{path}: ")
    assert not Article.objects.exists()
    assert media_files() == []


def test_a_bad_file_leaves_an_existing_article_as_it_was(folder, topics):
    path = write(folder, GOOD)
    import_article(path, now=NOW)
    bad = GOOD.replace("What Helps", "Changed").replace("  - living-well", "  - astrology")

    with pytest.raises(ImportFailed):
        import_article(write(folder, bad), now=NOW)

    article = Article.objects.get()
    assert article.title == "Sleep and Lung Cancer: What Helps"
    assert set(article.topics.all()) == set(topics)
    assert article.sources.count() == 2


def test_front_matter_values_keep_colons_and_lose_surrounding_quotes():
    meta, body = parse_front_matter('---\ntitle: A: B\nlead: "quoted"\nempty:\n---\nText\n')
    assert meta == {"title": "A: B", "lead": "quoted", "empty": []}
    assert body == "Text\n"


def run_command(*args):
    """Run import_articles; return its exit status as the shell would see it, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_articles", *map(str, args), stdout=out, stderr=err)
    except CommandError as error:
        # What manage.py prints and exits with for a CommandError.
        err.write(f"CommandError: {error}\n")
        return error.returncode, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_the_command_imports_a_folder_and_reports_each_file(folder):
    write(folder, GOOD)
    write(folder, GOOD.replace("slug: sleep-and-lung-cancer", "slug: resting-well"), name="resting-well.md")

    status, out, err = run_command(folder)

    assert (status, err) == (0, "")
    assert f"{folder / 'resting-well.md'}: created “Sleep and Lung Cancer: What Helps” (draft)." in out
    assert f"{folder / 'sleep-and-lung-cancer.md'}: created" in out
    assert sorted(Article.objects.values_list("slug", flat=True)) == ["resting-well", "sleep-and-lung-cancer"]


def test_the_command_reports_bad_files_and_exits_with_an_error(folder):
    good = write(folder, GOOD)
    bad = write(folder, GOOD.replace("author: Alice Author", "author: Nobody Known"), name="bad.md")
    bad.write_text(bad.read_text().replace("slug: sleep-and-lung-cancer", "slug: bad"))

    status, out, err = run_command(good, bad, folder / "missing.md")

    assert status == 1
    assert f"{good}: created" in out
    assert f"{bad}: not imported." in err
    assert "author 'Nobody Known': no expert has this slug or name" in err
    assert f"{folder / 'missing.md'}: no such file or folder." in err
    assert "2 not imported, 1 imported." in err
    assert list(Article.objects.values_list("slug", flat=True)) == ["sleep-and-lung-cancer"]
