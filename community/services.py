"""Writes that touch several models or have side effects: notifications, counters, e-mails."""

import datetime

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone

from accounts import sql
from accounts.models import NotificationEmails, Profile
from accounts.services import confirmed_primary_address, primary_address_confirmed

from .models import (
    Answer,
    Comment,
    Follow,
    Hug,
    Mute,
    Notification,
    Post,
    Question,
    Report,
    Visibility,
    lock_then_update,
    number_of,
)


def _now():
    return timezone.now()


# Updates


def create_post(*, author, text, image=None, image_alt=""):
    # Held until a moderator has approved one of their updates (not just the very first one).
    held = (
        settings.COMMUNITY_HOLD_FIRST_POST
        and not Post.objects.filter(author=author, status=Visibility.VISIBLE).exists()
    )
    return Post.objects.create(
        author=author,
        text=text,
        image=image or "",
        image_alt=image_alt,
        status=Visibility.HELD if held else Visibility.VISIBLE,
    )


def delete_post(*, post):
    image = post.image.name, post.image.storage
    post.delete()
    if image[0]:
        transaction.on_commit(lambda: image[1].delete(image[0]))


# Comments


def create_comment(*, author, text, post=None, article=None):
    with transaction.atomic():
        comment = Comment.objects.create(author=author, text=text, post=post, article=article)
        if post is not None:
            Post.objects.filter(pk=post.pk).update(comment_count=F("comment_count") + 1)
            if post.author_id != author.pk:
                notify(recipient=post.author, actor=author, kind=Notification.Kind.COMMENT, post=post, comment=comment)
    return comment


def delete_comment(*, comment):
    with transaction.atomic():
        comment.delete()
        if comment.post_id:
            recount(posts=Post.objects.filter(pk=comment.post_id))


# Hugs


HUG_TARGETS = {"post": Post, "comment": Comment, "answer": Answer}


def toggle_hug(*, user, target):
    """Hug `target`, or take the hug back; returns (hugged, new count).

    The count moves with the Hug row, at the model layer (community/models.py: Hug.save and
    HugQuerySet.delete), in the same transaction."""
    kind = target._meta.model_name
    model = type(target)
    with transaction.atomic():
        deleted, _ = Hug.objects.filter(user=user, **{kind: target}).delete()
        if deleted:
            hugged = False
        else:
            try:
                with transaction.atomic():
                    Hug.objects.create(user=user, **{kind: target})
            except IntegrityError:  # a double click raced us; the hug is there either way
                return True, model.objects.get(pk=target.pk).hug_count
            hugged = True
            if target.author_id != user.pk:
                notify(
                    recipient=target.author,
                    actor=user,
                    kind=Notification.Kind.HUG,
                    **{kind: target},
                    **_context_of(target),
                )
    return hugged, model.objects.get(pk=target.pk).hug_count


class EditRefused(Exception):
    """A member's edit could not be saved: what they edited changed under them (the message says how)."""


def save_edit(*, thing, fields):
    """Save a member's edit of their update, comment, question or answer: only the `fields` they
    edit (and when), under a lock on the row, so that what happened meanwhile wins. A moderator who
    hid it keeps it hidden (an edit read before would otherwise write its old status back), and a
    delete stays a delete; either way EditRefused says why, and the member's text stays in the form."""
    fields = [*fields, "edited_at"]
    if "image" in fields:  # the picture's size is kept with it
        fields += ["image_width", "image_height"]
    noun = type(thing)._meta.verbose_name
    with transaction.atomic():
        status = type(thing).objects.select_for_update().filter(pk=thing.pk).values_list("status", flat=True).first()
        if status is None:
            raise EditRefused(
                f"This {noun} was deleted while you were editing it, so your changes were not saved. "
                "Your text is still below if you would like to copy it."
            )
        if status == Visibility.HIDDEN:
            raise EditRefused(f"Our moderators hid this {noun} while you were editing it, so it can't be changed.")
        thing.edited_at = _now()
        thing.save(update_fields=fields)
    return thing


def recount(*, posts=None, questions=None, excluding=None):
    """Set the comment and answer counts of these updates and questions to what members can see.

    Hidden comments and answers do not count (a question whose only answer was hidden is unanswered
    again). `excluding` leaves out one member's rows: those of a member being erased.
    """

    def visible(model, parent):
        rows = model.objects.filter(status=Visibility.VISIBLE)
        if excluding is not None:
            rows = rows.exclude(author=excluding)
        return number_of(rows, parent)

    if posts is not None:
        lock_then_update(posts, comment_count=visible(Comment, "post"))
    if questions is not None:
        lock_then_update(questions, answer_count=visible(Answer, "question"))


def recount_parent_of(target):
    if isinstance(target, Comment) and target.post_id:
        recount(posts=Post.objects.filter(pk=target.post_id))
    elif isinstance(target, Answer):
        recount(questions=Question.objects.filter(pk=target.question_id))


def _context_of(target):
    if isinstance(target, Comment) and target.post_id:
        return {"post_id": target.post_id}
    if isinstance(target, Answer):
        return {"question_id": target.question_id}
    return {}


