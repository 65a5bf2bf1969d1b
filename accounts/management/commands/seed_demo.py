"""Load demo content for every app that has some. Safe to run again.

Each app with a `demo/seed.py` module exposing `run(*, scale, stdout)` contributes, in
INSTALLED_APPS order (members before the articles and posts that refer to them).
`--scale N` adds synthetic volume for benchmarks.
"""

import importlib

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    help = "Load demo content (idempotent). --scale N adds benchmark volume."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=0, help="Add N units of synthetic volume.")

    def handle(self, *args, scale=0, **options):
        if scale < 0:
            raise CommandError("--scale must be 0 or more.")
        for app in apps.get_app_configs():
            try:
                module = importlib.import_module(f"{app.name}.demo.seed")
            except ModuleNotFoundError as exc:
                if exc.name not in (f"{app.name}.demo", f"{app.name}.demo.seed"):
                    raise
                continue
            module.run(scale=scale, stdout=self.stdout)
        # Fresh statistics after a bulk load, so the planner uses the indexes from the first page.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
