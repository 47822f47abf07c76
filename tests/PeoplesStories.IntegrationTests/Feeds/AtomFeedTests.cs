using System.Net;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using PeoplesStories.IntegrationTests.Infrastructure;
using static PeoplesStories.IntegrationTests.Feeds.SeededApp;
using static PeoplesStories.Testing.ArchiveText;

namespace PeoplesStories.IntegrationTests.Feeds;

/// <summary>The Atom feeds of updates: the whole site, a country, a section.</summary>
public sealed class AtomFeedTests(SeededApp app) : IClassFixture<SeededApp>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    internal static async Task<XElement> GetFeedAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        return feed;
    }

    internal static List<XElement> Entries(XElement feed) => [.. feed.Elements(Atom + "entry")];

    internal static string Title(XElement entry) => entry.Element(Atom + "title")!.Value;

    private static string Link(XElement entry) => entry.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "alternate").Attribute("href")!.Value;

    [Fact]
    public async Task The_site_feed_has_every_update_newest_first_with_absolute_anchored_links()
    {
        using var client = app.CreateClient();
        var feed = await GetFeedAsync(client, "/feed");

        var entries = Entries(feed);
        Assert.Equal(
            [
                $"{RussiaTitle} — Sep. 2025",
                $"{RussiaTitle} — c. 13 June 2025",
                $"{CambodiaTitle} — June 2025",
                $"{CambodiaTitle} — Aug. 2023",
            ],
            entries.Select(Title));
        Assert.Equal(
            [
                $"http://localhost/stories/{RussiaSlug}#update-2025-09",
                $"http://localhost/stories/{RussiaSlug}#update-2025-06-13",
                $"http://localhost/stories/{CambodiaSlug}#update-2025-06",
                $"http://localhost/stories/{CambodiaSlug}#update-2023-08",
            ],
            entries.Select(Link));
        Assert.Equal(
            ["2025-09-01T00:00:00Z", "2025-06-13T00:00:00Z", "2025-06-01T00:00:00Z", "2023-08-01T00:00:00Z"],
            entries.Select(e => e.Element(Atom + "updated")!.Value));

        // The feed is as new as its newest entry; entries carry the byline and a summary.
        Assert.Equal("2025-09-01T00:00:00Z", feed.Element(Atom + "updated")!.Value);
        Assert.Equal("PBS, Education International, agencies", entries[0].Element(Atom + "author")!.Element(Atom + "name")!.Value);
        Assert.Equal("Amnesty International, OHCHR, agencies", entries[2].Element(Atom + "author")!.Element(Atom + "name")!.Value);
        Assert.Equal("UN Special Rapporteur warns of intensifying repression in Russia aimed at silencing dissent. (OHCHR)", entries[0].Element(Atom + "summary")!.Value);
        Assert.StartsWith("The Cambodian government is ignoring a litany of human rights abuses", entries[2].Element(Atom + "summary")!.Value, StringComparison.Ordinal);
        Assert.All(entries, e => Assert.Matches(@"^tag:peoples-stories,2025:update-\d+$", e.Element(Atom + "id")!.Value));
        Assert.Equal(4, entries.Select(e => e.Element(Atom + "id")!.Value).Distinct().Count());
        Assert.Equal("http://localhost/feed", feed.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self").Attribute("href")!.Value);
    }

    [Fact]
    public async Task Entry_ids_are_stable_from_one_request_to_the_next()
    {
        using var client = app.CreateClient();
        var first = Entries(await GetFeedAsync(client, "/feed")).Select(e => e.Element(Atom + "id")!.Value).ToList();
        var second = Entries(await GetFeedAsync(client, "/feed")).Select(e => e.Element(Atom + "id")!.Value).ToList();
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_country_feed_has_only_that_countrys_updates_and_the_code_is_case_insensitive()
    {
        using var client = app.CreateClient();

        var cambodia = await GetFeedAsync(client, "/countries/kh/feed");
        Assert.Equal("People’s Stories: Cambodia", cambodia.Element(Atom + "title")!.Value);
        Assert.Equal([$"{CambodiaTitle} — June 2025", $"{CambodiaTitle} — Aug. 2023"], Entries(cambodia).Select(Title));
        Assert.DoesNotContain(Entries(cambodia), e => Title(e).Contains("Democratic", StringComparison.Ordinal));
        Assert.Equal("2025-06-01T00:00:00Z", cambodia.Element(Atom + "updated")!.Value);

        var upper = await GetFeedAsync(client, "/countries/KH/feed");
        Assert.Equal(Entries(cambodia).Select(Title), Entries(upper).Select(Title));

        var russia = await GetFeedAsync(client, "/countries/ru/feed");
        Assert.Equal([$"{RussiaTitle} — Sep. 2025", $"{RussiaTitle} — c. 13 June 2025"], Entries(russia).Select(Title));
    }

    [Theory]
    [InlineData("/countries/zz/feed")]
    [InlineData("/countries/cambodia/feed")]
    [InlineData("/sections/no-such-section/feed")]
    public async Task An_unknown_country_or_section_feed_is_a_404(string path)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_section_feed_has_that_sections_updates()
    {
        using var client = app.CreateClient();
        var freedom = await GetFeedAsync(client, "/sections/freedom/feed");
        Assert.Equal("People’s Stories: Freedom", freedom.Element(Atom + "title")!.Value);
        Assert.Equal(4, Entries(freedom).Count);
        Assert.Equal("http://localhost/sections/freedom", freedom.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "alternate").Attribute("href")!.Value);
    }

    [Fact]
    public async Task A_known_country_without_stories_has_an_empty_but_valid_feed()
    {
        using var client = app.CreateClient();
        var france = await GetFeedAsync(client, "/countries/fr/feed");
        Assert.Empty(Entries(france));
        Assert.NotEmpty(france.Element(Atom + "updated")!.Value);
    }
}

