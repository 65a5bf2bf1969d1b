import django.contrib.postgres.search
from django.db import migrations, models

import articles.search

# On PostgreSQL the generated column becomes a plain tsvector kept current by triggers, because it
# also holds the article's sources (another table; a generated column reads only its own row).
# Django still sees a generated field, so it never writes the column.
TRIGGERS = """
ALTER TABLE articles_article ALTER COLUMN search_vector DROP EXPRESSION;

CREATE FUNCTION articles_article_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(NEW.lead, '')), 'B')
        || setweight(to_tsvector('english', coalesce(NEW.body, '')), 'C')
        || setweight(to_tsvector('english', coalesce((
            SELECT string_agg(concat_ws(' ', s.title, s.publisher), ' ')
            FROM articles_source s WHERE s.article_id = NEW.id
        ), '')), 'D');
    RETURN NEW;
END $$;

CREATE TRIGGER articles_article_search_vector
    BEFORE INSERT OR UPDATE OF title, lead, body, search_vector ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector();

-- A source added, changed or removed: recompute its article's vector (the trigger above).
CREATE FUNCTION articles_source_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE articles_article SET search_vector = NULL WHERE id = OLD.article_id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        UPDATE articles_article SET search_vector = NULL WHERE id = NEW.article_id;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER articles_source_search_vector
    AFTER INSERT OR UPDATE OR DELETE ON articles_source
    FOR EACH ROW EXECUTE FUNCTION articles_source_search_vector();

-- The index first: after an UPDATE of existing rows, PostgreSQL refuses CREATE INDEX in the same
-- transaction ("pending trigger events" of the deferred foreign keys).
CREATE INDEX article_search_idx ON articles_article USING gin (search_vector);
UPDATE articles_article SET search_vector = NULL;
"""

DROP_TRIGGERS = """
DROP INDEX IF EXISTS article_search_idx;
DROP TRIGGER IF EXISTS articles_source_search_vector ON articles_source;
DROP FUNCTION IF EXISTS articles_source_search_vector();
DROP TRIGGER IF EXISTS articles_article_search_vector ON articles_article;
DROP FUNCTION IF EXISTS articles_article_search_vector();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_review_schedule"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=articles.search.weighted_vector(("title", "A"), ("lead", "B"), ("body", "C")),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        articles.search.RunPostgresSQL(TRIGGERS, DROP_TRIGGERS),
    ]
