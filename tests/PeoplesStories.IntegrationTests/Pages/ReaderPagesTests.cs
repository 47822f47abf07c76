using System.Net;
using System.Net.Http.Headers;
using PeoplesStories.IntegrationTests.Infrastructure;
using static PeoplesStories.Testing.ArchiveText;

namespace PeoplesStories.IntegrationTests.Pages;

/// <summary>
/// The reader's pages over the seed plus a fixture page of our own: home paging, story, countries,
/// archive by date, sections. One app for the class: these tests only read.
/// </summary>
public sealed class ReaderPagesTests(ReaderPagesTests.Site site) : IClassFixture<ReaderPagesTests.Site>
{
    private const string Cambodia = "Cambodian authorities are not doing enough to stop scamming compounds";
    private const string Democracy = "Democratic institutions offer the best framework for addressing social injustices";

    /// <summary>The seed and twelve more stories: enough for a second home page, a year-only update, an undated one.</summary>
    public sealed class Site : IAsyncLifetime
    {
        public StoriesAppFactory App { get; } = new();

        public HttpClient Client { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Client = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var folder = Directory.CreateTempSubdirectory("reader-fixtures-").FullName;
            var stories = Enumerable.Range(1, 10)
                .SelectMany(i => Story($"Kenyan court case {i:D2}", "Fixture agency", $"{i} March 2021", $"Hearing {i} in Nairobi, Kenya.", "http://example.org/a"))
                .Concat(Story("A year to remember in Chile", "Fixture agency", "2019", "Protests across Chile.", "http://example.org/b"))
                .Concat(Story("Undated notes from Peru", "Fixture agency", "Notes from Perú.", "http://example.org/about"))
                .ToArray();
            await File.WriteAllTextAsync(Path.Combine(folder, "fixtures.txt"), Page("Justice", stories));
            await App.RunCommandAsync("import", folder);
            Directory.Delete(folder, recursive: true);
        }

        public Task DisposeAsync()
        {
            Client.Dispose();
            App.Dispose();
            return Task.CompletedTask;
        }
    }

    private HttpClient Client => site.Client;

    [Fact]
    public async Task Home_lists_ten_stories_newest_update_first_and_pages_on()
    {
        var home = await Client.GetDocumentAsync("/");
        var titles = home.Texts(".story-card h2");
        Assert.Equal(10, titles.Count);
        Assert.Equal([Democracy, Cambodia, "Kenyan court case 10", "Kenyan court case 09"], titles.Take(4));
        Assert.Null(home.QuerySelector("link[rel=prev]"));
        Assert.Equal("/?page=2", home.QuerySelector("link[rel=next]")?.GetAttribute("href"));
        Assert.Equal("View previous stories", home.QuerySelector(".pager a[rel=next]")?.TextContent.Trim());
        Assert.Contains("Sep. 2025", home.QuerySelectorAll(".story-card")[0].TextContent, StringComparison.Ordinal);

        var second = await Client.GetDocumentAsync("/?page=2");
        Assert.Equal(["Kenyan court case 02", "Kenyan court case 01", "A year to remember in Chile", "Undated notes from Peru"], second.Texts(".story-card h2"));
        Assert.Equal("/", second.QuerySelector("link[rel=prev]")?.GetAttribute("href"));
        Assert.Null(second.QuerySelector("link[rel=next]"));
        Assert.Equal("Undated", second.QuerySelectorAll(".story-card time")[^1].TextContent.Trim());

        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/?page=3")).StatusCode);
    }

