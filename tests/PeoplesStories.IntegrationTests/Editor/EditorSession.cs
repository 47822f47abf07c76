using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Web.Cli;
using PeoplesStories.Web.Data;

namespace PeoplesStories.IntegrationTests.Editor;

/// <summary>Real form posts against the editor area: a cookie-keeping client, antiforgery tokens read from the page.</summary>
public static class EditorSession
{
    public const string Password = "Correct-Horse-42-battery";

    public static HttpClient NewClient(StoriesAppFactory app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Creates an editor through the command line, with a known password read from stdin.</summary>
    public static async Task CreateEditorAsync(StoriesAppFactory app, string email, bool admin = false, string password = Password)
    {
        var args = admin ? new[] { "create-editor", "--email", email, "--admin", "--password-stdin" } : ["create-editor", "--email", email, "--password-stdin"];
        var result = await app.RunCommandWithStdinAsync(password + "\n", args);
        Assert.True(result.ExitCode == CommandLine.Success, result.Stderr);
    }

    /// <summary>Fetches a page and returns it with the antiforgery token of its first form.</summary>
    public static async Task<(IDocument Page, string Token)> GetFormAsync(HttpClient client, string url)
    {
        var page = await client.GetDocumentAsync(url);
        var token = page.QuerySelector("form input[name=__RequestVerificationToken]")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(token), $"{url} has no antiforgery token");
        return (page, token!);
    }

    /// <summary>Fetches <paramref name="pageUrl"/> for its token and posts the fields, with the token and the cookies, to <paramref name="postUrl"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pageUrl, string postUrl, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var (_, token) = await GetFormAsync(client, pageUrl);
        using var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        return await client.PostAsync(postUrl, content);
    }

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, bool rememberMe = false) =>
        PostFormAsync(client, "/editor/sign-in", "/editor/sign-in",
        [
            new("Input.Email", email),
            new("Input.Password", password),
            new("Input.RememberMe", rememberMe ? "true" : "false"),
        ]);

    /// <summary>Signs in and checks that it worked: a redirect to the dashboard.</summary>
    public static async Task<HttpClient> SignedInClientAsync(StoriesAppFactory app, string email, string password = Password)
    {
        var client = NewClient(app);
        using var response = await SignInAsync(client, email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/editor", response.Headers.Location?.OriginalString);
        return client;
    }

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response) =>
        await Html.ParseAsync(await response.Content.ReadAsStringAsync());

    public static Task<List<AuditEntry>> AuditAsync(StoriesAppFactory app) =>
        app.QueryAsync(db => db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync());

    public static async Task<T> WithUsersAsync<T>(StoriesAppFactory app, Func<UserManager<EditorUser>, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserManager<EditorUser>>());
    }
}
