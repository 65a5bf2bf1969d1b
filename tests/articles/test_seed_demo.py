from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from articles.models import Article, Expert, Page, Topic

pytestmark = pytest.mark.django_db


def test_seed_demo_loads_content_and_is_idempotent(client):
    call_command("seed_demo")
    counts = (Expert.objects.count(), Topic.objects.count(), Article.objects.count(), Page.objects.count())
    assert counts[0] >= 3 and counts[1] >= 4 and counts[2] >= 8 and counts[3] == 4
    assert all(article.hero_image and article.hero_credit for article in Article.objects.all())
    assert all(expert.photo for expert in Expert.objects.all())
    call_command("seed_demo")
    assert (Expert.objects.count(), Topic.objects.count(), Article.objects.count(), Page.objects.count()) == counts

    for article in Article.objects.published():
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        assert response.content.count(b"Medically reviewed by") == 1
        hero = client.get(article.hero_image.url)
        assert hero.status_code == 200
    for page in Page.objects.all():
        assert client.get(page.get_absolute_url()).status_code == 200


def test_seed_demo_scale_adds_synthetic_volume_once():
    call_command("seed_demo", scale=1)
    total = Article.objects.count()
    assert Article.objects.filter(slug__startswith="synthetic-").count() == 100
    call_command("seed_demo", scale=1)
    assert Article.objects.count() == total


def test_seed_demo_loads_every_file_in_the_demo_folder():
    call_command("seed_demo")

    demo = settings.BASE_DIR / "demo"
    for folder, model in (("articles", Article), ("experts", Expert), ("topics", Topic), ("pages", Page)):
        files = sorted(path.stem for path in (demo / folder).glob("*.md"))
        assert files, folder
        assert sorted(model.objects.values_list("slug", flat=True)) == files
    # Demo articles say `status: published`; the importer alone would leave them drafts.
    assert Article.objects.published().count() == Article.objects.count()


def test_seed_demo_run_again_changes_nothing():
    call_command("seed_demo")
    saved = {model: dict(model.objects.values_list("slug", "updated_at")) for model in (Article, Expert, Page)}
    pictures = sorted(Path(settings.MEDIA_ROOT).rglob("*.jpg"))

    call_command("seed_demo")

    assert {model: dict(model.objects.values_list("slug", "updated_at")) for model in (Article, Expert, Page)} == saved
    assert sorted(Path(settings.MEDIA_ROOT).rglob("*.jpg")) == pictures
