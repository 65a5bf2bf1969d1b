import pytest

from community.models import Answer, Hug, Notification, Question
from tests.community.factories import AnswerFactory, ArticleCommentFactory, CommentFactory, PostFactory, QuestionFactory
from tests.factories import ArticleFactory, TopicFactory
from tests.tokens import without_tokens

pytestmark = pytest.mark.django_db


def test_hugs_toggle_without_javascript_and_count_once_per_member(alice, bob_client):
    post = PostFactory(author=alice)
    response = bob_client.post(f"/hugs/post/{post.pk}/", {"next": "/activities/"})
    assert response.status_code == 302 and response["Location"] == "/activities/"
    post.refresh_from_db()
    assert post.hug_count == 1
    assert 'aria-pressed="true"' in bob_client.get(f"/activities/{post.pk}/").content.decode()
    bob_client.post(f"/hugs/post/{post.pk}/")
    post.refresh_from_db()
    assert post.hug_count == 0 and not Hug.objects.exists()


def test_hugs_update_in_place_with_javascript(alice, bob_client):
    comment = CommentFactory(author=alice)
    response = bob_client.post(f"/hugs/comment/{comment.pk}/", HTTP_X_REQUESTED_WITH="fetch")
    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith("<form")
    assert 'aria-pressed="true"' in html and "· 1" in html


def test_hug_redirects_only_to_our_own_pages(alice, bob_client):
    post = PostFactory(author=alice)
    response = bob_client.post(f"/hugs/post/{post.pk}/", {"next": "https://evil.example/"})
    assert response["Location"] == post.get_absolute_url()


@pytest.mark.parametrize("kind", ["answer", "comment", "post"])
def test_hug_on_each_kind_and_unknown_kinds_404(bob_client, alice, kind):
    target = {"post": PostFactory, "comment": CommentFactory, "answer": AnswerFactory}[kind](author=alice)
    assert bob_client.post(f"/hugs/{kind}/{target.pk}/").status_code == 302
    assert bob_client.post(f"/hugs/user/{target.pk}/").status_code == 404
    assert bob_client.post(f"/hugs/{kind}/999999/").status_code == 404


def test_members_comment_on_articles_and_anonymous_readers_see_a_count_and_an_invitation(client, alice_client):
    article = ArticleFactory(slug="fatigue")
    alice_client.post(f"/comments/article/{article.pk}/", {"text": "This helped me a lot."})
    body = alice_client.get("/resources/fatigue/").content.decode()
    assert "This helped me a lot." in body
    anonymous = client.__class__().get("/resources/fatigue/").content.decode()
    assert "This helped me a lot." not in anonymous
    assert "Join free to read and post comments." in anonymous
    assert "There is 1 comment from members." in anonymous


def test_asking_answering_and_choosing_the_best_answer(alice_client, alice, bob_client, bob):
    topic = TopicFactory(name="Treatment")
    alice_client.post("/questions/ask/", {"title": "What helped with nausea?", "details": "", "topic": topic.pk})
    question = Question.objects.get()
    assert question.author == alice
    bob_client.post(f"/questions/{question.pk}/", {"text": "Ginger tea and small meals."})
    answer = Answer.objects.get()
    question.refresh_from_db()
    assert question.answer_count == 1
    # Only the asker may choose; Bob trying changes nothing.
    assert bob_client.post(f"/answers/{answer.pk}/best/").status_code == 403
    question.refresh_from_db()
    assert question.best_answer is None
    alice_client.post(f"/answers/{answer.pk}/best/")
    question.refresh_from_db()
    assert question.best_answer == answer
    body = alice_client.get(f"/questions/{question.pk}/").content.decode()
    assert "Best answer, chosen by Alice" in body


def test_unanswered_view_lists_only_questions_without_answers(alice_client):
    from community.services import answer_question

    QuestionFactory(title="Still waiting")
    answer_question(author=AnswerFactory().author, question=QuestionFactory(title="Already answered"), text="Yes")
    body = alice_client.get("/questions/?view=unanswered").content.decode()
    assert "Still waiting" in body and "Already answered" not in body


