using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Web.Cli;
using Serilog.Core;
using Serilog.Events;
using static PeoplesStories.IntegrationTests.Editor.EditorSession;
using static PeoplesStories.IntegrationTests.Submissions.SubmissionClient;

namespace PeoplesStories.IntegrationTests.Submissions;

/// <summary>A submitter's contact details reach editors only: no public page, feed, API, export or log line holds them.</summary>
/// <remarks>The log is captured, so these tests run alone (see <see cref="RunsAloneCollection"/>).</remarks>
[Collection(RunsAloneCollection.Name)]
public sealed class SubmissionPrivacyTests : IDisposable
{
    private const string Contact = "contact-zq81x@example.org";
    private const string Name = "Vannak Zq81x";
    private const string Writer = "writer@example.org";

    private readonly LoggedApp app = new();
    private readonly string output = Directory.CreateTempSubdirectory("stories-privacy-").FullName;

    public void Dispose()
    {
        app.Dispose();
        Directory.Delete(output, recursive: true);
    }

    [Fact]
    public async Task The_contact_string_appears_in_no_public_page_feed_api_export_or_log_line()
    {
        await CreateEditorAsync(app, Writer);
        using var visitor = NewClient(app);
        await SubmitExpectingThanksAsync(visitor, new SubmitForm(
            Title: "Land evictions near Tonle Sap",
            Story: "Families near the lake were evicted without compensation.\n\nA community leader says the fishermen lost their homes.",
            Country: "KH",
            Sources: "https://example.org/evictions",
            Date: "15 March 2024",
            Name: Name,
            Contact: Contact));
        var submission = Assert.Single(await SubmissionsAsync(app));
        using var editor = await SignedInClientAsync(app, Writer);
        var queue = await editor.GetDocumentAsync("/editor/submissions");
        Assert.Contains(Contact, queue.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        using var published = await ReviewPostAsync(editor, submission.Id, "Publish");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        var slug = submission.Story.Slug;
        var section = submission.Story.Section.Slug;
        var urls = new[]
        {
            "/", "/stories/" + slug, "/countries", "/countries/kh", "/sections/" + section, "/archive", "/archive/2024", "/archive/2024/03",
            "/search?q=evictions", "/feed", "/countries/kh/feed", "/sections/" + section + "/feed", "/sitemap.xml",
            "/api/stories", "/api/stories/" + slug, "/api/search?q=evictions", "/api/countries",
        };
        using var reader = NewClient(app);
        foreach (var url in urls)
        {
            using var response = await reader.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(Contact, body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("zq81x@", body, StringComparison.OrdinalIgnoreCase);
        }

        // The story itself did reach readers (so the checks above looked at the right pages), signed with the name.
        var story = await reader.GetDocumentAsync("/stories/" + slug);
        Assert.Contains(Name, story.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        using (var search = await reader.GetAsync("/api/search?q=evictions"))
        {
            Assert.Contains(slug, await search.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        foreach (var format in new[] { "json", "archive" })
        {
            var folder = Path.Combine(output, format);
            var result = await app.RunCommandAsync("export", "--format", format, "--output", folder);
            Assert.True(result.ExitCode == CommandLine.Success, result.Stderr);
            Assert.DoesNotContain(Contact, result.Stdout + result.Stderr, StringComparison.OrdinalIgnoreCase);
            var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories);
            Assert.NotEmpty(files);
            var written = string.Concat(await Task.WhenAll(files.Select(f => File.ReadAllTextAsync(f))));
            Assert.Contains("Land evictions near Tonle Sap", written, StringComparison.Ordinal);
            Assert.DoesNotContain(Contact, written, StringComparison.OrdinalIgnoreCase);
        }

        // Every log line of the whole walk (requests, the submission, the review, the exports).
        Assert.NotEmpty(app.Sink.Lines);
        Assert.DoesNotContain(app.Sink.Lines, line => line.Contains("zq81x", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The app with every log event (at any level) captured as rendered text with its properties.</summary>
    private sealed class LoggedApp : StoriesAppFactory
    {
        public LoggedApp()
            : base(importSeeds: false)
        {
            WithSetting("Submit:MinimumSecondsToSubmit", "0");
            WithSetting("Serilog:MinimumLevel:Default", "Verbose");
        }

        public CapturingSink Sink { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(Sink));
        }
    }

    private sealed class CapturingSink : ILogEventSink
    {
        private readonly ConcurrentQueue<string> lines = new();

        public IReadOnlyCollection<string> Lines => lines;

        public void Emit(LogEvent logEvent)
        {
            using var writer = new StringWriter();
            logEvent.RenderMessage(writer, System.Globalization.CultureInfo.InvariantCulture);
            foreach (var (name, value) in logEvent.Properties)
            {
                writer.Write($" {name}={value}");
            }

            writer.Write(logEvent.Exception?.ToString());
            lines.Enqueue(writer.ToString());
        }
    }
}
