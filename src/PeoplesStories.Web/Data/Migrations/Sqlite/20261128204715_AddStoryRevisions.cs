using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PeoplesStories.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddStoryRevisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BodyHtml",
                table: "StoryUpdates",
                type: "TEXT",
                nullable: true);

            // Updates stored before the column existed are plain paragraphs: each escaped in a <p>, as
            // StoryMarkdown.FromParagraphs renders them (the same four characters escaped, the same joins).
            migrationBuilder.Sql("""
                UPDATE "StoryUpdates" SET "BodyHtml" = CASE WHEN "Body" = '' THEN '' ELSE
                    '<p>' || replace(replace(replace(replace(replace("Body", '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'),
                        char(10) || char(10), '</p>' || char(10) || '<p>') || '</p>' END
                WHERE "BodyHtml" IS NULL;
                """);

            migrationBuilder.AddColumn<string>(
                name: "PublishedBy",
                table: "Stories",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "StoryRevisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Author = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Snapshot = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoryRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StoryRevisions_Stories_StoryId",
                        column: x => x.StoryId,
                        principalTable: "Stories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StoryRevisions_StoryId_Number",
                table: "StoryRevisions",
                columns: new[] { "StoryId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StoryRevisions");

            // SQLite's own DROP COLUMN, not EF Core's table rebuild: the search index's triggers on both
            // tables would fail while a rebuilt table is renamed into place.
            migrationBuilder.Sql("""ALTER TABLE "StoryUpdates" DROP COLUMN "BodyHtml";""");
            migrationBuilder.Sql("""ALTER TABLE "Stories" DROP COLUMN "PublishedBy";""");
        }
    }
}
