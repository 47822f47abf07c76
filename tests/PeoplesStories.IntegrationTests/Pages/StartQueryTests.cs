using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.IntegrationTests.Submissions;
using Serilog.Core;
using Serilog.Events;

namespace PeoplesStories.IntegrationTests.Pages;

/// <summary>
/// A start on an existing SQLite database, and the home page served after it, run no LINQ query:
/// EF Core's query compiler, loaded and run for the first time in a process, was about a fifth of a
/// start's processor time (see StoryReader.SqliteListAsync). What EF Core runs is logged; the start's
/// reads are plain statements beside it, so a SELECT in EF Core's log is a LINQ query, and this
/// test names it. (SQLite only: on PostgreSQL the lists are LINQ queries.)
/// </summary>
[Collection(RunsAloneCollection.Name)]
public sealed class StartQueryTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("stories-start-queries-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_start_on_an_existing_database_and_its_home_page_run_no_LINQ_query()
    {
        using (var first = new StoriesAppFactory(folder))
        {
            using var client = first.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        }

        var queries = new EfQueries();
        using var site = new StoriesAppFactory(folder)
            .WithSetting("Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore.Database.Command", "Information");
        using var app = site.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(queries)));

        // The client is made once the start's preparation is done (schema, seeds, the header's lists).
        using var reader = app.CreateClient();
        var atStart = queries.Selects();
        var home = await reader.GetStringAsync("/");
        Assert.Contains("Cambodian authorities are not doing enough to stop scamming compounds", home, StringComparison.Ordinal);
        Assert.Contains("href=\"/sections/", home, StringComparison.Ordinal);
        Assert.Contains("<option value=\"kh\">Cambodia</option>", home, StringComparison.Ordinal);
        Assert.Empty(atStart);
        Assert.Empty(queries.Selects(requestPath: "/"));

        // The capture sees a LINQ query when there is one: one on the app's own context.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PeoplesStories.Web.Data.StoriesDbContext>().Stories.CountAsync(s => s.Title.StartsWith("Cambodian"));
        }

        Assert.Contains(queries.Selects(), q => q.Contains("LIKE 'Cambodian%'", StringComparison.Ordinal));
    }

    /// <summary>The SELECTs EF Core ran (its "Executed DbCommand" log events), with the path of the request that ran each (none at start).</summary>
    private sealed class EfQueries : ILogEventSink
    {
        private readonly ConcurrentQueue<(string? Path, string Sql)> selects = new();

        public void Emit(LogEvent logEvent)
        {
            if (logEvent.Properties.TryGetValue("EventId", out var id) && id.ToString().Contains("CommandExecuted", StringComparison.Ordinal)
                && logEvent.Properties.TryGetValue("commandText", out var text) && (text as ScalarValue)?.Value is string sql
                && sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
            {
                var path = logEvent.Properties.TryGetValue("RequestPath", out var requestPath) ? (requestPath as ScalarValue)?.Value as string : null;
                selects.Enqueue((path, sql));
            }
        }

        /// <summary>The SELECTs run so far, or those run by requests for <paramref name="requestPath"/>.</summary>
        public List<string> Selects(string? requestPath = null) =>
            [.. selects.Where(e => requestPath is null || e.Path == requestPath).Select(e => e.Sql)];
    }
}
