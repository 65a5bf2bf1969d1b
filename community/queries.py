"""Reads the community pages share, with everything they show fetched in a fixed number of queries."""

from typing import NamedTuple

from django.db import connection

from accounts import sql
from accounts.models import Profile, User
from accounts.permissions import has_staff_powers

from .models import Answer, Comment, Follow, Hug, Post, Question

FEED_SIZE = 20
RECENT_COMMENTS = 3
# What a feed entry shows of an update and its author (fewer columns, less to build per row).
POST_FIELDS = [
    "text",
    "image",
    "image_alt",
    "status",
    "hidden_reason",
    "created_at",
    "edited_at",
    "version",
    "hug_count",
    "comment_count",
    "author",
]
AUTHOR_FIELDS = [
    "author__display_name",
    "author__suspended_at",
    "author__profile__avatar",
    "author__profile__hidden_at",
    "author__profile__role",
]


class FeedEntry(NamedTuple):
    """What the feed needs to know of an update before it knows whether its fragment is cached."""

    pk: int
    version: int
    status: str


def feed_entries(viewer, *, team=False, before=None, author=None):
    """A page of updates, newest first, and whether there are older ones.

    Only keys come back (no model instances): most updates are served from cached fragments, and
    community.fragments fetches the rows of the few it must render. The statement is built once per
    process for each shape (accounts/sql.py: Statement; the member's mutes are a subquery in it, so
    their number makes no new shape); staff with their powers see everything, another query, built
    each time.
    """
    values = {"viewer": viewer}
    if before:
        values["before"] = before
    if author is not None:
        values["author"] = author
    rows = _entries(team, **values) if has_staff_powers(viewer) else ENTRIES[team].rows(**values)
    rows = [FeedEntry(*row) for row in rows]
    return rows[:FEED_SIZE], len(rows) > FEED_SIZE


def _entries(team, viewer, before=None, author=None):
    posts = Post.objects.visible_to(viewer).order_by("-id")
    if team:
        posts = posts.filter(author__in=Follow.objects.filter(follower=viewer).values("followed"))
    if author is not None:
        posts = posts.filter(author=author)
    if before is not None:
        posts = posts.filter(id__lt=before)
    return posts.values_list("pk", "version", "status")[: FEED_SIZE + 1]


def _entries_statement(team):
    def entries(**values):
        return _entries(team, **values)

    return sql.Statement(entries)


ENTRIES = {False: _entries_statement(False), True: _entries_statement(True)}


def entries_for(posts):
    return [FeedEntry(p.pk, p.version, p.status) for p in posts]


def posts_by_pk(pks):
    posts = (
        Post.objects.filter(pk__in=pks).select_related("author", "author__profile").only(*POST_FIELDS, *AUTHOR_FIELDS)
    )
    return {post.pk: post for post in posts}


def mark_hugged(viewer, posts=(), comments=(), answers=()):
    """Set .hugged on each thing: one query per kind, whatever the number of things (plain SQL,
    as on every page that shows hug buttons: accounts/sql.py)."""
    for field, things in (("post", posts), ("comment", comments), ("answer", answers)):
        things = list(things)
        if not things:
            continue
        hugged = set(sql.column(*hugs_among(viewer, f"{field}_id", [thing.pk for thing in things])))
        for thing in things:
            thing.hugged = thing.pk in hugged


def hugs_among(viewer, column, ids, select=None):
    """SQL and parameters for `viewer`'s hugs on these ids of `column` (post_id, comment_id or
    answer_id), each served by its (user, ...) unique index. On PostgreSQL the ids go as one array, so
    the statement's text is the same whatever their number."""
    select = select or column
    if connection.vendor == "postgresql":
        statement = f"SELECT {select} FROM {sql.table(Hug)} WHERE user_id = %s AND {column} = ANY(%s)"  # noqa: S608
        return statement, [viewer.pk, list(ids)]
    marks = ", ".join(["%s"] * len(ids))
    return f"SELECT {select} FROM {sql.table(Hug)} WHERE user_id = %s AND {column} IN ({marks})", [viewer.pk, *ids]  # noqa: S608


def post_comments(viewer, post):
    return list(Comment.objects.visible_to(viewer).filter(post=post).select_related("author", "author__profile"))


def article_comments(viewer, article):
    return list(Comment.objects.visible_to(viewer).filter(article=article).select_related("author", "author__profile"))


def question_list(viewer, *, unanswered=False, topic=None):
    questions = Question.objects.visible_to(viewer).select_related("author", "author__profile", "topic")
    if unanswered:
        questions = questions.filter(answer_count=0)
    if topic is not None:
        questions = questions.filter(topic=topic)
    return questions.order_by("-created_at", "-id")


def visible_question(viewer, pk):
    """The question `pk`, with its author and topic, when `viewer` may see it; else None.

    This and question_answers run statements built once per process (accounts/sql.py: Statement:
    on the question page the ORM took longer to build these two queries than the database took to
    run every read of the page); staff with their powers see everything, other queries, built each
    time.
    """
    if not 0 < pk < 2**63:  # a URL's number beyond any id: no such question, not a database error
        return None
    found = list(_question(viewer, pk)) if has_staff_powers(viewer) else QUESTION.objects(viewer=viewer, pk=pk)
    return found[0] if found else None


def question_answers(viewer, question):
    if has_staff_powers(viewer):
        return list(_answers(viewer, question))
    return ANSWERS.objects(viewer=viewer, question=question)


def _question(viewer, pk):
    questions = Question.objects.visible_to(viewer).filter(pk=pk)
    return questions.select_related("author", "author__profile", "topic")


def _answers(viewer, question):
    answers = Answer.objects.visible_to(viewer).filter(question=question)
    return answers.select_related("author", "author__profile")


QUESTION = sql.Statement(_question)
ANSWERS = sql.Statement(_answers)


def searchable_profiles(viewer, *, role="", diagnosis=None, stage=None, treatment=None, region=""):
    """Members to show in "find members like you": only details they let others see are matched."""
    profiles = (
        Profile.objects.filter(user__in=User.objects.members(), hidden_at__isnull=True)
        .exclude(user=viewer)
        .select_related("user", "diagnosis", "stage")
        .order_by("-user__date_joined", "-id")
    )
    if role:
        profiles = profiles.filter(role=role)
    if diagnosis:
        profiles = profiles.filter(diagnosis=diagnosis, diagnosis_visibility="members")
    if stage:
        profiles = profiles.filter(stage=stage, stage_visibility="members")
    if treatment:
        profiles = profiles.filter(treatments=treatment, treatments_visibility="members")
    if region:
        profiles = profiles.filter(region__icontains=region)
    return profiles
