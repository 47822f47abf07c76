using System.Net;
using Microsoft.Data.Sqlite;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Web.Cli;
using static PeoplesStories.IntegrationTests.Editor.EditorSession;
using static PeoplesStories.IntegrationTests.Guestbook.GuestbookClient;

namespace PeoplesStories.IntegrationTests.Data;

/// <summary><c>backup</c> and <c>restore</c> against a real database, the first while visitors sign the guestbook.</summary>
public sealed class BackupRestoreTests : IDisposable
{
    private readonly StoriesAppFactory app = NewApp();
    private readonly string folder = Directory.CreateTempSubdirectory("stories-backup-").FullName;

    public void Dispose()
    {
        app.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_backup_taken_while_visitors_sign_is_sound_and_holds_a_consistent_prefix_of_their_entries()
    {
        using (var warm = NewClient(app))
        {
            await warm.GetDocumentAsync("/guestbook");
        }

        var accepted = 0;
        using var stop = new CancellationTokenSource();
        const int Signers = 8;
        var signers = Enumerable.Range(0, Signers).Select(async signer =>
        {
            using var client = NewClient(app);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                using var response = await SignAsync(client, $"Signer {signer}", $"Signer {signer}, message {i} ({Guid.NewGuid():N})");
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Interlocked.Increment(ref accepted);
            }
        }).ToList();

        var backups = new List<(string File, int Before, int After)>();
        for (var round = 0; round < 3; round++)
        {
            while (Volatile.Read(ref accepted) < 10 * (round + 1))
            {
                await Task.Delay(20);
            }

            var file = Path.Combine(folder, $"backup-{round}.db");
            var before = Volatile.Read(ref accepted);
            var result = await app.RunCommandAsync("backup", "--output", file);
            var after = Volatile.Read(ref accepted);
            Assert.True(result.ExitCode == CommandLine.Success, result.Stderr);
            Assert.Contains("Backed up to " + file, result.Stdout, StringComparison.Ordinal);
            backups.Add((file, before, after));
        }

        await stop.CancelAsync();
        await Task.WhenAll(signers);

        foreach (var (file, before, after) in backups)
        {
            Assert.False(File.Exists(file + "-wal"), "a backup is one file");
            await using var backup = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
            await backup.OpenAsync();
            Assert.Equal("ok", await ScalarAsync(backup, "PRAGMA integrity_check"));
            Assert.Equal(0L, await ScalarAsync(backup, "SELECT count(*) FROM pragma_foreign_key_check"));
            Assert.Equal("delete", await ScalarAsync(backup, "PRAGMA journal_mode"));

            // One commit's view: the entries form an unbroken run of ids 1..N, and N lies between what
            // visitors had been told was accepted before the backup ran and what was stored after it:
            // each signer may have one entry committed whose answer it had not yet read.
            var count = (long)(await ScalarAsync(backup, "SELECT count(*) FROM GuestbookEntries"))!;
            Assert.Equal(count, (long)(await ScalarAsync(backup, "SELECT coalesce(max(Id), 0) FROM GuestbookEntries"))!);
            Assert.InRange(count, before, after + Signers);
        }

        Assert.True(accepted > (int)(long)(await ScalarAsync(backups[^1].File, "SELECT count(*) FROM GuestbookEntries"))!, "visitors kept signing after the last backup");
    }

    [Fact]
    public async Task Restore_brings_back_the_backup_and_keeps_the_replaced_database_beside_it()
    {
        using var client = NewClient(app);
        await SignExpectingAsync(client, "published", "Ana", "Before the backup");
        var file = Path.Combine(folder, "before.db");
        Assert.Equal(CommandLine.Success, (await app.RunCommandAsync("backup", "--output", file)).ExitCode);
        await SignExpectingAsync(client, "published", "Ben", "After the backup");
        Assert.Equal("2", await app.ScalarAsync("SELECT count(*) FROM GuestbookEntries"));

        var result = await app.RunCommandAsync("restore", "--input", file);

        Assert.True(result.ExitCode == CommandLine.Success, result.Stderr);
        Assert.Contains("1 guestbook entries", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(["Before the backup"], await PublicMessagesAsync(client));
        var saved = Assert.Single(Directory.GetFiles(app.Folder, "stories.db.before-restore-*"));
        Assert.Equal(2L, await ScalarAsync(saved, "SELECT count(*) FROM GuestbookEntries"));
        Assert.Equal("ok", await app.ScalarAsync("PRAGMA integrity_check"));
        Assert.Equal("wal", await app.ScalarAsync("PRAGMA journal_mode"));
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "missing", "does not exist" },
        { "garbage", "could not be read as an SQLite database" },
        { "foreign", "is not a People's Stories database" },
        { "newer", "comes from a newer version of the site" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Restore_refuses_a_file_it_cannot_trust_and_leaves_the_database_untouched(string kind, string reason)
    {
        using var client = NewClient(app);
        await SignExpectingAsync(client, "published", "Ana", "Still here");
        var file = Path.Combine(folder, kind + ".db");
        switch (kind)
        {
            case "garbage":
                await File.WriteAllBytesAsync(file, Enumerable.Range(0, 8192).Select(i => (byte)(i * 31)).ToArray());
                break;
            case "foreign":
                await ExecuteAsync(file, "CREATE TABLE Notes (Id INTEGER PRIMARY KEY, Text TEXT); INSERT INTO Notes (Text) VALUES ('hello');");
                break;
            case "newer":
                Assert.Equal(CommandLine.Success, (await app.RunCommandAsync("backup", "--output", file)).ExitCode);
                await ExecuteAsync(file, "INSERT INTO __EFMigrationsHistory VALUES ('29991231000000_FromTheFuture', '99.0.0');");
                break;
        }

        var result = await app.RunCommandAsync("restore", "--input", file);

        Assert.Equal(CommandLine.FileError, result.ExitCode);
        Assert.StartsWith("restore: refused: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(reason, result.Stderr, StringComparison.Ordinal);
        Assert.Equal(["Still here"], await PublicMessagesAsync(client));
        Assert.Empty(Directory.GetFiles(app.Folder, "stories.db.before-restore-*"));
    }

    [Fact]
    public async Task Backup_never_overwrites_a_file_and_both_commands_answer_usage_errors_with_2()
    {
        var existing = Path.Combine(folder, "existing.db");
        await File.WriteAllTextAsync(existing, "keep me");
        app.CreateClient().Dispose();

        var refused = await app.RunCommandAsync("backup", "--output", existing);
        Assert.Equal(CommandLine.FileError, refused.ExitCode);
        Assert.Contains("already exists", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(existing));

        Assert.Equal(CommandLine.UsageError, (await app.RunCommandAsync("backup")).ExitCode);
        Assert.Equal(CommandLine.UsageError, (await app.RunCommandAsync("restore", "--output", existing)).ExitCode);
        Assert.Equal(CommandLine.UsageError, (await app.RunCommandAsync("restore", "--input")).ExitCode);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static async Task<object?> ScalarAsync(string file, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        return await ScalarAsync(connection, sql);
    }

    private static async Task ExecuteAsync(string file, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
