from django.conf import settings
from django.contrib import admin, messages
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce, Lower
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from accounts.models import OutgoingEmail, SuppressedAddress

from .emails import send_test_digest
from .models import Delivery, DigestRun, Subscriber
from .services import lift_address_suppression, run_progress


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "status",
        "frequency",
        "user",
        "bounces",
        "suppressed",
        "created_at",
        "confirmed_at",
    ]
    list_filter = ["status", "frequency"]
    search_fields = ["email"]
    raw_id_fields = ["user"]
    readonly_fields = ["created_at", "confirmed_at", "unsubscribed_at", "consent_at", "consent_page", "consent_version"]

    def get_queryset(self, request):
        # The suppression of the address this subscription mails (a member's current one), in the same query.
        suppression = SuppressedAddress.objects.active().annotate(email_lower=Lower("email"))
        suppression = suppression.filter(email_lower=Lower(Coalesce(OuterRef("user__email"), OuterRef("email"))))
        return (
            super()
            .get_queryset(request)
            .annotate(
                suppression_reason=Subquery(suppression.values("reason")[:1]),
                suppressed_at=Subquery(suppression.values("suppressed_at")[:1]),
            )
        )

    @admin.display(description="suppressed")
    def suppressed(self, subscriber):
        if not subscriber.suppression_reason:
            return "—"
        reason = SuppressedAddress.Reason(subscriber.suppression_reason).label
        return format_html(
            '<a href="{}?{}">{}</a>, {}',
            reverse("admin:accounts_suppressedaddress_changelist"),
            urlencode({"q": subscriber.address}),
            reason,
            f"{subscriber.suppressed_at:%Y-%m-%d %H:%M} UTC",
        )

    @admin.display(description="permanent refusals", ordering="bounce_count")
    def bounces(self, subscriber):
        """Against the limit at which sending stops, so staff see how close an address is."""
        return f"{subscriber.bounce_count} of {settings.NEWSLETTER_BOUNCE_LIMIT}"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if "bounce_count" in form.base_fields:
            form.base_fields["bounce_count"].help_text = (
                f"Permanent refusals (5xx) by their mail server, one at most per digest. At "
                f"{settings.NEWSLETTER_BOUNCE_LIMIT} the address is marked bounced and gets nothing more "
                f"(NEWSLETTER_BOUNCE_LIMIT); set back to 0 when the address works again."
            )
        return form


class SuppressionStateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("active", "Suppressed"), ("lifted", "Lifted")]

    def queryset(self, request, queryset):
        if self.value() == "active":
            return queryset.filter(lifted_at__isnull=True)
        if self.value() == "lifted":
            return queryset.filter(lifted_at__isnull=False)
        return queryset


# An accounts model, administered here because lifting also resets the newsletter's bounce count.
@admin.register(SuppressedAddress)
class SuppressedAddressAdmin(admin.ModelAdmin):
    list_display = ["email", "reason", "source", "suppressed_at", "detail", "lifted_at", "lifted_by"]
    list_filter = [SuppressionStateFilter, "reason", "source"]
    search_fields = ["email"]
    list_select_related = ["lifted_by"]
    readonly_fields = ["email", "reason", "detail", "source", "suppressed_at", "lifted_at", "lifted_by"]
    fields = readonly_fields
    actions = ["lift"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Lift the suppression: mail these addresses again")
    def lift(self, request, queryset):
        lifted = 0
        for suppression in queryset.filter(lifted_at__isnull=True):
            lift_address_suppression(suppression=suppression, by=request.user)
            lifted += 1
        self.message_user(request, f"{lifted} address(es) will get our e-mail again.", messages.SUCCESS)


@admin.register(DigestRun)
class DigestRunAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "status",
        "progress",
        "sent",
        "failed",
        "skipped",
        "suppressed",
        "total",
        "created_at",
        "finished_at",
    ]
    list_filter = ["frequency", "status"]
    readonly_fields = [
        "frequency",
        "period",
        "until",
        "status",
        "total",
        "suppressed",
        "created_at",
        "heartbeat_at",
        "finished_at",
        "progress",
        "counts",
        "recent_failures",
    ]
    fields = readonly_fields
    change_list_template = "admin/newsletter/digestrun/change_list.html"

    def get_queryset(self, request):
        return run_progress(super().get_queryset(request))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="progress")
    def progress(self, run):
        done = run.sent + run.failed + run.skipped
        return format_html(
            '<progress value="{}" max="{}" aria-label="{} of {} done">{}%</progress> {} / {}',
            done,
            max(run.total, 1),
            done,
            run.total,
            round(100 * done / run.total) if run.total else 100,
            done,
            run.total,
        )

    @admin.display(description="sent", ordering="sent")
    def sent(self, run):
        return run.sent

    @admin.display(description="failed", ordering="failed")
    def failed(self, run):
        return run.failed

    @admin.display(description="nothing new")
    def skipped(self, run):
        return run.skipped

    @admin.display(description="counts")
    def counts(self, run):
        return (
            f"{run.sent} sent, {run.failed} failed, {run.skipped} with nothing new, {run.pending} pending, "
            f"{run.total} in all"
        )

    @admin.display(description="failures (latest 20)")
    def recent_failures(self, run):
        failures = Delivery.objects.filter(run=run, status=Delivery.Status.FAILED).select_related("subscriber")[:20]
        if not failures:
            return "None"
        link = reverse("admin:newsletter_delivery_changelist") + f"?run__id__exact={run.pk}&status__exact=failed"
        rows = format_html_join("", "<li>{}: {}</li>", ((f.subscriber.email, f.error[:200]) for f in failures))
        return format_html('<ul>{}</ul><a href="{}">All failures</a>', rows, link)

    def get_urls(self):
        return [
            path(
                "test-digest/",
                self.admin_site.admin_view(require_POST(self.send_test_view)),
                name="newsletter_digestrun_test",
            ),
            *super().get_urls(),
        ]

    def send_test_view(self, request):
        sections = send_test_digest(user=request.user)
        if sections:
            self.message_user(request, f"A test digest is on its way to {request.user.email}.", messages.SUCCESS)
        else:
            self.message_user(
                request, "Nothing new was published this week, so there is no digest to send.", messages.WARNING
            )
        return redirect("admin:newsletter_digestrun_changelist")


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["run", "subscriber", "status", "attempts", "sent_at", "error"]
    list_filter = ["status", "run"]
    search_fields = ["subscriber__email"]
    list_select_related = ["run", "subscriber"]
    readonly_fields = [f.name for f in Delivery._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """The transactional outbox (accounts.mail): what was sent, what waits, what failed and why."""

    list_display = ["subject", "to_email", "kind", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["to_email", "subject"]
    readonly_fields = [f.name for f in OutgoingEmail._meta.fields if f.name not in ("body_text", "body_html")]
    exclude = ["body_text", "body_html"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
