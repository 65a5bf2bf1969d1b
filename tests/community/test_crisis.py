"""A member whose words may mean a risk of self-harm: their words publish, they see help at once,
moderators get an urgent queue entry and an e-mail that never quotes them."""

import pytest
from django.contrib.auth.models import Group

from accounts.services import get_profile
from community.crisis_seed import seed_crisis_support
from community.models import Comment, CrisisResource, Report, WarningPhrase
from community.services import moderator_emails
from tests.community.factories import AnswerFactory, CommentFactory, PostFactory, QuestionFactory
from tests.conftest import link_in
from tests.factories import UserFactory, verify_email

pytestmark = pytest.mark.django_db

WORDS = "Honestly some nights I just want to end my life. Nobody would notice."


@pytest.fixture(autouse=True)
def crisis_data(settings):
    settings.MODERATOR_EMAILS = ["oncall@kindred.example"]
    seed_crisis_support(WarningPhrase, CrisisResource)


@pytest.fixture
def alice_in_leeds(alice):
    profile = get_profile(alice)
    profile.region = "Leeds, UK"
    profile.save()
    return alice


def test_a_matching_update_publishes_and_its_author_sees_help_for_their_region(
    alice_in_leeds, alice_client, bob_client, smtp_sink
):
    response = alice_client.post("/activities/", {"text": WORDS}, follow=True)
    page = response.content.decode()
    assert "You don't have to go through this alone" in page
    assert 'aria-labelledby="crisis-panel-title"' in page
    assert "Samaritans" in page and "116 123" in page  # the UK's helpline
    assert "988 Suicide &amp; Crisis Lifeline" not in page  # not the US one
    assert "Find A Helpline" in page  # and the international one
    assert "want to end my life" in bob_client.get("/activities/").content.decode()  # published

    report = Report.objects.get()
    assert report.urgent and report.reporter is None and report.status == "open"
    assert report.reason == "possible risk of self-harm" and report.post.text == WORDS

    [email] = smtp_sink.to("oncall@kindred.example")
    body = smtp_sink.text(email) + email.get_body(preferencelist=("html",)).get_content() + email["Subject"]
    assert link_in(body, "/admin/community/report/") == f"/admin/community/report/{report.pk}/change/"
    assert "end my life" not in body and "Nobody would notice" not in body and "Alice" not in body

    # Once: the next page is an ordinary page again.
    assert "crisis-panel-title" not in alice_client.get("/activities/").content.decode()


def test_without_a_known_region_the_author_sees_the_international_helplines(alice, alice_client):
    page = alice_client.post("/activities/", {"text": WORDS}, follow=True).content.decode()
    assert "crisis-panel-title" in page and "Find A Helpline" in page and "Samaritans" not in page


def test_ordinary_words_raise_nothing(alice_in_leeds, alice_client, smtp_sink):
    page = alice_client.post("/activities/", {"text": "Killing time before my scan."}, follow=True)
    assert "crisis-panel-title" not in page.content.decode()
    assert not Report.objects.exists() and smtp_sink.to("oncall@kindred.example") == []


@pytest.mark.parametrize(
    "make_request",
    [
        pytest.param(lambda c, alice: c.post(f"/activities/{PostFactory().pk}/", {"text": WORDS}), id="comment"),
        pytest.param(lambda c, alice: c.post("/questions/ask/", {"title": WORDS, "details": ""}), id="question"),
        pytest.param(lambda c, alice: c.post(f"/questions/{QuestionFactory().pk}/", {"text": WORDS}), id="answer"),
        pytest.param(
            lambda c, alice: c.post(f"/activities/{PostFactory(author=alice).pk}/edit/", {"text": WORDS}),
            id="update edited",
        ),
        pytest.param(
            lambda c, alice: c.post(f"/comments/{CommentFactory(author=alice).pk}/edit/", {"text": WORDS}),
            id="comment edited",
        ),
        pytest.param(
            lambda c, alice: c.post(f"/answers/{AnswerFactory(author=alice).pk}/edit/", {"text": WORDS}),
            id="answer edited",
        ),
        pytest.param(
            lambda c, alice: c.post(
                f"/questions/{QuestionFactory(author=alice).pk}/edit/", {"title": "Nights", "details": WORDS}
            ),
            id="question edited",
        ),
    ],
)
def test_comments_questions_answers_and_edits_are_screened_too(make_request, alice_in_leeds, alice_client, smtp_sink):
    response = make_request(alice_client, alice_in_leeds)
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert "Samaritans" in alice_client.get(response["Location"]).content.decode()
    report = Report.objects.get()
    assert report.urgent and report.target.author == alice_in_leeds
    assert len(smtp_sink.to("oncall@kindred.example")) == 1


