"""Tables of contents stored before the fix showed headings escaped twice ("Q&amp;A"): their names
are unescaped once, as articles/markdown.py now stores them."""

import html

from django.db import migrations


def unescape(items):
    return [
        {**item, "name": html.unescape(item["name"]), "children": unescape(item.get("children", []))} for item in items
    ]


def forwards(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.exclude(toc=[]).only("pk", "toc").iterator():
        toc = unescape(article.toc)
        if toc != article.toc:
            Article.objects.filter(pk=article.pk).update(toc=toc)


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_topic_review_interval_in_range")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
