using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PeoplesStories.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// Search filters inside the full-text index: the FTS5 table StorySearch gains the columns
    /// <c>state</c> (the story's state), <c>countries</c> (its country codes) and <c>years</c> (the years
    /// of its dated updates), so a search for a common word in a country and a span of years is one
    /// FTS5 query (doclists intersected in the index) rather than a join tested on every matching
    /// story, and its count needs no join at all. The text columns are unchanged. Triggers now also
    /// follow a story's state, its countries and its updates' dates. The model is unchanged (SQL
    /// only, no snapshot change); the index is rebuilt from the stories stored.
    /// </summary>
    [DbContext(typeof(StoriesDbContext))]
    [Migration("20261128210000_AddSearchFilters")]
    public partial class AddSearchFilters : Migration
    {
        /// <summary>A story's row: text columns as before, then state, country codes and update years (space separated), and with <paramref name="places"/> its places (AddSearchPlaces).</summary>
        private static string Row(bool places) => $"""
            SELECT "s"."Id", "s"."Title", "s"."Byline",
                coalesce((
                    SELECT group_concat("t", char(10) || char(10)) FROM (
                        SELECT CASE
                                WHEN coalesce("u"."Headline", '') = '' THEN "u"."Body"
                                WHEN "u"."Body" = '' THEN "u"."Headline"
                                ELSE "u"."Headline" || char(10) || char(10) || "u"."Body"
                            END AS "t"
                        FROM "StoryUpdates" AS "u"
                        WHERE "u"."StoryId" = "s"."Id"
                        ORDER BY "u"."Position", "u"."Id")), ''),
                "s"."State",
                coalesce((SELECT group_concat("c"."CountryCode", ' ') FROM "StoryCountries" AS "c" WHERE "c"."StoryId" = "s"."Id"), ''),
                coalesce((SELECT group_concat(DISTINCT substr("u"."DateValue", 1, 4)) FROM "StoryUpdates" AS "u"
                          WHERE "u"."StoryId" = "s"."Id" AND "u"."DateValue" IS NOT NULL), ''){(places ? AddSearchPlaces.Places : "")}
            FROM "Stories" AS "s"
            """;

        private static string Columns(bool places) =>
            places ? """("rowid", "title", "byline", "body", "state", "countries", "years", "places")"""
            : """("rowid", "title", "byline", "body", "state", "countries", "years")""";

        private const string WhenActive = """WHEN (SELECT "Suspended" FROM "SearchIndexState" WHERE "Id" = 1) = 0""";

        private static readonly string[] Triggers =
        [
            "StorySearch_StoryInsert", "StorySearch_StoryUpdate", "StorySearch_StoryDelete",
            "StorySearch_UpdateInsert", "StorySearch_UpdateUpdate", "StorySearch_UpdateDelete",
            "StorySearch_CountryInsert", "StorySearch_CountryUpdate", "StorySearch_CountryDelete",
        ];

        private static string Rebuild(bool places, string storyId, string condition = "1") => $"""
            DELETE FROM "StorySearch" WHERE "rowid" = {storyId} AND {condition};
            INSERT INTO "StorySearch" {Columns(places)}
            {Row(places)} WHERE "s"."Id" = {storyId} AND {condition};
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            AddStorySearch.DropIndex(migrationBuilder);
            CreateIndex(migrationBuilder, places: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            DropIndex(migrationBuilder);
            AddStorySearch.CreateIndex(migrationBuilder);
        }

        /// <summary>The index with its filter columns, and with <paramref name="places"/> the column of AddSearchPlaces: table, triggers, and the rows of the stories stored.</summary>
        internal static void CreateIndex(MigrationBuilder migrationBuilder, bool places)
        {
            migrationBuilder.Sql($"""
                CREATE VIRTUAL TABLE "StorySearch" USING fts5(
                    "title", "byline", "body", "state", "countries", "years",{(places ? " \"places\"," : "")}
                    tokenize = 'unicode61 remove_diacritics 2');
                """);

            migrationBuilder.Sql($"""
                CREATE TRIGGER "StorySearch_StoryInsert" AFTER INSERT ON "Stories" {WhenActive} BEGIN
                {Rebuild(places, "NEW.\"Id\"")}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "StorySearch_StoryUpdate" AFTER UPDATE OF "Id", "Title", "Byline", "State" ON "Stories" {WhenActive} BEGIN
                DELETE FROM "StorySearch" WHERE "rowid" = OLD."Id";
                {Rebuild(places, "NEW.\"Id\"")}
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "StorySearch_StoryDelete" AFTER DELETE ON "Stories" BEGIN
                DELETE FROM "StorySearch" WHERE "rowid" = OLD."Id";
                END;
                """);
            foreach (var (table, name, columns) in new[]
            {
                ("StoryUpdates", "Update", "\"StoryId\", \"Position\", \"Headline\", \"Body\", \"DateValue\""),
                ("StoryCountries", "Country", "\"StoryId\", \"CountryCode\""),
            })
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "StorySearch_{name}Insert" AFTER INSERT ON "{table}" {WhenActive} BEGIN
                    {Rebuild(places, "NEW.\"StoryId\"")}
                    END;
                    """);
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "StorySearch_{name}Update" AFTER UPDATE OF {columns} ON "{table}" {WhenActive} BEGIN
                    {Rebuild(places, "NEW.\"StoryId\"")}
                    {Rebuild(places, "OLD.\"StoryId\"", "OLD.\"StoryId\" <> NEW.\"StoryId\"")}
                    END;
                    """);
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "StorySearch_{name}Delete" AFTER DELETE ON "{table}" {WhenActive} BEGIN
                    {Rebuild(places, "OLD.\"StoryId\"")}
                    END;
                    """);
            }

            // The stories already stored.
            migrationBuilder.Sql($"""
                INSERT INTO "StorySearch" {Columns(places)}
                {Row(places)};
                """);
        }

        /// <summary>Drops the index's triggers and table.</summary>
        internal static void DropIndex(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql(string.Concat(Triggers.Select(t => $"DROP TRIGGER IF EXISTS \"{t}\";\n")) + "DROP TABLE IF EXISTS \"StorySearch\";");
    }
}