    [Fact]
    public async Task Every_page_carries_the_header_search_sections_and_footer()
    {
        var page = await Client.GetDocumentAsync("/archive");
        Assert.Equal("People’s Stories", page.QuerySelector(".site-name")?.TextContent.Trim());
        Assert.Equal("Search by keyword and country", page.QuerySelector("label[for=site-q]")?.TextContent.Trim());
        var countryOptions = page.QuerySelectorAll("#site-country option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains("kh", countryOptions);
        Assert.Contains("ke", countryOptions);
        Assert.DoesNotContain("fr", countryOptions);
        Assert.Equal(["Countries", "By date", "Freedom", "Justice"], page.Texts(".sections-nav a"));
        Assert.Equal(["Submit a Story", "Search by keyword and country", "Guestbook", "Atom feed"], page.Texts(".footer-links a"));
        Assert.Equal("#main", page.QuerySelector("a.skip-link")?.GetAttribute("href"));
    }

    [Fact]
    public async Task A_story_page_links_its_countries_and_related_stories_and_names_its_canonical_url()
    {
        var url = "/stories/cambodian-authorities-are-not-doing-enough-to-stop-scamming-compounds";
        var page = await Client.GetDocumentAsync(url);
        Assert.Equal(Cambodia, page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Equal("by Amnesty International, OHCHR, agencies", page.QuerySelector(".byline")?.TextContent.Trim());
        var tags = page.QuerySelectorAll(".story-header .tags a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
        Assert.Equal(("Cambodia", "/countries/kh"), tags[0]);
        Assert.Equal(17, tags.Count);
        Assert.Equal(["update-2025-06", "update-2023-08"], page.QuerySelectorAll("section.update").Select(s => s.Id));
        Assert.Equal(["June 2025", "Aug. 2023"], page.Texts(".update-date time"));
        // Links to one host are told apart by the end of their path.
        Assert.Equal(
            ["amnesty.org", "ohchr.org: un experts urge immediate human rights based ac…", "ohchr.org: cambodia un expert alarmed disturbing human rig…", "theguardian.com"],
            page.Texts("#update-2025-06 .sources a"));
        Assert.Equal("http://localhost" + url, page.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        Assert.Equal("article", page.QuerySelector("meta[property='og:type']")?.GetAttribute("content"));
        Assert.Equal(Cambodia, page.QuerySelector("meta[property='og:title']")?.GetAttribute("content"));
        Assert.Equal("/countries/kh/feed", page.QuerySelector("link[rel=alternate][href$='kh/feed']")?.GetAttribute("href"));

        // No other story has Cambodia as a country; the Kenyan ones share Kenya (which the Cambodia story also names).
        Assert.Null(page.QuerySelector(".related"));
        var kenya = await Client.GetDocumentAsync("/stories/kenyan-court-case-05");
        Assert.Equal([Cambodia, "Kenyan court case 10", "Kenyan court case 09", "Kenyan court case 08", "Kenyan court case 07"], kenya.Texts(".related li a"));
    }

    [Fact]
    public async Task An_undated_update_says_so_and_an_inferred_date_says_where_it_came_from()
    {
        var undated = await Client.GetDocumentAsync("/stories/undated-notes-from-peru");
        Assert.Equal("update-undated", undated.QuerySelector("section.update")?.Id);
        Assert.Equal("Undated", undated.QuerySelector(".update-date")?.TextContent.Trim());
        Assert.Equal("Peru", undated.QuerySelector(".story-header .tags a")?.TextContent.Trim());

        var inferred = await Client.GetDocumentAsync("/stories/democratic-institutions-offer-the-best-framework-for-addressing-social-injustices");
        Assert.Equal("c. 13 June 2025, dated from its sources", inferred.QuerySelector(".update-date")?.TextContent.Trim());
        Assert.Equal("2025-06-13", inferred.QuerySelector(".update-date time")?.GetAttribute("datetime"));
    }

    [Fact]
    public async Task A_story_page_answers_304_to_its_own_etag_and_date()
    {
        var url = "/stories/democratic-institutions-offer-the-best-framework-for-addressing-social-injustices";
        using var first = await Client.GetAsync(url);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.NotNull(first.Content.Headers.LastModified);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(etag);
        using var again = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);

        using var other = new HttpRequestMessage(HttpMethod.Get, url);
        other.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"s1-v999\""));
        using var changed = await Client.SendAsync(other);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        using var byDate = new HttpRequestMessage(HttpMethod.Get, url);
        byDate.Headers.IfModifiedSince = first.Content.Headers.LastModified;
        using var notModified = await Client.SendAsync(byDate);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task Countries_are_grouped_by_region_with_counts_and_latest_dates()
    {
        var page = await Client.GetDocumentAsync("/countries");
        Assert.Equal(["Africa", "Americas", "Asia", "Europe"], page.Texts(".region h2"));
        var kenya = page.QuerySelectorAll(".country-list li").Single(li => li.QuerySelector("a")?.TextContent == "Kenya");
        Assert.Equal("/countries/ke", kenya.QuerySelector("a")?.GetAttribute("href"));
        Assert.Contains("11 stories", kenya.TextContent, StringComparison.Ordinal);
        Assert.Contains("latest Jun 2025", kenya.TextContent, StringComparison.Ordinal);
        var cambodia = page.QuerySelectorAll("#region-asia ~ .country-list li, .country-list li").First(li => li.TextContent.Contains("Cambodia", StringComparison.Ordinal));
        Assert.Contains("1 story", cambodia.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_country_page_lists_its_stories_and_timeline_and_no_others()
    {
        var kh = await Client.GetDocumentAsync("/countries/kh");
        Assert.Equal("Cambodia", kh.QuerySelector("h1")?.TextContent.Trim());
        Assert.Equal([Cambodia], kh.Texts(".story-card h2"));
        Assert.Equal(["June 2025", "Aug. 2023"], kh.Texts(".timeline time"));

        var ru = await Client.GetDocumentAsync("/countries/ru");
        Assert.Equal([Democracy], ru.Texts(".story-card h2"));
        Assert.DoesNotContain(Cambodia, ru.Body!.TextContent, StringComparison.Ordinal);

        var france = await Client.GetDocumentAsync("/countries/fr");
        Assert.Contains("No stories about France have been published yet", france.Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/countries/cambodia", "/countries/kh")]
    [InlineData("/countries/KH", "/countries/kh")]
    [InlineData("/countries/viet-nam", "/countries/vn")]
    public async Task Country_names_and_upper_case_codes_redirect_to_the_code(string from, string to)
    {
        using var response = await Client.GetAsync(from);
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(to, response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/countries/zz")]
    [InlineData("/countries/atlantis")]
    [InlineData("/archive/2025/13")]
    [InlineData("/archive/abc")]
    [InlineData("/sections/nowhere")]
    [InlineData("/stories/no-such-story")]
    public async Task Unknown_places_are_friendly_404s(string url)
    {
        using var response = await Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await Html.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal("Page not found", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector(".site-header"));
    }

    [Fact]
    public async Task The_archive_lists_years_months_and_the_undated_group()
    {
        var page = await Client.GetDocumentAsync("/archive");
        Assert.Equal(["2025 3 updates", "2023 1 update", "2021 10 updates", "2019 1 update"], page.Texts(".archive-years h2").Select(t => string.Join(' ', t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));
        Assert.Contains("/archive/2025/06", page.QuerySelectorAll(".archive-months a").Select(a => a.GetAttribute("href")));
        Assert.Contains("/archive/2019", page.QuerySelectorAll(".archive-months a").Select(a => a.GetAttribute("href")));
        var undated = page.QuerySelector("#undated-title")?.ParentElement;
        Assert.NotNull(undated);
        Assert.Equal(["Undated notes from Peru"], undated.QuerySelectorAll(".timeline h3").Select(h => h.TextContent.Trim()));
    }

    [Fact]
    public async Task A_month_lists_its_updates_across_stories_and_nothing_dated_only_to_the_year()
    {
        var june = await Client.GetDocumentAsync("/archive/2025/06");
        Assert.Equal("June 2025", june.QuerySelector("h1")?.TextContent.Trim());
        Assert.Equal([Democracy, Cambodia], june.Texts(".timeline h3"));
        Assert.Equal(["c. 13 June 2025", "June 2025"], june.Texts(".timeline time"));
        var cambodiaLink = june.QuerySelectorAll(".timeline h3 a")[^1].GetAttribute("href");
        Assert.Equal("/stories/cambodian-authorities-are-not-doing-enough-to-stop-scamming-compounds#update-2025-06", cambodiaLink);

        var january2019 = await Client.GetDocumentAsync("/archive/2019/01");
        Assert.Empty(january2019.QuerySelectorAll(".timeline li"));
        var year2019 = await Client.GetDocumentAsync("/archive/2019");
        Assert.Equal(["2019 (no month given)"], year2019.Texts(".period-group h2"));
        Assert.Equal(["A year to remember in Chile"], year2019.Texts(".timeline h3"));

        var year2021 = await Client.GetDocumentAsync("/archive/2021");
        Assert.Equal(["March 2021"], year2021.Texts(".period-group h2"));
        Assert.Equal("Kenyan court case 10", year2021.Texts(".timeline h3")[0]);
    }

    [Fact]
    public async Task A_section_lists_only_its_stories()
    {
        var freedom = await Client.GetDocumentAsync("/sections/freedom");
        Assert.Equal("Freedom", freedom.QuerySelector("h1")?.TextContent.Trim());
        Assert.Equal([Democracy, Cambodia], freedom.Texts(".story-card h2"));
        Assert.Equal("/sections/freedom/feed", freedom.QuerySelector("link[rel=alternate][href$='freedom/feed']")?.GetAttribute("href"));

        var justice = await Client.GetDocumentAsync("/sections/justice");
        Assert.Equal(10, justice.QuerySelectorAll(".story-card").Length);
        Assert.Equal("/sections/justice?page=2", justice.QuerySelector("link[rel=next]")?.GetAttribute("href"));
        var second = await Client.GetDocumentAsync("/sections/justice?page=2");
        Assert.Equal(2, second.QuerySelectorAll(".story-card").Length);
    }

    [Fact]
    public async Task Only_published_stories_reach_the_reader_pages()
    {
        using var app = new StoriesAppFactory();
        using var client = app.CreateClient();
        await client.GetStringAsync("/");
        await app.ScalarAsync("""UPDATE "Stories" SET "State" = 'Draft' WHERE "Title" LIKE 'Cambodian%'""");

        Assert.DoesNotContain(Cambodia, await client.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/stories/cambodian-authorities-are-not-doing-enough-to-stop-scamming-compounds")).StatusCode);
        Assert.DoesNotContain(Cambodia, await client.GetStringAsync("/countries/kh"), StringComparison.Ordinal);
        Assert.DoesNotContain(Cambodia, await client.GetStringAsync("/archive/2025/06"), StringComparison.Ordinal);
        Assert.DoesNotContain(Cambodia, await client.GetStringAsync("/sections/freedom"), StringComparison.Ordinal);
    }
}
