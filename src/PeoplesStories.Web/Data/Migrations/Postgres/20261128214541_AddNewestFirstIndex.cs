using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PeoplesStories.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// An index in the order readers' lists use on PostgreSQL (StoryReader.NewestFirst: dated stories
    /// first, newest update first, then newest story), so the home page reads ten index entries instead
    /// of sorting every published story. The model's index (State, LatestUpdateOn) cannot serve it:
    /// PostgreSQL puts NULL first in a descending order, so the query asks for "LatestUpdateOn" IS NULL first.
    /// </summary>
    public partial class AddNewestFirstIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Stories_State_NewestFirst" ON "Stories" ("State", ("LatestUpdateOn" IS NULL), "LatestUpdateOn" DESC, "Id" DESC);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_Stories_State_NewestFirst";""");
        }
    }
}
