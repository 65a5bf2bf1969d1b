"""The community's sections of a member's digest, read from real messages in the SMTP sink."""

import pytest
from django.conf import settings

from accounts.services import get_profile
from community import services
from tests.community.factories import PostFactory, QuestionFactory
from tests.factories import UserFactory
from tests.newsletter.conftest import fresh_article, make_member_subscriber, make_reader
from tests.newsletter.test_digest import links, run_digest

pytestmark = pytest.mark.django_db


def test_members_get_community_sections_and_readers_do_not(client, smtp_sink):
    maya = make_member_subscriber("Maya", email="maya@example.com").user
    make_reader("rita@example.com")
    others = UserFactory.create_batch(3)
    loved = PostFactory(author=others[0], text="Rang the bell today after my last radiation session!")
    for member in others[1:]:
        services.toggle_hug(user=member, target=loved)
    question = services.ask_question(author=maya, title="Does anyone else get night sweats?", details="")
    services.answer_question(author=others[1], question=question, text="Yes, a fan by the bed helps.")
    QuestionFactory(author=others[2], title="Best snacks for chemo days?")
    profile = get_profile(maya)
    profile.notification_emails = "digest"
    profile.save()
    services.toggle_team(user=others[2], member=maya)

    run_digest()

    [message] = smtp_sink.to("maya@example.com")
    text = smtp_sink.text(message)
    html = message.get_body(preferencelist=("html",)).get_content()
    for part in (text, html):
        assert "most hugged updates" in part.lower() and "Rang the bell today" in part
        assert "new answers to your questions" in part.lower() and "Does anyone else get night sweats?" in part
        assert "questions waiting for an answer" in part.lower() and "Best snacks for chemo days?" in part
        assert "your notifications" in part.lower() and "added you to their team" in part
    client.force_login(maya)
    for url in links(message):
        assert url.startswith(settings.SITE_URL + "/"), url
        assert client.get(url[len(settings.SITE_URL) :]).status_code == 200, url
    # A reader without an account has nothing new (no articles): no e-mail at all.
    assert smtp_sink.to("rita@example.com") == []


def test_immediate_notifications_are_not_repeated_in_the_digest(smtp_sink):
    maya = make_member_subscriber("Maya", email="maya@example.com").user
    fresh_article(title="Sleep and fatigue")  # so there is a digest
    services.toggle_team(user=UserFactory(), member=maya)  # e-mailed right away, by default
    run_digest()
    digests = [m for m in smtp_sink.to("maya@example.com") if m["List-Unsubscribe"]]
    assert len(digests) == 1
    text = smtp_sink.text(digests[0])
    assert "Sleep and fatigue" in text and "your notifications" not in text.lower()
