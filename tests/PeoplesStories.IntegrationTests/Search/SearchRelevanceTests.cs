using Microsoft.Extensions.DependencyInjection;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Web.Search;
using static PeoplesStories.Testing.ArchiveText;

namespace PeoplesStories.IntegrationTests.Search;

/// <summary>
/// Among matches with no term in their title, a word few stories hold ranks the stories that say it
/// most above the newer ones that mention it once (SQLite's bm25, PostgreSQL's ts_rank), whatever
/// order they were written in; title matches still come first.
/// </summary>
public sealed class SearchRelevanceTests : IClassFixture<SearchRelevanceTests.App>
{
    private readonly App app;

    public SearchRelevanceTests(App app) => this.app = app;

    /// <summary>The stories that say the word most are the oldest, so newest first would put them last.</summary>
    public sealed class App : StoriesAppFactory, IAsyncLifetime
    {
        public App()
            : base(importSeeds: false)
        {
        }

        public async Task InitializeAsync() => await SearchApp.ImportAsync(this, "relevance.txt", Page("Freedom",
        [
            .. Story("Harbour notes", "Relevance Desk", "2019", "Quayrot spread along the wharf. Quayrot closed the docks, quayrot reached the cranes, and quayrot was on every pier."),
            .. Story("Dock workers", "Relevance Desk", "2020", "Dock workers said quayrot had spread, and that quayrot must be stopped."),
            .. Story("Market notes", "Relevance Desk", "2021", "Traders met on Monday about prices, rents, deliveries and the new stalls; one of them mentioned quayrot."),
            .. Story("Quayrot inquiry opens", "Relevance Desk", "2018", "An inquiry opened on Tuesday."),
            .. Story("Council notes", "Relevance Desk", "2022", "The council met about roads, schools, parks and the library; quayrot came up once."),
        ]));

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    [Fact]
    public async Task Stories_that_say_a_rare_word_most_rank_above_newer_ones_that_mention_it_once()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var results = await scope.ServiceProvider.GetRequiredService<StorySearch>().SearchAsync(new SearchQuery("quayrot"));
        var titles = results.Hits.Select(h => h.Story.Title).ToList();

        Assert.Equal(5, results.Total);
        Assert.Equal("Quayrot inquiry opens", titles[0]);
        Assert.Equal(["Harbour notes", "Dock workers"], titles[1..3]);
        Assert.Equal(["Council notes", "Market notes"], titles[3..].Order(StringComparer.Ordinal));
    }
}
