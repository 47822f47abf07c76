using System.Net;
using static PeoplesStories.IntegrationTests.Search.SearchApp;

namespace PeoplesStories.IntegrationTests.Search;

/// <summary>/search over the seed and the fixture stories: matching, ranking, filters, snippets, paging.</summary>
public sealed class SearchPageTests(SearchApp app) : IClassFixture<SearchApp>
{
    private readonly HttpClient client = app.CreateClient();

    [Fact]
    public async Task A_seed_word_finds_the_Cambodia_story_with_a_highlighted_snippet()
    {
        var page = await GetPageAsync(client, SearchUrl("scamming"));

        Assert.Equal([CambodiaSlug], HitSlugs(page));
        Assert.Equal("1 story found for “scamming”", page.QuerySelector("#results-heading")!.TextContent.Trim());
        var hit = page.QuerySelector(".search-hit")!;
        Assert.Equal(CambodiaTitle, hit.QuerySelector("h3")!.TextContent);
        Assert.Equal("scamming", hit.QuerySelector("h3 mark")!.TextContent);
        var snippet = hit.QuerySelector(".snippet")!;
        Assert.NotEmpty(snippet.QuerySelectorAll("mark"));
        Assert.All(snippet.QuerySelectorAll("mark"), m => Assert.Equal("scamming", m.TextContent, ignoreCase: true));
        Assert.DoesNotContain(snippet.Children, c => c.LocalName != "mark");
        Assert.Contains("by Amnesty International, OHCHR, agencies", hit.QuerySelector(".byline")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2025-06", hit.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Contains("/countries/kh", hit.QuerySelectorAll(".tags a").Select(a => a.GetAttribute("href")));
    }

    [Theory]
    [InlineData("country=kh")]
    [InlineData("country=KH")]
    [InlineData("country=Kh")]
    public async Task A_country_filter_keeps_the_stories_of_that_country(string filter)
    {
        var page = await GetPageAsync(client, SearchUrl("scamming", filter));
        Assert.Equal([CambodiaSlug], HitSlugs(page));
        Assert.Contains("in Cambodia", page.QuerySelector("#results-heading")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("kh", page.QuerySelector("#country option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_country_filter_drops_stories_of_other_countries_and_offers_to_drop_it()
    {
        var page = await GetPageAsync(client, SearchUrl("scamming", "country=ru"));

        Assert.Empty(HitSlugs(page));
        Assert.Equal("No stories found for “scamming” in Russia", page.QuerySelector("#results-heading")!.TextContent.Trim());
        var widen = page.QuerySelectorAll(".search-widen a");
        var all = Assert.Single(widen);
        Assert.Equal("Search all countries", all.TextContent);
        Assert.Equal("/search?q=scamming", all.GetAttribute("href"));
    }

    [Fact]
    public async Task No_hits_with_country_and_years_offers_each_filter_dropped()
    {
        var page = await GetPageAsync(client, SearchUrl("scamming", "country=ru&from=2010&to=2012"));

        Assert.Empty(HitSlugs(page));
        var links = page.QuerySelectorAll(".search-widen a").ToDictionary(a => a.TextContent, a => a.GetAttribute("href"));
        Assert.Equal("/search?q=scamming&from=2010&to=2012", links["Search all countries"]);
        Assert.Equal("/search?q=scamming&country=ru", links["Search all years"]);
        Assert.Equal("/search?q=scamming", links["Search all countries and years"]);

        // Following "Search all countries and years" finds the story.
        Assert.Equal([CambodiaSlug], HitSlugs(await GetPageAsync(client, links["Search all countries and years"]!)));
    }

    [Fact]
    public async Task No_hits_without_filters_says_so_and_gives_tips()
    {
        var page = await GetPageAsync(client, SearchUrl("nosuchwordanywhere"));
        Assert.Empty(HitSlugs(page));
        Assert.Equal("No stories found for “nosuchwordanywhere”", page.QuerySelector("#results-heading")!.TextContent.Trim());
        Assert.Contains("Check the spelling", page.QuerySelector(".search-results")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("peru")]
    [InlineData("PERU")]
    [InlineData("Perú")]
    public async Task Accents_and_case_are_folded(string q)
    {
        var page = await GetPageAsync(client, SearchUrl(q));
        Assert.Equal([PeruSlug], HitSlugs(page));
        Assert.Equal("Perú", page.QuerySelector(".search-hit h3 mark")!.TextContent);
    }

    [Fact]
    public async Task A_quoted_phrase_matches_only_words_side_by_side()
    {
        var phrase = HitSlugs(await GetPageAsync(client, SearchUrl("\"living nightmare\"")));
        Assert.Contains(PhraseSlug, phrase);
        Assert.Contains(CambodiaSlug, phrase);
        Assert.DoesNotContain(ApartSlug, phrase);

        // The same words unquoted: the story with them far apart matches too.
        var words = HitSlugs(await GetPageAsync(client, SearchUrl("living nightmare")));
        Assert.Contains(ApartSlug, words);
        Assert.Contains(PhraseSlug, words);
    }

    [Fact]
    public async Task A_trailing_star_matches_word_beginnings()
    {
        var page = await GetPageAsync(client, SearchUrl("journ*"));
        var slugs = HitSlugs(page);
        Assert.Contains(PeruSlug, slugs);
        Assert.Contains(CambodiaSlug, slugs); // "journalists working on the issue"
        Assert.Equal(PeruSlug, slugs[0]); // in its title
        Assert.Equal("Journalists", page.QuerySelector(".search-hit h3 mark")!.TextContent);

        // Without the star it is a whole word, which no story has.
        Assert.Empty(HitSlugs(await GetPageAsync(client, SearchUrl("journ"))));
    }

    [Fact]
    public async Task A_title_match_ranks_above_a_body_only_match()
    {
        var slugs = HitSlugs(await GetPageAsync(client, SearchUrl("orchardvale")));
        Assert.Equal([TitleMatchSlug, BodyMatchSlug], slugs);
    }

    [Fact]
    public async Task A_year_range_keeps_stories_with_an_update_dated_in_it()
    {
        Assert.Equal([CambodiaSlug], HitSlugs(await GetPageAsync(client, SearchUrl("scamming", "from=2025&to=2025"))));
        Assert.Equal([CambodiaSlug], HitSlugs(await GetPageAsync(client, SearchUrl("scamming", "from=2023&to=2023")))); // the Aug. 2023 update
        Assert.Empty(HitSlugs(await GetPageAsync(client, SearchUrl("scamming", "from=2024&to=2024"))));
        Assert.Empty(HitSlugs(await GetPageAsync(client, SearchUrl("scamming", "from=2010&to=2012"))));

        Assert.Equal([OldSlug], HitSlugs(await GetPageAsync(client, SearchUrl("floodgate", "from=2010&to=2012"))));
        Assert.Equal([OldSlug], HitSlugs(await GetPageAsync(client, SearchUrl("floodgate", "to=2011"))));
        Assert.Equal([OldSlug], HitSlugs(await GetPageAsync(client, SearchUrl("floodgate", "from=2012&to=2010")))); // swapped
        var recent = await GetPageAsync(client, SearchUrl("floodgate", "from=2025&to=2025"));
        Assert.Empty(HitSlugs(recent));
        Assert.Equal("No stories found for “floodgate” in 2025", recent.QuerySelector("#results-heading")!.TextContent.Trim());
        Assert.Equal("/search?q=floodgate", recent.QuerySelector(".search-widen a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Source_urls_are_not_searched()
    {
        var page = await GetPageAsync(client, SearchUrl("quetzalword"));
        Assert.Empty(HitSlugs(page));
        Assert.Equal("No stories found for “quetzalword”", page.QuerySelector("#results-heading")!.TextContent.Trim());

        // A host and a path word of the seed's sources.
        Assert.Empty(HitSlugs(await GetPageAsync(client, SearchUrl("latimes"))));
        Assert.Empty(HitSlugs(await GetPageAsync(client, SearchUrl("beatings"))));
    }

    [Fact]
    public async Task Stored_text_is_encoded_and_only_mark_is_markup()
    {
        var html = await client.GetStringAsync(SearchUrl("tagword"));
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bold", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; <mark>tagword</mark> &amp; &lt;b&gt;bold&lt;/b&gt; text.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_are_paged_by_ten_with_the_filters_kept_in_the_pager()
    {
        var first = await GetPageAsync(client, SearchUrl("pagerword", "from=2024&to=2024"));
        Assert.Equal(10, HitSlugs(first).Count);
        Assert.Equal($"{PagedStories} stories found for “pagerword” in 2024", first.QuerySelector("#results-heading")!.TextContent.Trim());
        var next = first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!;
        Assert.Equal("/search?q=pagerword&from=2024&to=2024&page=2", next);
        Assert.Equal(next, first.QuerySelector("link[rel=next]")!.GetAttribute("href"));

        var second = await GetPageAsync(client, next);
        Assert.Equal(PagedStories - 10, HitSlugs(second).Count);
        Assert.Equal("11", second.QuerySelector("ol.search-hits")!.GetAttribute("start"));
        Assert.Equal("/search?q=pagerword&from=2024&to=2024", second.QuerySelector(".pager a[rel=prev]")!.GetAttribute("href"));
        Assert.Null(second.QuerySelector(".pager a[rel=next]"));
        Assert.Empty(HitSlugs(first).Intersect(HitSlugs(second)));

        // Same URL, same order: the ranking has a stable tie-break.
        Assert.Equal(HitSlugs(first), HitSlugs(await GetPageAsync(client, SearchUrl("pagerword", "from=2024&to=2024"))));

        // Past the end: a page that says so, not an error.
        var beyond = await GetPageAsync(client, SearchUrl("pagerword", "page=7"));
        Assert.Empty(HitSlugs(beyond));
        Assert.Contains("no results on page 7", beyond.QuerySelector(".search-results")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_query_shows_the_form_and_guidance()
    {
        foreach (var url in new[] { "/search", "/search?q=", "/search?q=%20%20", "/search?q=&country=kh&from=2020" })
        {
            var page = await GetPageAsync(client, url);
            Assert.Equal("How to search", page.QuerySelector("#guidance-heading")!.TextContent);
            Assert.Null(page.QuerySelector("#results-heading"));
            Assert.NotNull(page.QuerySelector("form[role=search] input#q[name=q]"));
            Assert.Equal("Words to find", page.QuerySelector("label[for=q]")!.TextContent);
        }
    }

    [Fact]
    public async Task The_form_offers_only_countries_with_stories_and_keeps_the_query()
    {
        var page = await GetPageAsync(client, SearchUrl("scamming", "country=kh&from=2020&to=2025"));
        var options = page.QuerySelectorAll("#country option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal("", options[0]);
        Assert.Contains("kh", options);
        Assert.Contains("ru", options);
        Assert.DoesNotContain("aq", options);
        Assert.Equal("scamming", page.QuerySelector("input#q")!.GetAttribute("value"));
        Assert.Equal("2020", page.QuerySelector("input#from")!.GetAttribute("value"));
        Assert.Equal("2025", page.QuerySelector("input#to")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("label[for=country]"));
        Assert.NotNull(page.QuerySelector("label[for=from]"));
        Assert.NotNull(page.QuerySelector("label[for=to]"));
        Assert.Contains("noindex", page.QuerySelector("meta[name=robots]")!.GetAttribute("content"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"unbalanced")]
    [InlineData("scamming\"")]
    [InlineData("AND OR NOT")]
    [InlineData("AND")]
    [InlineData("title:x")]
    [InlineData("title:scamming")]
    [InlineData("{title byline}: scamming")]
    [InlineData("NEAR(")]
    [InlineData("NEAR(scamming compounds, 2)")]
    [InlineData("*")]
    [InlineData("**scam**")]
    [InlineData("\0")]
    [InlineData("scam\0ming")]
    [InlineData("^")]
    [InlineData("^scamming")]
    [InlineData("-")]
    [InlineData("-scamming")]
    [InlineData("+")]
    [InlineData("( ) ( (")]
    [InlineData("😀")]
    [InlineData("👩‍👩‍👧 scamming 🇰🇭")]
    [InlineData("%")]
    [InlineData("%25%00")]
    [InlineData("'; DROP TABLE Stories; --")]
    [InlineData("\\")]
    [InlineData("\u202Escamming")]
    [InlineData("!?.,;:[]{}<>")]
    public async Task Hostile_queries_answer_200_with_a_results_or_no_hits_page(string q)
    {
        using var response = await client.GetAsync(SearchUrl(q));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ParseAsync(body);
        Assert.NotNull(page.QuerySelector("#results-heading"));
        Assert.Matches("^(No stories found|\\d+ stor(y|ies) found) for", page.QuerySelector("#results-heading")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_long_query_of_operators_and_punctuation_answers_200()
    {
        // As long as the query string limit allows once encoded (a longer one answers 400: RequestLimitsTests).
        var q = "scamming " + string.Concat(Enumerable.Repeat("(*^\" :-+) ", 120));
        Assert.True(q.Length > 1_000);
        Assert.True(SearchUrl(q).Length < new PeoplesStories.Web.Hosting.RequestLimitOptions().MaxQueryStringLength);
        using var response = await client.GetAsync(SearchUrl(q));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal([CambodiaSlug], HitSlugs(page));
    }

    [Theory]
    [InlineData("/search?q=%ED%A0%80")]
    [InlineData("/search?q=%FF%FE%00")]
    [InlineData("/search?q=%")]
    [InlineData("/search?q=%%22")]
    [InlineData("/search?q=a+b%2B")]
    public async Task Malformed_percent_encoding_answers_200(string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.True(page.QuerySelector("#results-heading") is not null || page.QuerySelector("#guidance-heading") is not null);
    }

    [Theory]
    [InlineData("country=k")]
    [InlineData("country=khm")]
    [InlineData("country=%27%3B--")]
    [InlineData("country=k1")]
    [InlineData("from=abc&to=xyz")]
    [InlineData("from=-5&to=99999")]
    [InlineData("from=2025.5")]
    [InlineData("page=0")]
    [InlineData("page=-1")]
    [InlineData("page=abc")]
    [InlineData("page=1.5")]
    [InlineData("page=99999999999999999999")]
    [InlineData("page=1&page=2")]
    [InlineData("q=other&country=kh&country=ru")]
    public async Task Invalid_parameters_are_ignored_or_clamped(string extra)
    {
        using var response = await client.GetAsync(SearchUrl("scamming", extra));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.NotNull(page.QuerySelector("#results-heading"));
    }
}