# Questions and answers


def ask_question(*, author, title, details, topic=None):
    return Question.objects.create(author=author, title=title, details=details, topic=topic)


def delete_question(*, question):
    question.delete()


def answer_question(*, author, question, text):
    with transaction.atomic():
        answer = Answer.objects.create(author=author, question=question, text=text)
        Question.objects.filter(pk=question.pk).update(answer_count=F("answer_count") + 1)
        if question.author_id != author.pk:
            notify(
                recipient=question.author, actor=author, kind=Notification.Kind.ANSWER, question=question, answer=answer
            )
    return answer


def delete_answer(*, answer):
    with transaction.atomic():
        answer.delete()
        recount(questions=Question.objects.filter(pk=answer.question_id))


def choose_best_answer(*, answer):
    question = answer.question
    with transaction.atomic():
        question.best_answer = answer
        question.save(update_fields=["best_answer"])
        if answer.author_id != question.author_id:
            notify(
                recipient=answer.author,
                actor=question.author,
                kind=Notification.Kind.BEST_ANSWER,
                question=question,
                answer=answer,
            )


# My team and muting


def toggle_team(*, user, member):
    deleted, _ = Follow.objects.filter(follower=user, followed=member).delete()
    if deleted:
        return False
    with transaction.atomic():
        _, created = Follow.objects.get_or_create(follower=user, followed=member)
        if created:
            notify(recipient=member, actor=user, kind=Notification.Kind.TEAM)
    return True


def toggle_mute(*, user, member):
    """Mute `member` for `user`, or unmute. Muting also removes what they did that was notified to
    `user` before (notify() records nothing new from them): their name no longer shows in the
    notifications, the digest or a notification e-mail."""
    with transaction.atomic():
        deleted, _ = Mute.objects.filter(muter=user, muted=member).delete()
        if not deleted:
            Mute.objects.get_or_create(muter=user, muted=member)
            Notification.objects.filter(recipient=user, actor=member).delete()
    return not deleted


def muted_ids(user):
    """Whom `user` has muted (plain SQL: asked on every page that lists member content)."""
    return sql.column(f"SELECT muted_id FROM {sql.table(Mute)} WHERE muter_id = %s", [user.pk])  # noqa: S608


def unread_count(user):
    """The header's count, of what the notifications page shows (a statement built once per process:
    asked on every signed-in page)."""
    rows = UNREAD.rows(viewer=user)
    return rows[0][0] if rows else 0


def _unread(viewer):
    unread = Notification.objects.filter(recipient=viewer, read_at__isnull=True).shown()
    return unread.values("recipient").annotate(count=Count("pk")).values("count")


UNREAD = sql.Statement(_unread)


# Notifications


def notify(*, recipient, actor, kind, **about):
    """Record a notification; e-mail it at once if the recipient asked for that (on commit)."""
    if Mute.objects.filter(muter=recipient, muted=actor).exists():
        return None
    if (
        kind in REPEATABLE_ONCE
        and Notification.objects.filter(recipient=recipient, actor=actor, kind=kind, **about).exists()
    ):
        return None  # hug, un-hug, hug again (or the same with the team) tells them once
    notification = Notification.objects.create(recipient=recipient, actor=actor, kind=kind, **about)
    wants = Profile.objects.filter(user=recipient).values_list("notification_emails", flat=True).first()
    if wants in (None, NotificationEmails.IMMEDIATELY):
        from .tasks import send_notification_email

        # robust: with the broker down the post still succeeds; the periodic sweep e-mails it later.
        transaction.on_commit(lambda: send_notification_email.delay(recipient.pk), robust=True)
    return notification


NOTIFICATION_EMAIL_GAP = datetime.timedelta(minutes=15)
# Told once: hugging again, re-adding to a team, choosing an answer as best again (switching back and
# forth) would otherwise notify the same thing over and over.
REPEATABLE_ONCE = {Notification.Kind.HUG, Notification.Kind.TEAM, Notification.Kind.BEST_ANSWER}


def email_due_notifications(*, user_id):
    """Send one e-mail with every notification not yet e-mailed, unless one went out in the last
    15 minutes; returns the seconds to wait before trying again (0 when done or nothing to send).

    The member's row is locked, so two workers never send the same notifications twice.
    """
    from accounts.models import User

    from .emails import send_notifications_email

    with transaction.atomic():
        # FOR NO KEY UPDATE: two workers never e-mail the same member at once, and the rows the
        # e-mail names (FOR KEY SHARE below, and the outbox's foreign keys) never wait on it.
        user = User.objects.select_for_update(no_key=True).filter(pk=user_id, suspended_at__isnull=True).first()
        if user is None or not primary_address_confirmed(user):
            return 0  # nobody proved the address is theirs: it may be a stranger's inbox
        wants = Profile.objects.filter(user=user).values_list("notification_emails", flat=True).first()
        pending = Notification.objects.filter(recipient=user, emailed_at__isnull=True, read_at__isnull=True).shown()
        if wants not in (None, NotificationEmails.IMMEDIATELY) or not pending.exists():
            return 0
        last = (
            Notification.objects.filter(recipient=user, emailed_at__isnull=False)
            .order_by("-emailed_at")
            .values_list("emailed_at", flat=True)
            .first()
        )
        now = _now()
        if last and now - last < NOTIFICATION_EMAIL_GAP:
            return int((last + NOTIFICATION_EMAIL_GAP - now).total_seconds()) + 1
        notifications = list(pending.select_related("actor").order_by("created_at")[:50])
        # An actor being erased (accounts.services.delete_member locks their row before it goes) is
        # waited for, and their notifications, gone by then, are left out: the e-mail never names them.
        present = _lock_members_named({n.actor_id for n in notifications})
        notifications = [n for n in notifications if n.actor_id in present]
        if not notifications:
            return 0
        # Recorded in the outbox with the marks, in one transaction: sent once, after the commit.
        email = send_notifications_email(user=user, notifications=notifications)
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(emailed_at=now, email=email)
    return 0


