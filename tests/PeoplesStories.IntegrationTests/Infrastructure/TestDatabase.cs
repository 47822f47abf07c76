#if POSTGRES_TESTS
using Npgsql;
#else
using Microsoft.Data.Sqlite;
#endif

namespace PeoplesStories.IntegrationTests.Infrastructure;

/// <summary>
/// A database of one test's own, for the provider this test project runs on: an SQLite file in the
/// test's folder, or (in PeoplesStories.IntegrationTests.Postgres, built with POSTGRES_TESTS) a fresh
/// PostgreSQL database on the server of <see cref="PostgresServer"/>, dropped on dispose.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private TestDatabase(string provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
    }

    /// <summary>The value of <c>Database:Provider</c>.</summary>
    public string Provider { get; }

    /// <summary>The value of <c>ConnectionStrings:Stories</c>.</summary>
    public string ConnectionString { get; }

    public static bool IsPostgres =>
#if POSTGRES_TESTS
        true;
#else
        false;
#endif

    /// <summary>A new, empty database (the app creates its schema on first start, or the command on first run).</summary>
    public static TestDatabase Create(string sqliteFile)
    {
#if POSTGRES_TESTS
        return new TestDatabase("Postgres", PostgresServer.NewDatabase());
#else
        return new TestDatabase("Sqlite", $"Data Source={sqliteFile}");
#endif
    }

    /// <summary>The settings that point the app at this database.</summary>
    public IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Database:Provider", Provider),
        new("ConnectionStrings:Stories", ConnectionString),
    ];

    /// <summary>Runs one SQL statement on a connection of its own and returns the first column of the first row.</summary>
    public async Task<string?> ScalarAsync(string sql)
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync())?.ToString();
    }

    /// <summary>
    /// Takes the database away under a running app, so that nothing can open it: the SQLite file is
    /// replaced by a folder of the same name; the PostgreSQL database is dropped.
    /// </summary>
    public void TakeAway()
    {
#if POSTGRES_TESTS
        PostgresServer.DropDatabase(ConnectionString);
#else
        SqliteConnection.ClearAllPools();
        var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(file + suffix);
        }

        Directory.CreateDirectory(file);
#endif
    }

    public void Dispose()
    {
#if POSTGRES_TESTS
        PostgresServer.DropDatabase(ConnectionString);
#else
        SqliteConnection.ClearAllPools();
#endif
    }

#if POSTGRES_TESTS
    private NpgsqlConnection Open() => new(ConnectionString);
#else
    private SqliteConnection Open() => new(ConnectionString);
#endif
}
