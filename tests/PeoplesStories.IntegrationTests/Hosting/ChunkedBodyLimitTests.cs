using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.IntegrationTests.Submissions;
using PeoplesStories.Web.Hosting;
using Serilog.Core;
using Serilog.Events;
using static PeoplesStories.IntegrationTests.Editor.EditorSession;
using static PeoplesStories.IntegrationTests.Guestbook.GuestbookClient;

namespace PeoplesStories.IntegrationTests.Hosting;

/// <summary>
/// A body sent in chunks (Transfer-Encoding: chunked, no Content-Length) over real HTTP to the app on
/// Kestrel: one over the limit is refused as clearly as one whose Content-Length says so (413, the
/// site's page for a form, ProblemDetails under /api), nothing is stored and nothing is logged as a
/// warning or an error; one under the limit is read as usual.
/// </summary>
/// <remarks>The log is captured, so these tests share the collection that runs alone (see <see cref="RunsAloneCollection"/>).</remarks>
[Collection(RunsAloneCollection.Name)]
public sealed class ChunkedBodyLimitTests : IDisposable
{
    private static readonly int Limit = (int)new RequestLimitOptions().MaxRequestBodyBytes;

    /// <summary>
    /// How far past the limit the refused bodies go: the client has sent it all before the site
    /// answers and closes the connection, so it reads the answer. (A client still sending when the
    /// connection closes sees it reset instead: see <see cref="A_chunked_body_far_over_the_limit_is_cut_off_with_nothing_stored_and_nothing_in_the_log"/>.)
    /// </summary>
    private const int Overshoot = 64 * 1024;

    private readonly KestrelApp app = new();
    private readonly HttpClient client;

    public ChunkedBodyLimitTests()
    {
        client = app.StartClient();
    }

    public void Dispose()
    {
        client.Dispose();
        app.Dispose();
    }

