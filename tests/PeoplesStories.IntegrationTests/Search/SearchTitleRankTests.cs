using Microsoft.Extensions.DependencyInjection;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Web.Search;
using static PeoplesStories.Testing.ArchiveText;

namespace PeoplesStories.IntegrationTests.Search;

/// <summary>
/// Which stories rank first as title matches (every term in the title: a phrase as a phrase, a
/// prefix by any word it stands for), and words that are also tokens of the index's filter columns
/// (a state's name, a country code, a year) found only in the stories' text. After the title matches,
/// SQLite ranks the newest first (bm25 is not used past the ranked candidates), so a story wrongly
/// taken for a title match would show in place of the newest filler; PostgreSQL ranks every match by
/// ts_rank, so there only the title matches' place is checked.
/// </summary>
public sealed class SearchTitleRankTests : IClassFixture<SearchTitleRankTests.App>
{
    private readonly App app;

    public SearchTitleRankTests(App app) => this.app = app;

    /// <summary>
    /// Stories written oldest first, among more stories with every term in their text than are ranked
    /// (<see cref="StorySearch.RankedCandidates"/>), so bm25, which would weigh titles too, is not used:
    /// the title test alone puts older title matches above the newer stories.
    /// </summary>
    public sealed class App : StoriesAppFactory, IAsyncLifetime
    {
        public const int Older = 10;

        public const int Newer = StorySearch.RankedCandidates - 10;

        public App()
            : base(importSeeds: false)
        {
        }

        public async Task InitializeAsync() => await SearchApp.ImportAsync(this, "title-rank.txt", Page("Freedom",
        [
            .. Filler(0, Older),
            .. Story("Mealfast protest at the prison", "Rank Desk", "2021", "Inmates began a mealfast protest on Monday."),
            .. Story("Protest and a mealfast in the north", "Rank Desk", "2021", "A mealfast protest spread to three towns."),
            .. Story("Mealfast continues", "Rank Desk", "2021", "The mealfast protest entered its second week."),
            .. Story("Weekly roundup", "Rank Desk", "2021", "Elsewhere, a mealfast protest ended after talks."),
            .. Story("Tidewaters flood the delta", "Rank Desk", "2021", "Tidewatermen left their boats."),
            .. Story("Delta update", "Rank Desk", "2021", "Tidewater levels rose again and tidewatermen were evacuated."),
            .. Story("Published findings on detention", "Filter Desk", "2015", "The report on Cambodia was published in 2015 and names KH officials."),
            .. Story("Detention in Cambodia", "Filter Desk", "2015", "Phnom Penh detention centres held hundreds, Cambodia's rights groups said."),
            .. Filler(Older, Newer),
        ]));

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

        private static IEnumerable<string> Filler(int start, int count) => Enumerable.Range(start, count)
            .SelectMany(i => Story($"Filler case {i:D3}", "Filler Desk", "2021", $"A mealfast protest by tidewatermen in the delta, case {i}."));
    }

    private async Task<List<string>> TitlesAsync(string text, string? country = null, int? from = null, int? to = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var results = await scope.ServiceProvider.GetRequiredService<StorySearch>().SearchAsync(new SearchQuery(text, country, from, to));
        return [.. results.Hits.Select(h => h.Story.Title)];
    }

    /// <summary>The search's first results are these title matches (in any order), and on SQLite the next is the newest filler.</summary>
    private async Task AssertTitleMatchesFirstAsync(string text, params string[] titleMatches)
    {
        var titles = await TitlesAsync(text);
        Assert.Equal(titleMatches.Order(StringComparer.Ordinal), titles[..titleMatches.Length].Order(StringComparer.Ordinal));
#if !POSTGRES_TESTS
        Assert.StartsWith("Filler case", titles[titleMatches.Length], StringComparison.Ordinal);
#endif
    }

    // "Protest and a mealfast" has both words in its title, but not as the phrase.
    [Fact]
    public Task A_phrase_ranks_first_only_where_the_title_holds_it_as_a_phrase() =>
        AssertTitleMatchesFirstAsync("\"mealfast protest\"", "Mealfast protest at the prison");

    [Fact]
    public async Task Two_words_rank_first_only_where_the_title_holds_both()
    {
        await AssertTitleMatchesFirstAsync("mealfast protest", "Mealfast protest at the prison", "Protest and a mealfast in the north");

        // One word: every title that holds it.
        await AssertTitleMatchesFirstAsync("mealfast", "Mealfast continues", "Mealfast protest at the prison", "Protest and a mealfast in the north");
    }

    [Fact]
    public async Task A_prefix_ranks_first_where_the_title_holds_any_word_it_stands_for()
    {
        // Tidewaters is in a title; the other stories have tidewater and tidewatermen in their text.
        await AssertTitleMatchesFirstAsync("tidewat*", "Tidewaters flood the delta");

        // With a second term, both must be in the title: "Delta update" has only the second.
        await AssertTitleMatchesFirstAsync("tidewat* delta", "Tidewaters flood the delta");
    }

    [Fact]
    public async Task Words_that_name_a_state_a_country_or_a_year_are_found_only_in_the_text()
    {
        // Both stories are published, in Cambodia and dated 2015; only one has these words in its text.
        Assert.Equal(["Published findings on detention"], await TitlesAsync("published"));
        Assert.Equal(["Published findings on detention"], await TitlesAsync("publish*"));
        Assert.Equal(["Published findings on detention"], await TitlesAsync("kh"));
        Assert.Equal(["Published findings on detention"], await TitlesAsync("2015"));
        Assert.Equal(["Published findings on detention"], await TitlesAsync("published detention", "kh", 2015, 2015));
        Assert.Equal(2, (await TitlesAsync("detention", "kh", 2015, 2015)).Count);
        Assert.Empty(await TitlesAsync("draft"));
    }
}
