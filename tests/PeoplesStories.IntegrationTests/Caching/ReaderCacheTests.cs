using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Web.Submissions;
using static PeoplesStories.IntegrationTests.Editor.EditorSession;
using static PeoplesStories.Testing.ArchiveText;

namespace PeoplesStories.IntegrationTests.Caching;

/// <summary>
/// The output cache of reader pages: a change made through the app (an import, a publish) shows at
/// the very next request on every cached page type; editors and forms are never cached; ETag, 304
/// and compression.
/// </summary>
public sealed class ReaderCacheTests : IDisposable
{
    private const string SeedTitle = "Cambodian authorities are not doing enough to stop scamming compounds";
    private const string NewTitle = "Ferry crews strike on the Kampot river";
    private const string NewSlug = "ferry-crews-strike-on-the-kampot-river";

    private readonly StoriesAppFactory app = new StoriesAppFactory()
        .WithSetting("Submit:MinimumSecondsToSubmit", "0")
        .WithSetting("RateLimiting:Submit:PermitLimit", "1000");

    private readonly string inbox = Directory.CreateTempSubdirectory("cache-inbox-").FullName;

    public void Dispose()
    {
        app.Dispose();
        Directory.Delete(inbox, recursive: true);
    }

    /// <summary>Every cached page type, each with what it shows of the story <see cref="ImportNewStoryAsync"/> adds.</summary>
    public static TheoryData<string, string> PagesAndWhatTheyShow => new()
    {
        { "/", NewTitle },
        { "/?page=1&utm=x", NewTitle },
        { "/countries", "Mongolia" },
        { "/countries/kh", NewTitle },
        { "/archive", "1999" },
        { "/archive/2025/06", NewTitle },
        { "/sections/freedom", NewTitle },
        { "/search?q=zephyrine", NewSlug },
        { "/search?q=kampot&country=kh&from=2025&to=2025", NewSlug },
        { "/feed", NewTitle },
        { "/countries/kh/feed", NewTitle },
        { "/sections/freedom/feed", NewTitle },
        { "/sitemap.xml", NewSlug },
        { "/api/stories", NewTitle },
        { "/api/countries", "Mongolia" },
        { "/api/search?q=zephyrine", NewTitle },
    };

