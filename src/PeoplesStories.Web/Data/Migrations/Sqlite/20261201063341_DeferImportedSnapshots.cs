using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PeoplesStories.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// A revision's <c>Snapshot</c> may be null: its text is then the story as it stands (an imported
    /// story's first revision, until the story next changes; see <c>Editor.Stories.DeferredSnapshots</c>).
    /// SQLite cannot drop a NOT NULL in place, so the table is rebuilt, rows, ids and index kept, in
    /// the migration's one transaction (EF Core's own rebuild commits between its steps).
    /// </summary>
    public partial class DeferImportedSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => Rebuild(migrationBuilder, "NULL", "\"Snapshot\"");

        /// <summary>
        /// Back to a text in every revision: one the story's rows stood for becomes empty, which the
        /// code of that migration reads as a revision it cannot show (the story keeps its text).
        /// </summary>
        protected override void Down(MigrationBuilder migrationBuilder) => Rebuild(migrationBuilder, "NOT NULL", "coalesce(\"Snapshot\", '')");

        private static void Rebuild(MigrationBuilder migrationBuilder, string snapshotNullability, string snapshotValue)
        {
            migrationBuilder.Sql($"""
                CREATE TABLE "StoryRevisions_new" (
                    "Id" INTEGER NOT NULL CONSTRAINT "PK_StoryRevisions" PRIMARY KEY AUTOINCREMENT,
                    "StoryId" INTEGER NOT NULL,
                    "Number" INTEGER NOT NULL,
                    "Kind" TEXT NOT NULL,
                    "Author" TEXT NOT NULL,
                    "CreatedAt" TEXT NOT NULL,
                    "Summary" TEXT NULL,
                    "Snapshot" TEXT {snapshotNullability},
                    CONSTRAINT "FK_StoryRevisions_Stories_StoryId" FOREIGN KEY ("StoryId") REFERENCES "Stories" ("Id") ON DELETE CASCADE
                );
                """);
            migrationBuilder.Sql($"""
                INSERT INTO "StoryRevisions_new" ("Id", "StoryId", "Number", "Kind", "Author", "CreatedAt", "Summary", "Snapshot")
                SELECT "Id", "StoryId", "Number", "Kind", "Author", "CreatedAt", "Summary", {snapshotValue} FROM "StoryRevisions";
                """);
            migrationBuilder.Sql("""DROP TABLE "StoryRevisions";""");
            migrationBuilder.Sql("""ALTER TABLE "StoryRevisions_new" RENAME TO "StoryRevisions";""");
            migrationBuilder.Sql("""CREATE UNIQUE INDEX "IX_StoryRevisions_StoryId_Number" ON "StoryRevisions" ("StoryId", "Number");""");
        }
    }
}
