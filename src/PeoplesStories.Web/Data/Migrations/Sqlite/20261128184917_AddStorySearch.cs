using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PeoplesStories.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// Full-text search: the FTS5 table StorySearch (one row per story, rowid = story id; title, byline,
    /// and body = every update's headline and paragraphs in page order), kept in step by triggers on
    /// Stories and StoryUpdates, so every writer (EF Core or the importer's raw SQL) updates it, and
    /// filled for the stories already stored. Source URLs are not indexed. Publishing needs no
    /// reindex: the search joins Stories for its State. The model is unchanged: FTS lives in SQL only.
    /// A bulk import suspends the triggers inside its own transaction (SearchIndexState, one row) and
    /// indexes each new story once at the end, instead of once per update as it goes.
    /// </summary>
    public partial class AddStorySearch : Migration
    {
        /// <summary>Headlines and paragraphs of a story's updates in page order, blank-line separated.</summary>
        private const string Body = """
            coalesce((
                SELECT group_concat("t", char(10) || char(10)) FROM (
                    SELECT CASE
                            WHEN coalesce("u"."Headline", '') = '' THEN "u"."Body"
                            WHEN "u"."Body" = '' THEN "u"."Headline"
                            ELSE "u"."Headline" || char(10) || char(10) || "u"."Body"
                        END AS "t"
                    FROM "StoryUpdates" AS "u"
                    WHERE "u"."StoryId" = "s"."Id"
                    ORDER BY "u"."Position", "u"."Id")), '')
            """;

        /// <summary>Every trigger but the delete of a story stands down while a bulk import has suspended indexing.</summary>
        private const string WhenActive = """WHEN (SELECT "Suspended" FROM "SearchIndexState" WHERE "Id" = 1) = 0""";

        /// <summary>Rebuilds a story's row from Stories and its updates (removes it when the story is gone), when the condition holds.</summary>
        private static string Rebuild(string storyId, string condition = "1") => $"""
            DELETE FROM "StorySearch" WHERE "rowid" = {storyId} AND {condition};
            INSERT INTO "StorySearch" ("rowid", "title", "byline", "body")
            SELECT "s"."Id", "s"."Title", "s"."Byline", {Body}
            FROM "Stories" AS "s" WHERE "s"."Id" = {storyId} AND {condition};
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE "SearchIndexState" (
                    "Id" INTEGER NOT NULL PRIMARY KEY CHECK ("Id" = 1),
                    "Suspended" INTEGER NOT NULL DEFAULT 0);
                INSERT INTO "SearchIndexState" ("Id", "Suspended") VALUES (1, 0);
                """);

            CreateIndex(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            DropIndex(migrationBuilder);
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "SearchIndexState";""");
        }

        /// <summary>The index of this migration: table, triggers, and the rows of the stories stored. A later migration's Down puts it back.</summary>
        internal static void CreateIndex(MigrationBuilder migrationBuilder)
        {
            // No prefix index: at 100,000 stories it tripled the index and slowed imports by half
            // for no measurable gain (prefix terms are at least two letters).
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "StorySearch" USING fts5(
                    "title", "byline", "body",
                    tokenize = 'unicode61 remove_diacritics 2');
                """);

            migrationBuilder.Sql($"""
                CREATE TRIGGER "StorySearch_StoryInsert" AFTER INSERT ON "Stories" {WhenActive} BEGIN
                {Rebuild("NEW.\"Id\"")}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "StorySearch_StoryUpdate" AFTER UPDATE OF "Id", "Title", "Byline" ON "Stories" {WhenActive} BEGIN
                DELETE FROM "StorySearch" WHERE "rowid" = OLD."Id";
                {Rebuild("NEW.\"Id\"")}
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "StorySearch_StoryDelete" AFTER DELETE ON "Stories" BEGIN
                DELETE FROM "StorySearch" WHERE "rowid" = OLD."Id";
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "StorySearch_UpdateInsert" AFTER INSERT ON "StoryUpdates" {WhenActive} BEGIN
                {Rebuild("NEW.\"StoryId\"")}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "StorySearch_UpdateUpdate" AFTER UPDATE OF "StoryId", "Position", "Headline", "Body" ON "StoryUpdates" {WhenActive} BEGIN
                {Rebuild("NEW.\"StoryId\"")}
                {Rebuild("OLD.\"StoryId\"", "OLD.\"StoryId\" <> NEW.\"StoryId\"")}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "StorySearch_UpdateDelete" AFTER DELETE ON "StoryUpdates" {WhenActive} BEGIN
                {Rebuild("OLD.\"StoryId\"")}
                END;
                """);

            // The stories already stored.
            migrationBuilder.Sql($"""
                INSERT INTO "StorySearch" ("rowid", "title", "byline", "body")
                SELECT "s"."Id", "s"."Title", "s"."Byline", {Body}
                FROM "Stories" AS "s";
                """);
        }

        /// <summary>Removes the index of this migration (its triggers and table).</summary>
        internal static void DropIndex(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "StorySearch_UpdateDelete";
                DROP TRIGGER IF EXISTS "StorySearch_UpdateUpdate";
                DROP TRIGGER IF EXISTS "StorySearch_UpdateInsert";
                DROP TRIGGER IF EXISTS "StorySearch_StoryDelete";
                DROP TRIGGER IF EXISTS "StorySearch_StoryUpdate";
                DROP TRIGGER IF EXISTS "StorySearch_StoryInsert";
                DROP TABLE IF EXISTS "StorySearch";
                """);
        }
    }
}
