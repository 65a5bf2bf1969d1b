"""Notifications a member got from someone they muted before muting them are forgotten, as muting
now does (services.toggle_mute)."""

from django.db import migrations
from django.db.models import Exists, OuterRef


def forget(apps, schema_editor):
    Mute = apps.get_model("community", "Mute")
    Notification = apps.get_model("community", "Notification")
    muted = Mute.objects.filter(muter=OuterRef("recipient"), muted=OuterRef("actor"))
    Notification.objects.filter(Exists(muted)).delete()


class Migration(migrations.Migration):
    dependencies = [("community", "0006_post_image_lookup_index")]

    operations = [migrations.RunPython(forget, migrations.RunPython.noop)]
