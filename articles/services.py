"""Articles' writes with side effects, as `verb_noun(*, ...)` functions."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import OutgoingEmail

from . import emails
from .models import Article


@dataclass
class ReviewItem:
    article: Article
    due_at: datetime
    overdue: bool
    public_url: str
    admin_url: str


def review_items(*, now):
    """Every published article due for review within the notice period, oldest due first."""
    articles = Article.objects.review_due_soon(now).select_related("reviewer")
    items = [
        ReviewItem(
            article=article,
            due_at=article.review_due_at(),
            overdue=article.review_due_at() <= now,
            public_url=settings.SITE_URL + article.get_absolute_url(),
            admin_url=settings.SITE_URL + reverse("admin:articles_article_change", args=[article.pk]),
        )
        for article in articles
    ]
    return sorted(items, key=lambda item: (item.due_at, item.article.pk))


def send_review_reminders(*, now=None):
    """This week's reminders: one e-mail per reviewer with an address, and the list for each editor.

    Safe to run twice: the week is part of each e-mail's recorded kind, and an address that already
    has this week's e-mail in the outbox is skipped. Returns how many e-mails were queued.
    """
    now = now or timezone.now()
    year, week, _ = now.isocalendar()
    period = f"{year}-W{week:02d}"
    items = review_items(now=now)
    if not items:
        return 0
    by_reviewer = {}
    for item in items:
        reviewer = item.article.reviewer
        if reviewer is not None and reviewer.email:
            by_reviewer.setdefault(reviewer.pk, (reviewer, []))[1].append(item)
    reminder_kind, digest_kind = f"review_reminder:{period}", f"review_digest:{period}"
    queued = 0
    with transaction.atomic():
        already = {
            (kind, address.lower())
            for kind, address in OutgoingEmail.objects.filter(kind__in=[reminder_kind, digest_kind]).values_list(
                "kind", "to_email"
            )
        }
        for reviewer, reviewer_items in by_reviewer.values():
            if (reminder_kind, reviewer.email.lower()) not in already:
                emails.send_review_reminder_email(expert=reviewer, articles=reviewer_items, kind=reminder_kind)
                queued += 1
        for address in settings.EDITORS_EMAILS:
            if (digest_kind, address.lower()) not in already:
                emails.send_review_digest_email(to=address, articles=items, kind=digest_kind)
                queued += 1
    return queued