def test_an_article_comment_is_screened(alice, alice_client, article, smtp_sink):
    alice_client.post(f"/comments/article/{article.pk}/", {"text": WORDS})
    assert Report.objects.get(urgent=True).comment == Comment.objects.get()
    assert len(smtp_sink.to("oncall@kindred.example")) == 1


def test_editing_again_while_the_urgent_report_is_open_adds_no_second_one(alice, alice_client, smtp_sink):
    alice_client.post("/activities/", {"text": WORDS})
    post = Report.objects.get().post
    alice_client.post(f"/activities/{post.pk}/edit/", {"text": WORDS + " Sorry."})
    assert Report.objects.count() == 1
    assert len(smtp_sink.to("oncall@kindred.example")) == 1


def test_moderators_are_the_listed_addresses_and_staff_in_the_group(settings, staff):
    group = Group.objects.create(name="Moderators")
    moderator = UserFactory(email="mod@kindred.example", is_staff=True)
    moderator.groups.add(group)
    UserFactory(email="former@kindred.example", is_staff=True, is_active=False).groups.add(group)
    UserFactory(email="member@kindred.example").groups.add(group)  # not staff
    assert moderator_emails() == ["mod@kindred.example", "oncall@kindred.example"]
    settings.MODERATOR_EMAILS = []
    group.user_set.clear()
    assert moderator_emails() == [staff.email]  # never nobody: the superusers


def test_the_queue_puts_open_urgent_reports_first_and_records_the_review(client, staff, alice, bob, smtp_sink):
    reported = PostFactory(author=alice, text="An ordinary update someone reported")
    alice_client = client.__class__()
    alice_client.force_login(verify_email(alice))
    alice_client.post("/activities/", {"text": WORDS})  # urgent, and older than the member's report
    Report.objects.create(reporter=bob, post=reported, reason="I don't like it")
    urgent = Report.objects.get(urgent=True)

    client.force_login(staff)
    queue = client.get("/admin/community/report/").content.decode()
    assert "URGENT" in queue
    assert queue.index("URGENT") < queue.index("An ordinary update someone reported")
    assert queue.index(f"/admin/community/report/{urgent.pk}/change/") < queue.index("I don&#x27;t like it")
    assert "Kindred (warning phrase)" in queue

    response = client.post(
        "/admin/community/report/", {"action": "mark_contacted", "_selected_action": [urgent.pk]}, follow=True
    )
    assert "1 urgent report(s) marked “Contacted the member”" in response.content.decode()
    urgent.refresh_from_db()
    assert urgent.status == "contacted" and urgent.handled_by == staff and urgent.handled_at is not None

    other = Report.objects.get(urgent=False)
    client.post("/admin/community/report/", {"action": "mark_no_risk", "_selected_action": [other.pk]})
    other.refresh_from_db()
    assert other.status == "open"  # only urgent reports are reviewed this way


def test_a_urgent_report_marked_no_risk_records_who_and_when(client, staff, alice, smtp_sink):
    report = Report.objects.create(urgent=True, reason=Report.URGENT_REASON, post=PostFactory(author=alice))
    client.force_login(staff)
    client.post("/admin/community/report/", {"action": "mark_no_risk", "_selected_action": [report.pk]})
    report.refresh_from_db()
    assert report.get_status_display() == "Reviewed, no risk" and report.handled_by == staff


def test_anyone_finds_the_crisis_page_from_the_footer(client):
    home = client.get("/").content.decode()
    assert '<a href="/help/crisis/">Need help now?</a>' in home
    page = client.get("/help/crisis/").content.decode()
    for expected in ["International", "Find A Helpline", "United Kingdom", "116 123", "United States", "988"]:
        assert expected in page, expected
    assert "PLACEHOLDER" not in page  # not filled in yet: not shown
    assert 'href="tel:116123"' in page


def test_staff_edit_the_resources_in_the_admin(client, staff):
    client.force_login(staff)
    assert client.get("/admin/community/crisisresource/").status_code == 200
    assert "PLACEHOLDER" in client.get("/admin/community/crisisresource/").content.decode()
    assert client.get("/admin/community/warningphrase/").status_code == 200


@pytest.mark.parametrize("action", ["dismiss", "suspend_author", "hide_content"])
def test_member_report_actions_leave_an_urgent_report_open_and_its_author_unharmed(client, staff, alice, action):
    post = PostFactory(author=alice, text="Words a phrase matched")
    report = Report.objects.create(urgent=True, reason=Report.URGENT_REASON, post=post)
    client.force_login(staff)
    response = client.post("/admin/community/report/", {"action": action, "_selected_action": [report.pk]}, follow=True)
    assert "urgent report(s) left open" in response.content.decode()
    report.refresh_from_db()
    alice.refresh_from_db()
    post.refresh_from_db()
    assert report.status == "open" and not alice.is_suspended and post.status == "visible"
