import re
from collections import Counter, defaultdict

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone

from accounts.images import RandomName
from accounts.permissions import has_staff_powers
from articles.search import SearchVectorDeferred, weighted_vector

USER = settings.AUTH_USER_MODEL


class Visibility(models.TextChoices):
    VISIBLE = "visible", "Visible"
    HELD = "held", "Held for review"
    HIDDEN = "hidden", "Hidden by moderators"


class ContentQuerySet(models.QuerySet):
    def update(self, **kwargs):
        """A bulk update (admin actions, services, the shell) moves on the versions of what shows these
        rows, in the same transaction, as saving each row would (community/versions.py)."""
        from . import versions

        if self.model is Post:  # the rows carry their own version: moved in the same statement
            count = super().update(**{"version": F("version") + 1, **kwargs})
            versions.MEMBER_PAGES.move_on()
            return count
        with transaction.atomic(using=self.db, savepoint=False):
            shown = versions.shown_by(self, kwargs)  # read before: the update may change what the filter selects
            parents = self._counted_parents(kwargs)
            count = super().update(**kwargs)
            versions.bump(**shown)
            versions.MEMBER_PAGES.move_on()
            if parents:  # a comment or an answer hidden, shown or moved: its update's or question's count
                from .services import recount

                recount(**parents)
        return count

    def _counted_parents(self, fields):
        """The updates or questions whose counts these rows feed, before and after `fields` apply."""
        moved = {"post": "posts", "question": "questions"}
        parent = {Comment: "post", Answer: "question"}.get(self.model)
        if parent is None or not {"status", parent} & fields.keys():
            return None
        ids = set(self.exclude(**{f"{parent}__isnull": True}).values_list(f"{parent}_id", flat=True))
        if parent in fields and fields[parent] is not None:
            ids.add(getattr(fields[parent], "pk", fields[parent]))
        model = Post if parent == "post" else Question
        return {moved[parent]: model.objects.filter(pk__in=ids)}

    def bulk_create(self, objs, *args, **kwargs):
        """Rows created in bulk (seeding, imports) move versions on as saving each row would."""
        from . import versions

        created = super().bulk_create(objs, *args, **kwargs)
        versions.bump(**versions.shown_by_rows(self.model, created))
        versions.MEMBER_PAGES.move_on()
        return created

    def visible_to(self, user, muted=None):
        """What `user` may see: visible content by members they have not muted.

        Authors also see their own held or hidden content (with the reason); staff with two-factor
        authentication see everything (without it, what a member sees). `muted`, when the caller
        has read it already (services.muted_ids), saves the subquery.
        """
        return self._visible_through(user, "", muted)

    def under_visible(self, relation, user, muted):
        """Rows under an update or question (`relation`) that `user` may see: visible_to's rules on
        the joined row. `muted` is the list of ids `user` muted (services.muted_ids): a subquery
        there would make PostgreSQL hash every visible update instead of looking each one up."""
        return self._visible_through(user, f"{relation}__", muted)

    def _visible_through(self, user, prefix, muted=None):
        if has_staff_powers(user):
            return self
        visible = self.filter(Q(**{f"{prefix}status": Visibility.VISIBLE}) | Q(**{f"{prefix}author": user}))
        if muted is None:
            muted = Mute.objects.filter(muter=user).values("muted_id")  # a subquery, in the same statement
        elif not muted:
            return visible
        return visible.exclude(**{f"{prefix}author__in": muted})


# Columns only single UPDATE statements move (ModeratedContent.save never writes them back).
COUNTERS = {"hug_count", "comment_count", "answer_count", "version"}


class ModeratedContent(models.Model):
    """Fields every kind of member content shares: its author, its moderation state and dates."""

    author = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.VISIBLE)
    hidden_reason = models.TextField(blank=True)
    moderated_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    moderated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    hug_count = models.PositiveIntegerField(default=0)

    objects = SearchVectorDeferred.from_queryset(ContentQuerySet)()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """Saving a row read earlier (an edit, an admin form, the shell) writes every column but the
        counters: hugs, comments and answers move those, and Post.version with them, by single
        UPDATEs with F() while the copy in hand grows old. Writing them back would undo a hug that
        came meanwhile, and put back a version whose cached fragment shows the old text."""
        if not self._state.adding and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            deferred = self.get_deferred_fields()
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not (field.primary_key or field.generated or field.name in COUNTERS or field.attname in deferred)
            ]
        super().save(*args, **kwargs)

    @property
    def is_hidden(self):
        return self.status == Visibility.HIDDEN

    @property
    def is_held(self):
        return self.status == Visibility.HELD


