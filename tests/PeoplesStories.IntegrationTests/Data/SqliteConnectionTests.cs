using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.IntegrationTests.Search;
using PeoplesStories.Web.Data;
using static PeoplesStories.Testing.ArchiveText;

namespace PeoplesStories.IntegrationTests.Data;

/// <summary>
/// The site's SQLite connections are set up once each (foreign keys enforced among the settings),
/// however often the pool hands them out again, and are opened with nothing added to them each time:
/// EF Core's own SQL functions (<c>regexp</c>, arithmetic on decimals) are left out.
/// </summary>
public sealed class SqliteConnectionTests : IDisposable
{
    private readonly StoriesAppFactory app = new(importSeeds: false);

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Every_connection_enforces_foreign_keys_whether_new_or_from_the_pool_and_has_none_of_ef_cores_functions()
    {
        await SearchApp.ImportAsync(app, "keys.txt", Page("Freedom", Story("Harbour workers", "Pool Desk", "June 2019", "Dockers struck over pay.", "https://example.org/dockers")));

        // Twice from the pool, then on a connection SQLite opens afresh.
        for (var round = 0; round < 3; round++)
        {
            if (round == 2)
            {
                SqliteConnection.ClearAllPools();
            }

            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<StoriesDbContext>();
            await db.Database.OpenConnectionAsync();
            var connection = db.Database.GetDbConnection();
            Assert.Equal(1L, Scalar(connection, "PRAGMA foreign_keys"));
            var missing = Assert.Throws<SqliteException>(() => Scalar(connection, "SELECT ef_add(1, 2)"));
            Assert.Contains("no such function: ef_add", missing.Message, StringComparison.Ordinal);
        }

        // Enforced: a story's deletion takes its updates and their links with it.
        Assert.Equal(1, await app.QueryAsync(db => db.StoryUpdates.CountAsync()));
        Assert.Equal(1, await app.QueryAsync(db => db.SourceLinks.CountAsync()));
        await app.QueryAsync(db => db.Database.ExecuteSqlRawAsync("""DELETE FROM "Stories" """));
        Assert.Equal(0, await app.QueryAsync(db => db.StoryUpdates.CountAsync()));
        Assert.Equal(0, await app.QueryAsync(db => db.SourceLinks.CountAsync()));
    }

    private static object? Scalar(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
