"""What the community shows on other apps' pages: article comments and questions, a member's updates."""

from django import template
from django.utils.text import Truncator

from community import fragments, permissions, queries, services
from community.forms import CommentForm
from community.models import Comment, Follow, Question
from community.text import render_member_text
from community.times import time_element

register = template.Library()


@register.filter
def member_text(text):
    return render_member_text(text)


KIND_WORDS = {"post": "update", "comment": "comment", "answer": "answer", "question": "question"}


@register.filter
def about(thing):
    """Words telling one update's (comment's, answer's) links from another's: read out, visually
    hidden, after "Edit", "Report", "Comment"… so that links which read the same go to the same place."""
    text = thing.title if isinstance(thing, Question) else thing.text
    excerpt = Truncator(" ".join(text.split())).words(6) or "a picture"
    return f"{thing.author.public_name}'s {KIND_WORDS[thing._meta.model_name]}: {excerpt}"


@register.simple_tag
def when(value, cached=False):
    """`{% when post.created_at %}`; `cached=fragment` in HTML that is cached (the date only, see times.py)."""
    return time_element(value, relative=not cached)


@register.inclusion_tag("community/_article_comments.html", takes_context=True)
def article_comments(context, article):
    user = context["user"]
    if not user.is_authenticated:
        # The same for every visitor, so the cached article page can show it.
        count = Comment.objects.filter(article=article, status="visible").count()
        return {"article": article, "count": count, "member": False}
    comments = queries.article_comments(user, article)
    queries.mark_hugged(user, comments=comments)
    return {
        "article": article,
        "comments": comments,
        "member": True,
        "user": user,
        "form": context.get("comment_form") or CommentForm(),  # a refused comment comes back with its text
        "can_post": permissions.can_post(user),
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("community/_article_questions.html", takes_context=True)
def article_questions(context, article, topics):
    user = context["user"]
    questions = (
        Question.objects.visible_to(user) if user.is_authenticated else Question.objects.filter(status="visible")
    )
    questions = list(
        questions.filter(topic__in=topics).select_related("topic").order_by("-answer_count", "-created_at")[:3]
    )
    return {"questions": questions, "user": user, "topic": topics[0] if topics else None}


@register.inclusion_tag("community/_member_activity.html", takes_context=True)
def member_activity(context, member):
    viewer = context["user"]
    muted = services.muted_ids(viewer)
    entries, _ = queries.feed_entries(viewer, author=member)
    is_self = viewer.pk == member.pk
    return {
        "member": member,
        "posts_html": fragments.render_posts(context["request"], entries[:10], muted),
        "is_self": is_self,
        "on_team": not is_self and Follow.objects.filter(follower=viewer, followed=member).exists(),
        "muted": not is_self and member.pk in muted,
        "user": viewer,
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
    }