class Post(ModeratedContent):
    """An update on the activity feed: text, a picture, or both."""

    text = models.TextField(max_length=5000, blank=True)
    image = models.ImageField(
        upload_to=RandomName("posts"), blank=True, width_field="image_width", height_field="image_height"
    )
    # Kept with the picture so that pages give its size before it loads (no jump as it arrives).
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField("picture description", max_length=200, blank=True)
    comment_count = models.PositiveIntegerField(default=0)
    # Moves on whenever anything the feed shows of this update changes (its text, comments, hugs, the
    # names and pictures of the people shown): part of its cached fragment's key (community/versions.py).
    version = models.PositiveBigIntegerField(default=0, editable=False)
    # Full-text search (PostgreSQL: generated column, GIN-indexed; NULL on SQLite): articles/search.py.
    search_vector = models.GeneratedField(
        expression=weighted_vector(("text", "B")), output_field=SearchVectorField(), db_persist=True
    )

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["author", "-id"], name="post_author_idx"),
            models.Index(fields=["image"], name="post_image_idx"),  # the picture view's lookup
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text="") | ~Q(image=""),
                name="post_has_text_or_picture",
                violation_error_message="All updates must be accompanied by text or a picture.",
            ),
        ]

    def __str__(self):
        return f"Update {self.pk} by {self.author}"

    def get_absolute_url(self):
        return reverse("community:post-detail", args=[self.pk])


