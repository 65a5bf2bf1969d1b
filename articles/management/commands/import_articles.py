"""Import articles from Markdown files with front matter (format: `articles/importer.py`, README).

Each file is imported in its own transaction: a bad file is reported and changes nothing, the
others still go in. The exit status is 1 when any file failed.
"""

from collections import defaultdict
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.importer import ImportFailed, import_article, slug_of


class Command(BaseCommand):
    help = "Import articles from Markdown files with front matter. A folder means every .md file in it."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="A .md file or a folder of them.")

    def handle(self, *args, paths, **options):
        files, failed, imported = [], 0, 0
        for name in paths:
            path = Path(name)
            if path.is_dir():
                found = sorted(path.glob("*.md"))
                if not found:
                    self.stderr.write(f"{path}: no .md files in this folder.")
                    failed += 1
                files.extend(found)
            elif path.is_file():
                files.append(path)
            else:
                self.stderr.write(f"{path}: no such file or folder.")
                failed += 1
        slugs = {path: slug_of(path) for path in files}
        by_slug = defaultdict(list)
        for path, slug in slugs.items():
            if slug:
                by_slug[slug].append(path)
        for path in files:
            same = [other for other in by_slug[slugs[path]] if other != path] if slugs[path] else []
            if same:  # one would silently overwrite the other
                self.stderr.write(f"{path}: not imported.")
                self.stderr.write(f"  - its slug {slugs[path]!r} is also that of {', '.join(map(str, same))}")
                failed += 1
                continue
            try:
                result = import_article(path)
            except ImportFailed as exc:
                self.stderr.write(f"{path}: not imported.")
                for problem in exc.problems:
                    self.stderr.write(f"  - {problem}")
                failed += 1
                continue
            imported += 1
            article = result.article
            self.stdout.write(f"{path}: {result.action} “{article.title}” ({article.get_status_display().lower()}).")
        if failed:
            raise CommandError(f"{failed} not imported, {imported} imported. Nothing of a file that failed was saved.")
