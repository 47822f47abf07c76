using Microsoft.EntityFrameworkCore;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Testing;
using PeoplesStories.Web.Cli;
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
