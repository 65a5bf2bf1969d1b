"""The feed's updates, rendered once and reused for every member who sees them.

An update's fragment (author, text, picture, counts, its latest comments) is the same for every
member, so it is cached under the update's id and `Post.version`, which the model layer moves on
whenever anything the fragment shows changes (community/versions.py: the rule every cache follows).
What differs per member is patched into the cached HTML on the way out, by plain string replacement:

- the CSRF token of the hug forms (the placeholder CSRF_PLACEHOLDER);
- which hug buttons are pressed (data-hug-key markers; one query for the page);
- Edit/Delete versus Report links (data-owner / data-other markers).

Updates a member sees that others don't (their own held or hidden ones), and updates whose cached
comments include someone the member muted, are rendered for that member alone.
"""

from django.core.cache import cache
from django.db import connection
from django.db.models import Prefetch, prefetch_related_objects
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from .models import Comment, Visibility
from .queries import RECENT_COMMENTS, hugs_among, posts_by_pk
from .services import muted_ids

# Replaced with its attribute quote: member text is escaped, so it can never contain this string.
CSRF_PLACEHOLDER = 'name="csrfmiddlewaretoken" value="__CSRF_TOKEN__"'


def csrf_input(token):
    """What CSRF_PLACEHOLDER stands for, with this request's `token`."""
    return f'name="csrfmiddlewaretoken" value="{token}"'


FRAGMENT_SECONDS = 3600


def fragment_key(entry):
    return f"community:post:{entry.pk}:{entry.version}"


def render_posts(request, entries, muted=None):
    """The HTML of each update in `entries` (queries.FeedEntry), personalised for request.user.
    `muted`: the ids the member muted, when the caller has read them (services.muted_ids)."""
    viewer = request.user
    keys = {entry.pk: fragment_key(entry) for entry in entries if entry.status == Visibility.VISIBLE}
    cached = cache.get_many(list(keys.values()))
    muted = [f'data-owner="{pk}"' for pk in (muted_ids(viewer) if muted is None else muted)]

    html, comment_ids = {}, {}
    for pk, key in keys.items():
        found = cached.get(key)
        if found is not None and not any(marker in found[0] for marker in muted):
            html[pk], comment_ids[pk] = found
    missing = [entry.pk for entry in entries if entry.pk not in html]
    if missing:
        posts = posts_by_pk(missing)  # an update deleted meanwhile is simply left out
        shared = [post for pk, post in posts.items() if pk in keys and keys[pk] not in cached]
        attach_recent_comments(shared, Comment.objects.filter(status=Visibility.VISIBLE))
        fresh = {}
        for post in shared:
            fresh[keys[post.pk]] = render_fragment(post)
        cache.set_many(fresh, FRAGMENT_SECONDS)
        for post in shared:
            html[post.pk], comment_ids[post.pk] = fresh[keys[post.pk]]
        # Seen by this member alone: their own held or hidden updates, or ones with muted comments.
        personal = [post for pk, post in posts.items() if pk not in html or any(m in html[pk] for m in muted)]
        attach_recent_comments(personal, Comment.objects.visible_to(viewer))
        for post in personal:
            html[post.pk], comment_ids[post.pk] = render_fragment(post)
    entries = [entry for entry in entries if entry.pk in html]

    hugged = hugged_keys(viewer, [entry.pk for entry in entries], [c for ids in comment_ids.values() for c in ids])
    token = get_token(request)
    mine, theirs = f'data-owner="{viewer.pk}"', f'data-other="{viewer.pk}"'
    parts = []
    for entry in entries:
        part = html[entry.pk]
        for key in hugged.intersection(fragment_hug_keys(entry.pk, comment_ids[entry.pk])):
            part = part.replace(
                f'aria-pressed="false" data-hug-key="{key}">', f'aria-pressed="true" data-hug-key="{key}">'
            )
        if mine in part:  # their own update or comment: Edit and Delete instead of Report
            part = part.replace(f"{mine} hidden>", f"{mine}>").replace(f"{theirs}>", f"{theirs} hidden>")
        parts.append(part.replace(CSRF_PLACEHOLDER, csrf_input(token)))
    return mark_safe("".join(parts))  # noqa: S308 - rendered by our templates


def render_fragment(post):
    html = render_to_string("community/_post.html", {"post": post, "fragment": True})
    return html, [comment.pk for comment in post.recent_comments]


def fragment_hug_keys(post_id, comment_ids):
    return {f"post-{post_id}", *(f"comment-{pk}" for pk in comment_ids)}


def attach_recent_comments(posts, comments):
    """Set .recent_comments (oldest first) on each post: one query for all of them. Comments attached
    before are replaced: render_posts attaches everyone's, then a member's own (without those of
    members they muted) to the same posts, and the prefetch skips a post that has them already."""
    if not posts:
        return
    for post in posts:
        post.__dict__.pop("recent_desc", None)
    latest = comments.select_related("author", "author__profile").order_by("-created_at", "-id")[:RECENT_COMMENTS]
    prefetch_related_objects(posts, Prefetch("comments", queryset=latest, to_attr="recent_desc"))
    for post in posts:
        post.recent_comments = list(reversed(post.recent_desc))


def hugged_keys(viewer, post_ids, comment_ids):
    """Which of these updates and comments `viewer` has hugged, as data-hug-key values: one statement,
    in two halves so that each uses its (user, post) or (user, comment) unique index."""
    if not post_ids:
        return set()
    statement, params = hugs_among(viewer, "post_id", post_ids, select="post_id, comment_id")
    if comment_ids:
        more, more_params = hugs_among(viewer, "comment_id", comment_ids, select="post_id, comment_id")
        statement, params = f"{statement} UNION ALL {more}", params + more_params
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return {f"post-{p}" if p else f"comment-{c}" for p, c in cursor.fetchall()}
