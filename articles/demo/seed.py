"""Demo experts, topics, articles and pages. `scale` N adds N × 100 synthetic articles; idempotent."""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from articles.models import Article, Expert, Page, Source, Topic

from . import content, images

SYNTHETIC_PER_SCALE = 100


def run(*, scale, stdout):
    now = timezone.now()
    with transaction.atomic():
        experts = {data["slug"]: seed_expert(data) for data in content.EXPERTS}
        topics = {data["slug"]: seed_topic(data) for data in content.TOPICS}
        for index, data in enumerate(content.ARTICLES):
            seed_article(data, index, experts, topics, now)
        for data in content.PAGES:
            Page.objects.update_or_create(slug=data["slug"], defaults={"title": data["title"], "body": data["body"]})
    created = seed_synthetic(scale, list(experts.values()), list(topics.values()), now) if scale else 0
    stdout.write(
        f"Articles: {len(experts)} experts, {len(topics)} topics, "
        f"{Article.objects.count()} articles ({created} synthetic added), {Page.objects.count()} pages."
    )


def seed_expert(data):
    expert, created = Expert.objects.get_or_create(
        slug=data["slug"],
        defaults={
            "name": data["name"],
            "credentials": data["credentials"],
            "short_bio": data["short_bio"],
            "bio": data["bio"],
        },
    )
    if created or not expert.photo:
        initials = "".join(part[0] for part in data["name"].split()[:2] if part)
        expert.photo.save("portrait.jpg", ContentFile(images.draw_portrait(initials, data["color"])), save=True)
    return expert


def seed_topic(data):
    topic, _ = Topic.objects.get_or_create(
        slug=data["slug"], defaults={"name": data["name"], "description": data["description"]}
    )
    return topic


def seed_article(data, index, experts, topics, now):
    published_at = now - datetime.timedelta(days=data["published_days_ago"])
    article, created = Article.objects.get_or_create(
        slug=data["slug"],
        defaults={
            "title": data["title"],
            "lead": data["lead"],
            "body": data["body"],
            "author": experts[data["author"]],
            "reviewer": experts[data["reviewer"]],
            "status": Article.Status.PUBLISHED,
            "published_at": published_at,
            "reviewed_at": now - datetime.timedelta(days=data["reviewed_days_ago"]),
            "hero_alt": data["hero"].get("alt", ""),
            "hero_caption": data["hero"]["caption"],
            "hero_credit": data["hero"]["credit"],
        },
    )
    if not created:
        return article
    article.topics.set([topics[slug] for slug in data["topics"]])
    Source.objects.bulk_create(
        Source(article=article, position=position, **source) for position, source in enumerate(data["sources"], 1)
    )
    article.hero_image.save("hero.jpg", ContentFile(images.draw_hero(data["hero"]["motif"], seed=index)), save=True)
    return article


def seed_synthetic(scale, experts, topics, now):
    """Bulk-insert plausible articles for benchmarks, reusing one demo body rendered once."""
    template = Article.objects.exclude(slug__startswith="synthetic-").order_by("pk").first()
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
