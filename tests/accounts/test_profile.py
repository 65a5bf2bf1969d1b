import pytest
from PIL import Image

from accounts.models import Diagnosis, Profile, Stage, Symptom, Treatment
from accounts.services import get_profile
from tests import images
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def vocabulary():
    return {
        "diagnosis": Diagnosis.objects.create(name="Adenocarcinoma"),
        "stage": Stage.objects.create(name="Stage 3"),
        "treatment": Treatment.objects.create(name="Immunotherapy"),
        "symptom": Symptom.objects.create(name="Breathlessness"),
    }


def profile_data(vocabulary, **overrides):
    data = {
        "display_name": "Maya",
        "role": "living_with",
        "diagnosis": vocabulary["diagnosis"].pk,
        "diagnosis_visibility": "members",
        "stage": vocabulary["stage"].pk,
        "stage_visibility": "only_me",
        "year_diagnosed": "2024",
        "year_diagnosed_visibility": "members",
        "treatments": [vocabulary["treatment"].pk],
        "treatments_visibility": "members",
        "symptoms": [vocabulary["symptom"].pk],
        "symptoms_visibility": "only_me",
        "region": "Lisbon",
        "about": "Hello there.",
    }
    data.update(overrides)
    return data


def media_files(settings, folder="avatars"):
    path = settings.MEDIA_ROOT / folder
    return sorted(path.iterdir()) if path.exists() else []


def test_member_saves_profile_in_settings(client, member, vocabulary):
    client.force_login(member)
    response = client.post("/accounts/settings/", profile_data(vocabulary))
    assert response.status_code == 302
    profile = Profile.objects.get(user=member)
    assert profile.stage == vocabulary["stage"] and profile.stage_visibility == "only_me"
    assert list(profile.treatments.all()) == [vocabulary["treatment"]]


def test_only_me_details_are_absent_from_the_html_another_member_gets(client, member, other_member, vocabulary):
    client.force_login(member)
    client.post("/accounts/settings/", profile_data(vocabulary))
    own = client.get(f"/members/{member.pk}/").content.decode()
    assert "Stage 3" in own and "Breathlessness" in own
    client.force_login(other_member)
    theirs = client.get(f"/members/{member.pk}/").content.decode()
    assert "Adenocarcinoma" in theirs and "Immunotherapy" in theirs and "2024" in theirs
    assert "Stage 3" not in theirs
    assert "Breathlessness" not in theirs


def test_anonymous_visitors_are_sent_to_log_in_from_member_pages(client, member):
    response = client.get(f"/members/{member.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/members/")
    assert client.get("/members/999999/").status_code == 302


def test_unknown_member_is_a_404_for_members(client, member):
    client.force_login(member)
    assert client.get("/members/999999/").status_code == 404


def test_html_in_about_me_is_shown_escaped(client, member, other_member, vocabulary):
    client.force_login(member)
    client.post("/accounts/settings/", profile_data(vocabulary, about='<script>alert("x")</script><b>bold</b>'))
    client.force_login(other_member)
    body = client.get(f"/members/{member.pk}/").content.decode()
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;" in body


def test_avatar_loses_its_gps_and_camera_metadata_and_gets_a_random_name(client, member, vocabulary, settings):
    client.force_login(member)
    response = client.post("/accounts/settings/", {**profile_data(vocabulary), "avatar": images.jpeg_with_gps()})
    assert response.status_code == 302
    profile = Profile.objects.get(user=member)
    assert "holiday" not in profile.avatar.name
    with Image.open(profile.avatar.path) as stored:
        assert stored.format == "JPEG"
        assert dict(stored.getexif()) == {}
        assert "exif" not in stored.info


def test_replacing_an_avatar_removes_the_old_file(client, member, vocabulary, settings):
    client.force_login(member)
    client.post("/accounts/settings/", {**profile_data(vocabulary), "avatar": images.jpeg()})
    client.post("/accounts/settings/", {**profile_data(vocabulary), "avatar": images.jpeg(color="red")})
    assert len(media_files(settings)) == 1


@pytest.mark.parametrize("kind", list(images.BAD_UPLOADS))
def test_bad_pictures_get_a_form_error_and_nothing_is_stored(client, member, vocabulary, settings, kind):
    make, message = images.BAD_UPLOADS[kind]
    client.force_login(member)
    client.post("/accounts/settings/", profile_data(vocabulary, about="Saved before"))
    response = client.post("/accounts/settings/", {**profile_data(vocabulary, about="Changed"), "avatar": make()})
    assert response.status_code == 200
    assert message in response.content.decode()
    profile = Profile.objects.get(user=member)
    assert not profile.avatar and profile.about == "Saved before"
    assert media_files(settings) == []


def test_bad_profile_input_is_refused_with_messages(client, member, vocabulary):
    client.force_login(member)
    response = client.post(
        "/accounts/settings/",
        profile_data(vocabulary, display_name="", year_diagnosed="1066", diagnosis="999999", role="robot"),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Please enter the name other members will see." in body
    assert body.count("Select a valid choice") >= 3


def test_onboarding_can_be_skipped_and_then_lands_on_the_profile(client, member):
    client.force_login(member)
    response = client.post("/accounts/welcome/", {"skip": "1"})
    assert response.status_code == 302 and response["Location"] == f"/members/{member.pk}/"
    assert get_profile(member).onboarded_at is not None


def test_onboarding_saves_the_journey(client, member, vocabulary):
    client.force_login(member)
    data = profile_data(vocabulary)
    del data["display_name"]
    response = client.post("/accounts/welcome/", data)
    assert response.status_code == 302
    profile = Profile.objects.get(user=member)
    assert profile.diagnosis == vocabulary["diagnosis"] and profile.onboarded_at is not None


def test_member_page_queries_stay_flat_cold_and_warm(client, member, vocabulary):
    from tests.caches import cold_and_warm
    from tests.community.factories import PostFactory

    client.force_login(member)
    client.post("/accounts/settings/", profile_data(vocabulary))
    client.force_login(UserFactory())
    url = f"/members/{member.pk}/"
    client.get(url)  # the first request also records the session
    PostFactory(author=member)
    small = cold_and_warm(client, url)
    profile = Profile.objects.get(user=member)
    profile.treatments.set(Treatment.objects.bulk_create(Treatment(name=f"T{n}") for n in range(5)))
    PostFactory.create_batch(20, author=member)
    assert cold_and_warm(client, url) == small
    assert small[0] <= 14 and small[1] <= 14
