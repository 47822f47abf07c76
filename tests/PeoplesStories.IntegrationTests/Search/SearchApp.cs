using AngleSharp;
using AngleSharp.Dom;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Web.Cli;
using static PeoplesStories.Testing.ArchiveText;

namespace PeoplesStories.IntegrationTests.Search;

/// <summary>The seeded app plus fixture stories written for search; shared by test classes that only read.</summary>
public sealed class SearchApp : StoriesAppFactory, IAsyncLifetime
{
    public const string CambodiaSlug = "cambodian-authorities-are-not-doing-enough-to-stop-scamming-compounds";
    public const string CambodiaTitle = "Cambodian authorities are not doing enough to stop scamming compounds";
    public const string CambodiaByline = "Amnesty International, OHCHR, agencies";
    public const string PeruSlug = "journalists-detained-in-peru-after-protests";
    public const string PhraseSlug = "families-describe-the-camps";
    public const string ApartSlug = "living-costs-in-the-valley";
    public const string TitleMatchSlug = "orchardvale-residents-evicted";
    public const string BodyMatchSlug = "housing-report-for-the-region";
    public const string OldSlug = "flood-relief-withheld";
    public const int PagedStories = 12;

    /// <summary>Fixture stories: each exercises one rule of the search.</summary>
    public static string FixturePage() => Page("Freedom",
    [
        .. Story("Journalists detained in Perú after protests", "Fixture Wire",
            "June 2024", "Police in Lima detained three reporters covering the protests on Tuesday.", "http://example.org/2024/06/lima-quetzalword-report"),
        .. Story("Families describe the camps", "Fixture Wire",
            "May 2024", "Survivors called the camps a living nightmare that never ended."),
        .. Story("Living costs in the valley", "Fixture Wire",
            "April 2024", "Living costs rose sharply this year while the long nightmare of drought went on."),
        .. Story("Orchardvale residents evicted", "Fixture Wire",
            "March 2024", "Bulldozers arrived at dawn."),
        .. Story("Housing report for the region", "Fixture Wire",
            "March 2024", "Orchardvale families lost their homes; Orchardvale was cleared, and the Orchardvale market too. Orchardvale, Orchardvale, Orchardvale."),
        .. Story("Flood relief withheld", "Fixture Wire",
            "2011", "Floodgate villages received no relief in the floodgate season."),
        .. Story("Encoding check", "Fixture Wire",
            "2024", "<script>alert(1)</script> tagword & <b>bold</b> text."),
        .. Enumerable.Range(1, PagedStories).SelectMany(i => Story($"Pagination case {Words[i]}", "Pager Desk",
            "2024", $"The pagerword appears in case {Words[i]}.")),
    ]);

    private static readonly string[] Words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

    public async Task InitializeAsync() => await ImportAsync(this, "search-fixtures.txt", FixturePage());

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    /// <summary>Writes an archive page to a temp file and imports it into the app.</summary>
    public static async Task ImportAsync(StoriesAppFactory app, string name, string text)
    {
        var path = Path.Combine(app.Folder, name);
        await File.WriteAllTextAsync(path, text);
        var result = await app.RunCommandAsync("import", path);
        Assert.True(result.ExitCode == CommandLine.Success, result.Stdout + result.Stderr);
    }

    public static async Task<IDocument> ParseAsync(string html) =>
        await BrowsingContext.New(Configuration.Default).OpenAsync(request => request.Content(html));

    /// <summary>GETs a page, asserts 200, and parses it.</summary>
    public static async Task<IDocument> GetPageAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}");
        return await ParseAsync(body);
    }

    /// <summary>The slugs of the hits on a search page, in order.</summary>
    public static IReadOnlyList<string> HitSlugs(IDocument page) =>
        page.QuerySelectorAll(".search-hit h3 a").Select(a => a.GetAttribute("href")!.Replace("/stories/", "", StringComparison.Ordinal)).ToList();

    public static string SearchUrl(string q, string? extra = null) => "/search?q=" + Uri.EscapeDataString(q) + (extra is null ? "" : "&" + extra);
}
