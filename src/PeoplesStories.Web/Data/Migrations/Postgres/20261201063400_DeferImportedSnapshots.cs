using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PeoplesStories.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// A revision's <c>Snapshot</c> may be null: its text is then the story as it stands (an imported
    /// story's first revision, until the story next changes; see <c>Editor.Stories.DeferredSnapshots</c>).
    /// </summary>
    public partial class DeferImportedSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Snapshot",
                table: "StoryRevisions",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Snapshot",
                table: "StoryRevisions",
                type: "text",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);
        }
    }
}
