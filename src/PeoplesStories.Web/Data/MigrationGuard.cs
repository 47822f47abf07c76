using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace PeoplesStories.Web.Data;

/// <summary>
/// Makes schema migration survive a crash. EF Core guards a SQLite migration with a row in
/// <c>__EFMigrationsLock</c> that only the migrating process deletes: a process killed while migrating
/// (kill -9 at the first start, during an import's migration) leaves the row behind, and every later
/// start waits for it forever. Here migrations are serialised by an operating-system lock on a file
/// beside the database instead, which dies with its process: whoever holds it is the only one
/// migrating, so a row found in <c>__EFMigrationsLock</c> is stale and is removed before migrating.
/// </summary>
public static class MigrationGuard
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    public static async Task MigrateAsync(StoriesDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var source = db.Database.IsSqlite() ? new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource : "";
        if (source.Length == 0 || source == ":memory:")
        {
            await MigrateIfPendingAsync(db, cancellationToken);
            return;
        }

        await using var held = await AcquireAsync(source + ".migrating", cancellationToken);
        if (await HasLockTableAsync(db, cancellationToken))
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\";", cancellationToken);
        }

        await MigrateIfPendingAsync(db, cancellationToken);
    }

    /// <summary>
    /// Migrate first compares the model with the last migration's (a second of work at a cold start);
    /// an up-to-date database, the usual start, needs only its history read.
    /// </summary>
    private static async Task MigrateIfPendingAsync(StoriesDbContext db, CancellationToken cancellationToken)
    {
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
    }

    /// <summary>An exclusive lock on the file (flock on Linux), released when the stream closes or the process dies.</summary>
    private static async Task<FileStream> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (clock.Elapsed < Patience)
            {
                // Another process is migrating this database: wait for it to finish.
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }
    }

    private static async Task<bool> HasLockTableAsync(StoriesDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock';";
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