/// <summary>Feeds over a database the test changes: new sections, undated updates, unpublished stories.</summary>
public sealed class AtomFeedChangeTests : IDisposable
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private readonly StoriesAppFactory app = new();
    private readonly string inbox = Directory.CreateTempSubdirectory("stories-feeds-").FullName;

    public void Dispose()
    {
        app.Dispose();
        Directory.Delete(inbox, recursive: true);
    }

    [Fact]
    public async Task An_undated_update_is_dated_by_its_story_and_comes_after_the_dated_ones()
    {
        var path = Path.Combine(inbox, "women.txt");
        await File.WriteAllTextAsync(path, Page("Women", Story("Undated testimony", "A witness", "No date is given for this account.")));
        var result = await app.RunCommandAsync("import", path);
        Assert.Equal(0, result.ExitCode);
        var stored = await app.QueryAsync(db => db.Stories.Where(s => s.Title == "Undated testimony").Select(s => s.UpdatedAt).SingleAsync());

        using var client = app.CreateClient();
        var women = await AtomFeedTests.GetFeedAsync(client, "/sections/women/feed");
        var entry = Assert.Single(AtomFeedTests.Entries(women));
        Assert.Equal("Undated testimony — Undated", AtomFeedTests.Title(entry));
        Assert.Equal("No date is given for this account.", entry.Element(Atom + "summary")!.Value);
        Assert.Equal("A witness", entry.Element(Atom + "author")!.Element(Atom + "name")!.Value);
        var updated = DateTimeOffset.Parse(entry.Element(Atom + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(stored, updated.UtcDateTime, TimeSpan.FromSeconds(1));
        Assert.EndsWith("#update-undated", entry.Elements(Atom + "link").Single().Attribute("href")!.Value, StringComparison.Ordinal);

        var site = AtomFeedTests.Entries(await AtomFeedTests.GetFeedAsync(client, "/feed"));
        Assert.Equal(5, site.Count);
        Assert.Equal("Undated testimony — Undated", AtomFeedTests.Title(site[^1]));
    }

    [Fact]
    public async Task A_story_taken_off_the_site_leaves_the_feeds_at_once()
    {
        using var client = app.CreateClient();
        Assert.Equal(4, AtomFeedTests.Entries(await AtomFeedTests.GetFeedAsync(client, "/feed")).Count);
        Assert.Equal(2, AtomFeedTests.Entries(await AtomFeedTests.GetFeedAsync(client, "/countries/kh/feed")).Count);

        await app.ScalarAsync("""UPDATE "Stories" SET "State" = 'Draft' WHERE "Title" LIKE 'Cambodian%'""");

        var site = AtomFeedTests.Entries(await AtomFeedTests.GetFeedAsync(client, "/feed"));
        Assert.Equal(2, site.Count);
        Assert.All(site, e => Assert.StartsWith(SeededApp.RussiaTitle, AtomFeedTests.Title(e), StringComparison.Ordinal));
        Assert.Empty(AtomFeedTests.Entries(await AtomFeedTests.GetFeedAsync(client, "/countries/kh/feed")));
        Assert.Equal(2, AtomFeedTests.Entries(await AtomFeedTests.GetFeedAsync(client, "/sections/freedom/feed")).Count);
    }
}
