using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Web.Cli;

namespace PeoplesStories.IntegrationTests.Data;

/// <summary>
/// <c>backup</c> and <c>restore</c> copy an SQLite file: on SQLite they work (BackupRestoreTests has the
/// rest), on PostgreSQL they refuse at once, naming the server's own tools, and touch nothing.
/// </summary>
public sealed class BackupProviderTests : IDisposable
{
    private readonly StoriesAppFactory app = new(importSeeds: true);
    private readonly string folder = Directory.CreateTempSubdirectory("stories-backup-provider-").FullName;

    public void Dispose()
    {
        app.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Backup_works_on_SQLite_and_names_pg_dump_on_PostgreSQL()
    {
        var output = Path.Combine(folder, "copy.db");
        var result = await app.RunCommandAsync("backup", "--output", output);

        if (TestDatabase.IsPostgres)
        {
            Assert.Equal(CommandLine.UsageError, result.ExitCode);
            Assert.Contains("pg_dump", result.Stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(output));
        }
        else
        {
            Assert.True(result.ExitCode == CommandLine.Success, result.Stderr);
            Assert.True(new FileInfo(output).Length > 0);
        }
    }

    [Fact]
    public async Task Restore_refuses_there_and_keeps_every_story()
    {
        app.CreateClient().Dispose();
        var before = await app.ScalarAsync("""SELECT count(*) FROM "Stories" """);
        var result = await app.RunCommandAsync("restore", "--input", Path.Combine(folder, "missing.db"));

        // On SQLite a missing file is refused as a file error; on PostgreSQL the command itself is refused.
        Assert.Equal(TestDatabase.IsPostgres ? CommandLine.UsageError : CommandLine.FileError, result.ExitCode);
        Assert.Equal(before, await app.ScalarAsync("""SELECT count(*) FROM "Stories" """));
        Assert.Equal("2", before);
    }
}
