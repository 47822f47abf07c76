using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeoplesStories.IntegrationTests.Search;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Reading;

namespace PeoplesStories.IntegrationTests.Reading;

/// <summary>
/// A search page's list items, read by id (raw statements on SQLite), are the list items the LINQ
/// query gives for the same stories, in the order of the ids asked for, published stories only.
/// </summary>
public sealed class SummariesByIdTests(SearchApp app) : IClassFixture<SearchApp>
{
    [Fact]
    public async Task Summaries_by_id_equal_the_list_query_in_the_order_asked_for()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var reader = scope.ServiceProvider.GetRequiredService<StoryReader>();
        var published = await reader.Published().Select(s => s.Id).ToListAsync();
        Assert.True(published.Count > 10, "the fixture has stories to compare");

        // Any order: odd ids first, then even, with an id no story has.
        int[] ids = [.. published.Where(id => id % 2 == 1), int.MaxValue, .. published.Where(id => id % 2 == 0)];
        var byId = await reader.SummariesAsync(ids);
        var listed = (await reader.SummariesAsync(reader.Published().Where(s => published.Contains(s.Id)))).ToDictionary(s => s.Id);

        Assert.Equal(ids.Where(listed.ContainsKey), byId.Select(s => s.Id));
        Assert.All(byId, s => Assert.Equal(JsonSerializer.Serialize(listed[s.Id]), JsonSerializer.Serialize(s)));

        // The openings and dates are those of each story's latest dated update.
        var cambodia = byId.Single(s => s.Slug == SearchApp.CambodiaSlug);
        Assert.Equal("2025-06", cambodia.LatestDate.Iso);
        Assert.NotEmpty(cambodia.Countries);
        Assert.False(string.IsNullOrEmpty(cambodia.Opening));
    }

    [Fact]
    public async Task Each_item_has_its_latest_updates_date_and_opening_and_its_countries_in_tag_order()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var reader = scope.ServiceProvider.GetRequiredService<StoryReader>();
        var db = scope.ServiceProvider.GetRequiredService<StoriesDbContext>();
        var published = await reader.Published().Select(s => s.Id).ToListAsync();
        var updates = (await db.StoryUpdates.AsNoTracking().Where(u => published.Contains(u.StoryId)).ToListAsync())
            .GroupBy(u => u.StoryId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(u => u.DateValue is not null).ThenByDescending(u => u.DateValue).ThenBy(u => u.Position).First());

        var tags = (await db.StoryCountries.AsNoTracking().Where(c => published.Contains(c.StoryId))
                .Select(c => new { c.StoryId, c.CountryCode, c.IsPrimary, c.Mentions, c.Country.Name }).ToListAsync())
            .ToLookup(c => c.StoryId);

        // Only the first characters of a body are read for the opening; it is the one the whole text gives.
        var summaries = await reader.SummariesAsync(published);
        Assert.Equal(published.Count, summaries.Count);
        var (cut, several) = (0, 0);
        foreach (var summary in summaries)
        {
            var latest = updates[summary.Id];
            Assert.Equal(latest.DateValue, summary.LatestDate.Value);
            Assert.Equal(ReadText.Opening(latest.Headline, latest.Body), summary.Opening);
            Assert.Equal(
                tags[summary.Id].OrderByDescending(c => c.IsPrimary).ThenByDescending(c => c.Mentions).ThenBy(c => c.Name, StringComparer.Ordinal).Select(c => c.CountryCode),
                summary.Countries.Select(c => c.Code));
            cut += summary.Opening?.EndsWith('…') == true ? 1 : 0;
            several += summary.Countries.Count > 1 ? 1 : 0;
        }

        Assert.True(cut > 0, "the fixture has openings cut short");
        Assert.True(several > 0, "the fixture has stories tagged with several countries");
    }

    [Fact]
    public async Task A_story_taken_off_the_site_is_left_out()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var reader = scope.ServiceProvider.GetRequiredService<StoryReader>();
        var db = scope.ServiceProvider.GetRequiredService<StoriesDbContext>();
        var story = await db.Stories.AsNoTracking().SingleAsync(s => s.Slug == SearchApp.OldSlug);
        var others = await reader.Published().Where(s => s.Id != story.Id).OrderBy(s => s.Id).Select(s => s.Id).Take(3).ToListAsync();

        var transaction = await db.Database.BeginTransactionAsync();
        try
        {
            await db.Stories.Where(s => s.Id == story.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.State, StoryState.Archived));
            var summaries = await reader.SummariesAsync([story.Id, .. others]);
            Assert.Equal(others, summaries.Select(s => s.Id));
        }
        finally
        {
            await transaction.RollbackAsync();
        }
    }
}
