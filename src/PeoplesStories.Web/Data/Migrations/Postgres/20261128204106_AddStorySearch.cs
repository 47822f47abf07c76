using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PeoplesStories.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// Full-text search on PostgreSQL, with what SQLite's FTS5 index offers: the table StorySearch
    /// holds one row per story (body = every update's headline and paragraphs in page order, never
    /// source URLs) and its tsvector Document (title weight A, byline C, body D) under a GIN index.
    /// The text search configuration <c>stories</c> folds case and accents (unaccent, then simple: no
    /// stemming, no stop words, as FTS5's unicode61 tokenizer). Statement-level triggers on Stories and
    /// StoryUpdates keep the rows in step with every writer; a bulk import turns them off for its own
    /// transaction (the setting <c>stories.search_suspended</c>) and indexes each new story once at the
    /// end with <c>stories_search_refresh</c>. The model is unchanged: the index lives in SQL only.
    /// </summary>
    public partial class AddStorySearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // unaccent is a trusted extension (PostgreSQL 13 and later): a database owner may create it.
            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS unaccent;
                CREATE TEXT SEARCH CONFIGURATION stories (COPY = simple);
                ALTER TEXT SEARCH CONFIGURATION stories
                    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword, numhword, hword_numpart
                    WITH unaccent, simple;

                CREATE TABLE "StorySearch" (
                    "StoryId" integer PRIMARY KEY REFERENCES "Stories" ("Id") ON DELETE CASCADE,
                    "Body" text NOT NULL,
                    "Document" tsvector NOT NULL
                );
                CREATE INDEX "IX_StorySearch_Document" ON "StorySearch" USING GIN ("Document");

                -- What FTS5's unicode61 tokenizer does: words are runs of letters and digits, any punctuation
                -- separates them. PostgreSQL's parser alone would read tags, hosts, paths and signed numbers as
                -- tokens of their own ('<b>' dropped, 'covid-19' as 'covid' and '-19').
                CREATE FUNCTION stories_search_words(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                    SELECT regexp_replace(value, '[!-/:-@[-`{-~‘’‚‛“”„‟–—…«»‹›·•]+', ' ', 'g');
                $$;

                CREATE FUNCTION stories_search_refresh(ids integer[]) RETURNS void LANGUAGE sql AS $$
                    INSERT INTO "StorySearch" ("StoryId", "Body", "Document")
                    SELECT s."Id", b.body,
                           setweight(to_tsvector('stories', stories_search_words(s."Title")), 'A')
                           || setweight(to_tsvector('stories', stories_search_words(s."Byline")), 'C')
                           || setweight(to_tsvector('stories', stories_search_words(b.body)), 'D')
                    FROM "Stories" AS s
                    CROSS JOIN LATERAL (
                        SELECT coalesce(string_agg(
                            CASE
                                WHEN coalesce(u."Headline", '') = '' THEN u."Body"
                                WHEN u."Body" = '' THEN u."Headline"
                                ELSE u."Headline" || E'\n\n' || u."Body"
                            END, E'\n\n' ORDER BY u."Position", u."Id"), '') AS body
                        FROM "StoryUpdates" AS u
                        WHERE u."StoryId" = s."Id") AS b
                    WHERE s."Id" = ANY (ids)
                    ON CONFLICT ("StoryId") DO UPDATE SET "Body" = excluded."Body", "Document" = excluded."Document";
                $$;

                CREATE FUNCTION stories_search_suspended() RETURNS boolean LANGUAGE sql STABLE AS $$
                    SELECT coalesce(current_setting('stories.search_suspended', true), '') = 'on';
                $$;

                CREATE FUNCTION stories_search_story_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NOT stories_search_suspended() THEN
                        PERFORM stories_search_refresh(ARRAY(SELECT "Id" FROM new_rows));
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION stories_search_story_updated() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NOT stories_search_suspended() THEN
                        PERFORM stories_search_refresh(ARRAY(
                            SELECT n."Id" FROM new_rows AS n JOIN old_rows AS o ON o."Id" = n."Id"
                            WHERE n."Title" IS DISTINCT FROM o."Title" OR n."Byline" IS DISTINCT FROM o."Byline"));
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION stories_search_updates_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NOT stories_search_suspended() THEN
                        IF TG_OP = 'INSERT' THEN
                            PERFORM stories_search_refresh(ARRAY(SELECT DISTINCT "StoryId" FROM new_rows));
                        ELSIF TG_OP = 'UPDATE' THEN
                            PERFORM stories_search_refresh(ARRAY(SELECT "StoryId" FROM new_rows UNION SELECT "StoryId" FROM old_rows));
                        ELSE
                            PERFORM stories_search_refresh(ARRAY(SELECT DISTINCT "StoryId" FROM old_rows));
                        END IF;
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER "StorySearch_StoryInserted" AFTER INSERT ON "Stories"
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stories_search_story_inserted();
                CREATE TRIGGER "StorySearch_StoryUpdated" AFTER UPDATE ON "Stories"
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stories_search_story_updated();
                CREATE TRIGGER "StorySearch_UpdateInserted" AFTER INSERT ON "StoryUpdates"
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stories_search_updates_changed();
                CREATE TRIGGER "StorySearch_UpdateUpdated" AFTER UPDATE ON "StoryUpdates"
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stories_search_updates_changed();
                CREATE TRIGGER "StorySearch_UpdateDeleted" AFTER DELETE ON "StoryUpdates"
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stories_search_updates_changed();

                SELECT stories_search_refresh(ARRAY(SELECT "Id" FROM "Stories"));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "StorySearch_UpdateDeleted" ON "StoryUpdates";
                DROP TRIGGER "StorySearch_UpdateUpdated" ON "StoryUpdates";
                DROP TRIGGER "StorySearch_UpdateInserted" ON "StoryUpdates";
                DROP TRIGGER "StorySearch_StoryUpdated" ON "Stories";
                DROP TRIGGER "StorySearch_StoryInserted" ON "Stories";
                DROP FUNCTION stories_search_updates_changed();
                DROP FUNCTION stories_search_story_updated();
                DROP FUNCTION stories_search_story_inserted();
                DROP FUNCTION stories_search_suspended();
                DROP FUNCTION stories_search_refresh(integer[]);
                DROP FUNCTION stories_search_words(text);
                DROP TABLE "StorySearch";
                DROP TEXT SEARCH CONFIGURATION stories;
                """);
        }
    }
}
