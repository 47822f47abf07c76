using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PeoplesStories.IntegrationTests.Infrastructure;

namespace PeoplesStories.IntegrationTests.Editor;

/// <summary>Stories stored before revisions were kept get their first revision from the background service the site starts.</summary>
public sealed class RevisionBackfillTests : IDisposable
{
    private readonly StoriesAppFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Stories_without_a_revision_get_an_imported_one_from_the_background_service()
    {
        using var client = app.CreateClient();
        var stories = int.Parse((await app.ScalarAsync("""SELECT count(*) FROM "Stories" """))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(stories > 0);
        await app.ScalarAsync("""DELETE FROM "StoryRevisions" """);
        Assert.Equal("0", await app.ScalarAsync("""SELECT count(*) FROM "StoryRevisions" """));

        // The site runs the service once after each start; run it again as the next start would.
        var service = app.Services.GetServices<IHostedService>().OfType<BackgroundService>().Single(s => s.GetType().Name == "RevisionBackfillService");
        await service.StartAsync(CancellationToken.None);
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(stories.ToString(System.Globalization.CultureInfo.InvariantCulture), await app.ScalarAsync("""SELECT count(*) FROM "StoryRevisions" WHERE "Number" = 1 AND "Kind" = 'imported' """));
        Assert.StartsWith("imported from ", await app.ScalarAsync("""SELECT min("Summary") FROM "StoryRevisions" """), StringComparison.Ordinal);
    }
}
