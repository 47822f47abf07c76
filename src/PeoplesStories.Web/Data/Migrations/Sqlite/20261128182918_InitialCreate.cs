using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PeoplesStories.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Countries",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    SubRegion = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Countries", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "Sections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Sections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Stories",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Byline = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    MatchKey = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SectionId = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SourceFile = table.Column<string>(type: "TEXT", maxLength: 260, nullable: true),
                    SourceLine = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LatestUpdateOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Stories", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Stories_Sections_SectionId",
                        column: x => x.SectionId,
                        principalTable: "Sections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StoryCountries",
                columns: table => new
                {
                    StoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    CountryCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Mentions = table.Column<int>(type: "INTEGER", nullable: false),
                    IsPrimary = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoryCountries", x => new { x.StoryId, x.CountryCode });
                    table.ForeignKey(
                        name: "FK_StoryCountries_Countries_CountryCode",
                        column: x => x.CountryCode,
                        principalTable: "Countries",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StoryCountries_Stories_StoryId",
                        column: x => x.StoryId,
                        principalTable: "Stories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StoryUpdates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    DateValue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DatePrecision = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    DateText = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    DateInferred = table.Column<bool>(type: "INTEGER", nullable: false),
                    Headline = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    MatchKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    SourceLine = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoryUpdates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StoryUpdates_Stories_StoryId",
                        column: x => x.StoryId,
                        principalTable: "Stories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SourceLinks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StoryUpdateId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    Host = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    DateValue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DatePrecision = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SourceLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SourceLinks_StoryUpdates_StoryUpdateId",
                        column: x => x.StoryUpdateId,
                        principalTable: "StoryUpdates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Sections_Slug",
                table: "Sections",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SourceLinks_StoryUpdateId_Position",
                table: "SourceLinks",
                columns: new[] { "StoryUpdateId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_Stories_SectionId",
                table: "Stories",
                column: "SectionId");

            migrationBuilder.CreateIndex(
                name: "IX_Stories_Slug",
                table: "Stories",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Stories_State_LatestUpdateOn",
                table: "Stories",
                columns: new[] { "State", "LatestUpdateOn" });

            migrationBuilder.CreateIndex(
                name: "IX_StoryCountries_CountryCode_StoryId",
                table: "StoryCountries",
                columns: new[] { "CountryCode", "StoryId" });

            migrationBuilder.CreateIndex(
                name: "IX_StoryUpdates_DateValue",
                table: "StoryUpdates",
                column: "DateValue");

            migrationBuilder.CreateIndex(
                name: "IX_StoryUpdates_StoryId_Position",
                table: "StoryUpdates",
                columns: new[] { "StoryId", "Position" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SourceLinks");

            migrationBuilder.DropTable(
                name: "StoryCountries");

            migrationBuilder.DropTable(
                name: "StoryUpdates");

            migrationBuilder.DropTable(
                name: "Countries");

            migrationBuilder.DropTable(
                name: "Stories");

            migrationBuilder.DropTable(
                name: "Sections");
        }
    }
}
