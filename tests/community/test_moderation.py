import pytest

from community.models import Answer, Comment, Post, Question, Report
from tests.community.factories import ArticleCommentFactory, CommentFactory, PostFactory, QuestionFactory
from tests.factories import ArticleFactory
from tests.tokens import without_tokens

pytestmark = pytest.mark.django_db


def test_member_reports_and_staff_hide_with_a_listed_reason_the_author_sees_never_the_report(
    staff, alice, alice_client, bob_client, smtp_sink
):
    post = PostFactory(author=alice, text="Miracle cure, buy now")
    response = bob_client.post(f"/report/post/{post.pk}/", {"reason": "Bob here: selling a cure at the market"})
    assert response.status_code == 302
    report = Report.objects.get()
    client = alice_client.__class__()
    client.force_login(staff)
    queue = client.get("/admin/community/report/").content.decode()
    assert "Miracle cure, buy now" in queue and "Bob here: selling a cure at the market" in queue
    detail = client.get(f"/admin/community/report/{report.pk}/change/").content.decode()
    assert "Open it where members see it" in detail

    # The action asks for a reason from the list (and an optional note) before hiding anything.
    choose = client.post("/admin/community/report/", {"action": "hide_content", "_selected_action": [report.pk]})
    assert "Medical misinformation" in choose.content.decode() and "Spam or advertising" in choose.content.decode()
    assert Post.objects.get().status == "visible"
    client.post(
        "/admin/community/report/",
        {
            "action": "hide_content",
            "_selected_action": [report.pk],
            "apply": "1",
            "reason": "spam",
            "note": "Please don't advertise products here.",
        },
    )
    report.refresh_from_db()
    assert report.status == "hidden" and report.handled_by == staff

    assert "Miracle cure" not in bob_client.get("/activities/").content.decode()
    assert bob_client.get(f"/activities/{post.pk}/").status_code == 404
    for url in [f"/activities/{post.pk}/", "/activities/", f"/members/{alice.pk}/", "/notifications/"]:
        own = without_tokens(alice_client.get(url).content.decode())
        assert "selling a cure" not in own and "Bob" not in own, url
    own = alice_client.get(f"/activities/{post.pk}/").content.decode()
    assert "Hidden by our moderators: Spam or advertising. Please don&#x27;t advertise products here." in own
    assert "Miracle cure" in client.get("/activities/").content.decode()  # staff still see it
    for message in smtp_sink.to(alice.email):  # whatever reached her inbox
        assert "selling a cure" not in message.as_string()


def test_hiding_needs_a_reason_from_the_list(client, staff, alice, bob):
    report = Report.objects.create(reporter=bob, post=PostFactory(author=alice), reason="Rude")
    client.force_login(staff)
    page = client.post(
        "/admin/community/report/",
        {"action": "hide_content", "_selected_action": [report.pk], "apply": "1", "reason": "Rude"},
    )
    assert "Select a valid choice" in page.content.decode()
    report.refresh_from_db()
    assert report.status == "open" and report.post.status == "visible"


def test_a_hidden_update_is_gone_from_search_and_a_hidden_comment_from_the_article_page(alice, bob_client):
    PostFactory(author=alice, text="Unique zebra words", status="hidden")
    body = bob_client.get("/search/", {"q": "zebra"}).content.decode()
    assert "Unique zebra words" not in body
    article = ArticleFactory(slug="hidden-comments")
    ArticleCommentFactory(article=article, author=alice, text="A hidden remark", status="hidden")
    ArticleCommentFactory(article=article, author=alice, text="A visible remark")
    page = bob_client.get("/resources/hidden-comments/").content.decode()
    assert "A visible remark" in page and "A hidden remark" not in page


def test_dismissing_a_report_leaves_the_content(client, staff, alice, bob):
    post = PostFactory(author=alice, text="Fine content")
    report = Report.objects.create(reporter=bob, post=post, reason="I disagree")
    client.force_login(staff)
    client.post("/admin/community/report/", {"action": "dismiss", "_selected_action": [report.pk]})
    post.refresh_from_db()
    report.refresh_from_db()
    assert post.status == "visible" and report.status == "dismissed"