def test_article_page_shows_related_questions_with_see_answer(client, alice_client):
    topic = TopicFactory(slug="side-effects")
    article = ArticleFactory(slug="nausea")
    article.topics.add(topic)
    question = QuestionFactory(title="Ginger or peppermint?", topic=topic)
    member_body = alice_client.get("/resources/nausea/").content.decode()
    assert "Ginger or peppermint?" in member_body and f'href="/questions/{question.pk}/"' in member_body
    anonymous = client.__class__().get("/resources/nausea/").content.decode()
    assert "Ginger or peppermint?" in anonymous and "See answer" in anonymous
    assert f"/questions/{question.pk}/" not in anonymous  # the answer is for members: join first


def test_another_member_cannot_edit_questions_or_answers(alice, bob_client):
    question = QuestionFactory(author=alice, title="Mine")
    answer = AnswerFactory(author=alice, text="Mine too")
    assert bob_client.post(f"/questions/{question.pk}/edit/", {"title": "Changed"}).status_code == 403
    assert bob_client.post(f"/questions/{question.pk}/delete/").status_code == 403
    assert bob_client.post(f"/answers/{answer.pk}/edit/", {"text": "Changed"}).status_code == 403
    assert bob_client.post(f"/answers/{answer.pk}/delete/").status_code == 403
    question.refresh_from_db()
    answer.refresh_from_db()
    assert question.title == "Mine" and answer.text == "Mine too"


def test_find_members_like_you_filters_only_on_shared_details(alice_client, bob):
    from accounts.models import Diagnosis
    from accounts.services import get_profile

    diagnosis = Diagnosis.objects.create(name="Mesothelioma")
    profile = get_profile(bob)
    profile.diagnosis, profile.role, profile.region = diagnosis, "caregiver", "Oslo"
    profile.diagnosis_visibility = "only_me"
    profile.save()
    assert "Bob" not in without_tokens(alice_client.get("/members/", {"diagnosis": diagnosis.pk}).content.decode())
    assert "Bob" in alice_client.get("/members/", {"role": "caregiver", "region": "oslo"}).content.decode()
    listing = alice_client.get("/members/").content.decode().split('class="member-cards"')[1]
    assert "Bob" in listing and "Mesothelioma" not in listing


@pytest.mark.parametrize("params", [{"diagnosis": "abc"}, {"role": "robot"}, {"page": "9999"}, {"region": "x" * 500}])
def test_member_search_with_odd_input_never_fails(alice_client, params):
    assert alice_client.get("/members/", params).status_code == 200


def test_search_finds_updates_and_questions(alice_client):
    PostFactory(text="Our dog makes chemo days better")
    QuestionFactory(title="Dogs as therapy during treatment?")
    PostFactory(text="Nothing relevant here")
    body = alice_client.get("/search/", {"q": "dog"}).content.decode()
    assert "<mark>dog</mark> makes chemo days better" in body
    assert "Dogs as therapy during treatment?" in body
    assert "Nothing relevant here" not in body


@pytest.mark.parametrize("query", ['"quoted"', "100%", "' OR 1=1 --", "x" * 300, "肺癌", "<b>"])
def test_search_with_odd_input_never_fails(alice_client, query):
    PostFactory(text="Nothing to find here")
    response = alice_client.get("/search/", {"q": query})
    assert response.status_code == 200
    main = response.content.decode().split("<main", 1)[1]
    assert "<b>" not in main  # the query is shown escaped
    assert "Nothing matches" in main
    if len(query) > 200:
        assert "Only the first 200 characters were searched." in main


