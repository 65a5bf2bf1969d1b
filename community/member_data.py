"""The community's part of a member's data, for export, deletion and suspension."""

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from articles.cache import content_changed

from .models import Answer, Comment, Follow, Hug, Mute, Notification, Post, Question, Report, Visibility


def _iso(value):
    return value.isoformat() if value else None


def export_community(user):
    def content(obj, **extra):
        return {
            "id": obj.pk,
            "created_at": _iso(obj.created_at),
            "edited_at": _iso(obj.edited_at),
            "status": obj.status,
            "hidden_reason": obj.hidden_reason,
            **extra,
        }

    return {
        "updates": [
            content(p, text=p.text, picture=p.image.name or None, picture_description=p.image_alt)
            for p in Post.objects.filter(author=user)
        ],
        "comments": [
            content(c, text=c.text, on_update=c.post_id, on_article=c.article_id)
            for c in Comment.objects.filter(author=user)
        ],
        "questions": [
            content(q, title=q.title, details=q.details, topic=str(q.topic) if q.topic_id else None)
            for q in Question.objects.filter(author=user).select_related("topic")
        ],
        "answers": [content(a, text=a.text, question=a.question_id) for a in Answer.objects.filter(author=user)],
        "hugs": [
            {"update": h.post_id, "comment": h.comment_id, "answer": h.answer_id, "at": _iso(h.created_at)}
            for h in Hug.objects.filter(user=user)
        ],
        "my_team": [
            {"member": f.followed_id, "since": _iso(f.created_at)} for f in Follow.objects.filter(follower=user)
        ],
        "muted": [{"member": m.muted_id, "since": _iso(m.created_at)} for m in Mute.objects.filter(muter=user)],
        "notifications": [
            {"kind": n.kind, "at": _iso(n.created_at), "read_at": _iso(n.read_at)}
            for n in Notification.objects.filter(recipient=user)
        ],
        "reports_made": [
            {"reason": r.reason, "at": _iso(r.created_at), "status": r.status}
            for r in Report.objects.filter(reporter=user)
        ],
    }


def erase_community(user):
    """Remove the member's pictures once the rows are gone; the rows go by cascade with the user."""
    names = [name for name in Post.objects.filter(author=user).values_list("image", flat=True) if name]
    if names:
        storage = Post._meta.get_field("image").storage
        transaction.on_commit(lambda: [storage.delete(name) for name in names])
    # Counters on other members' content that this member's rows fed.
    for model, field in ((Post, "post"), (Comment, "comment"), (Answer, "answer")):
        ids = list(Hug.objects.filter(user=user, **{f"{field}__isnull": False}).values_list(f"{field}_id", flat=True))
        for pk in ids:
            model.objects.filter(pk=pk, hug_count__gt=0).update(hug_count=F("hug_count") - 1)
    now = timezone.now()
    for post_id in Comment.objects.filter(author=user, post__isnull=False).values_list("post_id", flat=True):
        Post.objects.filter(pk=post_id, comment_count__gt=0).update(comment_count=F("comment_count") - 1)
    # Cached feed fragments that show the member's comments or hugs.
    Post.objects.filter(Q(comments__author=user) | Q(hugs__user=user) | Q(comments__hugs__user=user)).update(
        touched_at=now
    )
    for question_id in Answer.objects.filter(author=user).values_list("question_id", flat=True):
        Question.objects.filter(pk=question_id, answer_count__gt=0).update(answer_count=F("answer_count") - 1)
    transaction.on_commit(content_changed)


def hide_community(user, *, reason):
    hidden = 0
    now = timezone.now()
    Post.objects.filter(comments__author=user).update(touched_at=now)
    for model in (Post, Comment, Question, Answer):
        hidden += (
            model.objects.filter(author=user)
            .exclude(status=Visibility.HIDDEN)
            .update(status=Visibility.HIDDEN, hidden_reason=reason, moderated_at=now)
        )
    content_changed()
    return hidden


def profile_changed(sender, instance, **kwargs):
    Post.objects.filter(comments__author_id=instance.user_id).update(touched_at=timezone.now())
