using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Search;
using static PeoplesStories.IntegrationTests.Search.SearchApp;
using static PeoplesStories.Testing.ArchiveText;

namespace PeoplesStories.IntegrationTests.Search;

/// <summary>The FTS index follows every write (triggers), and only Published stories are found.</summary>
public sealed class SearchIndexTests : IDisposable
{
    private readonly StoriesAppFactory app = new();
    private readonly HttpClient client;

    public SearchIndexTests() => client = app.CreateClient();

    public void Dispose()
    {
        client.Dispose();
        app.Dispose();
    }

    private async Task<int> StoryIdAsync(string slug) => await app.QueryAsync(db => db.Stories.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync());

    private async Task<SearchResults> SearchAsync(SearchQuery query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StorySearch>().SearchAsync(query);
    }

    [Fact]
    public async Task The_seed_import_fills_the_index_one_row_per_story()
    {
        Assert.Equal("2", await app.ScalarAsync("SELECT count(*) FROM StorySearch"));
        var id = await StoryIdAsync(CambodiaSlug);
        Assert.Equal(CambodiaTitle, await app.ScalarAsync($"SELECT title FROM StorySearch WHERE rowid = {id}"));
        Assert.Equal(CambodiaByline, await app.ScalarAsync($"SELECT byline FROM StorySearch WHERE rowid = {id}"));
        var body = await app.ScalarAsync($"SELECT body FROM StorySearch WHERE rowid = {id}");
        Assert.StartsWith("The Cambodian government is ignoring", body, StringComparison.Ordinal);
        Assert.Contains("Hundreds of thousands of people", body, StringComparison.Ordinal); // the second update
        Assert.DoesNotContain("http", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_published_stories_are_found_and_publishing_needs_no_reindex()
    {
        Assert.Equal([CambodiaSlug], HitSlugs(await GetPageAsync(client, SearchUrl("scamming"))));

        await app.ScalarAsync($"UPDATE Stories SET State='Draft' WHERE Slug = '{CambodiaSlug}'");
        var page = await GetPageAsync(client, SearchUrl("scamming"));
        Assert.Empty(HitSlugs(page));
        Assert.Equal("No stories found for “scamming”", page.QuerySelector("#results-heading")!.TextContent.Trim());
        var api = await client.GetStringAsync("/api/search?q=scamming");
        Assert.Contains("\"total\":0", api, StringComparison.Ordinal);
        // Still indexed: the state is checked when searching.
        Assert.Equal("1", await app.ScalarAsync($"SELECT count(*) FROM StorySearch WHERE rowid = {await StoryIdAsync(CambodiaSlug)}"));

        await app.ScalarAsync($"UPDATE Stories SET State='Published' WHERE Slug = '{CambodiaSlug}'");
        Assert.Equal([CambodiaSlug], HitSlugs(await GetPageAsync(client, SearchUrl("scamming"))));
    }

    [Fact]
    public async Task A_reimport_that_adds_an_update_is_searchable_at_once()
    {
        Assert.Empty(HitSlugs(await GetPageAsync(client, SearchUrl("xylophonic"))));

        var reissue = Page("Freedom", Story(CambodiaTitle, CambodiaByline,
            "Oct. 2025", "Investigators described a xylophonic alarm system inside the raided compounds.", "http://example.org/2025/10/raids"));
        await ImportAsync(app, "reissue.txt", reissue);

        var page = await GetPageAsync(client, SearchUrl("xylophonic"));
        Assert.Equal([CambodiaSlug], HitSlugs(page));
        Assert.Equal("xylophonic", page.QuerySelector(".search-hit .snippet mark")!.TextContent);
        Assert.Equal("2025-10", page.QuerySelector(".search-hit time")!.GetAttribute("datetime"));
        // The older updates are still indexed, and the story has still one row.
        Assert.Equal([CambodiaSlug], HitSlugs(await GetPageAsync(client, SearchUrl("\"living nightmare\""))));
        Assert.Equal("2", await app.ScalarAsync("SELECT count(*) FROM StorySearch"));
        Assert.Equal([CambodiaSlug], HitSlugs(await GetPageAsync(client, SearchUrl("xylophonic", "from=2025&to=2025"))));
    }

    [Fact]
    public async Task Edits_through_ef_core_and_deletes_keep_the_index_in_step()
    {
        var id = await StoryIdAsync(CambodiaSlug);

        // A new title through EF Core (the editor's path).
        await app.QueryAsync(async db =>
        {
            var story = await db.Stories.SingleAsync(s => s.Id == id);
            story.Title = "Compounds of quintessential misery";
            return await db.SaveChangesAsync();
        });
        Assert.Equal([CambodiaSlug], HitSlugs(await GetPageAsync(client, SearchUrl("quintessential"))));
        Assert.Empty((await SearchAsync(new SearchQuery("\"stop scamming compounds\""))).Hits);

        // An update's text changed, then an update added, through EF Core.
        await app.QueryAsync(async db =>
        {
            var update = await db.StoryUpdates.Where(u => u.StoryId == id).OrderBy(u => u.Position).FirstAsync();
            update.Headline = "Marmalade headline";
            db.StoryUpdates.Add(new StoryUpdate { StoryId = id, Position = 99, Body = "A paragraph with the word zeppelinish.", MatchKey = "test-added" });
            return await db.SaveChangesAsync();
        });
        Assert.Single((await SearchAsync(new SearchQuery("marmalade"))).Hits);
        Assert.Single((await SearchAsync(new SearchQuery("zeppelinish"))).Hits);

        // Updates removed: their words go; the title stays.
        await app.ScalarAsync($"DELETE FROM StoryUpdates WHERE StoryId = {id} AND Body LIKE '%zeppelinish%'");
        Assert.Empty((await SearchAsync(new SearchQuery("zeppelinish"))).Hits);
        Assert.Single((await SearchAsync(new SearchQuery("marmalade"))).Hits);

        // The story removed: its row goes.
        await app.ScalarAsync($"DELETE FROM SourceLinks WHERE StoryUpdateId IN (SELECT Id FROM StoryUpdates WHERE StoryId = {id})");
        await app.ScalarAsync($"DELETE FROM StoryUpdates WHERE StoryId = {id}");
        await app.ScalarAsync($"DELETE FROM StoryCountries WHERE StoryId = {id}");
        await app.ScalarAsync($"DELETE FROM Stories WHERE Id = {id}");
        Assert.Equal("0", await app.ScalarAsync($"SELECT count(*) FROM StorySearch WHERE rowid = {id}"));
        Assert.Equal("1", await app.ScalarAsync("SELECT count(*) FROM StorySearch"));
        Assert.Empty((await SearchAsync(new SearchQuery("quintessential"))).Hits);
    }

    [Fact]
    public async Task The_migration_indexes_stories_already_stored_and_its_down_removes_the_index()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var migrator = scope.ServiceProvider.GetRequiredService<StoriesDbContext>().GetService<IMigrator>();
            await migrator.MigrateAsync("20261128182918_InitialCreate");
        }

        Assert.Equal("0", await app.ScalarAsync("SELECT count(*) FROM sqlite_master WHERE name LIKE 'StorySearch%'"));
        Assert.Equal("2", await app.ScalarAsync("SELECT count(*) FROM Stories"));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<StoriesDbContext>().Database.MigrateAsync();
        }

        Assert.Equal("2", await app.ScalarAsync("SELECT count(*) FROM StorySearch"));
        Assert.Equal([CambodiaSlug], HitSlugs(await GetPageAsync(client, SearchUrl("scamming"))));

        // Each story's places: every country of it with every year of its dated updates.
        var stories = await app.QueryAsync(db => db.Stories
            .Select(s => new { s.Id, Countries = s.Countries.Select(c => c.CountryCode).ToList(), Dates = s.Updates.Select(u => u.DateValue).ToList() })
            .ToListAsync());
        foreach (var story in stories)
        {
            var expected = story.Countries
                .SelectMany(code => story.Dates.OfType<DateOnly>().Select(date => $"{code}{date.Year:D4}"))
                .Distinct()
                .Order(StringComparer.Ordinal);
            Assert.Equal(string.Join(' ', expected), await app.ScalarAsync($"SELECT places FROM StorySearch WHERE rowid = {story.Id}"));
        }

        Assert.Contains(stories, s => s.Countries.Count > 0 && s.Dates.Any(d => d is not null));
        Assert.Equal("9", await app.ScalarAsync("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'StorySearch%'"));
    }
}
