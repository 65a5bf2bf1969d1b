import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

import articles.search

# An article's lead and body, split at blank lines (a browser's CRLF line breaks too), one row a
# paragraph with its own tsvector, written by the database whenever the lead or body is (the admin,
# the importer, the shell, a queryset update alike), and deleted with the article. The search cuts
# a result's snippet from the best-matching paragraph: ts_headline parses all the text it is given,
# about 0.8 ms for a 6 KB article.
PARAGRAPHS = r"""
CREATE FUNCTION articles_article_paragraphs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM articles_paragraph WHERE article_id = NEW.id;
    INSERT INTO articles_paragraph (article_id, position, text, search_vector)
    SELECT NEW.id, part.position, part.text, to_tsvector('english', part.text)
    FROM regexp_split_to_table(
            replace(concat_ws(E'\n\n', NEW.lead, NEW.body), E'\r', ''), E'\n[ \t]*\n'
        ) WITH ORDINALITY AS part(text, position)
    WHERE btrim(part.text, E' \t\n') <> '';
    RETURN NULL;
END $$;

CREATE TRIGGER articles_article_paragraphs_insert
    AFTER INSERT ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_paragraphs();

CREATE TRIGGER articles_article_paragraphs_update
    AFTER UPDATE OF lead, body ON articles_article
    FOR EACH ROW WHEN (OLD.lead IS DISTINCT FROM NEW.lead OR OLD.body IS DISTINCT FROM NEW.body)
    EXECUTE FUNCTION articles_article_paragraphs();

-- Django leaves the paragraphs to the database (models.Paragraph): its admin would list every
-- paragraph on an article's delete page.
CREATE FUNCTION articles_article_paragraphs_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM articles_paragraph WHERE article_id = OLD.id;
    RETURN NULL;
END $$;

CREATE TRIGGER articles_article_paragraphs_delete
    AFTER DELETE ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_paragraphs_delete();

-- The articles already there.
INSERT INTO articles_paragraph (article_id, position, text, search_vector)
SELECT article.id, part.position, part.text, to_tsvector('english', part.text)
FROM articles_article article,
    regexp_split_to_table(
        replace(concat_ws(E'\n\n', article.lead, article.body), E'\r', ''), E'\n[ \t]*\n'
    ) WITH ORDINALITY AS part(text, position)
WHERE btrim(part.text, E' \t\n') <> '';
"""

DROP_PARAGRAPHS = """
DROP TRIGGER IF EXISTS articles_article_paragraphs_delete ON articles_article;
DROP FUNCTION IF EXISTS articles_article_paragraphs_delete();
DROP TRIGGER IF EXISTS articles_article_paragraphs_update ON articles_article;
DROP TRIGGER IF EXISTS articles_article_paragraphs_insert ON articles_article;
DROP FUNCTION IF EXISTS articles_article_paragraphs();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_unescape_toc_names"),
    ]

    operations = [
        migrations.CreateModel(
            name="Paragraph",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("position", models.PositiveIntegerField()),
                ("text", models.TextField()),
                ("search_vector", django.contrib.postgres.search.SearchVectorField(null=True)),
                (
                    "article",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="articles.article",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("article", "position"), name="paragraph_position_unique")
                ],
            },
        ),
        articles.search.RunPostgresSQL(PARAGRAPHS, DROP_PARAGRAPHS),
    ]
