using System.Net;
using Microsoft.EntityFrameworkCore;
using PeoplesStories.IntegrationTests.Infrastructure;

namespace PeoplesStories.IntegrationTests.Pages;

/// <summary>A fresh database is created by migrations and filled from seeds/ on first start, once.</summary>
public sealed class FirstStartTests
{
    [Fact]
    public async Task First_start_imports_the_seeds_and_the_home_page_lists_them()
    {
        using var app = new StoriesAppFactory();
        using var client = app.CreateClient();

        var home = await client.GetStringAsync("/");
        Assert.Contains("Cambodian authorities are not doing enough to stop scamming compounds", home, StringComparison.Ordinal);
        Assert.Contains("Democratic institutions offer the best framework for addressing social injustices", home, StringComparison.Ordinal);
        Assert.Contains("by Amnesty International, OHCHR, agencies", home, StringComparison.Ordinal);
        Assert.True(File.Exists(app.DatabasePath));

        Assert.Equal(2, await app.QueryAsync(db => db.Stories.CountAsync()));
        Assert.Equal(4, await app.QueryAsync(db => db.StoryUpdates.CountAsync()));
        Assert.Equal(53, await app.QueryAsync(db => db.SourceLinks.CountAsync()));
        Assert.Equal("wal", await app.ScalarAsync("PRAGMA journal_mode"));
        Assert.Equal("8192", await app.ScalarAsync("PRAGMA page_size"));
        Assert.Equal("ok", await app.ScalarAsync("PRAGMA integrity_check"));
    }

    [Fact]
    public async Task A_second_start_on_the_same_database_imports_nothing_again()
    {
        var folder = Directory.CreateTempSubdirectory("stories-restart-").FullName;
        try
        {
            using (var first = new StoriesAppFactory(folder))
            {
                using var client = first.CreateClient();
                await client.GetStringAsync("/");
            }

            using var second = new StoriesAppFactory(folder);
            using var again = second.CreateClient();
            await again.GetStringAsync("/");
            Assert.Equal(2, await second.QueryAsync(db => db.Stories.CountAsync()));
            Assert.Equal(4, await second.QueryAsync(db => db.StoryUpdates.CountAsync()));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Seeds_import_can_be_turned_off()
    {
        using var app = new StoriesAppFactory(importSeeds: false);
        using var client = app.CreateClient();
        var home = await client.GetStringAsync("/");
        Assert.Contains("No stories have been published yet", home, StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryAsync(db => db.Stories.CountAsync()));
    }

    [Fact]
    public async Task The_story_page_shows_every_update_with_its_date_headline_and_sources()
    {
        using var app = new StoriesAppFactory();
        using var client = app.CreateClient();
        var slug = await app.QueryAsync(db => db.Stories.Where(s => s.Title.StartsWith("Democratic")).Select(s => s.Slug).SingleAsync());
        Assert.Equal("democratic-institutions-offer-the-best-framework-for-addressing-social-injustices", slug);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/stories/{slug}"));
        Assert.Contains("c. 13 June 2025", page, StringComparison.Ordinal);
        Assert.Contains("dated from its sources", page, StringComparison.Ordinal);
        Assert.Contains("Sep. 2025", page, StringComparison.Ordinal);
        Assert.Contains("id=\"update-2025-09\"", page, StringComparison.Ordinal);
        Assert.Contains("UN Special Rapporteur warns of intensifying repression in Russia aimed at silencing dissent. (OHCHR)", page, StringComparison.Ordinal);
        Assert.Contains(">theguardian.com</a>", page, StringComparison.Ordinal);
        Assert.Contains("Russia", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_story_is_a_friendly_404()
    {
        using var app = new StoriesAppFactory();
        using var client = app.CreateClient();
        var response = await client.GetAsync("/stories/no-such-story");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is no page at this address", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
