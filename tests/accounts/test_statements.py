"""Statements the ORM builds once per process (accounts/sql.py: Statement): each call runs with its
own values, never with those of the call that built it, and a build whose SQL depends on anything
but the values given is refused instead of being reused."""

from datetime import timedelta

import pytest
from django.db.models.expressions import RawSQL
from django.utils import timezone

from accounts.models import User
from accounts.sql import Statement
from articles.models import Article
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_each_call_gets_the_rows_of_its_own_values():
    alice, bob = UserFactory(display_name="Alice"), UserFactory(display_name="Bob")
    named = Statement(lambda user: User.objects.filter(pk=user.pk).values_list("display_name"))
    assert named.rows(user=alice) == [("Alice",)]
    assert named.rows(user=bob) == [("Bob",)]  # built once, for alice's call
    assert len(named.compiled) == 1


def test_a_list_of_any_length_is_its_own_shape():
    members = UserFactory.create_batch(3)
    picked = Statement(lambda ids: User.objects.filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
    ids = [member.pk for member in members]
    assert [row[0] for row in picked.rows(ids=ids[:1])] == ids[:1]
    assert [row[0] for row in picked.rows(ids=ids)] == ids
    assert [row[0] for row in picked.rows(ids=ids[1:])] == ids[1:]
    assert len(picked.compiled) == 3  # one, three and two ids: three shapes


def test_an_empty_list_gives_no_rows_as_the_orm_does():
    picked = Statement(lambda ids: User.objects.filter(pk__in=ids).values_list("pk"))
    assert picked.rows(ids=[]) == []


def test_the_same_values_twice_and_a_time_given_as_a_value():
    now = timezone.now()
    ArticleFactory(title="Out", published_at=now - timedelta(days=1))
    ArticleFactory(title="Later", published_at=now + timedelta(days=1))
    titles = Statement(lambda now, title: Article.objects.published(now).filter(title=title).values_list("title"))
    assert titles.rows(now=now, title="Out") == [("Out",)]
    assert titles.rows(now=now, title="Later") == []
    assert titles.rows(now=now + timedelta(days=2), title="Later") == [("Later",)]


def test_a_value_the_build_takes_from_elsewhere_is_refused():
    """published() without `now` reads the clock: the two builds differ where no stand-in went in."""
    clocked = Statement(lambda title: Article.objects.published().filter(title=title).values_list("pk"))
    with pytest.raises(ValueError, match="changes with something not given"):
        clocked.rows(title="Anything")


def test_a_value_written_into_the_sql_text_is_refused():
    """Reused, such a statement would run with the first caller's value."""
    inlined = Statement(lambda number: User.objects.filter(pk__gt=RawSQL(f"{number}", [])).values_list("pk"))  # noqa: S611 - the defect shown
    with pytest.raises(ValueError, match="SQL text changes"):
        inlined.rows(number=1)


def test_objects_are_the_querysets_own_instances_with_their_related_rows(django_assert_num_queries):
    """objects() gives what iterating the queryset gives: the same rows as model instances, each
    with the rows of its select_related relations attached (reading them asks nothing more), and
    annotations set."""
    from django.db.models import Value

    from accounts.models import Profile

    alice, bob = UserFactory(display_name="Alice"), UserFactory(display_name="Bob")
    Profile.objects.update_or_create(user=alice, defaults={"region": "York"})
    Profile.objects.update_or_create(user=bob, defaults={"region": "Leeds"})
    profiles = Statement(
        lambda user: Profile.objects.filter(user=user).select_related("user").annotate(greeting=Value("hello"))
    )
    for member in (alice, bob, alice):  # built once, for the first call
        expected = list(Profile.objects.filter(user=member).select_related("user"))
        with django_assert_num_queries(1):
            [found] = profiles.objects(user=member)
            shown = (found.user.display_name, found.user.email, found.greeting)
            assert shown == (member.display_name, member.email, "hello")
        assert [(p.pk, p.region, p.user_id) for p in expected] == [(found.pk, found.region, found.user_id)]
        assert found._state.adding is False and found._state.db == "default"  # saves as an update
    assert profiles.objects(user=User(pk=10**6)) == []


def test_objects_convert_values_and_attach_missing_related_rows_as_the_queryset_does(django_assert_num_queries):
    """Dates come back as aware datetimes (converted from SQLite's text), and a member without a
    profile row has none attached, as with the queryset: reading it asks nothing more."""
    from accounts.models import Profile

    alice, bob = UserFactory(display_name="Alice"), UserFactory(display_name="Bob")
    Profile.objects.filter(user=alice).delete()
    Profile.objects.update_or_create(user=bob, defaults={"region": "Leeds"})
    members = Statement(lambda ids: User.objects.filter(pk__in=ids).select_related("profile").order_by("pk"))
    expected = list(User.objects.filter(pk__in=[alice.pk, bob.pk]).select_related("profile").order_by("pk"))
    with django_assert_num_queries(1):
        found = members.objects(ids=[alice.pk, bob.pk])
        assert [member.date_joined for member in found] == [member.date_joined for member in expected]
        assert all(member.date_joined.tzinfo is not None for member in found)
        assert [hasattr(member, "profile") for member in found] == [False, True]
        assert found[1].profile.region == "Leeds"


def test_objects_refuse_a_statement_of_values():
    named = Statement(lambda user: User.objects.filter(pk=user.pk).values_list("display_name"))
    with pytest.raises(TypeError, match="model instances"):
        named.objects(user=UserFactory())
