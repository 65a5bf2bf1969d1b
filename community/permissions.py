"""Who may do what: one helper per kind of content, fetching and checking together (404/403)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.services import has_verified_email
from articles.models import Article

from .models import Answer, Comment, Post, Question

HIDDEN_READ_ONLY = "Our moderators hid this, so it can't be changed or replied to. You can still delete it."
PARENT_GONE_READ_ONLY = (
    "What this is on is no longer shown (our moderators hid it, or it was taken down), so it can't be changed. "
    "You can still delete it."
)


def can_post(user):
    """Members post once their e-mail address is confirmed and while they are not suspended."""
    return user.is_authenticated and not user.is_suspended and has_verified_email(user)


def _get_visible(model, user, pk):
    return get_object_or_404(model.objects.visible_to(user), pk=pk)


def get_visible(model, user, pk):
    """A thing `user` may see, and whose update, question or article they may see too."""
    obj = _get_visible(model, user, pk)
    if not parent_visible(obj, user):
        raise Http404
    return obj


def parent_visible(obj, user):
    """Whether `user` may see the update, article or question a comment or answer is on (True for
    anything else)."""
    if isinstance(obj, Comment):
        if obj.post_id:
            return Post.objects.visible_to(user).filter(pk=obj.post_id).exists()
        return Article.objects.published().filter(pk=obj.article_id).exists()
    if isinstance(obj, Answer):
        return Question.objects.visible_to(user).filter(pk=obj.question_id).exists()
    return True


def get_own(model, user, pk, *, editing=True):
    """The member's own update, comment, question or answer, to edit or (editing=False) delete
    (staff may moderate in the admin, not edit here). Content that moderators hid is read-only for
    its author: they may delete it, not edit it."""
    obj = _get_visible(model, user, pk)
    if obj.author_id != user.pk:
        raise PermissionDenied("This isn't yours to change.")
    if editing and user.is_suspended:
        raise PermissionDenied("Your account is suspended, so you can't change what you posted.")
    if editing and obj.is_hidden:
        raise PermissionDenied(HIDDEN_READ_ONLY)
    if editing and not parent_visible(obj, user):  # its page would be a 404 to them once saved
        raise PermissionDenied(PARENT_GONE_READ_ONLY)
    return obj


def can_reply_to(thing):
    """Nobody comments on, answers or hugs what moderators hid (its author only reads it)."""
    return not thing.is_hidden


def get_visible_for_hugging(model, user, pk):
    thing = get_visible(model, user, pk)
    if not can_reply_to(thing):
        raise PermissionDenied(HIDDEN_READ_ONLY)
    return thing


def get_answer_for_choosing_best(user, pk):
    """Only the asker chooses the best answer to their question."""
    answer = get_object_or_404(Answer.objects.visible_to(user).select_related("question"), pk=pk)
    if answer.question.author_id != user.pk:
        raise PermissionDenied("Only the person who asked can choose the best answer.")
    if answer.question.is_hidden:
        raise PermissionDenied(HIDDEN_READ_ONLY)
    return answer