class Comment(ModeratedContent):
    """A comment on exactly one update or one article."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, null=True, blank=True, related_name="comments")
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    text = models.TextField(max_length=3000)
    # Full-text search (PostgreSQL: generated column, GIN-indexed; NULL on SQLite): articles/search.py.
    search_vector = models.GeneratedField(
        expression=weighted_vector(("text", "B")), output_field=SearchVectorField(), db_persist=True
    )

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["post", "created_at", "id"], name="comment_post_idx"),
            models.Index(fields=["article", "created_at", "id"], name="comment_article_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(post__isnull=False, article__isnull=True) | Q(post__isnull=True, article__isnull=False),
                name="comment_on_exactly_one_thing",
            ),
        ]

    def __str__(self):
        return f"Comment {self.pk} by {self.author}"

    def get_absolute_url(self):
        if self.post_id:
            return reverse("community:post-detail", args=[self.post_id]) + f"#comment-{self.pk}"
        return reverse("articles:article-detail", args=[self.article.slug]) + f"#comment-{self.pk}"


class Question(ModeratedContent):
    title = models.CharField(max_length=200)
    details = models.TextField(max_length=5000, blank=True)
    topic = models.ForeignKey(
        "articles.Topic", on_delete=models.SET_NULL, null=True, blank=True, related_name="questions"
    )
    answer_count = models.PositiveIntegerField(default=0)
    best_answer = models.OneToOneField(
        "Answer", on_delete=models.SET_NULL, null=True, blank=True, related_name="best_for"
    )
    # Full-text search (PostgreSQL: generated column, GIN-indexed; NULL on SQLite): articles/search.py.
    search_vector = models.GeneratedField(
        expression=weighted_vector(("title", "A"), ("details", "B")), output_field=SearchVectorField(), db_persist=True
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="question_list_idx"),
            models.Index(fields=["topic", "-created_at"], name="question_topic_idx"),
            models.Index(fields=["answer_count", "-created_at"], name="question_unanswered_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("community:question-detail", args=[self.pk])


class Answer(ModeratedContent):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(max_length=5000)
    # Full-text search (PostgreSQL: generated column, GIN-indexed; NULL on SQLite): articles/search.py.
    search_vector = models.GeneratedField(
        expression=weighted_vector(("text", "B")), output_field=SearchVectorField(), db_persist=True
    )

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["question", "created_at", "id"], name="answer_question_idx")]

    def __str__(self):
        return f"Answer {self.pk} by {self.author}"

    def get_absolute_url(self):
        return reverse("community:question-detail", args=[self.question_id]) + f"#answer-{self.pk}"


class HugQuerySet(models.QuerySet):
    def delete(self):
        """Delete these hugs and take each off its update's, comment's or answer's count, in the same
        transaction, whoever deletes (the hug button, a member's erasure, the shell). The rows are
        locked first (SELECT … FOR UPDATE; SQLite's transactions hold the write lock from their
        start): a hug another request deleted meanwhile drops out and is not taken off twice. One
        UPDATE per kind and number of hugs taken, not one per hug."""
        with transaction.atomic(using=self.db):
            locked = self.select_for_update(of=("self",)).order_by("pk")  # the hugs' rows, not what they join
            hugs = list(locked.values_list("pk", "post_id", "comment_id", "answer_id"))
            for start in range(0, len(hugs), 500):
                models.QuerySet.delete(Hug.objects.filter(pk__in=[hug[0] for hug in hugs[start : start + 500]]))
            move_hug_counts([hug[1:] for hug in hugs], -1)
        return len(hugs), ({Hug._meta.label: len(hugs)} if hugs else {})

    def bulk_create(self, objs, *args, **kwargs):
        """Hugs created in bulk (seeding, imports, the shell): what they are on is counted again in the
        same transaction, so the counts follow the rows whatever conflicts were ignored."""
        objs = list(objs)
        with transaction.atomic(using=self.db):
            created = super().bulk_create(objs, *args, **kwargs)
            recount_hugs((hug.post_id, hug.comment_id, hug.answer_id) for hug in objs)
        return created

    def update(self, **kwargs):
        """Hugs moved in bulk (the shell): what they were on and what they are on now are counted again."""
        with transaction.atomic(using=self.db):
            locked = self.select_for_update(of=("self",)).order_by("pk")  # the hugs' rows, as delete() locks them
            on = list(locked.values_list("pk", "post_id", "comment_id", "answer_id"))
            count = super().update(**kwargs)
            now = Hug.objects.filter(pk__in=[hug[0] for hug in on]).values_list("post_id", "comment_id", "answer_id")
            recount_hugs([hug[1:] for hug in on] + list(now))
        return count


def recount_hugs(hugs):
    """Set the hug counts of what `hugs` ((post_id, comment_id, answer_id) rows) are on to the number of
    their hug rows; through ContentQuerySet.update, so the versions of what shows the counts move too.
    In move_hug_counts's order: comments and answers first, updates last."""
    hugs = list(hugs)
    for position, model, field in ((1, Comment, "comment"), (2, Answer, "answer"), (0, Post, "post")):
        pks = sorted({hug[position] for hug in hugs if hug[position] is not None})
        for start in range(0, len(pks), 500):  # a statement takes only so many values
            chunk = model.objects.filter(pk__in=pks[start : start + 500])
            lock_then_update(chunk, hug_count=number_of(Hug.objects.all(), field))


def number_of(rows, parent):
    """How many of `rows` are on the row being updated (`parent`: their foreign key to it), for a
    count set by an UPDATE; 0 when none are."""
    rows = rows.filter(**{parent: OuterRef("pk")}).order_by().values(parent)
    return Coalesce(Subquery(rows.annotate(number=Count("pk")).values("number")), 0)


def lock_then_update(queryset, **counts):
    """`queryset.update(**counts)` where the counts are subqueries over other rows, right while others
    write them. On PostgreSQL an UPDATE that waits for a row's lock still counts with the snapshot it
    started with: a hug or comment committed by the lock's holder meanwhile would be left out. So the
    rows are locked first, in a statement of their own; the UPDATE that follows counts afresh."""
    with transaction.atomic(using=queryset.db, savepoint=False):
        list(queryset.order_by("pk").select_for_update(no_key=True).values_list("pk", flat=True))
        return queryset.update(**counts)


def move_hug_counts(hugs, sign):
    """Move the hug counts of what `hugs` ((post_id, comment_id, answer_id) rows) were on, by `sign`
    for each; through ContentQuerySet.update, so the versions of what shows the counts move too.

    Comments and answers first, updates last: a comment's count moves its update's version, and
    every path that changes a comment (a hug on it, hiding it) locks the comment before its update;
    locking in the other order here deadlocked with them."""
    for position, model in ((1, Comment), (2, Answer), (0, Post)):
        by_number = defaultdict(list)  # number of hugs: the things that many hugs were on
        for pk, number in sorted(Counter(hug[position] for hug in hugs if hug[position] is not None).items()):
            by_number[number].append(pk)
        for number, pks in by_number.items():
            for start in range(0, len(pks), 500):  # a statement takes only so many values
                chunk = pks[start : start + 500]
                model.objects.filter(pk__in=chunk).update(hug_count=Greatest(F("hug_count") + sign * number, 0))


class Hug(models.Model):
    """A member's hug on exactly one update, comment or answer; one per member and thing.

    Its thing's hug_count follows the rows: saving a new hug adds one, and HugQuerySet.delete (and so
    Hug.delete, and a member's deletion: member_deleted) takes them off; HugQuerySet's bulk_create
    and update count what they touch again.
    """

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="hugs")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, null=True, blank=True, related_name="hugs")
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="hugs")
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, null=True, blank=True, related_name="hugs")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(post__isnull=False, comment__isnull=True, answer__isnull=True)
                | Q(post__isnull=True, comment__isnull=False, answer__isnull=True)
                | Q(post__isnull=True, comment__isnull=True, answer__isnull=False),
                name="hug_on_exactly_one_thing",
            ),
            models.UniqueConstraint(fields=["user", "post"], condition=Q(post__isnull=False), name="one_hug_per_post"),
            models.UniqueConstraint(
                fields=["user", "comment"], condition=Q(comment__isnull=False), name="one_hug_per_comment"
            ),
            models.UniqueConstraint(
                fields=["user", "answer"], condition=Q(answer__isnull=False), name="one_hug_per_answer"
            ),
        ]

    objects = HugQuerySet.as_manager()

    def __str__(self):
        return f"Hug by {self.user_id}"

    def save(self, *args, **kwargs):
        """A new hug adds one to its thing's count; a hug moved to another thing (the shell) moves
        one from the old to the new; a row saved again after its delete counts as new."""
        with transaction.atomic(using=kwargs.get("using")):
            before = None
            if self.pk is not None:
                before = Hug.objects.select_for_update().filter(pk=self.pk)
                before = before.values_list("post_id", "comment_id", "answer_id").first()
            super().save(*args, **kwargs)
            after = (self.post_id, self.comment_id, self.answer_id)
            if before != after:
                if before is not None:
                    move_hug_counts([before], -1)
                move_hug_counts([after], +1)

    def delete(self, using=None, keep_parents=False):
        return Hug.objects.using(using or self._state.db).filter(pk=self.pk).delete()


