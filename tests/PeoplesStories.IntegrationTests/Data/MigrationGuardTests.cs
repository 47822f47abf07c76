using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Web.Cli;

namespace PeoplesStories.IntegrationTests.Data;

/// <summary>A process killed while migrating does not stop the next start (found by tests/load/crash-test.sh).</summary>
public sealed class MigrationGuardTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("stories-migrate-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

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
}
