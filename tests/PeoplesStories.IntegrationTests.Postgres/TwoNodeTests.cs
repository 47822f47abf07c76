using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using PeoplesStories.IntegrationTests.Editor;
using PeoplesStories.IntegrationTests.Guestbook;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Web.Cli;
using static PeoplesStories.Testing.ArchiveText;

namespace PeoplesStories.IntegrationTests.SeveralNodes;

/// <summary>
/// Two instances of the site on Kestrel, on two ports, over one PostgreSQL database and one Redis: what a
/// load balancer in front of them does to a visitor (each request may land on either node) must not show.
/// One cookie jar serves both nodes, as a browser's does behind one address.
/// </summary>
public sealed class TwoNodeTests : IDisposable
{
    private readonly string channelPrefix = "stories-test-" + Guid.NewGuid().ToString("N")[..8] + ":";
    private readonly StoriesAppFactory nodeA;
    private readonly StoriesAppFactory nodeB;
    private readonly CookieContainer cookies = new();
    private readonly List<HttpClient> clients = [];

    public TwoNodeTests()
    {
        nodeA = Node(new StoriesAppFactory(importSeeds: true));
        nodeB = Node(new StoriesAppFactory(importSeeds: false).WithSetting("ConnectionStrings:Stories", nodeA.Database.ConnectionString));
        nodeA.StartServer();
        nodeB.StartServer();
    }

    public void Dispose()
    {
        clients.ForEach(c => c.Dispose());
        nodeB.Dispose();
        nodeA.Dispose();
    }

    [SeveralNodesFact]
    public async Task A_sign_in_on_one_node_is_good_on_the_other()
    {
        await EditorSession.CreateEditorAsync(nodeA, "editor@example.org");
        var a = Client(nodeA);
        var b = Client(nodeB);

        // Before signing in, node B sends the visitor to the sign-in page.
        using (var before = await b.GetAsync("/editor"))
        {
            Assert.Equal(HttpStatusCode.Redirect, before.StatusCode);
        }

        // The form comes from node B, the post goes to node A (antiforgery token and cookie made by B, checked by A).
        var (_, token) = await EditorSession.GetFormAsync(b, "/editor/sign-in");
        using var form = new FormUrlEncodedContent(
        [
            new("Input.Email", "editor@example.org"),
            new("Input.Password", EditorSession.Password),
            new("Input.RememberMe", "false"),
            new("__RequestVerificationToken", token),
        ]);
        using (var signIn = await a.PostAsync("/editor/sign-in", form))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.Equal("/editor", signIn.Headers.Location?.OriginalString);
        }

        // The cookie node A issued opens the editor area on node B.
        var dashboard = await b.GetDocumentAsync("/editor");
        Assert.Contains("editor@example.org", dashboard.Body!.TextContent, StringComparison.Ordinal);
    }

    [SeveralNodesFact]
    public async Task A_change_on_one_node_is_read_fresh_on_the_other_including_its_cached_navigation()
    {
        var b = Client(nodeB);

        // Node B has served its pages, and holds the header's sections in its memory cache.
        var before = await b.GetDocumentAsync("/");
        Assert.DoesNotContain(before.QuerySelectorAll("header a"), l => l.TextContent.Contains("Labour", StringComparison.Ordinal));

        // Node A imports a story in a section that did not exist.
        var file = Path.Combine(nodeA.Folder, "labour.txt");
        await File.WriteAllTextAsync(file, Page("Labour", Story("Dock workers win the right to organise", "Port Desk", "March 2026", "The dockers' union was recognised.")));
        var import = await nodeA.RunCommandAsync("import", file);
        Assert.True(import.ExitCode == CommandLine.Success, import.Stdout + import.Stderr);

        // Node B shows the story and the new section at once (the change is announced to it over Redis).
        var after = await EventuallyAsync(b, "/", page => page.QuerySelectorAll("header a").Any(l => l.TextContent.Contains("Labour", StringComparison.Ordinal)));
        Assert.Contains("Dock workers win the right to organise", after.Body!.TextContent, StringComparison.Ordinal);
        var search = await b.GetDocumentAsync("/search?q=dockers");
        Assert.Contains("Dock workers win the right to organise", search.Body!.TextContent, StringComparison.Ordinal);
    }

    [SeveralNodesFact]
    public async Task A_guestbook_signature_on_one_node_is_listed_on_the_other()
    {
        var a = Client(nodeA);
        var b = Client(nodeB);
        Assert.Empty(await GuestbookClient.PublicMessagesAsync(b));

        // The form (its antiforgery token and protected form time) is served by B and posted to A.
        var (_, token, formTime) = await GuestbookClient.GetFormAsync(b);
        using var response = await GuestbookClient.PostAsync(a, token, formTime, "Amara", "Greetings from node A.");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/guestbook?thanks=published", response.Headers.Location?.OriginalString);

        Assert.Equal(["Greetings from node A."], await GuestbookClient.PublicMessagesAsync(b));
    }

    [SeveralNodesFact]
    public async Task The_output_cache_store_is_shared_and_an_eviction_on_one_node_reaches_the_other()
    {
        var storeA = nodeA.Services.GetRequiredService<IOutputCacheStore>();
        var storeB = nodeB.Services.GetRequiredService<IOutputCacheStore>();
        Assert.Contains("Redis", storeA.GetType().Name, StringComparison.Ordinal);

        await storeA.SetAsync("page:/", "cached home"u8.ToArray(), ["content"], TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Equal("cached home"u8.ToArray(), await storeB.GetAsync("page:/", CancellationToken.None));

        await storeB.EvictByTagAsync("content", CancellationToken.None);
        Assert.Null(await storeA.GetAsync("page:/", CancellationToken.None));
    }

    /// <summary>A node: the site on Kestrel on a free port, with Redis; signing the guestbook at once allowed.</summary>
    private StoriesAppFactory Node(StoriesAppFactory factory)
    {
        factory
            .WithSetting("Redis:Configuration", RedisServer.Configuration)
            .WithSetting("Redis:InstanceName", channelPrefix)
            .WithSetting("Guestbook:MinimumSecondsToSubmit", "0")
            .UseKestrel(0);
        return factory;
    }

    /// <summary>A client of one node that shares the visitor's cookie jar with the clients of the other.</summary>
    private HttpClient Client(StoriesAppFactory node)
    {
        var address = node.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal)),
        };
        clients.Add(client);
        return client;
    }

    /// <summary>The page once it satisfies the condition; the announcement between nodes takes milliseconds, so two seconds is ample.</summary>
    private static async Task<AngleSharp.Dom.IDocument> EventuallyAsync(HttpClient client, string url, Func<AngleSharp.Dom.IDocument, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(2);
        while (true)
        {
            var page = await client.GetDocumentAsync(url);
            if (condition(page) || DateTime.UtcNow > deadline)
            {
                Assert.True(condition(page), $"{url} on the other node did not change within two seconds");
                return page;
            }

            await Task.Delay(50);
        }
    }
}
