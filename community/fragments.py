"""The feed's updates, rendered once and reused for every member who sees them.

An update's fragment (author, text, picture, counts, its latest comments) is the same for every
member, so it is cached under a key that moves on whenever any of that changes (Post.touched_at,
and the author's profile). What differs per member is patched into the cached HTML on the way
out, by plain string replacement:

- the CSRF token of the hug forms (the placeholder CSRF_PLACEHOLDER);
- which hug buttons are pressed (data-hug-key markers; one query for the page);
- Edit/Delete versus Report links (data-owner / data-other markers; see middleware.py).

Updates a member sees that others don't (their own held or hidden ones), and updates whose cached
comments include someone the member muted, are rendered for that member alone.
"""

from django.core.cache import cache
from django.db.models import Prefetch, Q
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from .models import Comment, Hug, Visibility
from .queries import RECENT_COMMENTS
from .services import muted_ids

CSRF_PLACEHOLDER = "__CSRF_TOKEN__"
FRAGMENT_SECONDS = 3600


def fragment_key(post):
    profile = getattr(post.author, "profile", None)
    author_version = profile.updated_at.timestamp() if profile else 0
    return f"community:post:{post.pk}:{post.touched_at.timestamp()}:{author_version}"


def render_posts(request, posts):
    """The HTML of each update in `posts`, personalised for request.user."""
    viewer = request.user
    shared = [post for post in posts if post.status == Visibility.VISIBLE]
    keys = {post.pk: fragment_key(post) for post in shared}
    cached = cache.get_many(list(keys.values())) if keys else {}
    muted = [f'data-owner="{pk}"' for pk in muted_ids(viewer)]

    html = {}
    missing = []
    for post in shared:
        fragment = cached.get(keys[post.pk])
        if fragment is None:
            missing.append(post)
        elif any(marker in fragment for marker in muted):
            continue  # rendered for this viewer below
        else:
            html[post.pk] = fragment
    if missing:
        attach_recent_comments(missing, Comment.objects.filter(status=Visibility.VISIBLE))
        fresh = {}
        for post in missing:
            fresh[keys[post.pk]] = html[post.pk] = render_to_string(
                "community/_post.html", {"post": post, "fragment": True}
            )
        cache.set_many(fresh, FRAGMENT_SECONDS)
    personal = [post for post in posts if post.pk not in html]
    if personal:
        attach_recent_comments(personal, Comment.objects.visible_to(viewer))
        for post in personal:
            html[post.pk] = render_to_string("community/_post.html", {"post": post, "fragment": True})

    page = "".join(html[post.pk] for post in posts)
    for key in hugged_keys(viewer, posts):
        page = page.replace(f'aria-pressed="false" data-hug-key="{key}">', f'aria-pressed="true" data-hug-key="{key}">')
    return mark_safe(page.replace(CSRF_PLACEHOLDER, get_token(request)))  # noqa: S308 - rendered by our templates


def attach_recent_comments(posts, comments):
    """Set .recent_comments (oldest first) on each post: one query for all of them."""
    latest = comments.select_related("author", "author__profile").order_by("-created_at", "-id")[:RECENT_COMMENTS]
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(posts, Prefetch("comments", queryset=latest, to_attr="recent_desc"))
    for post in posts:
        post.recent_comments = list(reversed(post.recent_desc))


def hugged_keys(viewer, posts):
    ids = [post.pk for post in posts]
    if not ids:
        return []
    rows = Hug.objects.filter(user=viewer).filter(Q(post__in=ids) | Q(comment__post__in=ids))
    return [f"post-{p}" if p else f"comment-{c}" for p, c in rows.values_list("post_id", "comment_id")]
