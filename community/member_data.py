"""The community's part of a member's data, for export, deletion and suspension."""

from django.db import transaction
from django.utils import timezone

from accounts.member_data import iso
from accounts.models import OutgoingEmail

from .models import Answer, Comment, Follow, Hug, Mute, Notification, Post, Question, Report, Visibility
from .services import recount


def export_community(user):
    def content(obj, **extra):
        return {
            "id": obj.pk,
            "created_at": iso(obj.created_at),
            "edited_at": iso(obj.edited_at),
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
            {"update": h.post_id, "comment": h.comment_id, "answer": h.answer_id, "at": iso(h.created_at)}
            for h in Hug.objects.filter(user=user)
        ],
        "my_team": [
            {"member": f.followed_id, "since": iso(f.created_at)} for f in Follow.objects.filter(follower=user)
        ],
        "muted": [{"member": m.muted_id, "since": iso(m.created_at)} for m in Mute.objects.filter(muter=user)],
        "notifications": [
            {"kind": n.kind, "at": iso(n.created_at), "read_at": iso(n.read_at)}
            for n in Notification.objects.filter(recipient=user)
        ],
        "reports_made": [
            {"reason": r.reason, "at": iso(r.created_at), "status": r.status}
            for r in Report.objects.filter(reporter=user)
        ],
    }


def erase_community(user):
    """Remove the member's pictures once the rows are gone; the rows go by cascade with the user.
    The e-mails that told others what the member did name them: accounts.services.delete_member
    deletes those last. Staff's test digests name whoever was active that week: previews, they go."""
    OutgoingEmail.objects.filter(kind="digest_test").delete()
    names = [name for name in Post.objects.filter(author=user).values_list("image", flat=True) if name]
    if names:
        storage = Post._meta.get_field("image").storage
        transaction.on_commit(lambda: [storage.delete(name) for name in names])
    recount(
        posts=Post.objects.filter(pk__in=Comment.objects.filter(author=user).values("post_id")),
        questions=Question.objects.filter(pk__in=Answer.objects.filter(author=user).values("question_id")),
        excluding=user,
    )


def hide_community(user, *, reason):
    hidden = 0
    now = timezone.now()
    for model in (Post, Comment, Question, Answer):
        hidden += (
            model.objects.filter(author=user)
            .exclude(status=Visibility.HIDDEN)
            .update(status=Visibility.HIDDEN, hidden_reason=reason, moderated_at=now)
        )  # ContentQuerySet.update recounts the updates and questions these comments and answers were on
    return hidden