def test_suspending_an_author_from_the_queue_hides_all_their_content(client, staff, alice, bob):
    post = PostFactory(author=alice)
    comment = CommentFactory(author=alice)
    question = QuestionFactory(author=alice)
    report = Report.objects.create(reporter=bob, post=post, reason="Spam everywhere")
    client.force_login(staff)
    client.post("/admin/community/report/", {"action": "suspend_author", "_selected_action": [report.pk]})
    alice.refresh_from_db()
    assert alice.is_suspended
    for thing in (post, comment, question):
        thing.refresh_from_db()
        assert thing.status == "hidden"


def test_first_update_is_held_for_review_when_the_setting_is_on(settings, alice_client, bob_client, staff):
    settings.COMMUNITY_HOLD_FIRST_POST = True
    alice_client.post("/activities/", {"text": "My very first update"})
    assert "My very first update" not in bob_client.get("/activities/").content.decode()
    assert "Waiting for a moderator" in alice_client.get("/activities/").content.decode()
    from community.models import Post

    post = Post.objects.get()
    staff_client = alice_client.__class__()
    staff_client.force_login(staff)
    staff_client.post("/admin/community/post/", {"action": "approve", "_selected_action": [post.pk]})
    assert "My very first update" in bob_client.get("/activities/").content.decode()
    response = alice_client.post("/activities/", {"text": "My second update"})
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert "My second update" in bob_client.get("/activities/").content.decode()


def test_a_muted_members_content_disappears_for_the_muter_only(alice, alice_client, bob, bob_client):
    PostFactory(author=bob, text="Bob says hello")
    alice_client.post(f"/members/{bob.pk}/mute/")
    assert "Bob says hello" not in alice_client.get("/activities/").content.decode()
    assert "Bob says hello" not in alice_client.get("/search/", {"q": "hello"}).content.decode()
    assert "Bob says hello" in bob_client.get("/activities/").content.decode()
    alice_client.post(f"/members/{bob.pk}/mute/")  # unmute
    assert "Bob says hello" in alice_client.get("/activities/").content.decode()


def test_reporting_unknown_things_is_a_404(alice_client):
    assert alice_client.get("/report/user/1/").status_code == 404
    assert alice_client.post("/report/post/999999/", {"reason": "x"}).status_code == 404


def test_counts_show_only_what_members_can_see(client, staff, alice_client, bob_client):
    alice_client.post("/activities/", {"text": "Scan day tomorrow"})
    post = Post.objects.get()
    for text in ("Thinking of you", "Buy my miracle tea"):
        bob_client.post(f"/activities/{post.pk}/", {"text": text})
    spam = Comment.objects.get(text="Buy my miracle tea")
    alice_client.post("/questions/ask/", {"title": "Who drove you to radiation?", "details": "Asking for tips."})
    question = Question.objects.get()
    bob_client.post(f"/questions/{question.pk}/", {"text": "Buy my miracle tea"})
    answer = Answer.objects.get()
    assert "2 comments" in alice_client.get("/activities/").content.decode()
    assert "Who drove you" not in alice_client.get("/questions/?view=unanswered").content.decode()

    client.force_login(staff)
    client.post("/admin/community/comment/", {"action": "hide", "_selected_action": [spam.pk]})
    client.post("/admin/community/answer/", {"action": "hide", "_selected_action": [answer.pk]})
    feed = alice_client.get("/activities/").content.decode()
    assert "1 comment" in feed and "2 comments" not in feed and "Buy my miracle tea" not in feed
    # The question's only answer is hidden: it waits for an answer again.
    unanswered = alice_client.get("/questions/?view=unanswered").content.decode()
    assert "Who drove you to radiation?" in unanswered and "No answers yet" in unanswered

    # Bob deletes the hidden comment: the count stays at what is visible, not one below it.
    bob_client.post(f"/comments/{spam.pk}/delete/")
    assert not Comment.objects.filter(pk=spam.pk).exists()
    assert "1 comment" in alice_client.get("/activities/").content.decode()

    client.post("/admin/community/answer/", {"action": "approve", "_selected_action": [answer.pk]})
    assert "Who drove you" not in alice_client.get("/questions/?view=unanswered").content.decode()