def test_notifications_for_each_event_and_the_header_count(alice_client, alice, bob_client, bob):
    post = PostFactory(author=alice)
    bob_client.post(f"/activities/{post.pk}/", {"text": "Hugs from Bob"})
    bob_client.post(f"/hugs/post/{post.pk}/")
    question = QuestionFactory(author=alice)
    bob_client.post(f"/questions/{question.pk}/", {"text": "My answer"})
    bob_client.post(f"/members/{alice.pk}/team/")
    answer = AnswerFactory(author=bob, question=question)
    alice_client.post(f"/answers/{answer.pk}/best/")
    kinds = sorted(Notification.objects.filter(recipient__in=[alice, bob]).values_list("kind", flat=True))
    assert kinds == ["answer", "best_answer", "comment", "hug", "team"]
    body = alice_client.get("/notifications/").content.decode()
    assert "Bob commented on your update" in body and "Bob sent you a hug" in body
    assert "Bob added you to their team" in body
    assert '<span class="badge">4<span class="visually-hidden"> unread</span>' in body
    alice_client.post("/notifications/read/")
    assert 'class="badge"' not in alice_client.get("/notifications/").content.decode()


def test_no_notification_for_acting_on_ones_own_things(alice_client, alice):
    post = PostFactory(author=alice)
    alice_client.post(f"/hugs/post/{post.pk}/")
    alice_client.post(f"/activities/{post.pk}/", {"text": "replying to myself"})
    assert not Notification.objects.exists()


def test_article_comment_shows_on_the_cached_anonymous_page_count(client, alice):
    article = ArticleFactory(slug="cached")
    anonymous = client.__class__()
    assert "There is 1 comment" not in anonymous.get("/resources/cached/").content.decode()
    ArticleCommentFactory(article=article, author=alice)
    from community.services import create_comment

    create_comment(author=alice, text="Another", article=article)
    assert "There are 2 comments" in anonymous.get("/resources/cached/").content.decode()


def test_hug_unhug_hug_notifies_once(alice, bob_client):
    post = PostFactory(author=alice)
    for _ in range(3):
        bob_client.post(f"/hugs/post/{post.pk}/")
    assert Notification.objects.filter(recipient=alice, kind="hug").count() == 1


def test_things_under_a_hidden_update_cannot_be_hugged_or_reported(alice, bob_client):
    post = PostFactory(author=alice, status="hidden")
    comment = CommentFactory(post=post, author=alice)
    assert bob_client.post(f"/hugs/comment/{comment.pk}/").status_code == 404
    assert bob_client.get(f"/report/comment/{comment.pk}/").status_code == 404
    assert not Hug.objects.exists() and not Notification.objects.exists()


def test_deleting_or_renaming_a_question_updates_the_cached_article_page(client, alice_client):
    topic = TopicFactory(slug="coping")
    ArticleFactory(slug="coping-article").topics.add(topic)
    alice_client.post("/questions/ask/", {"title": "My first title", "details": "", "topic": topic.pk})
    question = Question.objects.get()
    anonymous = client.__class__()
    assert "My first title" in anonymous.get("/resources/coping-article/").content.decode()
    alice_client.post(f"/questions/{question.pk}/edit/", {"title": "A kinder title", "details": "", "topic": topic.pk})
    body = anonymous.get("/resources/coping-article/").content.decode()
    assert "A kinder title" in body and "My first title" not in body
    alice_client.post(f"/questions/{question.pk}/delete/")
    assert "A kinder title" not in anonymous.get("/resources/coping-article/").content.decode()


@pytest.mark.parametrize("refusal", ["too long", "posting too quickly"])
def test_a_refused_article_comment_comes_back_with_its_text_and_why(alice_client, monkeypatch, refusal):
    """Found by a bad-input hunt: the page said "nothing was lost" and the comment box was empty."""
    from community import ratelimit
    from community.models import Comment

    article = ArticleFactory(slug="breathing")
    text = "Thank you for this, it helped my mother and me talk about the scan."
    if refusal == "too long":
        text += " more" * 1100
        says = "Please keep it to 3000 characters or fewer"
    else:
        monkeypatch.setattr(ratelimit, "allow", lambda user, action: False)
        says = "nothing was lost"
    response = alice_client.post(f"/comments/article/{article.pk}/", {"text": text})
    page = response.content.decode()
    assert response.status_code == 400 and says in page
    assert text in page.replace("&#x27;", "'")  # in the comment box, to send again
    assert not Comment.objects.filter(article=article).exists()
