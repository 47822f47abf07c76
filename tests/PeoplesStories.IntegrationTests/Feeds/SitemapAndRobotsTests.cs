using System.Globalization;
using System.Net;
using System.Xml.Linq;
using Microsoft.AspNetCore.Mvc.Testing;
using PeoplesStories.IntegrationTests.Infrastructure;
using static PeoplesStories.IntegrationTests.Feeds.SeededApp;

namespace PeoplesStories.IntegrationTests.Feeds;

/// <summary><c>/sitemap.xml</c> and <c>/robots.txt</c>.</summary>
public sealed class SitemapAndRobotsTests(SeededApp app) : IClassFixture<SeededApp>
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";

    internal static async Task<List<XElement>> GetUrlsAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/sitemap.xml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var root = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(Sitemap + "urlset", root.Name);
        Assert.All(root.Elements(), e => Assert.Equal(Sitemap + "url", e.Name));
        return [.. root.Elements(Sitemap + "url")];
    }

    internal static string Loc(XElement url) => url.Element(Sitemap + "loc")!.Value;

    [Fact]
    public async Task The_sitemap_lists_every_published_story_with_lastmod_and_the_listing_pages()
    {
        using var client = app.CreateClient();
        var urls = await GetUrlsAsync(client);
        var locs = urls.Select(Loc).ToList();

        Assert.Equal(locs.Count, locs.Distinct().Count());
        Assert.All(locs, loc => Assert.StartsWith("http://localhost/", loc, StringComparison.Ordinal));
        Assert.Contains("http://localhost/", locs);
        Assert.Contains("http://localhost/countries", locs);
        Assert.Contains("http://localhost/archive", locs);
        Assert.Contains("http://localhost/sections/freedom", locs);
        Assert.Contains("http://localhost/countries/kh", locs);
        Assert.Contains("http://localhost/countries/ru", locs);
        Assert.DoesNotContain("http://localhost/countries/fr", locs);

        var stories = urls.Where(u => Loc(u).StartsWith("http://localhost/stories/", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [$"http://localhost/stories/{CambodiaSlug}", $"http://localhost/stories/{RussiaSlug}"],
            stories.Select(Loc).Order(StringComparer.Ordinal));
        Assert.All(stories, story =>
        {
            var lastmod = story.Element(Sitemap + "lastmod")!.Value;
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", lastmod);
            var when = DateTimeOffset.Parse(lastmod, CultureInfo.InvariantCulture);
            Assert.True(when <= DateTimeOffset.UtcNow.AddMinutes(1) && when > DateTimeOffset.UtcNow.AddDays(-1), lastmod);
        });
    }

    [Fact]
    public async Task Robots_allows_all_but_the_editor_and_the_api_and_names_the_sitemap_on_the_requests_host()
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://stories.example.org/") });
        using var response = await client.GetAsync("/robots.txt");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');
        Assert.Contains("User-agent: *", lines);
        Assert.Contains("Allow: /", lines);
        Assert.Contains("Disallow: /editor/", lines);
        Assert.Contains("Disallow: /api/", lines);
        Assert.Contains("Sitemap: https://stories.example.org/sitemap.xml", lines);

        var sitemap = await GetUrlsAsync(client);
        Assert.All(sitemap, url => Assert.StartsWith("https://stories.example.org/", Loc(url), StringComparison.Ordinal));
    }
}

/// <summary>Only published stories are listed.</summary>
public sealed class SitemapChangeTests
{
    [Fact]
    public async Task A_story_taken_off_the_site_leaves_the_sitemap_with_its_only_countries()
    {
        using var app = new StoriesAppFactory();
        using var client = app.CreateClient();
        Assert.Contains($"http://localhost/stories/{CambodiaSlug}", (await SitemapAndRobotsTests.GetUrlsAsync(client)).Select(SitemapAndRobotsTests.Loc));

        await app.ScalarAsync("""UPDATE "Stories" SET "State" = 'Draft' WHERE "Title" LIKE 'Cambodian%'""");

        var locs = (await SitemapAndRobotsTests.GetUrlsAsync(client)).Select(SitemapAndRobotsTests.Loc).ToList();
        Assert.DoesNotContain($"http://localhost/stories/{CambodiaSlug}", locs);
        Assert.Contains($"http://localhost/stories/{RussiaSlug}", locs);
        Assert.DoesNotContain("http://localhost/countries/kh", locs);
        Assert.Contains("http://localhost/countries/ru", locs);
    }
}
