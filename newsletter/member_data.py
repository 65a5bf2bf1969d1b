"""The newsletter's part of a member's data: their subscription, consent record and deliveries."""

from django.db.models import Q
from django.db.models.functions import Lower

from accounts.member_data import iso, member_addresses

from .models import Delivery, Subscriber
from .services import erase_subscriptions


def export_subscription(user):
    addresses = {address.lower() for address in member_addresses(user)}
    subscribers = Subscriber.objects.annotate(email_lower=Lower("email")).filter(
        Q(email_lower__in=addresses) | Q(user=user)
    )
    return [
        {
            "email": subscriber.email,
            "status": subscriber.status,
            "frequency": subscriber.frequency if not subscriber.user_id else "see profile.digest_frequency",
            "bounce_count": subscriber.bounce_count,
            "created_at": iso(subscriber.created_at),
            "confirmed_at": iso(subscriber.confirmed_at),
            "unsubscribed_at": iso(subscriber.unsubscribed_at),
            "consent": {
                "at": iso(subscriber.consent_at),
                "page": subscriber.consent_page,
                "wording_version": subscriber.consent_version,
            },
            "digests": [
                {"run": str(delivery.run), "status": delivery.status, "sent_at": iso(delivery.sent_at)}
                for delivery in Delivery.objects.filter(subscriber=subscriber).select_related("run")
            ],
        }
        for subscriber in subscribers
    ]


def erase_subscription(user):
    erase_subscriptions(addresses=member_addresses(user), user=user)
