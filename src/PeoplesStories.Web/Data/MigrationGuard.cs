using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

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
        var source = db.OnPostgres ? "" : new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (source.Length == 0 || source == ":memory:")
        {
            await MigrateIfPendingAsync(db, cancellationToken);
            return;
        }

        await using var held = await AcquireAsync(source + ".migrating", cancellationToken);
        var tables = await MigrationTablesAsync(db, cancellationToken);
        if (tables.HasLock)
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\";", cancellationToken);
        }

        // The usual start: every migration of the build is in the history already.
        if (db.GetService<IMigrationsAssembly>().Migrations.Keys.All(tables.Applied.Contains))
        {
            return;
        }

        await db.Database.MigrateAsync(cancellationToken);
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

    /// <summary>
    /// Whether EF Core's lock table is there, and the migrations the history lists (none when it has
    /// no history table), read with plain statements: EF Core's history repository builds a model of
    /// its own for the table and compiles its query, about a tenth of a second of every start.
    /// </summary>
    private static async Task<(bool HasLock, HashSet<string> Applied)> MigrationTablesAsync(StoriesDbContext db, CancellationToken cancellationToken)
    {
        var tables = await db.Database.ReadRowsAsync(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('__EFMigrationsLock', '__EFMigrationsHistory');",
            reader => reader.GetString(0),
            cancellationToken);
        var applied = tables.Contains("__EFMigrationsHistory")
            ? await db.Database.ReadRowsAsync("SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\";", reader => reader.GetString(0), cancellationToken)
            : [];
        return (tables.Contains("__EFMigrationsLock"), applied.ToHashSet(StringComparer.Ordinal));
    }
}
