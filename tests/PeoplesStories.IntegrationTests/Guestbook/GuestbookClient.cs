using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using PeoplesStories.IntegrationTests.Editor;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Web.Data;

namespace PeoplesStories.IntegrationTests.Guestbook;

/// <summary>Signs the guestbook as a visitor would: fetch the page, keep its antiforgery token and form time, post the form.</summary>
public static class GuestbookClient
{
    /// <summary>A guestbook app without the archive (none is needed), signing at once allowed, and a rate limit no test meets by accident.</summary>
    public static StoriesAppFactory NewApp() =>
        new StoriesAppFactory(importSeeds: false)
            .WithSetting("Guestbook:MinimumSecondsToSubmit", "0")
            .WithSetting("RateLimiting:Guestbook:PermitLimit", "1000");

    /// <summary>The header by which a test chooses its client's address (TestServer has none of its own).</summary>
    public const string AddressHeader = "X-Test-Client-Address";

    /// <summary>The app, with each request's client address taken from <see cref="AddressHeader"/>.</summary>
    public static WebApplicationFactory<Program> WithClientAddresses(StoriesAppFactory app) =>
        app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, ClientAddressFilter>()));

    /// <summary>A cookie-keeping client that always comes from <paramref name="address"/>.</summary>
    public static HttpClient ClientFrom(WebApplicationFactory<Program> app, string address)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(AddressHeader, address);
        return client;
    }

    public static async Task<(IDocument Page, string Token, string FormTime)> GetFormAsync(HttpClient client)
    {
        var (page, token) = await EditorSession.GetFormAsync(client, "/guestbook");
        var formTime = page.QuerySelector("form input[name=FormTime]")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(formTime), "/guestbook has no form time");
        return (page, token, formTime!);
    }

    public static async Task<HttpResponseMessage> SignAsync(
        HttpClient client, string name, string message, string? country = null, string? website = null, string? formTime = null)
    {
        var (_, token, served) = await GetFormAsync(client);
        return await PostAsync(client, token, formTime ?? served, name, message, country, website);
    }

    public static async Task<HttpResponseMessage> PostAsync(
        HttpClient client, string token, string formTime, string name, string message, string? country = null, string? website = null)
    {
        using var content = new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token),
            new("FormTime", formTime),
            new("Input.Name", name),
            new("Input.Country", country ?? ""),
            new("Input.Message", message),
            new("Input.Website", website ?? ""),
        ]);
        return await client.PostAsync("/guestbook", content);
    }

    /// <summary>Signs and checks the outcome: a redirect to the guestbook saying published or held for review.</summary>
    public static async Task SignExpectingAsync(HttpClient client, string outcome, string name, string message, string? country = null, string? website = null)
    {
        using var response = await SignAsync(client, name, message, country, website);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/guestbook?thanks=" + outcome, response.Headers.Location?.OriginalString);
    }

    public static Task<List<GuestbookEntry>> EntriesAsync(StoriesAppFactory app) =>
        app.QueryAsync(db => db.GuestbookEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync());

    /// <summary>The names and messages the public page lists, in order.</summary>
    public static async Task<IReadOnlyList<string>> PublicMessagesAsync(HttpClient client, string url = "/guestbook")
    {
        var page = await client.GetDocumentAsync(url);
        return page.QuerySelectorAll(".guestbook-entry .guestbook-message").Select(e => e.TextContent).ToList();
    }
}

/// <summary>Sets the connection's remote address from the test's header, before anything else runs.</summary>
internal sealed class ClientAddressFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[GuestbookClient.AddressHeader].ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
