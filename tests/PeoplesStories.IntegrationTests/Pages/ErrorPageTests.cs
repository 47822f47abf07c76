using System.Net;
using PeoplesStories.IntegrationTests.Infrastructure;

namespace PeoplesStories.IntegrationTests.Pages;

public sealed class ErrorPageTests
{
    [Fact]
    public async Task A_server_error_shows_the_friendly_page_without_a_stack_trace()
    {
        using var app = new StoriesAppFactory();
        using var client = app.CreateClient();
        await client.GetStringAsync("/");

        // Break the database under the running site: the story page's query now fails.
        await app.ScalarAsync("""ALTER TABLE "StoryUpdates" RENAME TO "StoryUpdatesGone" """);
        using var response = await client.GetAsync("/stories/cambodian-authorities-are-not-doing-enough-to-stop-scamming-compounds");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var page = await Html.ParseAsync(body);
        Assert.Equal("Something went wrong", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector(".site-header"));
        Assert.DoesNotContain("SqliteException", body, StringComparison.Ordinal);
        Assert.DoesNotContain("PostgresException", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at PeoplesStories", body, StringComparison.Ordinal);
        Assert.DoesNotContain("StoryUpdates", body, StringComparison.Ordinal);
    }
}