def member_deleted(sender, instance, **kwargs):
    """A member is being deleted: their hugs come off the counts (HugQuerySet.delete, one update per
    kind), whoever deletes them. Connected in apps.py."""
    Hug.objects.filter(user=instance).delete()


class MemberPagesQuerySet(models.QuerySet):
    """Rows the kept member pages show but no row of their own: written in bulk (the shell, imports),
    they retire those pages as saving or deleting each row does (community/versions.py)."""

    def bulk_create(self, objs, *args, **kwargs):
        from . import versions

        created = super().bulk_create(objs, *args, **kwargs)
        versions.MEMBER_PAGES.move_on()
        return created

    def update(self, **kwargs):
        from . import versions

        count = super().update(**kwargs)
        versions.MEMBER_PAGES.move_on()
        return count


class Follow(models.Model):
    """`follower` has `followed` on their team."""

    follower = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="following")
    followed = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="followers")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["follower", "followed"], name="follow_once"),
            models.CheckConstraint(condition=~Q(follower=models.F("followed")), name="no_following_oneself"),
        ]

    objects = MemberPagesQuerySet.as_manager()

    def __str__(self):
        return f"{self.follower_id} → {self.followed_id}"


class Mute(models.Model):
    muter = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="mutes")
    muted = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="muted_by")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["muter", "muted"], name="mute_once"),
            models.CheckConstraint(condition=~Q(muter=models.F("muted")), name="no_muting_oneself"),
        ]

    objects = MemberPagesQuerySet.as_manager()

    def __str__(self):
        return f"{self.muter_id} mutes {self.muted_id}"


class NotificationQuerySet(models.QuerySet):
    def shown(self):
        """Notifications whose update, comment, question and answer (those they name) the recipient may
        see: visible, or their own in any state (as the pages show their own hidden or held content).
        So another member's comment or answer a moderator hid, or holds, is not announced by its
        author's name (the list, the header's count, the e-mail and the digest all ask this), and
        shows again if the moderator restores it.

        Each as `IS NULL OR EXISTS (…)`: PostgreSQL plans those as four small lookups instead of a
        five-table join, whose planning cost more than the count it answers on every signed-in page
        (0.7 ms against 0.2, PostgreSQL 15)."""
        return self.filter(
            *(
                Q(**{f"{name}__isnull": True})
                | models.Exists(
                    model.objects.filter(pk=OuterRef(f"{name}_id")).filter(
                        Q(status=Visibility.VISIBLE) | Q(author=OuterRef("recipient"))
                    )
                )
                for name, model in (("post", Post), ("comment", Comment), ("question", Question), ("answer", Answer))
            )
        )


