import django.contrib.postgres.search
from django.db import migrations, models

import articles.search


def vector(*weighted_fields):
    return models.GeneratedField(
        db_persist=True,
        expression=articles.search.weighted_vector(*weighted_fields),
        output_field=django.contrib.postgres.search.SearchVectorField(),
    )


# GIN indexes on PostgreSQL only (SQLite has no tsvector; its generated columns stay NULL).
INDEXES = {
    "post_search_idx": "community_post",
    "comment_search_idx": "community_comment",
    "question_search_idx": "community_question",
    "answer_search_idx": "community_answer",
}


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0004_crisis_support_and_urgent_reports"),
    ]

    operations = [
        migrations.AddField(model_name="post", name="search_vector", field=vector(("text", "B"))),
        migrations.AddField(model_name="comment", name="search_vector", field=vector(("text", "B"))),
        migrations.AddField(
            model_name="question", name="search_vector", field=vector(("title", "A"), ("details", "B"))
        ),
        migrations.AddField(model_name="answer", name="search_vector", field=vector(("text", "B"))),
        *[
            articles.search.RunPostgresSQL(
                f"CREATE INDEX {name} ON {table} USING gin (search_vector)", f"DROP INDEX IF EXISTS {name}"
            )
            for name, table in INDEXES.items()
        ],
    ]
