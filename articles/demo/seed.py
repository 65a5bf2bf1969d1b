"""Demo experts, topics, articles and pages from the files in the top-level `demo/` folder.

Articles go through the same importer as a staff member's `import_articles`; experts, topics and
pages are read with its front-matter parser. Each is created or brought up to date by slug, and an
unchanged file writes nothing, so running this again is safe. `scale` N adds N × 100 synthetic
articles for benchmarks.
"""

import datetime

from django.conf import settings
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from articles.importer import ImportFailed, image_differs, import_article, read_document, read_image
from articles.models import Article, Expert, Page, Topic

DEMO_DIR = settings.BASE_DIR / "demo"
SYNTHETIC_PER_SCALE = 100


def run(*, scale, stdout):
    now = timezone.now()
    try:
        with transaction.atomic():
            experts = [seed_expert(path) for path in demo_files("experts")]
            topics = [seed_topic(path) for path in demo_files("topics")]
            articles = [import_article(path, now=now).article for path in demo_files("articles")]
            pages = [seed_page(path) for path in demo_files("pages")]
    except ImportFailed as exc:
        raise CommandError(f"Demo content not loaded: {exc}") from exc
    created = seed_synthetic(scale, experts, topics, now) if scale else 0
    stdout.write(
        f"Articles: {len(experts)} experts, {len(topics)} topics, {len(articles)} demo articles, "
        f"{Article.objects.count()} in all ({created} synthetic added), {len(pages)} pages."
    )


def demo_files(folder):
    return sorted((DEMO_DIR / folder).glob("*.md"))


def read_demo(path, *keys):
    meta, body = read_document(path)
    missing = [key for key in keys if not meta.get(key)]
    if missing:
        raise ImportFailed(path, f"{', '.join(missing)} missing")
    return meta, body


def seed_expert(path):
    meta, bio = read_demo(path, "slug", "name")
    problems = []
    photo = read_image(path, meta["photo"], problems, "photo") if meta.get("photo") else None
    if problems:
        raise ImportFailed(path, problems)
    values = {
        "name": meta["name"],
        "credentials": meta.get("credentials", ""),
        "short_bio": meta.get("short_bio", ""),
        "bio": bio,
    }
    return save_changed(Expert, meta["slug"], values, photo=photo)


def seed_topic(path):
    meta, description = read_demo(path, "slug", "name")
    return save_changed(Topic, meta["slug"], {"name": meta["name"], "description": description.strip()})


def seed_page(path):
    meta, body = read_demo(path, "slug", "title")
    return save_changed(Page, meta["slug"], {"title": meta["title"], "body": body})


def save_changed(model, slug, values, *, photo=None):
    """The row with this slug, created, or saved only where `values` (or the photo) differ: seeding
    again writes nothing, so the cached public pages stay."""
    row = model.objects.filter(slug=slug).first() or model(slug=slug)
    photo_changed = photo is not None and image_differs(row.photo, photo)
    if row.pk and not photo_changed and all(getattr(row, key) == value for key, value in values.items()):
        return row
    for key, value in values.items():
        setattr(row, key, value)
    if photo_changed:
        row.photo.save(f"{slug}.jpg", photo, save=False)
    row.save()
    return row


def seed_synthetic(scale, experts, topics, now):
    """Bulk-insert plausible articles for benchmarks, reusing one demo body rendered once."""
    # The oldest demo article, whichever order the files are read in.
    template = Article.objects.published().exclude(slug__startswith="synthetic-").order_by("published_at", "pk").first()
    existing = set(Article.objects.filter(slug__startswith="synthetic-").values_list("slug", flat=True))
    wanted = [f"synthetic-{number:06d}" for number in range(scale * SYNTHETIC_PER_SCALE)]
    new = []
    for number, slug in enumerate(wanted):
        if slug in existing:
            continue
        new.append(
            Article(
                slug=slug,
                title=f"{template.title} (sample {number})",
                lead=template.lead,
                body=template.body,
                body_html=template.body_html,
                toc=template.toc,
                hero_image=template.hero_image.name,
                hero_alt=template.hero_alt,
                hero_caption=template.hero_caption,
                hero_credit=template.hero_credit,
                author=experts[number % len(experts)],
                reviewer=experts[(number + 1) % len(experts)],
                status=Article.Status.PUBLISHED,
                published_at=now - datetime.timedelta(days=30 + number % 900, minutes=number),
                reviewed_at=now - datetime.timedelta(days=20),
            )
        )
    with transaction.atomic():
        created = Article.objects.bulk_create(new, batch_size=500)
        Through = Article.topics.through
        Through.objects.bulk_create(
            [Through(article_id=article.pk, topic_id=topics[i % len(topics)].pk) for i, article in enumerate(created)],
            batch_size=1000,
        )
    return len(created)
