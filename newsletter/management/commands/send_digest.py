from django.core.management.base import BaseCommand

from newsletter.models import DigestRun
from newsletter.services import run_progress, start_digest_run


class Command(BaseCommand):
    help = "Start this period's daily or weekly digest (what Celery beat runs). A finished period sends nothing."

    def add_arguments(self, parser):
        parser.add_argument("--frequency", choices=["daily", "weekly"], required=True)

    def handle(self, *args, frequency, **options):
        run, created = start_digest_run(frequency=frequency)
        run = run_progress(DigestRun.objects.filter(pk=run.pk)).get()
        if created:
            self.stdout.write(
                f"Started {run} (run {run.pk}): {run.sent} sent of {run.total} so far; status {run.status}."
            )
        else:
            self.stdout.write(f"{run} already exists (run {run.pk}, {run.status}): {run.sent} sent of {run.total}.")
