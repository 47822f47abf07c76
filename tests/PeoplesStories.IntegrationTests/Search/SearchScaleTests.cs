using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Search;
using static PeoplesStories.Testing.ArchiveText;

namespace PeoplesStories.IntegrationTests.Search;

/// <summary>
/// Beyond the ranked candidates: a word in more stories than <see cref="StorySearch.RankedCandidates"/>
/// pages through every match exactly once; and the index's filter columns (state, countries, years)
/// follow edits made through EF Core.
/// </summary>
public sealed class SearchScaleTests : IDisposable
{
    private const int Matches = StorySearch.RankedCandidates + 37;

    private readonly StoriesAppFactory app = new(importSeeds: false);

    public void Dispose() => app.Dispose();

    private async Task<SearchResults> SearchAsync(SearchQuery query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StorySearch>().SearchAsync(query);
    }

    [Fact]
    public async Task A_common_word_pages_through_every_match_once_past_the_ranked_candidates()
    {
        // The newest story has the word in its title: among the ranked candidates, it comes first.
        var stories = Enumerable.Range(1, Matches)
            .SelectMany(i => Story(i == Matches ? "Commonword in the title" : $"Case {i:D4}", "Scale Desk", "2024", $"The commonword appears in case {i}."))
            .ToArray();
        await SearchApp.ImportAsync(app, "scale.txt", Page("Freedom", stories));

        var first = await SearchAsync(new SearchQuery("commonword", PageSize: StorySearch.MaxPageSize));
        Assert.Equal(Matches, first.Total);
        Assert.Equal("Commonword in the title", first.Hits[0].Story.Title);

        // Pages of 30 do not divide the candidates: one page holds the last ranked and the first older matches.
        var seen = new List<int>();
        for (var page = 1; page <= StorySearch.MaxPage; page++)
        {
            var results = await SearchAsync(new SearchQuery("commonword", Page: page, PageSize: 30));
            Assert.Equal(Matches, results.Total);
            seen.AddRange(results.Hits.Select(h => h.Story.Id));
            if (results.Hits.Count < 30)
            {
                break;
            }
        }

        Assert.Equal(Matches, seen.Count);
        Assert.Equal(Matches, seen.Distinct().Count());
    }

#if !POSTGRES_TESTS
    // SQLite's search counts only as far as the pager reaches; PostgreSQL's counts every match.
    [Fact]
    public async Task A_common_word_is_counted_as_far_as_the_pager_reaches_and_the_api_counts_every_match()
    {
        var stories = Enumerable.Range(1, Matches)
            .SelectMany(i => Story($"Case {i:D4}", "Scale Desk", "2024", $"The frequentword appears in case {i}."))
            .ToArray();
        await SearchApp.ImportAsync(app, "count.txt", Page("Freedom", stories));

        // Page 1 of 10 a page: the pager reaches 100 matches, the candidates 200, so more than 200 are shown as such.
        var first = await SearchAsync(new SearchQuery("frequentword"));
        Assert.False(first.TotalIsExact);
        Assert.Equal(StorySearch.RankedCandidates, first.Total);
        Assert.Equal((StorySearch.RankedCandidates / 10) + 1, first.PageCount);
        Assert.Equal(10, first.Hits.Count);

        // Newest first when no term is rare enough for bm25 (and none is in a title).
        var ids = first.Hits.Select(h => h.Story.Id).ToList();
        Assert.Equal(ids.OrderDescending(), ids);

        // Further on, the count reaches the last match and is exact.
        var later = await SearchAsync(new SearchQuery("frequentword", Page: 15));
        Assert.True(later.TotalIsExact);
        Assert.Equal(Matches, later.Total);

        using var client = app.CreateClient();
        var html = await client.GetStringAsync("/search?q=frequentword");
        Assert.Contains("More than 200 stories found", html, StringComparison.Ordinal);
        using var json = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/search?q=frequentword"));
        Assert.Equal(Matches, json.RootElement.GetProperty("total").GetInt32());
    }
#endif