class Notification(models.Model):
    class Kind(models.TextChoices):
        COMMENT = "comment", "commented on your update"
        ANSWER = "answer", "answered your question"
        HUG = "hug", "sent you a hug"
        TEAM = "team", "added you to their team"
        BEST_ANSWER = "best_answer", "chose your answer as the best"

    recipient = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="notifications")
    actor = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # The e-mail that told the recipient (its outbox row also records the actor in OutgoingEmail.about,
    # so it goes with the actor's account even once this notification is gone).
    email = models.ForeignKey(
        "accounts.OutgoingEmail", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_list_idx"),
            models.Index(fields=["recipient", "read_at"], name="notification_unread_idx"),
            models.Index(fields=["recipient", "emailed_at"], name="notification_email_idx"),
        ]

    def __str__(self):
        return f"{self.actor} {self.get_kind_display()}"

    def get_absolute_url(self):
        if self.answer_id:
            return reverse("community:question-detail", args=[self.question_id]) + f"#answer-{self.answer_id}"
        if self.comment_id and self.post_id:
            return reverse("community:post-detail", args=[self.post_id]) + f"#comment-{self.comment_id}"
        if self.post_id:
            return reverse("community:post-detail", args=[self.post_id])
        if self.question_id:
            return reverse("community:question-detail", args=[self.question_id])
        return reverse("accounts:member-detail", args=[self.actor_id])


class HiddenReason(models.TextChoices):
    """What the author of hidden content is told: staff choose one (never the report's words)."""

    GUIDELINES = "guidelines", "Against the community guidelines"
    MEDICAL_MISINFORMATION = "medical", "Medical misinformation"
    SPAM = "spam", "Spam or advertising"
    PERSONAL_INFORMATION = "personal", "Personal information"
    HARASSMENT = "harassment", "Harassment"


# The moderation queue: open reports first, urgent ones (possible risk of self-harm) at the top.
QUEUE_ORDER = [
    models.Case(models.When(status="open", then=models.Value(0)), default=models.Value(1)).asc(),
    models.F("urgent").desc(),
    models.F("created_at").desc(),
]


