"""The newsletter's e-mails, one function per kind. Links are absolute (SITE_URL); no tracking."""

from urllib.parse import quote

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone

from accounts.mail import queue_email

from . import tokens


def absolute(path):
    return settings.SITE_URL + path


def render_email(name, context):
    """(subject, text, html) from templates/emails/<name>.subject.txt|.txt|.html."""
    context = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, **context}
    subject = " ".join(get_template(f"emails/{name}.subject.txt").render(context).split())
    return (
        subject,
        get_template(f"emails/{name}.txt").render(context),
        get_template(f"emails/{name}.html").render(context),
    )


def send_confirmation_email(*, subscriber):
    """The double opt-in link; recorded in the outbox and sent once the sign-up commits."""
    confirm_url = absolute(reverse("newsletter:confirm", args=[tokens.make_token(subscriber.pk, tokens.CONFIRM)]))
    subject, text, html = render_email(
        "newsletter_confirm", {"confirm_url": confirm_url, "days": settings.NEWSLETTER_CONFIRM_DAYS}
    )
    return queue_email(to=subscriber.email, subject=subject, text=text, html=html, kind="newsletter_confirm")


def list_headers(subscriber_id):
    """RFC 2369 / RFC 8058: one-click unsubscribe by POST to the https link, or by mail."""
    token = tokens.make_token(subscriber_id, tokens.UNSUBSCRIBE)
    url = absolute(reverse("newsletter:unsubscribe", args=[token]))
    mailto = f"mailto:{settings.NEWSLETTER_UNSUBSCRIBE_MAILTO}?subject={quote('unsubscribe ' + token)}"
    return url, {"List-Unsubscribe": f"<{url}>, <{mailto}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def digest_context(*, recipient, sections, frequency):
    unsubscribe_url, headers = list_headers(recipient.subscriber_id)
    preferences_url = absolute(
        reverse("newsletter:preferences", args=[tokens.make_token(recipient.subscriber_id, tokens.PREFERENCES)])
    )
    context = {
        "name": recipient.name,
        "is_member": recipient.user_id is not None,
        "frequency": frequency,
        "sections": [
            {
                "title": section.title,
                "items": [
                    {"title": item.title, "url": absolute(item.path), "text": item.text, "meta": item.meta}
                    for item in section.items
                ],
                "more_url": absolute(section.more_path) if section.more_path else "",
                "more_label": section.more_label,
            }
            for section in sections
        ],
        "unsubscribe_url": unsubscribe_url,
        "preferences_url": preferences_url,
        "settings_url": absolute(reverse("email-settings")),
        "home_url": absolute("/"),
    }
    return context, headers


def digest_message(*, recipient, sections, run, connection=None):
    """One recipient's digest, ready to send over `connection`, with its fixed Message-ID."""
    context, headers = digest_context(recipient=recipient, sections=sections, frequency=run.frequency)
    subject, text, html = render_email("digest", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[recipient.email],
        headers={**headers, "Message-ID": recipient.message_id},
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message


def send_test_digest(*, user, frequency="weekly"):
    """Staff see this week's digest as a member would, through the outbox; links point at their settings.

    Returns the number of sections (0: nothing new this week, and nothing is sent).
    """
    from datetime import timedelta

    from . import digest
    from .models import Subscriber

    subscriber = Subscriber.objects.filter(user=user).first()
    recipient = digest.Recipient(
        delivery_id=0,
        subscriber_id=subscriber.pk if subscriber else 0,
        email=user.email,
        user_id=user.pk,
        name=user.display_name,
        since=timezone.now() - timedelta(days=7),
    )
    sections = digest.compose([recipient], until=timezone.now())[0]
    if not sections:
        return 0
    context, headers = digest_context(recipient=recipient, sections=sections, frequency=frequency)
    subject, text, html = render_email("digest", context)
    queue_email(to=user.email, subject=f"[Test] {subject}", text=text, html=html, headers=headers, kind="digest_test")
    return len(sections)
