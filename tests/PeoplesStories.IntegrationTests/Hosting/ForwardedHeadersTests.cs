using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Web.Guestbook;
using static PeoplesStories.IntegrationTests.Guestbook.GuestbookClient;

namespace PeoplesStories.IntegrationTests.Hosting;

/// <summary>Behind a reverse proxy: the client's address is the forwarded one, but only from a proxy the settings name.</summary>
public sealed class ForwardedHeadersTests : IDisposable
{
    private readonly StoriesAppFactory app = NewApp()
        .WithSetting("ForwardedHeaders:KnownProxies:0", "10.0.0.5")
        .WithSetting("ForwardedHeaders:KnownNetworks:0", "192.168.10.0/24");

    public void Dispose() => app.Dispose();

    [Theory]
    [InlineData("10.0.0.5", "203.0.113.9", "203.0.113.9")] // a known proxy: the visitor's address is believed
    [InlineData("192.168.10.77", "203.0.113.9", "203.0.113.9")] // a proxy in a known network
    [InlineData("198.51.100.7", "203.0.113.9", "198.51.100.7")] // anyone else: the header is ignored
    public async Task The_guestbook_sees_the_forwarded_client_only_through_a_known_proxy(string connectedFrom, string forwardedFor, string seen)
    {
        var addressed = WithClientAddresses(app);
        using var client = ClientFrom(addressed, connectedFrom);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        await SignExpectingAsync(client, "published", "Ana", "Hello through the proxy");

        var entry = Assert.Single(await EntriesAsync(app));
        var hasher = addressed.Services.GetRequiredService<ClientHasher>();
        Assert.Equal(await hasher.HashAsync(IPAddress.Parse(seen)), entry.ClientHash);
    }
}
