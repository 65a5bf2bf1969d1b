"""Every form page, shown and sent empty, in our own words: none of Django's default strings."""

import re

import pytest

from accounts.models import Diagnosis, Stage
from tests.admin_forms import _FormFields
from tests.community.factories import PostFactory, QuestionFactory
from tests.factories import ArticleFactory, TopicFactory, UserFactory, verify_email

pytestmark = pytest.mark.django_db

DJANGO_DEFAULTS = ["---------", "This field is required.", "Choose File", "Currently:", "Change:", "Hidden field"]


@pytest.fixture
def pages(db):
    member = verify_email(UserFactory(display_name="Maya", email="maya@example.com"))
    post = PostFactory(author=member, text="My update")
    question = QuestionFactory(author=member, title="My question?")
    TopicFactory(name="Treatment")
    ArticleFactory()
    Diagnosis.objects.create(name="Adenocarcinoma")
    Stage.objects.create(name="Stage 2")
    signed_in = [
        "/accounts/settings/",
        "/accounts/welcome/",
        "/accounts/settings/email/",
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/delete/",
        "/activities/",
        f"/activities/{post.pk}/",
        f"/activities/{post.pk}/edit/",
        "/questions/ask/",
        f"/questions/{question.pk}/",
        f"/questions/{question.pk}/edit/",
        f"/report/post/{post.pk}/",
        "/members/?diagnosis=&stage=",
        "/search/?q=",
    ]
    anonymous = ["/accounts/signup/", "/accounts/login/", "/accounts/password/reset/", "/newsletter/subscribe/"]
    return member, signed_in, anonymous


def visible_text(html):
    """The page as read: tags dropped, but what an <option> or a button says kept."""
    return re.sub(r"<[^>]+>", " ", html)


def assert_our_words(response, url):
    body = response.content.decode()
    for default in DJANGO_DEFAULTS:
        assert default not in visible_text(body), (url, default)


def send_empty(client, url, page):
    """POST the page's own fields, every one left empty (an empty POST would leave the form unbound)."""
    parser = _FormFields()
    parser.feed(page.content.decode())
    fields = {name: "" for name, _ in parser.fields if name != "csrfmiddlewaretoken"}
    return client.post(url.split("?")[0], fields or {"_": ""})


# Pages whose form has a required field: sent empty, they must say what is missing.
MUST_COMPLAIN = {
    "/accounts/signup/",
    "/accounts/login/",
    "/accounts/password/reset/",
    "/newsletter/subscribe/",
    "/accounts/settings/",
    "/accounts/welcome/",
    "/accounts/settings/email/",
    "/accounts/password/change/",
    "/accounts/delete/",
    "/activities/",
    "/activities/{post}/",
    "/activities/{post}/edit/",
    "/questions/ask/",
    "/questions/{question}/",
    "/questions/{question}/edit/",
    "/report/post/{post}/",
}


def test_no_form_page_shows_djangos_default_strings(client, pages):
    member, signed_in, anonymous = pages
    complained = set()
    for url in anonymous:
        page = client.get(url)
        assert_our_words(page, url)
        response = send_empty(client, url, page)
        assert response.status_code < 500, url
        assert_our_words(response, url)
        if 'class="errorlist' in response.content.decode():
            complained.add(url)
    client.force_login(member)
    for url in signed_in:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_our_words(response, url)
        if url not in ("/accounts/email/",):
            sent = send_empty(client, url, response)
            assert sent.status_code < 500, url
            assert_our_words(sent, url)
            if 'class="errorlist' in sent.content.decode():
                complained.add(url)
    ids = {"post": PostFactory._meta.model.objects.get().pk, "question": QuestionFactory._meta.model.objects.get().pk}
    expected = {url.format(**ids) for url in MUST_COMPLAIN}
    assert complained >= expected, expected - complained


def test_selects_have_a_real_placeholder(client, pages):
    member, _, _ = pages
    client.force_login(member)
    body = client.get("/accounts/settings/").content.decode()
    assert '<option value="" selected>Choose a diagnosis</option>' in body
    assert '<option value="" selected>Choose a stage</option>' in body
    assert '<option value="" selected>Choose a year</option>' in body
    assert '<option value="" selected>Choose a topic</option>' in client.get("/questions/ask/").content.decode()


def test_an_empty_required_field_says_so_next_to_the_field_in_our_words(client, pages):
    member, _, _ = pages
    client.force_login(member)
    body = client.post("/questions/ask/", {"title": ""}).content.decode()
    assert '<ul class="errorlist" id="id_title_error"><li>Please fill in this field.</li></ul>' in body
    assert re.search(r'<input type="text" name="title"[^>]*aria-describedby="id_title_error"', body)


def test_the_picture_input_offers_a_preview_and_our_wording(client, pages):
    member, _, _ = pages
    client.force_login(member)
    for url in ("/accounts/settings/", "/activities/"):
        body = client.get(url).content.decode()
        assert "data-picture-input" in body and "data-picture-preview" in body, url
        assert "/static/js/picture.js" in body, url
