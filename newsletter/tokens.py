"""Signed links in e-mails: confirm, unsubscribe, preferences. Each purpose has its own salt, so a
token for one cannot be used for another; tampered or expired tokens raise BadToken."""

from datetime import timedelta

from django.conf import settings
from django.core import signing

from .models import Subscriber

CONFIRM, UNSUBSCRIBE, PREFERENCES = "confirm", "unsubscribe", "preferences"


class BadToken(Exception):
    def __init__(self, expired=False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def max_age(purpose):
    days = settings.NEWSLETTER_CONFIRM_DAYS if purpose == CONFIRM else settings.NEWSLETTER_LINK_DAYS
    return timedelta(days=days)


def make_token(subscriber_id, purpose):
    return signing.dumps(subscriber_id, salt=f"newsletter.{purpose}")


def read_token(token, purpose):
    """The subscriber a token names; BadToken if it was altered, has expired or names nobody."""
    try:
        subscriber_id = signing.loads(token, salt=f"newsletter.{purpose}", max_age=max_age(purpose))
    except signing.SignatureExpired as exc:
        raise BadToken(expired=True) from exc
    except signing.BadSignature as exc:
        raise BadToken() from exc
    subscriber = Subscriber.objects.select_related("user__profile").filter(pk=subscriber_id).first()
    if subscriber is None:
        raise BadToken()
    return subscriber
