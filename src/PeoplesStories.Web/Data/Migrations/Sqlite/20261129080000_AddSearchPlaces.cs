using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PeoplesStories.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// A search in a country and a span of years as one short list: the FTS5 table StorySearch gains
    /// the column <c>places</c>, a token for each of a story's countries in each year of its dated
    /// updates (<c>KH2015 KH2019</c>). The filter of a country in 2015 to 2020 is then six lists of
    /// that country's stories alone, where <c>countries</c> and <c>years</c> intersected a country's
    /// list with six lists of every story dated in one of those years. Triggers build the column
    /// too. The model is unchanged (SQL only, no snapshot change); the index is rebuilt from the
    /// stories stored.
    /// </summary>
    [DbContext(typeof(StoriesDbContext))]
    [Migration("20261129080000_AddSearchPlaces")]
    public partial class AddSearchPlaces : Migration
    {
        /// <summary>The places column's value (after a comma): each of the story's country codes followed by each year of its dated updates, in order, space separated.</summary>
        internal const string Places = """
            ,
                coalesce((SELECT group_concat("p", ' ') FROM (
                    SELECT DISTINCT "c"."CountryCode" || substr("u"."DateValue", 1, 4) AS "p"
                    FROM "StoryCountries" AS "c" JOIN "StoryUpdates" AS "u" ON "u"."StoryId" = "c"."StoryId"
                    WHERE "c"."StoryId" = "s"."Id" AND "u"."DateValue" IS NOT NULL
                    ORDER BY "p")), '')
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            AddSearchFilters.DropIndex(migrationBuilder);
            AddSearchFilters.CreateIndex(migrationBuilder, places: true);

            // Rebuilt in one statement, the index is in many segments; a search reads a word's list in each.
            migrationBuilder.Sql("""INSERT INTO "StorySearch" ("StorySearch") VALUES ('optimize');""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            AddSearchFilters.DropIndex(migrationBuilder);
            AddSearchFilters.CreateIndex(migrationBuilder, places: false);
        }
    }
}
