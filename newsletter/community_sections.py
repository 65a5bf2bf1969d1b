"""The community's part of a member's digest (members only: readers get articles).

Each builder loads once per batch, for all its members, so a batch costs the same number of
queries whatever its size.
"""

from collections import defaultdict

from django.db.models import F

from accounts.models import NotificationEmails
from community.models import Answer, Mute, Notification, Post, Question, Visibility

from .sections import Item, Section

TOP_UPDATES = 5


def _members(recipients):
    return [recipient.user_id for recipient in recipients if recipient.user_id]


def _muted(members):
    """{member id: the ids of members they muted}, for a batch: their content stays out of the digest."""
    muted = defaultdict(set)
    for muter, member in Mute.objects.filter(muter_id__in=members).values_list("muter_id", "muted_id"):
        muted[muter].add(member)
    return muted


def _oldest(recipients):
    return min(recipient.since for recipient in recipients)


def _excerpt(text, length=120):
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


class MostHuggedUpdates:
    def load(self, recipients, *, until):
        members = _members(recipients)
        if not members:
            return [], {}
        posts = list(
            Post.objects.filter(status=Visibility.VISIBLE, created_at__gt=_oldest(recipients), created_at__lte=until)
            .select_related("author")
            .only("text", "image", "created_at", "hug_count", "comment_count", "author__display_name")
            .order_by("-hug_count", "-id")[:50]
        )
        return posts, _muted(members)

    def build(self, recipient, loaded):
        if not recipient.user_id:
            return None
        posts, muted = loaded
        top = [
            post
            for post in posts
            if post.created_at > recipient.since and post.hug_count and post.author_id not in muted[recipient.user_id]
        ][:TOP_UPDATES]
        if not top:
            return None
        items = [
            Item(
                title=_excerpt(post.text, 80) if post.text else f"A picture from {post.author.public_name}",
                path=post.get_absolute_url(),
                meta=f"{post.author.public_name} · {post.hug_count} hug{'s' if post.hug_count != 1 else ''}",
            )
            for post in top
        ]
        return Section(
            key="updates", title="Most hugged updates", items=items, more_path="/activities/", more_label="The feed"
        )


class AnswersToYourQuestions:
    def load(self, recipients, *, until):
        members = _members(recipients)
        if not members:
            return {}
        answers = (
            Answer.objects.filter(
                question__author_id__in=members,
                status=Visibility.VISIBLE,
                created_at__gt=_oldest(recipients),
                created_at__lte=until,
            )
            .exclude(author_id=F("question__author_id"))
            .select_related("question", "author")
            .order_by("created_at")
        )
        muted = _muted(members)
        by_member = defaultdict(list)
        for answer in answers:
            if answer.author_id not in muted[answer.question.author_id]:
                by_member[answer.question.author_id].append(answer)
        return by_member

    def build(self, recipient, by_member):
        answers = [a for a in by_member.get(recipient.user_id, []) if a.created_at > recipient.since]
        if not answers:
            return None
        items = [
            Item(
                title=answer.question.title,
                path=answer.get_absolute_url(),
                text=_excerpt(answer.text),
                meta=f"Answered by {answer.author.public_name}",
            )
            for answer in answers[:10]
        ]
        return Section(key="answers", title="New answers to your questions", items=items)


class QuestionsWaiting:
    def load(self, recipients, *, until):
        members = _members(recipients)
        if not members:
            return [], {}
        questions = list(
            Question.objects.filter(
                status=Visibility.VISIBLE, answer_count=0, created_at__gt=_oldest(recipients), created_at__lte=until
            )
            .only("title", "created_at", "author_id")
            .order_by("-created_at", "-id")[:50]
        )
        return questions, _muted(members)

    def build(self, recipient, loaded):
        if not recipient.user_id:
            return None
        questions, muted = loaded
        left_out = {recipient.user_id, *muted[recipient.user_id]}
        waiting = [q for q in questions if q.created_at > recipient.since and q.author_id not in left_out][:5]
        if not waiting:
            return None
        items = [Item(title=question.title, path=question.get_absolute_url()) for question in waiting]
        return Section(
            key="questions",
            title="Questions waiting for an answer",
            items=items,
            more_path="/questions/?view=unanswered",
            more_label="All unanswered questions",
        )


class UnreadNotifications:
    """For members who asked for their notifications in the digest rather than right away."""

    def load(self, recipients, *, until):
        members = _members(recipients)
        if not members:
            return {}
        notifications = (
            Notification.objects.filter(
                recipient_id__in=members,
                recipient__profile__notification_emails=NotificationEmails.DIGEST,
                read_at__isnull=True,
                created_at__gt=_oldest(recipients),
                created_at__lte=until,
            )
            .shown()
            .select_related("actor")
            .order_by("-created_at")
        )
        by_member = defaultdict(list)
        for notification in notifications:
            by_member[notification.recipient_id].append(notification)
        return by_member

    def build(self, recipient, by_member):
        unread = [n for n in by_member.get(recipient.user_id, []) if n.created_at > recipient.since][:10]
        if not unread:
            return None
        items = [Item(title=f"{n.actor.public_name} {n.get_kind_display()}", path=n.get_absolute_url()) for n in unread]
        return Section(
            key="notifications",
            title="Your notifications",
            items=items,
            more_path="/notifications/",
            more_label="All notifications",
        )


COMMUNITY_BUILDERS = [MostHuggedUpdates(), AnswersToYourQuestions(), QuestionsWaiting(), UnreadNotifications()]