class Report(models.Model):
    """A member's report of an update, comment, question or answer, for moderators.

    Urgent reports are made by the site itself (no reporter) when member content matches a
    warning phrase: they reach the top of the queue and moderators are e-mailed at once.
    """

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        HIDDEN = "hidden", "Content hidden"
        DISMISSED = "dismissed", "Dismissed"
        SUSPENDED = "suspended", "Author suspended"
        NO_RISK = "no_risk", "Reviewed, no risk"
        CONTACTED = "contacted", "Contacted the member"

    URGENT_REASON = "possible risk of self-harm"

    reporter = models.ForeignKey(USER, on_delete=models.CASCADE, null=True, blank=True, related_name="reports")
    urgent = models.BooleanField(default=False, help_text="Made by the site: the content matched a warning phrase.")
    # What was reported. Kept (emptied) when its author deletes it: an urgent report must stay in the
    # queue, saying whose words they were, when the member deletes them on second thoughts.
    post = models.ForeignKey(Post, on_delete=models.SET_NULL, null=True, blank=True, related_name="reports")
    comment = models.ForeignKey(Comment, on_delete=models.SET_NULL, null=True, blank=True, related_name="reports")
    question = models.ForeignKey(Question, on_delete=models.SET_NULL, null=True, blank=True, related_name="reports")
    answer = models.ForeignKey(Answer, on_delete=models.SET_NULL, null=True, blank=True, related_name="reports")
    author = models.ForeignKey(
        USER, on_delete=models.CASCADE, null=True, blank=True, related_name="+", help_text="Whose words were reported."
    )
    reason = models.TextField(max_length=1000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    handled_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = QUEUE_ORDER
        indexes = [models.Index(*QUEUE_ORDER, name="report_queue_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(post__isnull=False, comment__isnull=True, question__isnull=True, answer__isnull=True)
                | Q(post__isnull=True, comment__isnull=False, question__isnull=True, answer__isnull=True)
                | Q(post__isnull=True, comment__isnull=True, question__isnull=False, answer__isnull=True)
                | Q(post__isnull=True, comment__isnull=True, question__isnull=True, answer__isnull=False)
                | Q(post__isnull=True, comment__isnull=True, question__isnull=True, answer__isnull=True),
                name="report_on_one_thing_or_its_deleted_place",
            ),
            models.CheckConstraint(
                condition=Q(urgent=True) | Q(reporter__isnull=False), name="report_by_a_member_or_urgent"
            ),
        ]

    def __str__(self):
        return f"Report {self.pk} ({self.get_status_display()})"

    def save(self, *args, **kwargs):
        if self.author_id is None and self.target is not None:  # however it is made: service, admin, shell
            self.author_id = self.target.author_id
        super().save(*args, **kwargs)

    @property
    def target(self):
        return self.post or self.comment or self.question or self.answer


# Crisis support: data staff edit in the admin (community/safety.py matches and looks them up).


def _words(value):
    return [word.strip() for word in value.split(",") if word.strip()]


class WarningPhrase(models.Model):
    """Words that may mean a member is at risk of harming themselves.

    Matched as whole words on normalised text (community/safety.py): "kill myself" never matches
    "skill". The exceptions turn a known near miss away ("in the end it all worked out").
    """

    phrase = models.CharField(max_length=200, help_text="Whole words; case, accents and apostrophes don't matter.")
    language = models.CharField(max_length=10, default="en", help_text="An ISO 639-1 code such as en, es, fr.")
    not_after = models.CharField(
        "except after",
        max_length=300,
        blank=True,
        help_text="Comma-separated words that, just before the phrase, make it something else "
        "(\u201cdon't\u201d before \u201cwant to die\u201d).",
    )
    not_before = models.CharField(
        "except before",
        max_length=300,
        blank=True,
        help_text="Comma-separated words that, just after the phrase, make it something else "
        "(\u201cback\u201d after \u201ctake my life\u201d).",
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["language", "phrase"]
        constraints = [models.UniqueConstraint(fields=["language", "phrase"], name="warning_phrase_once")]

    def __str__(self):
        return self.phrase

    def clean(self):
        """A phrase with no words once normalised ("%", an emoji) would never match anything."""
        from .safety import normalise

        errors = {}
        if self.phrase and not normalise(self.phrase):
            errors["phrase"] = "This phrase has no words to match: use letters or digits."
        if not re.fullmatch(r"[a-z]{2}", self.language or ""):
            errors["language"] = "Use a two-letter ISO 639-1 code in lower case, such as en, es or fr."
        if errors:
            raise ValidationError(errors)

    def exceptions(self):
        return _words(self.not_after), _words(self.not_before)


class CrisisResourceQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class CrisisResource(models.Model):
    """A helpline or service a member in crisis can reach, for one region or internationally."""

    INTERNATIONAL = "international"

    name = models.CharField(max_length=200)
    description = models.CharField(max_length=300, blank=True, help_text="One line: who it is for, what it offers.")
    region = models.CharField(
        max_length=20,
        default=INTERNATIONAL,
        help_text="An ISO country code (US, GB, IE…) or \u201cinternational\u201d for everyone.",
    )
    region_name = models.CharField(max_length=100, blank=True, help_text="Shown as the heading, e.g. United States.")
    region_words = models.CharField(
        max_length=300,
        blank=True,
        help_text="Comma-separated names that, in a member's profile region, mean this region "
        "(e.g. United States, USA, US). Members whose region matches see this resource first.",
    )
    phone = models.CharField(max_length=40, blank=True)
    text = models.CharField("text / SMS", max_length=100, blank=True, help_text="e.g. Text 988, or Text HOME to …")
    web_url = models.URLField("website", blank=True)
    hours = models.CharField(max_length=100, blank=True, help_text="e.g. 24 hours a day, every day")
    sort_order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True, help_text="Members see only active resources.")

    objects = CrisisResourceQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        """Listed to members in crisis: one they could not reach would waste their time."""
        if not (self.phone.strip() or self.text.strip() or self.web_url):
            raise ValidationError(
                "Give at least one way to reach this helpline: a phone number, a text number or a website."
            )

    @property
    def is_international(self):
        return self.region.casefold() == self.INTERNATIONAL

    def region_words_list(self):
        return _words(self.region_words)

    def phone_href(self):
        """A tel: link: digits and a leading + only."""
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        return ("+" if self.phone.strip().startswith("+") else "") + digits
