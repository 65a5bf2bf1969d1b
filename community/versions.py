"""Versions of what the community's cached pages show, moved on at the model layer.

The rule for every cache in Kindred: a cached value is keyed by a version that changes whenever a
row it shows changes, and that version is moved on here, by the models' own signals (post_save,
post_delete) and by ContentQuerySet.update, never by the code that made the change. So a service,
an admin form, an admin bulk action, an inline or a save in the shell all retire the cached copies
alike, and nothing has to remember to.

Three versions live here:
- `Post.version`, a column: the key of the update's cached feed fragment (community/fragments.py).
  It moves on when the update, one of its comments, the hug count of either (a hug changes it by
  ContentQuerySet.update, so Hug rows need no receiver), or the name or picture of anyone shown in
  it changes. Being a column, it changes in the same transaction as the rows: a reader sees the new
  version only once the new rows are visible too.
- the public pages' version (articles/cache.py): anonymous article pages show the number of an
  article's comments and a topic's questions with their answer counts.
- MEMBER_PAGES, the version of the signed-in pages kept whole for each member (community/pages.py):
  it moves on with any write to a row those pages show (the save and delete signals of the models
  apps.py connects, ContentQuerySet's updates and bulk inserts, HugQuerySet's and
  MemberPagesQuerySet's (follows, mutes), and the User and Profile querysets' updates below), at
  once and again at commit. One path sends nothing: allauth's EmailAddress updated or created in
  bulk (the shell), seen when the pages expire (PAGE_CACHE_SECONDS). It lives in
  the database, not the cache: a cache that refuses a write (out of memory, a failover, a blip) must
  not keep a deleted or hidden update on other members' pages.
"""

from django.db import connection, models
from django.db.models import F, Q

from articles import cache as public_pages


class DatabaseVersion(public_pages.Version):
    """A version held by the database (migration 0011): a sequence on PostgreSQL, which moves on
    without a lock, so writers never wait on each other for it; a one-row table on SQLite, whose
    writers take turns anyway. Moved on at once (visible to the writer's own later reads, and on
    PostgreSQL to everyone's) and again at commit (retiring a page rendered meanwhile from the rows as
    they were). Versions are never reused."""

    def new(self):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT nextval(%s)", [self.key])
            else:
                cursor.execute(f"UPDATE {self.key} SET value = value + 1")  # noqa: S608 - a constant

    def current(self):
        with connection.cursor() as cursor:
            column = "last_value" if connection.vendor == "postgresql" else "value"
            cursor.execute(f"SELECT {column} FROM {self.key}")  # noqa: S608 - a constant
            return cursor.fetchone()[0]


MEMBER_PAGES = DatabaseVersion("community_member_pages_version")

# What the feed shows of a member's User row: their public name, and whether they are suspended
# (a suspended member's picture is not shown); of their Profile row: picture, role, whether staff hid it.
SHOWN_USER_FIELDS = {"display_name", "suspended_at"}
SHOWN_PROFILE_FIELDS = {"avatar", "role", "hidden_at"}
# Anonymous public pages show how many comments and answers there are, not how many hugs.
NOT_ON_PUBLIC_PAGES = {"hug_count"}
CHUNK = 5000


def bump(*, posts=None, public=False):
    """Move on the version of the updates `posts` selects (ids or a queryset), and of public pages."""
    from .models import Post

    if isinstance(posts, list):  # ids in chunks: a bulk insert can name more than a statement takes
        posts = sorted(set(posts))
        for start in range(0, len(posts), CHUNK):
            bump(posts=Post.objects.filter(pk__in=posts[start : start + CHUNK]).values("pk"))
    elif posts is not None:
        # QuerySet.update of the base class: Post's own would come back here.
        models.QuerySet.update(Post.objects.filter(pk__in=posts), version=F("version") + 1)
    if public:
        public_pages.content_changed()


