using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.IntegrationTests.Search;
using PeoplesStories.Web.Data;
using static PeoplesStories.Testing.ArchiveText;

namespace PeoplesStories.IntegrationTests.Data;

/// <summary>
/// The stories context is pooled: one request's context is the next one's, handed over clean, and
/// its saves are stamped by the site's own clock (the application's <see cref="TimeProvider"/>).
/// </summary>
public sealed class PooledContextTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2031, 5, 6, 7, 8, 9, TimeSpan.Zero);

    private readonly ClockedApp app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_context_goes_back_to_the_pool_clean_and_stamps_saves_with_the_sites_clock()
    {
        await SearchApp.ImportAsync(app, "pool.txt", Page("Freedom", Story("Harbour workers", "Pool Desk", "June 2019", "Dockers struck over pay.")));

        // Requests one after another are served by the few contexts the pool holds, each handed over
        // with nothing tracked: the changes a request left unsaved are gone.
        const int Requests = 50;
        var contexts = new HashSet<object>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < Requests; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<StoriesDbContext>();
            Assert.Empty(db.ChangeTracker.Entries());
            var story = await db.Stories.SingleAsync();
            Assert.Equal("Harbour workers", story.Title);
            story.Title = $"Harbour workers, unsaved {i}";
            contexts.Add(db);
        }

        Assert.True(contexts.Count < 10, $"{contexts.Count} contexts for {Requests} requests one after another");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StoriesDbContext>();
            (await db.Stories.SingleAsync()).Title = "Harbour workers on strike";
            await db.SaveChangesAsync();
        }

        var saved = await app.QueryAsync(db => db.Stories.AsNoTracking().SingleAsync());
        Assert.Equal("Harbour workers on strike", saved.Title);
        Assert.Equal(Now.UtcDateTime, saved.UpdatedAt);
    }

    private sealed class ClockedApp() : StoriesAppFactory(importSeeds: false)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FixedClock(Now)));
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