    [Theory]
    [InlineData("/guestbook", "Input.Message")]
    [InlineData("/submit", "Input.Story")]
    public async Task A_chunked_form_post_over_the_limit_answers_413_with_the_sites_page_and_stores_nothing(string url, string field)
    {
        var (form, token) = await GetFormAsync(client, url);
        var formTime = form.QuerySelector("form input[name=FormTime]")?.GetAttribute("value") ?? "";
        using var content = await ChunkedFormAsync(
            ("__RequestVerificationToken", token), ("FormTime", formTime), ("Input.Name", "Ana"), ("Input.Title", "Too long"), (field, new string('x', Limit + Overshoot)));
        var logged = app.Sink.Count;

        using var response = await client.PostAsync(url, content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await ParseAsync(response);
        Assert.Equal("What you sent is too large", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector(".site-header"));
        Assert.Empty(await EntriesAsync(app));
        Assert.Empty(await SubmissionClient.SubmissionsAsync(app));
        await app.Sink.AssertQuietSinceAsync(logged, 413);
    }

    [Fact]
    public async Task A_chunked_api_post_over_the_limit_answers_413_with_problem_details()
    {
        using var content = new ChunkedContent(new byte[Limit + Overshoot], "application/json");
        var logged = app.Sink.Count;

        using var response = await client.PostAsync("/api/search", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(413, problem.RootElement.GetProperty("status").GetInt32());
        await app.Sink.AssertQuietSinceAsync(logged, 413);
    }

    [Fact]
    public async Task A_chunked_body_far_over_the_limit_is_cut_off_with_nothing_stored_and_nothing_in_the_log()
    {
        var (_, token, formTime) = await GetFormAsync(client);
        using var content = await ChunkedFormAsync(("__RequestVerificationToken", token), ("FormTime", formTime), ("Input.Name", "Ana"), ("Input.Message", new string('x', 16 * Limit)));
        var logged = app.Sink.Count;

        // The site answers 413 once the limit is passed and reads no further: a client that is still
        // sending may see that answer or only the connection closed under it.
        try
        {
            using var response = await client.PostAsync("/guestbook", content);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.Unknown or HttpRequestError.ResponseEnded)
        {
            Assert.True(content.Chunks < 16 * Limit / ChunkedContent.ChunkSize, "the whole body was sent");
        }

        Assert.Empty(await EntriesAsync(app));
        await app.Sink.AssertQuietSinceAsync(logged, 413);
    }

    [Fact]
    public async Task A_chunked_form_post_under_the_limit_is_read_and_signs_the_guestbook()
    {
        var (_, token, formTime) = await GetFormAsync(client);

        // Most of the limit in fields the form does not know (each under the longest value a form may post), and the signature.
        var padding = Enumerable.Range(0, 7).Select(i => ($"padding{i}", new string('p', 60_000)));
        using var content = await ChunkedFormAsync(
            [("__RequestVerificationToken", token), ("FormTime", formTime), ("Input.Name", "Ana"), ("Input.Message", "Sent in chunks"), .. padding]);
        Assert.InRange(content.Length, Limit / 2, Limit);
        var logged = app.Sink.Count;

        using var response = await client.PostAsync("/guestbook", content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/guestbook?thanks=", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var entry = Assert.Single(await EntriesAsync(app));
        Assert.Equal("Sent in chunks", entry.Message);
        Assert.True(content.Chunks > 1, "the body was sent in one piece");
        await app.Sink.AssertQuietSinceAsync(logged, 302);
    }

    private static async Task<ChunkedContent> ChunkedFormAsync(params (string Name, string Value)[] fields)
    {
        using var form = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));
        return new ChunkedContent(await form.ReadAsByteArrayAsync(), "application/x-www-form-urlencoded");
    }

    /// <summary>A body of no stated length: the client sends it with Transfer-Encoding: chunked, in pieces of 16 KiB.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        public const int ChunkSize = 16 * 1024;

        private readonly byte[] body;

        public ChunkedContent(byte[] body, string mediaType)
        {
            this.body = body;
            Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        }

        public int Length => body.Length;

        public int Chunks { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < body.Length; offset += ChunkSize)
            {
                await stream.WriteAsync(body.AsMemory(offset, Math.Min(ChunkSize, body.Length - offset)));
                await stream.FlushAsync();
                Chunks++;
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>The app on Kestrel at a free loopback port, with every log event captured.</summary>
    private sealed class KestrelApp : StoriesAppFactory
    {
        public KestrelApp()
            : base(importSeeds: false)
        {
            WithSetting("Guestbook:MinimumSecondsToSubmit", "0");
            WithSetting("Submit:MinimumSecondsToSubmit", "0");
            UseKestrel(0);
        }

        public LogSink Sink { get; } = new();

        /// <summary>Starts Kestrel and returns a cookie-keeping client that talks to it over a real connection.</summary>
        public HttpClient StartClient()
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
                .First(a => a.StartsWith("http://", StringComparison.Ordinal));
            var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
            return new HttpClient(handler) { BaseAddress = new UriBuilder(address) { Host = "127.0.0.1" }.Uri };
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(Sink));
        }
    }

    private sealed class LogSink : ILogEventSink
    {
        private readonly ConcurrentQueue<LogEvent> events = new();

        public int Count => events.Count;

        public void Emit(LogEvent logEvent) => events.Enqueue(logEvent);

        /// <summary>
        /// Once the log has settled (a connection's last lines come after its answer): the request
        /// was logged with its status, and nothing since event number <paramref name="first"/> is a warning or an error.
        /// </summary>
        public async Task AssertQuietSinceAsync(int first, int status)
        {
            for (var seen = -1; seen != events.Count;)
            {
                seen = events.Count;
                await Task.Delay(300);
            }

            var loud = events.Skip(first).Where(e => e.Level >= LogEventLevel.Warning)
                .Select(e => $"{e.Level}: {e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)} {e.Exception}").ToList();
            Assert.True(loud.Count == 0, "logged:\n" + string.Join("\n", loud));
            Assert.Contains(events.Skip(first), e => e.Properties.TryGetValue("StatusCode", out var logged) && logged.ToString() == status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
