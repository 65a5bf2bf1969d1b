"""Demo subscriptions: the demo members (their address is confirmed) and two readers. Idempotent."""

from django.utils import timezone

from accounts.models import User
from newsletter.models import Subscriber
from newsletter.services import subscribe_member

DEMO_MEMBERS = ["maria", "james", "aiko", "dev", "rosa"]
READERS = [("reader.daily@kindred.example", "daily"), ("reader.weekly@kindred.example", "weekly")]


def run(*, scale, stdout):
    for user in User.objects.filter(email__in=[f"{name}@kindred.example" for name in DEMO_MEMBERS]):
        subscribe_member(user=user, page="seed_demo")
    for email, frequency in READERS:
        Subscriber.objects.get_or_create(
            email=email,
            defaults={
                "status": Subscriber.Status.ACTIVE,
                "frequency": frequency,
                "confirmed_at": timezone.now(),
                "consent_at": timezone.now(),
                "consent_page": "seed_demo",
                "consent_version": "demo",
            },
        )
    stdout.write(f"Newsletter: {Subscriber.objects.active().count()} active subscribers.")
