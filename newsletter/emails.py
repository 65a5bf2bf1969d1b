"""The newsletter's e-mails, one function per kind. Links are absolute (SITE_URL); no tracking."""

from urllib.parse import quote

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.mail import queue_email, render_email

from . import tokens


def absolute(path):
    return settings.SITE_URL + path


def send_confirmation_email(*, subscriber):
    """The double opt-in link; recorded in the outbox and sent once the sign-up commits."""
    confirm_url = absolute(reverse("newsletter:confirm", args=[tokens.make_token(subscriber.pk, tokens.CONFIRM)]))
    subject, text, html = render_email(
        "newsletter_confirm", {"confirm_url": confirm_url, "days": settings.NEWSLETTER_CONFIRM_DAYS}
    )
    return queue_email(
        to=subscriber.email, subject=subject, text=text, html=html, kind="newsletter_confirm", requested=True
    )


# Each distinct digest of a batch is rendered once with these markers, then patched per recipient.
NAME, UNSUBSCRIBE_URL, PREFERENCES_URL = "@@name@@", "@@unsubscribe-url@@", "@@preferences-url@@"


class DigestRenderer:
    """Renders one batch's digests: templates once per distinct content, signed links per recipient."""

    def __init__(self, *, frequency):
        self.frequency = frequency
        self.unsubscribe_url = absolute(reverse("newsletter:unsubscribe", args=["TOKEN"]))
        self.preferences_url = absolute(reverse("newsletter:preferences", args=["TOKEN"]))
        self.settings_url = absolute(reverse("email-settings"))
        self.home_url = absolute("/")
        self.rendered = {}

    def templates(self, *, sections, is_member, named):
        # Everything the templates show, so two recipients share a rendering only if it is identical.
        key = (
            is_member,
            named,
            tuple(
                (
                    section.key,
                    section.title,
                    section.more_path,
                    tuple((item.title, item.path, item.text, item.meta) for item in section.items),
                )
                for section in sections
            ),
        )
        if key not in self.rendered:
            context = {
                "name": NAME if named else "",
                "is_member": is_member,
                "frequency": self.frequency,
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
                "headline": sections[0].items[0].title if sections and sections[0].items else "",
                "more": sum(len(section.items) for section in sections) - 1,
                "unsubscribe_url": UNSUBSCRIBE_URL,
                "preferences_url": PREFERENCES_URL,
                "settings_url": self.settings_url,
                "home_url": self.home_url,
            }
            self.rendered[key] = render_email("digest", context)
        return self.rendered[key]

    def render(self, *, recipient, sections):
        """(subject, text, html, headers) for one recipient."""
        subject, text, html = self.templates(
            sections=sections, is_member=recipient.user_id is not None, named=bool(recipient.name)
        )
        unsubscribe_token = tokens.make_token(recipient.subscriber_id, tokens.UNSUBSCRIBE)
        unsubscribe_url = self.unsubscribe_url.replace("TOKEN", unsubscribe_token)
        preferences_url = self.preferences_url.replace(
            "TOKEN", tokens.make_token(recipient.subscriber_id, tokens.PREFERENCES)
        )
        # Signed tokens are URL-safe and need no escaping; the name does in HTML (it never holds "@").
        text = text.replace(UNSUBSCRIBE_URL, unsubscribe_url).replace(PREFERENCES_URL, preferences_url)
        html = html.replace(UNSUBSCRIBE_URL, unsubscribe_url).replace(PREFERENCES_URL, preferences_url)
        if recipient.name:
            text, html = text.replace(NAME, recipient.name), html.replace(NAME, escape(recipient.name))
        return subject, text, html, list_headers(unsubscribe_url, unsubscribe_token)

    def message(self, *, recipient, sections, connection=None):
        """One recipient's digest, ready to send over `connection`, with its fixed Message-ID."""
        subject, text, html, headers = self.render(recipient=recipient, sections=sections)
        message = EmailMultiAlternatives(
            subject=subject,
            body=text,
            to=[recipient.email],
            headers={**headers, "Message-ID": recipient.message_id},
            connection=connection,
        )
        message.attach_alternative(html, "text/html")
        return message


def list_headers(unsubscribe_url, token):
    """RFC 2369 / RFC 8058: one-click unsubscribe by POST to the https link, or by mail."""
    mailto = f"mailto:{settings.NEWSLETTER_UNSUBSCRIBE_MAILTO}?subject={quote('unsubscribe ' + token)}"
    return {
        "List-Unsubscribe": f"<{unsubscribe_url}>, <{mailto}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


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
    subject, text, html, headers = DigestRenderer(frequency=frequency).render(recipient=recipient, sections=sections)
    subject = f"[Test] {subject}"
    queue_email(to=user.email, subject=subject, text=text, html=html, headers=headers, kind="digest_test", member=user)
    return len(sections)