def _lock_members_named(user_ids):
    """Which of these members still exist, once no erasure of theirs is in progress. FOR KEY SHARE
    (what a foreign key's check takes) waits only for a delete or a FOR UPDATE, never for another
    worker's lock on its own recipient, so two members' e-mails naming each other cannot deadlock.
    SQLite writes one transaction at a time: nobody is being erased meanwhile, and all of them exist."""
    from accounts.models import User

    if connection.vendor != "postgresql":
        return set(user_ids)
    table = sql.table(User)
    return set(sql.column(f"SELECT id FROM {table} WHERE id = ANY(%s) ORDER BY id FOR KEY SHARE", [list(user_ids)]))  # noqa: S608


def recipients_with_due_notifications():
    """Members with notifications still to e-mail (to a confirmed address, not suspended): what the
    sweep looks at."""
    confirmed = confirmed_primary_address(OuterRef("recipient"), OuterRef("recipient__email"))
    return (
        Notification.objects.filter(emailed_at__isnull=True, read_at__isnull=True, recipient__suspended_at__isnull=True)
        .shown()
        .filter(
            Q(recipient__profile__notification_emails=NotificationEmails.IMMEDIATELY)
            | Q(recipient__profile__isnull=True)
        )
        .filter(Exists(confirmed))
        .order_by()  # without the model's ordering, whose columns would make every row distinct
        .values_list("recipient_id", flat=True)
        .distinct()
    )


def mark_notifications_read(*, user):
    """What the page shows: one of hidden content, once a moderator restores it, is news to them."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).shown().update(read_at=_now())


# Moderation


def report_content(*, reporter, target, reason):
    """One open report per member and thing: reporting it again adds nothing to the queue. The
    reported row is locked while we look, so the same report sent twice at once (a double click)
    is still one."""
    kind = target._meta.model_name
    with transaction.atomic():
        type(target).objects.select_for_update().filter(pk=target.pk).exists()
        existing = Report.objects.filter(reporter=reporter, status=Report.Status.OPEN, **{kind: target}).first()
        return existing or Report.objects.create(reporter=reporter, reason=reason, **{kind: target})


# The status changes below are queryset updates: ContentQuerySet.update recounts the update's
# comments or the question's answers with them.


def hide_content(*, target, moderator, reason):
    type(target).objects.filter(pk=target.pk).update(
        status=Visibility.HIDDEN, hidden_reason=reason, moderated_by=moderator, moderated_at=_now()
    )


def approve_content(*, target, moderator):
    type(target).objects.filter(pk=target.pk).update(
        status=Visibility.VISIBLE, hidden_reason="", moderated_by=moderator, moderated_at=_now()
    )


# Crisis support


def screen_for_risk(*, thing):
    """Whether the words of a new or edited update, comment, question or answer may mean its author
    is at risk; if so, moderators get an urgent report at the top of the queue and an e-mail now.

    The content publishes either way: never silence a person reaching out. An edit that matches
    again while an urgent report is still open adds nothing more.
    """
    from .safety import needs_support

    if not needs_support(thing):
        return False
    kind = thing._meta.model_name
    with transaction.atomic():
        if not Report.objects.filter(urgent=True, status=Report.Status.OPEN, **{kind: thing}).exists():
            report = Report.objects.create(urgent=True, reason=Report.URGENT_REASON, **{kind: thing})
            from .emails import send_urgent_report_emails

            send_urgent_report_emails(report=report, to=moderator_emails())
    return True


def moderator_emails():
    """Who is told of urgent reports: MODERATOR_EMAILS, and active staff in the moderators group;
    when both are empty, every active superuser (an urgent report is never sent to nobody)."""
    from accounts.models import User

    staff = User.objects.filter(is_active=True, is_staff=True)
    addresses = list(settings.MODERATOR_EMAILS)
    addresses += staff.filter(groups__name=settings.MODERATORS_GROUP).values_list("email", flat=True)
    if not addresses:
        addresses = list(staff.filter(is_superuser=True).values_list("email", flat=True))
    return sorted({address.lower(): address for address in addresses}.values())
