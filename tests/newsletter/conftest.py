import datetime

import pytest
from django.utils import timezone

from accounts.models import DigestFrequency
from accounts.services import get_profile
from newsletter.models import Subscriber
from tests.factories import ArticleFactory, UserFactory, verify_email


def make_reader(email, frequency=DigestFrequency.DAILY, **extra):
    return Subscriber.objects.create(
        email=email, status=Subscriber.Status.ACTIVE, frequency=frequency, confirmed_at=timezone.now(), **extra
    )


def make_member_subscriber(display_name, frequency=DigestFrequency.DAILY, email=None):
    user = UserFactory(display_name=display_name, **({"email": email} if email else {}))
    verify_email(user)
    profile = get_profile(user)
    profile.digest_frequency = frequency
    profile.save()
    return Subscriber.objects.create(
        email=user.email, user=user, status=Subscriber.Status.ACTIVE, confirmed_at=timezone.now()
    )


def fresh_article(**extra):
    """Published an hour ago (unless said otherwise): new for any digest."""
    moment = timezone.now() - datetime.timedelta(hours=1)
    return ArticleFactory(**{"published_at": moment, "reviewed_at": moment, **extra})


@pytest.fixture
def reader(db):
    """Rita reads the articles and subscribed without an account."""
    return make_reader("rita@example.com")


class RefusingSink:
    """The SMTP sink, but addresses in `refuse` get `answer` at RCPT (a permanent 550 unless set)."""

    def __init__(self, sink):
        self.sink = sink
        self.refuse = set()
        self.refusals = []
        self.answer = "550 5.1.1 No such user here"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            self.refusals.append(address)
            return self.answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        return await self.sink.handle_DATA(server, session, envelope)


@pytest.fixture
def refusing_sink(smtp_sink, settings):
    """Like smtp_sink (same messages list), on its own port, refusing the addresses in `.refuse`."""
    from aiosmtpd.controller import Controller

    from tests.conftest import free_port

    handler = RefusingSink(smtp_sink)
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_PORT = port
    handler.to = smtp_sink.to
    handler.messages = smtp_sink.messages
    yield handler
    controller.stop()


def use_broker(url, *, eager):
    """Publish this process's tasks to `url` (eager: run them in-process instead)."""
    from config.celery import app

    app.conf.broker_url, app.conf.task_always_eager = url, eager
    app._pool = None  # connections to the previous broker are not reused
    app.amqp._producer_pool = None


@pytest.fixture
def broker_down():
    """Point Celery at a closed loopback port, as if Redis were down; calling it brings it back."""
    from config.celery import app
    from tests.conftest import free_port

    saved = app.conf.broker_url, app.conf.task_always_eager
    use_broker(f"redis://127.0.0.1:{free_port()}/0", eager=False)
    yield lambda: use_broker(saved[0], eager=saved[1])
    use_broker(saved[0], eager=saved[1])
