using Microsoft.Data.Sqlite;

namespace PeoplesStories.Web.Data;

/// <summary>What a backup or restore found: the figures it prints, or why it refused.</summary>
public sealed record BackupOutcome(bool Succeeded, string Message, long Stories = 0, long GuestbookEntries = 0, long Bytes = 0)
{
    public static BackupOutcome Refused(string message) => new(false, message);
}

/// <summary>
/// Copies the database with SQLite's online backup API, page by page inside one read transaction of
/// the source. In WAL mode that transaction does not block the site's writers, and the copy is the
/// database as of one commit: never a mix of before and after a write that ran meanwhile.
/// Restore uses the same API the other way round, so it is one write transaction of the live file:
/// connections the running site holds see the old database or the restored one, never half of each.
/// </summary>
public static class SqliteBackup
{
    /// <summary>Writes a consistent copy of <paramref name="connectionString"/>'s database to <paramref name="output"/>, a new file.</summary>
    public static BackupOutcome Backup(string connectionString, string output)
    {
        var full = Path.GetFullPath(output);
        if (File.Exists(full))
        {
            return BackupOutcome.Refused($"{full} already exists; choose a new file name (a backup never overwrites a file).");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);

        // Written beside the target and renamed at the end, so a crash or a failure never leaves a
        // half-written file under the name the operator asked for.
        var partial = full + ".partial";
        File.Delete(partial);
        try
        {
            using (var source = Open(connectionString, SqliteOpenMode.ReadWrite))
            using (var destination = Open(partial, SqliteOpenMode.ReadWriteCreate))
            {
                source.BackupDatabase(destination);

                // A backup is one self-contained file: no -wal beside it to forget when copying it away.
                Execute(destination, "PRAGMA journal_mode=DELETE;");
                var problem = IntegrityProblem(destination);
                if (problem is not null)
                {
                    return BackupOutcome.Refused($"the copy failed its integrity check ({problem}); nothing was written to {full}.");
                }
            }

            SqliteConnection.ClearAllPools();
            File.Move(partial, full);
            using var written = Open(full, SqliteOpenMode.ReadOnly);
            return Describe(written, $"Backed up to {full}", full);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(partial);
        }
    }

    /// <summary>
    /// Replaces the database with <paramref name="input"/> after checking that it is a sound People's
    /// Stories database this version can run; the replaced database is first saved to
    /// <paramref name="safetyCopy"/>, so a restore of the wrong file can itself be undone.
    /// </summary>
    public static BackupOutcome Restore(string connectionString, string input, string safetyCopy, IReadOnlySet<string> knownMigrations)
    {
        ArgumentNullException.ThrowIfNull(knownMigrations);
        var full = Path.GetFullPath(input);
        if (!File.Exists(full))
        {
            return BackupOutcome.Refused($"{full} does not exist.");
        }

        var live = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
        if (string.Equals(full, live, StringComparison.Ordinal))
        {
            return BackupOutcome.Refused($"{full} is the database itself; restore from a backup file.");
        }

        try
        {
            using var backup = Open(full, SqliteOpenMode.ReadOnly);
            var problem = IntegrityProblem(backup);
            if (problem is not null)
            {
                return BackupOutcome.Refused($"{full} failed its integrity check ({problem}); the database was not touched.");
            }

            var migrations = AppliedMigrations(backup);
            if (migrations is null)
            {
                return BackupOutcome.Refused($"{full} is not a People's Stories database (it has no migration history); the database was not touched.");
            }

            var unknown = migrations.Where(m => !knownMigrations.Contains(m)).ToList();
            if (unknown.Count > 0)
            {
                return BackupOutcome.Refused($"{full} comes from a newer version of the site (migrations {string.Join(", ", unknown)} are unknown here); restore it with that version. The database was not touched.");
            }

            using var target = Open(connectionString, SqliteOpenMode.ReadWriteCreate);
            var saved = Backup(connectionString, safetyCopy);
            if (!saved.Succeeded)
            {
                return BackupOutcome.Refused($"the current database could not be saved first ({saved.Message}); the database was not touched.");
            }

            backup.BackupDatabase(target);
            return Describe(target, $"Restored {full} (the replaced database was saved to {Path.GetFullPath(safetyCopy)})", live);
        }
        catch (SqliteException exception)
        {
            // Not a database at all ("file is not a database"), or locked beyond the busy timeout.
            return BackupOutcome.Refused($"{full} could not be read as an SQLite database ({exception.Message}); the database was not touched.");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    private static SqliteConnection Open(string connectionStringOrPath, SqliteOpenMode mode)
    {
        var builder = connectionStringOrPath.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(connectionStringOrPath)
            : new SqliteConnectionStringBuilder { DataSource = connectionStringOrPath };
        builder.Mode = mode;
        builder.Pooling = false;
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();

        // The backup step takes its locks directly, outside Microsoft.Data.Sqlite's command retries:
        // SQLite's own busy handler makes it wait for a writer's commit instead of failing at once.
        Execute(connection, $"PRAGMA busy_timeout={StoriesDatabase.BusyTimeoutMilliseconds};");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string? IntegrityProblem(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        var result = command.ExecuteScalar() as string;
        return result == "ok" ? null : result ?? "no answer";
    }

    private static List<string>? AppliedMigrations(SqliteConnection connection)
    {
        using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory';";
        if ((long)exists.ExecuteScalar()! == 0)
        {
            return null;
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId;";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static BackupOutcome Describe(SqliteConnection connection, string message, string file) =>
        new(true, message, Count(connection, "Stories"), Count(connection, "GuestbookEntries"), new FileInfo(file).Length);

    private static long Count(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}';";
        if ((long)command.ExecuteScalar()! == 0)
        {
            return 0;
        }

        command.CommandText = $"SELECT count(*) FROM \"{table}\";";
        return (long)command.ExecuteScalar()!;
    }
}
