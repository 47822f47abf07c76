using SQLitePCL;

namespace PeoplesStories.Web.Data;

/// <summary>
/// Settings of the SQLite library itself, for the whole process, made before its first connection.
/// </summary>
internal static class SqliteLibrary
{
    private static int configured;
    private static int warned;

    /// <summary>
    /// Whether the memory statistics are off in this process (false when a connection was opened
    /// before <see cref="Configure"/>, as in a test run that opened its own first).
    /// </summary>
    public static bool MemoryStatisticsOff { get; private set; }

    /// <summary>
    /// Turns off SQLite's memory statistics (<c>SQLITE_CONFIG_MEMSTATUS</c>), on by default in the
    /// library the site ships: with them on, every allocation and release SQLite makes, on any
    /// connection, takes one lock for the whole process, which the concurrent searches contend for.
    /// SQLite allows the setting only before its first connection; after that it refuses it and
    /// nothing changes.
    /// </summary>
    public static void Configure()
    {
        if (Interlocked.Exchange(ref configured, 1) == 1)
        {
            return;
        }

        Batteries_V2.Init();
        MemoryStatisticsOff = raw.sqlite3_config(raw.SQLITE_CONFIG_MEMSTATUS, 0) == raw.SQLITE_OK;
    }

    /// <summary>Warns once per process when SQLite refused the setting (<see cref="Configure"/> came after a connection).</summary>
    public static void WarnIfRefused(ILogger logger)
    {
        if (!MemoryStatisticsOff && Interlocked.Exchange(ref warned, 1) == 0)
        {
            logger.LogWarning(
                "SQLite kept its memory statistics on: a connection was opened before the site set SQLite up, so every allocation SQLite makes takes one process-wide lock and searches under load are slower");
        }
    }
}
