using PeoplesStories.IntegrationTests.Infrastructure;

namespace PeoplesStories.IntegrationTests.Hosting;

public sealed class SecurityHeadersTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/stories/no-such-story")]
    [InlineData("/api/countries")]
    [InlineData("/api/stories/no-such-story")]
    [InlineData("/feed")]
    [InlineData("/guestbook")]
    [InlineData("/editor")]
    public async Task Every_answer_carries_the_strict_headers(string url)
    {
        using var app = new StoriesAppFactory();
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await client.GetAsync(url);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("camera=()", Assert.Single(response.Headers.GetValues("Permissions-Policy")), StringComparison.Ordinal);
    }
}