def shown_by(queryset, fields):
    """What shows the rows of `queryset` (a ContentQuerySet) whose `fields` change, for bump()."""
    from .models import Answer, Comment, Question

    model = queryset.model
    public = not set(fields) <= NOT_ON_PUBLIC_PAGES
    if model is Comment:
        rows = list(queryset.values_list("post_id", "article_id"))
        posts = [post for post, _ in rows if post]
        moved_to = fields.get("post")
        if moved_to is not None:  # the update it moves to shows it too
            posts.append(getattr(moved_to, "pk", moved_to))
        on_article = any(a for _, a in rows) or fields.get("article") is not None
        return {"posts": posts, "public": (public and on_article) or "article" in fields}
    if model in (Question, Answer):
        return {"public": public and queryset.exists()}
    return {}


def shown_by_rows(model, rows):
    """The same as shown_by, for rows in hand (created in bulk)."""
    from .models import Answer, Comment, Question

    if model is Comment:
        return {"posts": [c.post_id for c in rows if c.post_id], "public": any(c.article_id for c in rows)}
    if model in (Question, Answer):
        return {"public": bool(rows)}
    return {}


def shown_on_member_pages():
    """The models whose rows the signed-in pages kept whole show (their receivers: apps.py). Articles
    and topics are the public pages' version's (articles/apps.py), also part of a kept page's key."""
    from allauth.account.models import EmailAddress

    from accounts.models import Profile, User

    from .models import Answer, Comment, Follow, Hug, Mute, Post, Question

    return (Post, Comment, Hug, Question, Answer, Follow, Mute, User, Profile, EmailAddress)


# Receivers, connected in apps.py.


def member_pages_changed(sender, update_fields=None, **kwargs):
    """Any save or delete of a row signed-in pages show; signing in (last_login alone) shows nowhere."""
    if update_fields is None or set(update_fields) != {"last_login"}:
        MEMBER_PAGES.move_on()


def post_saved(sender, instance, created, **kwargs):
    if not created:
        bump(posts=[instance.pk])


def comment_changed(sender, instance, **kwargs):
    bump(posts=[instance.post_id] if instance.post_id else None, public=bool(instance.article_id))


def question_or_answer_changed(sender, instance, **kwargs):
    bump(public=True)


def user_changed(sender, instance, created=False, update_fields=None, **kwargs):
    if created or (update_fields is not None and not set(update_fields) & SHOWN_USER_FIELDS):
        return  # new, or signing in (last_login), a new password: nothing the feed shows
    bump(posts=posts_showing(instance.pk))


def profile_changed(sender, instance, created=False, update_fields=None, **kwargs):
    if created and not (instance.avatar or instance.role or instance.hidden_at):
        return  # new and empty: the feed showed the member without a profile just the same
    if not created and update_fields is not None and not set(update_fields) & SHOWN_PROFILE_FIELDS:
        return  # a setting the feed does not show (onboarding, e-mail preferences)
    bump(posts=posts_showing(instance.user_id))


def users_updated(sender, user_ids, fields, **kwargs):
    """accounts.models.UserQuerySet.update: a rename or a suspension in the shell."""
    MEMBER_PAGES.move_on()
    if fields & SHOWN_USER_FIELDS:
        bump(posts=posts_showing(*user_ids))


def profiles_updated(sender, user_ids, fields, **kwargs):
    """accounts.models.ProfileQuerySet.update: staff hiding a profile, a reinstatement."""
    MEMBER_PAGES.move_on()
    if fields & SHOWN_PROFILE_FIELDS:
        bump(posts=posts_showing(*user_ids))


def posts_showing(*user_ids):
    """The updates that show these members: theirs, and those with their comments."""
    from .models import Comment, Post

    commented = Comment.objects.filter(author_id__in=user_ids, post__isnull=False).values("post_id")
    return Post.objects.filter(Q(author_id__in=user_ids) | Q(pk__in=commented)).values("pk")
