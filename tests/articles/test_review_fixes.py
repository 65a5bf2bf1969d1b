"""Defects a review found in the articles part, each test failing before its fix: pictures uploaded in
the admin kept their metadata, view-only staff could publish, review dates wrong at month ends or
with mixed topics, re-imports recording reviews that did not happen, and the importer's bad input."""

import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from articles.importer import import_article
from articles.models import Article, add_months
from tests import factories
from tests.articles.test_admin import article_form
from tests.factories import ArticleFactory, ExpertFactory, TopicFactory
from tests.images import jpeg_with_gps

pytestmark = pytest.mark.django_db


# 1. Hero pictures uploaded in the admin keep their EXIF (GPS position, camera).


def test_admin_hero_image_upload_is_stripped_of_metadata(client, staff, author, reviewer):
    client.force_login(staff)
    upload = jpeg_with_gps()
    data = article_form(author, hero_image=upload)
    response = client.post("/admin/articles/article/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(slug="questions-to-ask")
    with article.hero_image.open("rb") as stored:
        content = stored.read()
    with Image.open(io.BytesIO(content)) as image:
        exif = image.getexif()
    assert b"PhoneMaker" not in content
    assert 0x8825 not in exif, f"GPS IFD kept in the stored hero image: {dict(exif)}"


# 2. A staff member who may only *view* articles can publish them with the admin action.


def test_view_only_staff_cannot_publish_with_the_admin_action(client, author, reviewer):
    viewer = factories.UserFactory(display_name="View Only", is_staff=True, is_superuser=False)
    factories.enable_totp(viewer)
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    draft = ArticleFactory(
        author=author, reviewer=reviewer, status=Article.Status.DRAFT, published_at=None, title="Unfinished draft"
    )
    client.force_login(viewer)
    assert client.get("/admin/articles/article/").status_code == 200
    client.post("/admin/articles/article/", {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT, "a view-only staff member published the article"
    assert client.get(draft.get_absolute_url()).status_code == 404


# 3. A topic that sets a *longer* interval overrides the default of the article's other topics.


def test_article_in_a_default_topic_and_a_long_interval_topic_follows_the_shortest(settings):
    settings.ARTICLE_REVIEW_MONTHS = 12
    now = datetime.datetime(2026, 6, 15, 9, 0, tzinfo=datetime.UTC)
    slow = TopicFactory(name="Research history", review_interval_months=36)
    default = TopicFactory(name="Treatment")  # no interval of its own: the site's 12 months
    reviewed_at = add_months(now, -18)
    article = ArticleFactory(reviewed_at=reviewed_at, published_at=reviewed_at)
    article.topics.add(slow, default)
    [annotated] = Article.objects.filter(pk=article.pk).with_review_interval()
    assert annotated.review_months == 12
    assert article in Article.objects.review_overdue(now)


# 4. Month ends: the database filter and review_due_at() disagree on when a review is due.


def test_review_overdue_filter_agrees_with_review_due_at_at_month_end(settings):
    settings.ARTICLE_REVIEW_MONTHS = 12
    reviewed_at = datetime.datetime(2024, 2, 29, 10, 0, tzinfo=datetime.UTC)
    article = ArticleFactory(reviewed_at=reviewed_at, published_at=reviewed_at)
    now = datetime.datetime(2025, 2, 28, 18, 0, tzinfo=datetime.UTC)
    [annotated] = Article.objects.filter(pk=article.pk).with_review_interval()
    assert annotated.review_due_at() == datetime.datetime(2025, 2, 28, 10, 0, tzinfo=datetime.UTC)
    assert annotated.review_due_at() <= now  # the admin's row badge says "Overdue since Feb 28, 2025"
    assert article in Article.objects.review_overdue(now)  # ...but the "Overdue" filter leaves it out


def test_review_due_soon_at_month_end_with_a_one_month_topic(settings):
    settings.ARTICLE_REVIEW_NOTICE_DAYS = 0
    monthly = TopicFactory(review_interval_months=1)
    reviewed_at = datetime.datetime(2026, 1, 31, 9, 0, tzinfo=datetime.UTC)
    article = ArticleFactory(reviewed_at=reviewed_at, published_at=reviewed_at)
    article.topics.add(monthly)
    now = datetime.datetime(2026, 2, 28, 12, 0, tzinfo=datetime.UTC)
    [annotated] = Article.objects.filter(pk=article.pk).with_review_interval()
    assert annotated.review_due_at() == datetime.datetime(2026, 2, 28, 9, 0, tzinfo=datetime.UTC)
    assert article in Article.objects.review_due_soon(now)


# 5. Importer: two files with the same slug in one run; the second silently replaces the first.


def test_import_two_files_with_the_same_slug_is_refused(tmp_path, capsys):
    from django.core.management.base import CommandError

    ExpertFactory(name="Alice Author", slug="alice-author")
    text = "---\ntitle: {title}\nslug: same-slug\nauthor: alice-author\nlead: A lead.\n---\n\nBody of {title}.\n"
    (tmp_path / "a.md").write_text(text.format(title="First article"), encoding="utf-8")
    (tmp_path / "b.md").write_text(text.format(title="Second article"), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_articles", str(tmp_path))
    assert "its slug 'same-slug' is also that of" in capsys.readouterr().err
    assert not Article.objects.filter(slug="same-slug").exists()  # neither silently wins


def test_reimporting_later_does_not_record_a_review_that_did_not_happen(tmp_path, client):
    ExpertFactory(name="Alice Author", slug="alice-author")
    ExpertFactory(name="Rafael Reviewer", slug="rafael-reviewer")
    path = tmp_path / "article.md"
    path.write_text(
        "---\ntitle: Breathing exercises\nslug: breathing\nstatus: published\nauthor: alice-author\n"
        "reviewer: rafael-reviewer\npublished: 2025-01-10\nreviewed: 400 days ago\nlead: A lead.\n---\n\nBody.\n",
        encoding="utf-8",
    )
    first = timezone.make_aware(datetime.datetime(2026, 2, 14, 9, 0))
    import_article(path, now=first)
    reviewed_first = Article.objects.get(slug="breathing").reviewed_at
    # Six months later an editor fixes a typo in the body and imports the same file again.
    path.write_text(path.read_text().replace("Body.", "Body, fixed."), encoding="utf-8")
    import_article(path, now=first + datetime.timedelta(days=180))
    article = Article.objects.get(slug="breathing")
    assert article.reviewed_at == reviewed_first, (
        f"re-import moved 'last reviewed' from {reviewed_first:%Y-%m-%d} to {article.reviewed_at:%Y-%m-%d}"
    )


# 7. Table of contents: headings with &, < or > are shown HTML-escaped twice.


def test_table_of_contents_shows_headings_as_written(client):
    article = ArticleFactory(body="Intro.\n\n## Q&A: dose < 5 mg\n\nText.\n")
    html = client.get(article.get_absolute_url()).content.decode()
    toc = html.split('id="toc-title"', 1)[1].split("</nav>", 1)[0]
    assert "&amp;amp;" not in toc and "&amp;lt;" not in toc, toc


# 8. The reviewer's reminder lists a scheduled (not yet public) article, with a link that 404s.


def test_review_reminders_do_not_list_scheduled_articles(client, settings, smtp_sink):
    settings.EDITORS_EMAILS = []
    expert = ExpertFactory(email="rev@clinic.example")
    now = timezone.now()
    scheduled = ArticleFactory(
        reviewer=expert,
        title="Scheduled for next month",
        reviewed_at=add_months(now, -14),
        published_at=now + datetime.timedelta(days=30),
    )
    from articles import services

    public = ArticleFactory(reviewer=expert, title="Public and overdue", reviewed_at=add_months(now, -14))
    items = services.review_items(now=now)
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    assert scheduled not in [item.article for item in items]
    assert public in [item.article for item in items]  # the reminders still list what is due


# 9. Importer: a lead longer than the model's 400 characters is accepted (the admin form refuses it).


def test_import_refuses_a_lead_longer_than_the_model_allows(tmp_path):
    from articles.importer import ImportFailed

    ExpertFactory(name="Alice Author", slug="alice-author")
    path = tmp_path / "long-lead.md"
    path.write_text("---\ntitle: T\nauthor: alice-author\nlead: " + "x" * 900 + "\n---\n\nBody\n", encoding="utf-8")
    assert Article._meta.get_field("lead").max_length == 400
    with pytest.raises(ImportFailed):
        import_article(path)


# 10. Importer on PostgreSQL: a NUL byte in a front matter value crashes the command with a traceback.


def test_import_a_nul_byte_in_the_front_matter_is_reported_not_a_traceback(tmp_path, capsys):
    from django.core.management.base import CommandError

    ExpertFactory(name="Alice Author", slug="alice-author")
    (tmp_path / "a-bad.md").write_text(
        "---\ntitle: T\nauthor: alice-\x00author\nlead: l\n---\n\nBody\n", encoding="utf-8"
    )
    (tmp_path / "b-good.md").write_text(
        "---\ntitle: Good\nauthor: alice-author\nlead: l\n---\n\nBody\n", encoding="utf-8"
    )
    with pytest.raises(CommandError):
        call_command("import_articles", str(tmp_path))
    assert "a-bad.md: not imported." in capsys.readouterr().err
    assert Article.objects.filter(slug="b-good").exists()


def test_admin_expert_photo_upload_is_stripped_of_metadata(client, staff):
    client.force_login(staff)
    data = {"name": "Dr Gps", "slug": "dr-gps", "credentials": "", "short_bio": "", "bio": "", "email": ""}
    response = client.post("/admin/articles/expert/add/", {**data, "photo": jpeg_with_gps()})
    assert response.status_code == 302, response.content.decode()[:2000]
    from articles.models import Expert

    with Expert.objects.get(slug="dr-gps").photo.open("rb") as stored:
        assert b"PhoneMaker" not in stored.read()
