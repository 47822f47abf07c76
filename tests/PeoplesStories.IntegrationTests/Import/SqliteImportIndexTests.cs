using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Testing;
using PeoplesStories.Web.Cli;
using PeoplesStories.Web.Editor.Stories;
using static PeoplesStories.Testing.ArchiveText;

namespace PeoplesStories.IntegrationTests.Import;

/// <summary>
/// The import against SQLite's own machinery: a trigger that refuses a row midway, and the FTS5 index the
/// bulk import fills once per group. (PeoplesStories.IntegrationTests.Postgres has the same on PostgreSQL.)
/// </summary>
public sealed class SqliteImportIndexTests : IDisposable
{
    private readonly StoriesAppFactory app = new(importSeeds: false);
    private readonly string inbox = Directory.CreateTempSubdirectory("stories-inbox-").FullName;

    public void Dispose()
    {
        app.Dispose();
        Directory.Delete(inbox, recursive: true);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(inbox, name);
        File.WriteAllText(path, text);
        return path;
    }

    private Task<int> Count<T>() where T : class => app.QueryAsync(db => db.Set<T>().CountAsync());

    [Fact]
    public async Task A_file_the_database_refuses_midway_leaves_nothing_and_the_others_are_stored()
    {
        // The database itself refuses one story; the file's story stored before it must go too.
        await app.ScalarAsync("SELECT 1");
        await app.RunCommandAsync("import", Write("warm.txt", Page("Freedom", Story("Warm up", "Agency", "2024", "Text."))));
        await app.ScalarAsync("CREATE TRIGGER refuse_poison BEFORE INSERT ON Stories WHEN NEW.Title = 'Poison' BEGIN SELECT RAISE(ABORT, 'poison refused'); END;");
        File.Delete(Path.Combine(inbox, "warm.txt"));
        Write("a.txt", Page("Freedom", Story("Before", "Agency", "June 2025", "Text.")));
        Write("b.txt", Page("Freedom", [.. Story("Stored first, then undone", "Agency", "June 2025", "Text."), .. Story("Poison", "Agency", "May 2025", "Text.")]));
        Write("c.txt", Page("Freedom", Story("After", "Agency", "April 2025", "Text.")));

        var result = await app.RunCommandAsync("import", inbox);

        Assert.Equal(CommandLine.FileError, result.ExitCode);
        Assert.Contains("b.txt: not imported", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("poison refused", result.Stdout, StringComparison.Ordinal);
        var titles = await app.QueryAsync(db => db.Stories.OrderBy(s => s.Title).Select(s => s.Title).ToListAsync());
        Assert.Equal(["After", "Before", "Warm up"], titles);
        Assert.Equal(3, await Count<Web.Data.StoryUpdate>());

        // The search index, built at the end of the group, holds exactly the stored stories.
        Assert.Equal("3", await app.ScalarAsync("SELECT count(*) FROM StorySearch"));
        Assert.Equal("0", await app.ScalarAsync("SELECT count(*) FROM StorySearch WHERE rowid NOT IN (SELECT Id FROM Stories)"));
        Assert.Equal("0", await app.ScalarAsync("SELECT Suspended FROM SearchIndexState"));
    }

    private const string IndexRows = """SELECT "rowid", "title", "byline", "body", "state", "countries", "years", "places" FROM "StorySearch" """;

    [Fact]
    public async Task Every_imported_story_has_the_search_row_and_first_revision_its_stored_rows_give()
    {
        // New stories' search rows and snapshots are built from the values the import holds, not read back:
        // they must equal what the triggers build from the tables, and what a snapshot of the stored story says.
        Write("a.txt", Page("Freedom",
        [
            .. Story("Headline only", "Agency", "June 2025", "A short headline of its own. (Agency)", "http://example.org/2025/06/a"),
            .. Story("Many countries: Chad, Peru and Fiji", "Agency", "May 2024", "Peru & Chad <agree> on \"terms\" with Fiji.", "March 2023", "Peru again, in 2023.", "Undated closing words."),
            .. Story("Twice in one file", "Agency", "June 2025", "Newer.", "May 2025", "Older."),
            .. Story("Twice in one file", "Agency", "May 2025", "Older.", "April 2021", "Oldest, in Kenya."),
            .. Story("Reissued in the same run", "Agency", "May 2025", "First telling, Brazil."),
            .. Story("Accents: Société Générale in Côte d’Ivoire", "Agência", "2019", "Ação — “quoted” text\u00A0with odd spaces."),
        ]));
        Write("b.txt", Page("Freedom", Story("Reissued in the same run", "Agency", "June 2025", "Second telling, Ghana.", "May 2025", "First telling, Brazil.")));
        Write("c.txt", File.ReadAllText(RepoPaths.SeedFile));

        var result = await app.RunCommandAsync("import", inbox);

        Assert.Equal(CommandLine.Success, result.ExitCode);
        Assert.Contains("0 added, 1 merged", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("7", await app.ScalarAsync("SELECT count(*) FROM Stories"));
        Assert.Equal("7", await app.ScalarAsync("SELECT count(*) FROM StorySearch"));
        // The migration's own update trigger rebuilds every row from the stored tables: nothing may change.
        await app.ScalarAsync($"CREATE TABLE \"ImportedRows\" AS {IndexRows}");
        await app.ScalarAsync("""UPDATE "Stories" SET "Title" = "Title" """);
        Assert.Equal("7", await app.ScalarAsync("SELECT count(*) FROM StorySearch"));
        Assert.Equal("0", await app.ScalarAsync($"SELECT count(*) FROM (SELECT * FROM \"ImportedRows\" EXCEPT {IndexRows})"));
        Assert.Equal("0", await app.ScalarAsync($"SELECT count(*) FROM ({IndexRows} EXCEPT SELECT * FROM \"ImportedRows\")"));
        Assert.Contains(" ", await app.ScalarAsync("SELECT countries FROM StorySearch WHERE title LIKE 'Many countries%'") ?? "", StringComparison.Ordinal);
        Assert.Contains(",", await app.ScalarAsync("SELECT years FROM StorySearch WHERE title LIKE 'Many countries%'") ?? "", StringComparison.Ordinal);
        Assert.Contains("PE2023 PE2024", await app.ScalarAsync("SELECT places FROM StorySearch WHERE title LIKE 'Many countries%'") ?? "", StringComparison.Ordinal);

        var stories = await app.QueryAsync(db => db.Stories
            .Include(s => s.Section)
            .Include(s => s.Updates).ThenInclude(u => u.Links)
            .Include(s => s.Countries)
            .AsSplitQuery()
            .ToListAsync());
        var revisions = await app.QueryAsync(db => db.StoryRevisions.OrderBy(r => r.Number).ToListAsync());
        foreach (var story in stories)
        {
            // An imported story's first revision has no text of its own (it is the story as stored:
            // DeferredSnapshots) until a merge writes it out, before adding its own revision.
            var own = revisions.Where(r => r.StoryId == story.Id).ToList();
            if (own.Count == 1)
            {
                Assert.Null(own[0].Snapshot);
            }
            else
            {
                Assert.All(own, r => Assert.NotNull(r.Snapshot));
                Assert.Equal(StorySnapshot.FromStory(story).ToJson(), own[^1].Snapshot);
            }

            Assert.Equal($"imported from {story.SourceFile}:{story.SourceLine}", revisions.First(r => r.StoryId == story.Id).Summary);
        }
    }

    [Fact]
    public async Task An_import_leaves_the_search_triggers_as_the_migrations_made_them()
    {
        // The import sets the insert triggers aside inside its transaction and puts them back before committing.
        const string Triggers = """SELECT group_concat("name" || ':' || "sql", char(10)) FROM (SELECT "name", "sql" FROM "sqlite_master" WHERE "type" = 'trigger' ORDER BY "name")""";
        await app.ScalarAsync("SELECT 1");
        var before = await app.ScalarAsync(Triggers);
        Assert.Contains("StorySearch_StoryInsert", before, StringComparison.Ordinal);

        await app.RunCommandAsync("import", RepoPaths.SeedFile);
        Assert.Equal(before, await app.ScalarAsync(Triggers));

        // And they work: a story added outside the import is indexed by them.
        await app.ScalarAsync("UPDATE Stories SET Title = 'Retitled by an editor' WHERE Id = (SELECT min(Id) FROM Stories)");
        await app.ScalarAsync("INSERT INTO StoryUpdates (StoryId, Position, DateInferred, Body, MatchKey) SELECT min(Id), 99, 0, 'A later word: zanzibarine.', 'k' FROM Stories");
        Assert.Equal("1", await app.ScalarAsync("SELECT count(*) FROM StorySearch WHERE StorySearch MATCH 'zanzibarine AND retitled'"));
    }

    [Fact]
    public async Task An_import_hands_its_connection_back_with_the_sites_settings()
    {
        // The import runs its connection with a larger page cache, a longer WAL and its temporary
        // journals in memory; the pooled connection it hands back must be as the site's others are.
        Write("a.txt", Page("Freedom", Story("Settings", "Agency", "June 2025", "Text.")));
        Assert.Equal(CommandLine.Success, (await app.RunCommandAsync("import", inbox)).ExitCode);
        await AssertPooledConnectionsHaveTheSitesSettingsAsync();
    }

    [Fact]
    public async Task An_import_that_stops_part_way_hands_its_connection_back_with_the_sites_settings()
    {
        await app.ScalarAsync("SELECT 1");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var importer = scope.ServiceProvider.GetRequiredService<Web.Import.ArchiveImporter>();
            var file = Archive.Parsing.ArchiveParser.Default.ParseText("a.txt", Page("Freedom", Story("Never finished", "Agency", "June 2025", "Text.")));
            Assert.Equal(1, (await importer.ImportAsync(file)).StoriesAdded);

            // No FinishAsync: the run stops here, as one does when the command is stopped.
        }

        // The open group was rolled back; the connection went back to the pool with the site's settings.
        Assert.Equal(0, await Count<Web.Data.Story>());
        await AssertPooledConnectionsHaveTheSitesSettingsAsync();
    }

    /// <summary>Takes every idle pooled connection at once (an import's among them) and checks each one's settings.</summary>
    private async Task AssertPooledConnectionsHaveTheSitesSettingsAsync()
    {
        var contexts = Enumerable.Range(0, 8).Select(_ => app.Services.CreateAsyncScope()).ToList();
        try
        {
            foreach (var scope in contexts)
            {
                var db = scope.ServiceProvider.GetRequiredService<Web.Data.StoriesDbContext>();
                await db.Database.OpenConnectionAsync();
                var settings = new List<string>();
                foreach (var pragma in new[] { "cache_size", "wal_autocheckpoint", "temp_store", "busy_timeout" })
                {
                    await using var command = db.Database.GetDbConnection().CreateCommand();
                    command.CommandText = $"PRAGMA {pragma}";
                    settings.Add($"{pragma}={await command.ExecuteScalarAsync()}");
                }

                Assert.Equal(["cache_size=-4096", "wal_autocheckpoint=1000", "temp_store=0", "busy_timeout=30000"], settings);
            }
        }
        finally
        {
            foreach (var scope in contexts)
            {
                await scope.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task The_bulk_import_indexes_a_story_exactly_as_the_search_triggers_would()
    {
        await app.RunCommandAsync("import", RepoPaths.SeedFile);
        const string Row = "SELECT title || '|' || byline || '|' || body FROM StorySearch WHERE rowid = (SELECT max(Id) FROM Stories)";
        var bulk = await app.ScalarAsync(Row);
        Assert.Contains("UN Special Rapporteur warns of intensifying repression", bulk, StringComparison.Ordinal);

        // Touching the title makes the trigger rebuild the row its own way.
        await app.ScalarAsync("UPDATE Stories SET Title = Title WHERE Id = (SELECT max(Id) FROM Stories)");
        Assert.Equal(bulk, await app.ScalarAsync(Row));
    }
}
