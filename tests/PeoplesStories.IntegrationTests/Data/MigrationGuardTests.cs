using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Web.Cli;
using PeoplesStories.Web.Data;

namespace PeoplesStories.IntegrationTests.Data;

/// <summary>A process killed while migrating does not stop the next start (found by tests/load/crash-test.sh).</summary>
public sealed class MigrationGuardTests : IDisposable
{
    /// <summary>Whether the last migration's change is there: a revision's snapshot may be null (DeferImportedSnapshots).</summary>
    private const string SnapshotNotNull = "SELECT \"notnull\" FROM pragma_table_info('StoryRevisions') WHERE name = 'Snapshot'";

    private readonly string folder = Directory.CreateTempSubdirectory("stories-migrate-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file the stopped site's last connection was still closing: try once more, else leave the temp folder.
            Thread.Sleep(200);
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    [Fact]
    public async Task A_migration_lock_left_by_a_killed_process_does_not_block_the_next_start()
    {
        using (var first = new StoriesAppFactory(folder, importSeeds: false))
        {
            first.CreateClient().Dispose();

            // What kill -9 during EF Core's migration leaves: its lock row, never deleted.
            await first.ScalarAsync("INSERT INTO __EFMigrationsLock (Id, Timestamp) VALUES (1, '2026-11-28 21:33:25+00:00')");
        }

        using var next = new StoriesAppFactory(folder, importSeeds: false);
        var run = next.RunCommandAsync("backup", "--output", Path.Combine(folder, "after.db"));
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60)));

        Assert.True(finished == run, "the command still waits for the stale migration lock");
        Assert.Equal(CommandLine.Success, (await run).ExitCode);
        Assert.Equal("0", await next.ScalarAsync("SELECT count(*) FROM __EFMigrationsLock"));
    }

    /// <summary>
    /// The start reads the migration history with a plain statement and migrates only when a
    /// migration of the build is missing from it: a database left at an older migration is brought
    /// up to date, its stories kept.
    /// </summary>
    [Fact]
    public async Task A_database_at_an_older_migration_is_brought_up_to_date_at_start()
    {
        string[] all;
        using (var first = new StoriesAppFactory(folder))
        {
            first.CreateClient().Dispose();
            await using var scope = first.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<StoriesDbContext>();
            all = [.. db.GetService<IMigrationsAssembly>().Migrations.Keys];
            Assert.True(all.Length > 2);

            // Back to the migration before the last: the last one's changes and history row are gone.
            await db.GetService<IMigrator>().MigrateAsync(all[^2]);
            Assert.Equal((all.Length - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), await first.ScalarAsync("SELECT count(*) FROM __EFMigrationsHistory"));
            Assert.Equal("1", await first.ScalarAsync(SnapshotNotNull));
        }

        using var next = new StoriesAppFactory(folder, importSeeds: false);
        using var client = next.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        Assert.Equal(all, (await next.QueryAsync(db => db.Database.GetAppliedMigrationsAsync())).ToArray());
        Assert.NotEqual("0", await next.ScalarAsync("SELECT count(*) FROM Stories"));

        // The last migration's own change is back, and the revisions kept through both rebuilds of their table.
        Assert.Equal("0", await next.ScalarAsync(SnapshotNotNull));
        Assert.Equal(await next.ScalarAsync("SELECT count(*) FROM Stories"), await next.ScalarAsync("SELECT count(DISTINCT StoryId) FROM StoryRevisions"));
    }

    /// <summary>The country list is compared with the gazetteer at every start (a plain read) and put right when it differs.</summary>
    [Fact]
    public async Task A_start_puts_the_country_list_right_when_it_differs_from_the_gazetteer()
    {
        using (var first = new StoriesAppFactory(folder, importSeeds: false))
        {
            first.CreateClient().Dispose();
            Assert.Equal("Cambodia", await first.ScalarAsync("SELECT Name FROM Countries WHERE Code = 'KH'"));
            await first.ScalarAsync("UPDATE Countries SET Name = 'Kampuchea' WHERE Code = 'KH'");
            await first.ScalarAsync("DELETE FROM Countries WHERE Code = 'FR'");
        }

        using var next = new StoriesAppFactory(folder, importSeeds: false);
        next.CreateClient().Dispose();
        Assert.Equal("Cambodia", await next.ScalarAsync("SELECT Name FROM Countries WHERE Code = 'KH'"));
        Assert.Equal("France", await next.ScalarAsync("SELECT Name FROM Countries WHERE Code = 'FR'"));
        Assert.Equal(
            PeoplesStories.Archive.Countries.CountryGazetteer.Default.Countries.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            await next.ScalarAsync("SELECT count(*) FROM Countries"));
    }
}
