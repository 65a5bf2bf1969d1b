"""The articles' e-mails, one function per kind: review reminders for reviewers and editors."""

from django.conf import settings

from accounts.mail import queue_email, render_email


def send_review_reminder_email(*, expert, articles, kind):
    """To one reviewer: the articles they reviewed whose next review is due (`articles`: ReviewItems)."""
    subject, text, html = render_email("review_reminder", {"expert": expert, "articles": articles})
    return queue_email(to=expert.email, subject=subject, text=text, html=html, kind=kind)


def send_review_digest_email(*, to, articles, kind):
    """To one editor: every article due for review, with links to edit each."""
    subject, text, html = render_email(
        "review_digest", {"articles": articles, "notice_days": settings.ARTICLE_REVIEW_NOTICE_DAYS}
    )
    return queue_email(to=to, subject=subject, text=text, html=html, kind=kind)