    [Theory]
    [MemberData(nameof(PagesAndWhatTheyShow))]
    public async Task An_import_shows_at_the_next_request(string url, string shown)
    {
        using var client = app.CreateClient();
        var before = await GetTextAsync(client, url);
        Assert.DoesNotContain(shown, before, StringComparison.Ordinal);
        Assert.Equal(before, await GetTextAsync(client, url));

        await ImportNewStoryAsync();

        Assert.Contains(shown, await GetTextAsync(client, url), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/stories/" + NewSlug)]
    [InlineData("/api/stories/" + NewSlug)]
    public async Task A_story_s_new_update_shows_at_the_next_request(string url)
    {
        await ImportNewStoryAsync();
        using var client = app.CreateClient();
        Assert.DoesNotContain("quillwort", await GetTextAsync(client, url), StringComparison.Ordinal);

        // The same story again with one more update: the import merges it in.
        await ImportAsync("again.txt", Page("Freedom", Story(NewTitle, "River desk",
            "May 1999", "Ferry crews in Kampot, Cambodia, and herders in Mongolia met. The zephyrine wind blew.",
            "12 June 2025", "The crews walked out.",
            "3 July 2025", "The quillwort beds flooded.")));

        Assert.Contains("quillwort", await GetTextAsync(client, url), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_a_submission_shows_it_on_the_home_page_at_the_next_request()
    {
        using var visitor = NewClient(app);
        await Submissions.SubmissionClient.SubmitExpectingThanksAsync(visitor, new Submissions.SubmitForm(Title: "Dockers organise in Sihanoukville"));
        var home = await GetTextAsync(visitor, "/");
        Assert.DoesNotContain("Dockers organise", home, StringComparison.Ordinal);

        var id = Assert.Single(await Submissions.SubmissionClient.SubmissionsAsync(app)).Id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<SubmissionDesk>().PublishAsync(id, "editor@example.org"));
        }

        Assert.Contains("Dockers organise", await GetTextAsync(visitor, "/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_comes_from_the_cache_until_the_app_is_told_of_a_change()
    {
        using var client = app.CreateClient();
        Assert.Contains(SeedTitle, await GetTextAsync(client, "/"), StringComparison.Ordinal);

        // Written round the app: the cached page stands until ContentVersion.Changed() is called.
        await RenameSeedStoryBehindTheAppsBackAsync();
        Assert.Contains(SeedTitle, await GetTextAsync(client, "/"), StringComparison.Ordinal);

        app.ContentChanged();
        var after = await GetTextAsync(client, "/");
        Assert.DoesNotContain(SeedTitle, after, StringComparison.Ordinal);
        Assert.Contains("Renamed behind the cache", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_editor_is_never_served_a_cached_page()
    {
        await CreateEditorAsync(app, "editor@example.org");
        using var reader = app.CreateClient();
        Assert.Contains(SeedTitle, await GetTextAsync(reader, "/"), StringComparison.Ordinal);

        await RenameSeedStoryBehindTheAppsBackAsync();
        using var editor = await SignedInClientAsync(app, "editor@example.org");
        using var response = await editor.GetAsync("/");
        Assert.Contains("Renamed behind the cache", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(response.Headers.ETag);

        // Nor is what the editor was shown kept for readers.
        Assert.Contains(SeedTitle, await GetTextAsync(reader, "/"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/guestbook")]
    [InlineData("/submit")]
    public async Task Pages_with_a_form_token_are_never_cached(string url)
    {
        var tokens = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var visitor = app.CreateClient();
            var (_, token) = await GetFormAsync(visitor, url);
            tokens.Add(token);
        }

        Assert.NotEqual(tokens[0], tokens[1]);
    }

    [Fact]
    public async Task A_cached_page_answers_304_to_its_etag_until_the_content_changes()
    {
        using var client = app.CreateClient();
        using var first = await client.GetAsync("/countries");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.True(first.Headers.CacheControl?.NoCache, "a cached page asks browsers to revalidate");

        using var same = await GetWithEtagAsync(client, "/countries", etag);
        Assert.Equal(HttpStatusCode.NotModified, same.StatusCode);

        await ImportNewStoryAsync();
        using var changed = await GetWithEtagAsync(client, "/countries", etag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Contains("Mongolia", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Pages_are_compressed_once_and_served_compressed_from_the_cache(string encoding)
    {
        using var client = app.CreateClient();
        var plain = await GetTextAsync(client, "/");

        var first = await GetEncodedAsync(client, "/", encoding);
        var second = await GetEncodedAsync(client, "/", encoding);
        Assert.Equal(first, second);
        Assert.True(first.Length < plain.Length / 2, $"{encoding}: {first.Length} bytes for {plain.Length}");
        Assert.Equal(plain, Decode(first, encoding));
    }

    [Fact]
    public async Task The_stylesheet_has_a_fingerprinted_address_and_is_served_compressed()
    {
        using var client = app.CreateClient();
        var home = await client.GetDocumentAsync("/");
        var href = home.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        Assert.Matches(@"^/css/site\.[a-z0-9]+\.css$", href);

        using var request = new HttpRequestMessage(HttpMethod.Get, href);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // A published build answers it with "max-age=31536000, immutable"; a build folder's assets
        // (as here) are revalidated, so an edited stylesheet shows at once while developing.
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
    }

    private static async Task<byte[]> GetEncodedAsync(HttpClient client, string url, string encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static string Decode(byte[] bytes, string encoding)
    {
        using var input = new MemoryStream(bytes);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var reader = new StreamReader(decoder);
        return reader.ReadToEnd();
    }

    private static async Task<HttpResponseMessage> GetWithEtagAsync(HttpClient client, string url, EntityTagHeaderValue etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(etag);
        return await client.SendAsync(request);
    }

    private static async Task<string> GetTextAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
        return text;
    }

    /// <summary>
    /// A story in Cambodia and Mongolia, in the seed's section, with an update in June 2025 and one
    /// in 1999 (a year of its own in the archive), and a word no other story has.
    /// </summary>
    private Task ImportNewStoryAsync() =>
        ImportAsync("new.txt", Page("Freedom", Story(NewTitle, "River desk",
            "May 1999", "Ferry crews in Kampot, Cambodia, and herders in Mongolia met. The zephyrine wind blew.",
            "12 June 2025", "The crews walked out.")));

    private async Task ImportAsync(string name, string text)
    {
        var path = Path.Combine(inbox, name);
        await File.WriteAllTextAsync(path, text);
        var result = await app.RunCommandAsync("import", path);
        Assert.True(result.ExitCode == 0, result.Stderr);
    }

    /// <summary>A write on a connection of its own that, unlike the factory's helpers, does not tell the app.</summary>
    private async Task RenameSeedStoryBehindTheAppsBackAsync()
    {
        var renamed = await app.Database.ScalarAsync(
            $"""UPDATE "Stories" SET "Title" = 'Renamed behind the cache' WHERE "Title" = '{SeedTitle.Replace("'", "''", StringComparison.Ordinal)}' RETURNING "Id" """);
        Assert.NotNull(renamed);
    }
}
