import datetime

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from accounts.models import User
from articles.models import Article, Expert, Source, Topic

PASSWORD = "a long enough password"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"member{n}@example.com")
    display_name = factory.Sequence(lambda n: f"Member {n}")
    password = factory.django.Password(PASSWORD)


def verify_email(user):
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    return user


# allauth's TOTP reads the clock (time.time() in allauth.mfa.totp.internal.auth); tests/conftest.py
# freezes it at this moment for every test, so that a code made here is checked in the same 30-second
# window, however long the page takes to answer (a run failed when the window ended in between).
TOTP_NOW = 1_893_456_000  # 2030-01-01, UTC


def totp_code(secret):
    """The code an authenticator app shows for `secret` at TOTP_NOW."""
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, TOTP_NOW // app_settings.TOTP_PERIOD))


def enable_totp(user):
    """Give `user` a TOTP authenticator; returns its secret, to compute codes from."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expert

    name = factory.Sequence(lambda n: f"Expert {n}")
    slug = factory.Sequence(lambda n: f"expert-{n}")
    credentials = "M.D."
    short_bio = "A specialist in thoracic oncology."
    bio = "Has cared for people with lung cancer for many years."


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")
    description = "Articles on one part of living with the condition."


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published, reviewed article by default; pass status=... for the others."""

    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Living well with treatment, part {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    lead = "What to expect, and what can help."
    body = "An opening paragraph.\n\n## What it is\n\nSome words.\n\n## What helps\n\n- Rest\n- Good food\n"
    author = factory.SubFactory(ExpertFactory)
    reviewer = factory.SubFactory(ExpertFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=3))
    reviewed_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=3))


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    article = factory.SubFactory(ArticleFactory)
    title = factory.Sequence(lambda n: f"A study of things, number {n}")
    publisher = "National Cancer Institute"
    url = "https://www.cancer.gov/types/lung"
    year = 2024
