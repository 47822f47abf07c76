using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Web.Cli;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Search;
using static PeoplesStories.IntegrationTests.Search.SearchApp;
using static PeoplesStories.Testing.ArchiveText;

namespace PeoplesStories.IntegrationTests.Search;

/// <summary>
/// PostgreSQL's search index (the Postgres migration AddStorySearch: table StorySearch, tsvector, triggers)
/// follows every write, as SQLite's FTS5 index does in SearchIndexTests.
/// </summary>
public sealed class PostgresSearchIndexTests : IDisposable
{
    private const string DocumentOf = """SELECT "Body" || '|' || "Document"::text FROM "StorySearch" WHERE "StoryId" = """;

    private readonly StoriesAppFactory app = new();
    private readonly HttpClient client;

    public PostgresSearchIndexTests() => client = app.CreateClient();

    public void Dispose()
    {
        client.Dispose();
        app.Dispose();
    }

    private async Task<int> StoryIdAsync(string slug) => await app.QueryAsync(db => db.Stories.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync());

    private async Task<SearchResults> SearchAsync(string text)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StorySearch>().SearchAsync(new SearchQuery(text));
    }

    [Fact]
    public async Task The_seed_import_fills_the_index_one_row_per_story_without_urls_and_with_folded_words()
    {
        Assert.Equal("2", await app.ScalarAsync("""SELECT count(*) FROM "StorySearch" """));
        var id = await StoryIdAsync(CambodiaSlug);
        var body = await app.ScalarAsync($"""SELECT "Body" FROM "StorySearch" WHERE "StoryId" = {id}""");
        Assert.StartsWith("The Cambodian government is ignoring", body, StringComparison.Ordinal);
        Assert.Contains("Hundreds of thousands of people", body, StringComparison.Ordinal); // the second update
        Assert.DoesNotContain("http", body, StringComparison.Ordinal);

        // Lexemes are folded (lower case, no accents) and weighted: title A, byline C, body D.
        var document = await app.ScalarAsync($"""SELECT "Document"::text FROM "StorySearch" WHERE "StoryId" = {id}""");
        Assert.Contains("'cambodian':1A", document, StringComparison.Ordinal);
        Assert.Contains("'amnesty':", document, StringComparison.Ordinal);
        Assert.Equal("True", await app.ScalarAsync("SELECT to_tsvector('stories', 'Perú Ñandú') = to_tsvector('stories', 'PERU nandu')"));
    }

    [Fact]
    public async Task Edits_through_ef_core_and_deletes_keep_the_index_in_step()
    {
        var id = await StoryIdAsync(CambodiaSlug);
        await app.QueryAsync(async db =>
        {
            var story = await db.Stories.SingleAsync(s => s.Id == id);
            story.Title = "Compounds of quintessential misery";
            return await db.SaveChangesAsync();
        });
        Assert.Equal([CambodiaSlug], HitSlugs(await GetPageAsync(client, SearchUrl("quintessential"))));
        Assert.Empty((await SearchAsync("\"stop scamming compounds\"")).Hits);

        await app.QueryAsync(async db =>
        {
            var update = await db.StoryUpdates.Where(u => u.StoryId == id).OrderBy(u => u.Position).FirstAsync();
            update.Headline = "Marmalade headline";
            db.StoryUpdates.Add(new StoryUpdate { StoryId = id, Position = 99, Body = "A paragraph with the word zeppelinish.", MatchKey = "test-added" });
            return await db.SaveChangesAsync();
        });
        Assert.Single((await SearchAsync("marmalade")).Hits);
        Assert.Single((await SearchAsync("zeppelinish")).Hits);

        await app.ScalarAsync($"""DELETE FROM "StoryUpdates" WHERE "StoryId" = {id} AND "Body" LIKE '%zeppelinish%'""");
        Assert.Empty((await SearchAsync("zeppelinish")).Hits);
        Assert.Single((await SearchAsync("marmalade")).Hits);

        // Deleting the story takes its updates and its index row with it.
        await app.ScalarAsync($"""DELETE FROM "Stories" WHERE "Id" = {id}""");
        Assert.Equal("0", await app.ScalarAsync($"""SELECT count(*) FROM "StorySearch" WHERE "StoryId" = {id}"""));
        Assert.Equal("1", await app.ScalarAsync("""SELECT count(*) FROM "StorySearch" """));
        Assert.Empty((await SearchAsync("quintessential")).Hits);
    }

    [Fact]
    public async Task The_bulk_import_indexes_a_story_exactly_as_the_triggers_would_and_leaves_them_on()
    {
        var file = Path.Combine(app.Folder, "labour.txt");
        await File.WriteAllTextAsync(file, Page("Labour", Story("Dock workers organise", "Port Desk", "March 2026", "The union was recognised.", "http://example.org/a")));
        Assert.Equal(CommandLine.Success, (await app.RunCommandAsync("import", file)).ExitCode);
        var id = await StoryIdAsync("dock-workers-organise");
        var bulk = await app.ScalarAsync(DocumentOf + id);
        Assert.Contains("'union':", bulk, StringComparison.Ordinal);

        // Touching the title makes the trigger rebuild the row its own way; the suspension ended with the import's transaction.
        await app.ScalarAsync($"""UPDATE "Stories" SET "Title" = "Title" || ' ' WHERE "Id" = {id}""");
        await app.ScalarAsync($"""UPDATE "Stories" SET "Title" = rtrim("Title") WHERE "Id" = {id}""");
        Assert.Equal(bulk, await app.ScalarAsync(DocumentOf + id));
        Assert.Equal("False", await app.ScalarAsync("SELECT stories_search_suspended()"));
    }

    [Fact]
    public async Task A_file_the_database_refuses_midway_leaves_nothing_in_the_index()
    {
        await app.ScalarAsync("""
            CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW."Title" = 'Poison' THEN RAISE EXCEPTION 'poison refused'; END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER refuse_poison BEFORE INSERT ON "Stories" FOR EACH ROW EXECUTE FUNCTION refuse_poison();
            """);
        var folder = Directory.CreateDirectory(Path.Combine(app.Folder, "inbox")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "a.txt"), Page("Freedom", Story("Before", "Agency", "June 2025", "Text.")));
        await File.WriteAllTextAsync(Path.Combine(folder, "b.txt"), Page("Freedom", [.. Story("Stored first, then undone", "Agency", "June 2025", "Text."), .. Story("Poison", "Agency", "May 2025", "Text.")]));
        await File.WriteAllTextAsync(Path.Combine(folder, "c.txt"), Page("Freedom", Story("After", "Agency", "April 2025", "Text.")));

        var result = await app.RunCommandAsync("import", folder);

        Assert.Equal(CommandLine.FileError, result.ExitCode);
        Assert.Contains("poison refused", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("4", await app.ScalarAsync("""SELECT count(*) FROM "StorySearch" """));
        Assert.Equal("0", await app.ScalarAsync("""SELECT count(*) FROM "StorySearch" WHERE "StoryId" NOT IN (SELECT "Id" FROM "Stories")"""));
        Assert.Empty((await SearchAsync("undone")).Hits);
    }

    [Fact]
    public async Task The_migration_indexes_stories_already_stored_and_its_down_removes_the_index()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var migrator = scope.ServiceProvider.GetRequiredService<StoriesDbContext>().GetService<IMigrator>();
            await migrator.MigrateAsync("20261128204046_InitialCreate");
        }

        Assert.Equal("0", await app.ScalarAsync("SELECT count(*) FROM pg_class WHERE relname = 'StorySearch'"));
        Assert.Equal("0", await app.ScalarAsync("SELECT count(*) FROM pg_ts_config WHERE cfgname = 'stories'"));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<StoriesDbContext>().Database.MigrateAsync();
        }

        Assert.Equal("2", await app.ScalarAsync("""SELECT count(*) FROM "StorySearch" """));
        Assert.Equal([CambodiaSlug], HitSlugs(await GetPageAsync(client, SearchUrl("scamming"))));
        Assert.Equal("5", await app.ScalarAsync("""SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'StorySearch%'"""));
    }
}
