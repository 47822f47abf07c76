using Microsoft.Data.Sqlite;

namespace PeoplesStories.Web.Import;

/// <summary>
/// Copies an import's committed groups from SQLite's write-ahead log into the database file on a
/// thread and connection of its own, while the import's thread goes on writing the next group.
/// <para>
/// Without it the writing thread copies them itself, at a commit whenever the log has grown past
/// the import's <c>wal_autocheckpoint</c>, and waits for both files to reach the disk. The import is
/// bound by that one thread, while the thread reading the next files leaves the other core half
/// idle. Each checkpoint here is <c>PASSIVE</c>: it copies what was committed and waits for no one,
/// so the writer never waits for it. The writer's own checkpoint stays, further apart, as a bound:
/// a log can start again from its beginning only at a write transaction that begins when every
/// frame is copied, and the writer begins its next group as soon as it commits, before this thread
/// has copied the last one. So the writer's own checkpoint, which then finds all but the last
/// group already copied, is what lets the log start again.
/// </para>
/// </summary>
public sealed class WalCheckpointer : IDisposable
{
    /// <summary>The name of the thread, as <c>/proc/PID/task/TID/comm</c> shows it.</summary>
    public const string ThreadName = "WAL checkpoint";

    private readonly SqliteConnection connection;
    private readonly ILogger logger;
    private readonly AutoResetEvent committed = new(false);
    private readonly Thread thread;
    private volatile bool stopping;

    private WalCheckpointer(SqliteConnection connection, ILogger logger)
    {
        this.connection = connection;
        this.logger = logger;
        thread = new Thread(Run) { IsBackground = true, Name = ThreadName };
        thread.Start();
    }

    /// <summary>
    /// Starts a checkpoint thread for the database of <paramref name="writer"/> (an open connection),
    /// or returns null when the database keeps no write-ahead log (an in-memory database) or a second
    /// connection cannot be opened; the writer's own checkpoints then do all the copying.
    /// </summary>
    public static WalCheckpointer? Start(SqliteConnection writer, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(logger);
        using (var mode = writer.CreateCommand())
        {
            mode.CommandText = "PRAGMA journal_mode;";
            if (!string.Equals(mode.ExecuteScalar() as string, "wal", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }

        // A connection of its own, never pooled: it lives and closes with the run.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(writer.ConnectionString) { Pooling = false }.ToString());
        try
        {
            connection.Open();
            return new WalCheckpointer(connection, logger);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            logger.LogWarning(e, "Could not open a second connection to copy the import's log into the database as it goes; the import copies it itself");
            return null;
        }
    }

    /// <summary>Tells the thread a group was committed: it copies what is committed, once, however many commits came meanwhile.</summary>
    public void Committed() => committed.Set();

    /// <summary>Stops the thread, after the copy it may be making, and closes its connection.</summary>
    public void Dispose()
    {
        stopping = true;
        committed.Set();
        thread.Join();
        connection.Dispose();
        committed.Dispose();
    }

    private void Run()
    {
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        while (true)
        {
            committed.WaitOne();
            if (stopping)
            {
                return;
            }

            try
            {
                checkpoint.ExecuteNonQuery();
            }
            catch (SqliteException e)
            {
                // The writer's own checkpoints still copy the log; nothing is lost but time.
                logger.LogWarning(e, "The import's log could not be copied into the database as it goes; the import copies it itself");
                return;
            }
        }
    }
}