    [Fact]
    public async Task A_search_in_a_country_finds_every_match_once_whether_the_country_has_many_stories_or_few()
    {
        // Peru has more stories than a country search reads oldest first (StorySearch.ForwardReadLimit),
        // Chile fewer, but more than the ranked candidates.
        const int InPeru = StorySearch.ForwardReadLimit + 25;
        const int InChile = StorySearch.RankedCandidates + 50;
        var stories = Enumerable.Range(1, InPeru)
            .SelectMany(i => Story($"Peru case {i:D4}", "Scale Desk", i % 2 == 0 ? "2019" : "2021", $"A widespread complaint in Lima, Peru, case {i}."))
            .Concat(Enumerable.Range(1, InChile)
                .SelectMany(i => Story($"Chile case {i:D4}", "Scale Desk", i % 3 == 0 ? "2019" : "2022", $"A widespread complaint in Santiago, Chile, case {i}.")))
            .ToArray();
        await SearchApp.ImportAsync(app, "countries.txt", Page("Freedom", stories));

        foreach (var (country, from, to, expected) in new (string, int?, int?, int)[]
        {
            ("PE", null, null, InPeru),
            ("PE", 2019, 2019, InPeru / 2),
            ("PE", 2020, 2030, InPeru - (InPeru / 2)),
            ("CL", null, null, InChile),
            ("CL", 2019, 2019, InChile / 3),
            ("CL", 2015, 2021, InChile / 3),
            ("CL", 2023, 2030, 0),
        })
        {
            var seen = new List<string>();
            for (var page = 1; page <= StorySearch.MaxPage; page++)
            {
                var results = await SearchAsync(new SearchQuery("widespread", country, from, to, page, PageSize: 30));
                seen.AddRange(results.Hits.Select(h => h.Story.Title));
                if (results.Hits.Count < 30)
                {
                    Assert.Equal(expected, results.Total);
                    break;
                }
            }

            var name = country == "PE" ? "Peru case" : "Chile case";
            Assert.True(expected == seen.Count, $"{country} {from}-{to}: {seen.Count} found, {expected} expected");
            Assert.Equal(expected, seen.Distinct().Count());
            Assert.All(seen, title => Assert.StartsWith(name, title, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_prefix_finds_words_indexed_after_an_earlier_search_for_it()
    {
        await SearchApp.ImportAsync(app, "prefix-1.txt", Page("Press", Story("Reporters held", "Prefix Desk", "2023", "Journalism is not a crime.")));
        var before = await SearchAsync(new SearchQuery("journ*"));
        Assert.Equal("Reporters held", Assert.Single(before.Hits).Story.Title);
        Assert.Contains("<mark>Journalism</mark>", before.Hits[0].SnippetHtml, StringComparison.Ordinal);

        await SearchApp.ImportAsync(app, "prefix-2.txt", Page("Press", Story("A long road", "Prefix Desk", "2024", "Their journey home took nine days.")));
        var after = await SearchAsync(new SearchQuery("journ*"));
        Assert.Equal(["A long road", "Reporters held"], after.Hits.Select(h => h.Story.Title).Order());
        Assert.Empty((await SearchAsync(new SearchQuery("journx*"))).Hits);
    }

    [Fact]
    public async Task A_search_beyond_the_years_it_knows_reads_them_again_even_after_a_write_round_the_site()
    {
        await SearchApp.ImportAsync(app, "span.txt", Page("Freedom", Story("Harbour workers in Chile", "Span Desk", "June 2019", "Dockers in Valparaíso, Chile, struck over pay.")));
        Assert.Single((await SearchAsync(new SearchQuery("dockers", "CL", 2019, 2019))).Hits);
        Assert.Empty((await SearchAsync(new SearchQuery("dockers", "CL", 2021, 2021))).Hits);

        // Straight to the database, with no word to the site's caches (as another program might write).
        await app.Database.ScalarAsync("""UPDATE "StoryUpdates" SET "DateValue" = '2021-03-01' """);
        Assert.Single((await SearchAsync(new SearchQuery("dockers", "CL", 2021, 2021))).Hits);
        Assert.Single((await SearchAsync(new SearchQuery("dockers", "CL", 2020, null))).Hits);
        Assert.Empty((await SearchAsync(new SearchQuery("dockers", "CL", 2019, 2019))).Hits);
    }

    [Fact]
    public async Task The_state_country_and_year_filters_follow_edits_through_ef_core()
    {
        await SearchApp.ImportAsync(app, "filters.txt", Page("Freedom", Story("Harbour workers in Chile", "Filter Desk", "June 2019", "Dockers in Valparaíso, Chile, struck over pay.")));
        var id = await app.QueryAsync(db => db.Stories.Select(s => s.Id).SingleAsync());
        Assert.Single((await SearchAsync(new SearchQuery("dockers", "CL", 2019, 2019))).Hits);
        Assert.Empty((await SearchAsync(new SearchQuery("dockers", "PE"))).Hits);

        await app.QueryAsync(async db =>
        {
            db.StoryCountries.Add(new StoryCountry { StoryId = id, CountryCode = "PE" });
            var update = await db.StoryUpdates.SingleAsync(u => u.StoryId == id);
            update.DateValue = new DateOnly(2021, 3, 1);
            return await db.SaveChangesAsync();
        });
        Assert.Single((await SearchAsync(new SearchQuery("dockers", "PE", 2021, 2021))).Hits);
        Assert.Single((await SearchAsync(new SearchQuery("dockers", "CL", 2020, 2021))).Hits);
        Assert.Empty((await SearchAsync(new SearchQuery("dockers", "CL", 2019, 2019))).Hits);
        Assert.Empty((await SearchAsync(new SearchQuery("dockers", "PE", 2019, 2020))).Hits);

        await app.QueryAsync(async db =>
        {
            (await db.Stories.SingleAsync(s => s.Id == id)).State = StoryState.Draft;
            return await db.SaveChangesAsync();
        });
        var hidden = await SearchAsync(new SearchQuery("dockers"));
        Assert.Empty(hidden.Hits);
        Assert.Equal(0, hidden.Total);
    }
}
