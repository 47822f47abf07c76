using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Web.Hosting;
using static PeoplesStories.IntegrationTests.Editor.EditorSession;

namespace PeoplesStories.IntegrationTests.Caching;

/// <summary>
/// The front door of the reader cache (<see cref="ReaderFrontCache"/>): it keeps only what the
/// output cache's policy would keep, serves it with the same bytes and headers, answers HEAD and
/// If-None-Match, and is emptied by a change.
/// </summary>
public sealed class ReaderFrontCacheTests : IDisposable
{
    private const string SeedTitle = "Cambodian authorities are not doing enough to stop scamming compounds";

    private readonly StoriesAppFactory app = new();

    private ReaderFrontCache Front => app.Services.GetRequiredService<ReaderFrontCache>();

    public void Dispose() => app.Dispose();

    [Theory]
    [InlineData("/")]
    [InlineData("/countries/kh")]
    [InlineData("/feed")]
    [InlineData("/api/stories")]
    public async Task A_reader_answer_is_kept_and_served_again_with_the_same_bytes_and_headers(string url)
    {
        using var client = app.CreateClient();
        var (firstBody, first) = await GetAsync(client, url);
        Assert.Equal(1, Front.Count);

        var (againBody, again) = await GetAsync(client, url);
        Assert.Equal(firstBody, againBody);
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        Assert.Equal(first.Content.Headers.ContentType, again.Content.Headers.ContentType);
        Assert.Equal(firstBody.Length, again.Content.Headers.ContentLength);
        Assert.Equal(first.Headers.GetValues("Content-Security-Policy"), again.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(["no-cache"], again.Headers.GetValues("Cache-Control"));
        Assert.Equal(1, Front.Count);
    }

    [Theory]
    [InlineData("/search?q=scamming")]
    [InlineData("/?page=1")]
    [InlineData("/api/search?q=scamming")]
    public async Task An_address_with_a_query_string_is_kept_from_its_second_request_on(string url)
    {
        using var client = app.CreateClient();
        var (first, _) = await GetAsync(client, url);
        Assert.Equal(0, Front.Count);

        // Asked once more, it is rendered again (the output cache did not keep it either) and kept.
        await ChangeSeedStoryBehindTheAppsBackAsync("Byline", "Changed behind the cache");
        var (second, _) = await GetAsync(client, url);
        Assert.NotEqual(first, second);
        Assert.Equal(1, Front.Count);

        var (third, _) = await GetAsync(client, url);
        Assert.Equal(second, third);
        Assert.Equal(1, Front.Count);

        // Another query string is another address, asked for the first time.
        var (_, other) = await GetAsync(client, url + "&utm=x");
        other.Dispose();
        Assert.Equal(1, Front.Count);
    }

    [Fact]
    public async Task A_change_empties_the_front_door_and_the_next_request_shows_it()
    {
        using var client = app.CreateClient();
        Assert.Contains(SeedTitle, Text(await GetAsync(client, "/")), StringComparison.Ordinal);
        Assert.Equal(1, Front.Count);

        await ChangeSeedStoryBehindTheAppsBackAsync("Title", "Renamed behind the cache");
        Assert.Contains(SeedTitle, Text(await GetAsync(client, "/")), StringComparison.Ordinal);

        app.ContentChanged();
        Assert.Equal(0, Front.Count);
        Assert.Equal(0, Front.Bytes);
        var after = Text(await GetAsync(client, "/"));
        Assert.Contains("Renamed behind the cache", after, StringComparison.Ordinal);
        Assert.DoesNotContain(SeedTitle, after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Head_is_answered_with_the_kept_headers_and_no_body()
    {
        using var client = app.CreateClient();
        var (body, get) = await GetAsync(client, "/countries");

        using var request = new HttpRequestMessage(HttpMethod.Head, "/countries");
        using var head = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal(body.Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_kept_answer_is_304_to_its_own_etag_and_200_to_another()
    {
        using var client = app.CreateClient();
        var (body, first) = await GetAsync(client, "/archive");
        var etag = first.Headers.ETag!;
        Assert.Equal(1, Front.Count);

        using var same = new HttpRequestMessage(HttpMethod.Get, "/archive");
        same.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(same);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        using var other = new HttpRequestMessage(HttpMethod.Get, "/archive");
        other.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"another\"", isWeak: true));
        using var modified = await client.SendAsync(other);
        Assert.Equal(HttpStatusCode.OK, modified.StatusCode);
        Assert.Equal(body, await modified.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Compressed_and_plain_answers_are_kept_apart()
    {
        using var client = app.CreateClient();
        var (plain, _) = await GetAsync(client, "/");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var gzip = await client.SendAsync(request);
        Assert.Equal(["gzip"], gzip.Content.Headers.ContentEncoding);
        Assert.Equal(2, Front.Count);

        var (plainAgain, plainResponse) = await GetAsync(client, "/");
        Assert.Equal(plain, plainAgain);
        Assert.Empty(plainResponse.Content.Headers.ContentEncoding);
    }

    [Theory]
    [InlineData("/guestbook")]
    [InlineData("/submit")]
    [InlineData("/stories/no-such-story")]
    [InlineData("/editor")]
    public async Task Forms_errors_and_editor_pages_are_never_kept(string url)
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        for (var i = 0; i < 2; i++)
        {
            using var response = await client.GetAsync(url);
            Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        }

        Assert.Equal(0, Front.Count);
    }

    [Fact]
    public async Task What_a_signed_in_editor_is_shown_is_never_kept_nor_served_from_the_front_door()
    {
        await CreateEditorAsync(app, "editor@example.org");
        using var reader = app.CreateClient();
        Assert.Contains(SeedTitle, Text(await GetAsync(reader, "/")), StringComparison.Ordinal);

        await ChangeSeedStoryBehindTheAppsBackAsync("Title", "Renamed for the editor");
        using var editor = await SignedInClientAsync(app, "editor@example.org");
        var (body, _) = await GetAsync(editor, "/");
        Assert.Contains("Renamed for the editor", System.Text.Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        Assert.Equal(1, Front.Count);
        Assert.Contains(SeedTitle, Text(await GetAsync(reader, "/")), StringComparison.Ordinal);
    }

    /// <summary>A write on a connection of its own (the factory then tells the app of the change, as an edit would).</summary>
    private async Task ChangeSeedStoryBehindTheAppsBackAsync(string column, string value)
    {
        var changed = await app.Database.ScalarAsync(
            $"""UPDATE "Stories" SET "{column}" = '{value}' WHERE "Title" = '{SeedTitle.Replace("'", "''", StringComparison.Ordinal)}' RETURNING "Id" """);
        Assert.NotNull(changed);
    }

    private static async Task<(byte[] Body, HttpResponseMessage Response)> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
        return (await response.Content.ReadAsByteArrayAsync(), response);
    }

    private static string Text((byte[] Body, HttpResponseMessage Response) answer)
    {
        answer.Response.Dispose();
        return System.Text.Encoding.UTF8.GetString(answer.Body);
    }
}
