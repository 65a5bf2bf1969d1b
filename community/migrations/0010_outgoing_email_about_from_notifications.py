# The outbox rows that told members of someone's comment, hug or answer name that someone: recorded
# on the row itself now (OutgoingEmail.about), so they go with that member's account even when the
# notification that linked them is gone (deleted with its comment, or by a mute).

from django.db import migrations
from django.db.models import F


def about_from_notifications(apps, schema_editor):
    Notification = apps.get_model("community", "Notification")
    About = apps.get_model("accounts", "OutgoingEmail").about.through
    pairs = (
        Notification.objects.filter(email__isnull=False)
        .exclude(actor_id=F("recipient_id"))
        .order_by()  # no ordering columns in the DISTINCT
        .values_list("email_id", "actor_id")
        .distinct()
    )
    batch = []
    for email, actor in pairs.iterator(chunk_size=2000):
        batch.append(About(outgoingemail_id=email, user_id=actor))
        if len(batch) == 1000:
            About.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    About.objects.bulk_create(batch, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0008_outgoing_email_about"),
        ("community", "0009_reports_outlive_deleted_content"),
    ]

    operations = [migrations.RunPython(about_from_notifications, migrations.RunPython.noop)]
