using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Editor;
using PeoplesStories.Web.Submissions;
using static PeoplesStories.IntegrationTests.Editor.EditorSession;

namespace PeoplesStories.IntegrationTests.Editor;

/// <summary>
/// The authorisation matrix, built from the app's own endpoints: a page added under /editor is
/// covered without touching these tests.
/// </summary>
public sealed class EditorAuthorizationTests : IDisposable
{
    private const string SignInRoute = "editor/sign-in";

    private readonly StoriesAppFactory app = new(importSeeds: false);

    public void Dispose() => app.Dispose();

    /// <summary>Every endpoint whose route starts with "editor", with its route ("editor/editors").</summary>
    private List<(string Route, RouteEndpoint Endpoint)> EditorEndpoints()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => (Route: (e.RoutePattern.RawText ?? "").TrimStart('/'), Endpoint: e))
            .Where(e => e.Route.StartsWith("editor", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.Superset(
            new HashSet<string>(
            [
                "editor", SignInRoute, "editor/sign-out", "editor/change-password", "editor/editors", "editor/audit",
                "editor/stories/new", "editor/stories/{id:int}", "editor/stories/{id:int}/history", "editor/stories/{id:int}/diff",
            ], StringComparer.Ordinal),
            endpoints.Select(e => e.Route).ToHashSet(StringComparer.Ordinal));
        return endpoints;
    }

    private List<string> ProtectedRoutes() =>
        EditorEndpoints().Select(e => Concrete(e.Route)).Where(r => !r.Equals(SignInRoute, StringComparison.OrdinalIgnoreCase)).Distinct().ToList();

    /// <summary>The routes whose page asks for the Admin policy itself, on top of the folder's Editor policy.</summary>
    private async Task<HashSet<string>> AdminRoutesAsync()
    {
        var loader = app.Services.GetRequiredService<PageLoader>();
        var routes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (route, endpoint) in EditorEndpoints())
        {
            var descriptor = endpoint.Metadata.GetMetadata<PageActionDescriptor>();
            Assert.NotNull(descriptor);
            var compiled = await loader.LoadAsync(descriptor, endpoint.Metadata);
            if (compiled.EndpointMetadata.OfType<IAuthorizeData>().Any(a => a.Policy == EditorPolicies.Admin))
            {
                routes.Add(Concrete(route));
            }
        }

        Assert.Superset(new HashSet<string>(["editor/editors", "editor/audit"], StringComparer.Ordinal), routes);
        return routes;
    }

    /// <summary>A route with its parameter filled in: a submission's review page is asked for with id 1.</summary>
    private static string Concrete(string route) => route.Replace("{id:int}", "1", StringComparison.Ordinal);

    /// <summary>Submission 1, so that its review page exists.</summary>
    private async Task SubmitOneAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var desk = scope.ServiceProvider.GetRequiredService<SubmissionDesk>();
        var submission = await desk.SubmitAsync(new StorySubmission("A story", ["It happened."], null, [], null, null, null, null, null, null, null));
        Assert.Equal(1, submission.Id);
    }

    [Fact]
    public async Task Every_editor_page_sends_anonymous_users_to_sign_in()
    {
        using var client = NewClient(app);
        foreach (var route in ProtectedRoutes())
        {
            using var response = await client.GetAsync("/" + route);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"GET /{route} answered {(int)response.StatusCode}");
            var location = response.Headers.Location!;
            Assert.Equal("/editor/sign-in", location.AbsolutePath);
            Assert.Equal($"?ReturnUrl={Uri.EscapeDataString("/" + route)}", location.Query);
        }

        using var signIn = await client.GetAsync("/editor/sign-in");
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Fact]
    public async Task Every_editor_post_handler_refuses_a_request_without_an_antiforgery_token()
    {
        await CreateEditorAsync(app, "admin@example.org", admin: true);
        using var client = await SignedInClientAsync(app, "admin@example.org");
        var loader = app.Services.GetRequiredService<PageLoader>();
        var posts = new List<string>();
        foreach (var (route, endpoint) in EditorEndpoints())
        {
            var descriptor = endpoint.Metadata.GetMetadata<PageActionDescriptor>();
            Assert.NotNull(descriptor);
            var compiled = await loader.LoadAsync(descriptor, endpoint.Metadata);
            foreach (var handler in compiled.HandlerMethods.Where(h => h.HttpMethod.Equals("POST", StringComparison.OrdinalIgnoreCase)))
            {
                var url = "/" + Concrete(route) + (handler.Name is { } name ? "?handler=" + name : "");
                posts.Add(url);
                using var content = new FormUrlEncodedContent([new("id", "x"), new("role", "Admin"), new("Input.Email", "admin@example.org")]);
                using var response = await client.PostAsync(url, content);
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"POST {url} without a token answered {(int)response.StatusCode}");
            }
        }

        Assert.Superset(
            new HashSet<string>(["/editor/sign-in", "/editor/sign-out", "/editor/change-password", "/editor/stories/new", "/editor/stories/1", "/editor/stories/1?handler=Publish", "/editor/stories/1?handler=Unpublish", "/editor/stories/1?handler=Archive", "/editor/stories/1/history?handler=Restore", "/editor/editors?handler=Add", "/editor/editors?handler=Disable", "/editor/editors?handler=Enable", "/editor/editors?handler=Role"], StringComparer.Ordinal),
            posts.ToHashSet(StringComparer.Ordinal));

        // Still signed in: the refused sign-out did nothing.
        using var dashboard = await client.GetAsync("/editor");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_user_without_an_editor_role_gets_403_on_every_editor_page()
    {
        var created = await WithUsersAsync(app, users => users.CreateAsync(
            new EditorUser { UserName = "reader@example.org", Email = "reader@example.org", CreatedAt = DateTime.UtcNow }, Password));
        Assert.True(created.Succeeded);
        using var client = await SignedInClientAsync(app, "reader@example.org");
        foreach (var route in ProtectedRoutes())
        {
            using var response = await client.GetAsync("/" + route);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"GET /{route} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task An_editor_gets_403_on_the_admin_pages_and_200_elsewhere()
    {
        await CreateEditorAsync(app, "writer@example.org");
        await SubmitOneAsync();
        var adminRoutes = await AdminRoutesAsync();
        using var client = await SignedInClientAsync(app, "writer@example.org");
        foreach (var route in ProtectedRoutes())
        {
            using var response = await client.GetAsync("/" + route);
            var expected = adminRoutes.Contains(route) ? HttpStatusCode.Forbidden : HttpStatusCode.OK;
            Assert.True(response.StatusCode == expected, $"GET /{route} answered {(int)response.StatusCode}");
        }
    }
}
