using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace PeoplesStories.Web.Data;

/// <summary>
/// Statements run beside EF Core: commands on the context's connection (the readers' hot paths), and
/// the bulk writers' use of SQLite's own API, where a failed call becomes the SqliteException
/// Microsoft.Data.Sqlite would throw.
/// </summary>
internal static class SqliteStatements
{
    /// <summary>A command on the context's connection (which the caller has opened), in its transaction if one is open, with the parameters given.</summary>
    public static SqliteCommand Command(DatabaseFacade database, string sql, params ReadOnlySpan<(string Name, object Value)> parameters)
    {
        var command = (SqliteCommand)database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = database.CurrentTransaction?.GetDbTransaction() as SqliteTransaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    /// <summary>Throws for any result but OK, DONE or ROW, with SQLite's message for the connection.</summary>
    public static void Check(sqlite3 handle, int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            throw SqliteNative.Error(handle.DangerousGetHandle(), rc);
        }
    }

    /// <summary>Steps a write to its end and makes the statement ready for the next row.</summary>
    public static void Execute(sqlite3 handle, sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
        {
            Check(handle, rc);
        }
    }
}
