using Npgsql;

namespace PeoplesStories.IntegrationTests.Infrastructure;

/// <summary>
/// The PostgreSQL server the suite runs on: <c>POSTGRES_TESTS_CONNECTION</c>, or a local server with the
/// role <c>stories</c> (password <c>stories</c>, CREATEDB). Each test's database is created fresh and dropped after.
/// </summary>
public static class PostgresServer
{
    public const string DefaultConnectionString = "Host=127.0.0.1;Username=stories;Password=stories";

    private static readonly Lazy<string?> Unavailable = new(Probe);

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("POSTGRES_TESTS_CONNECTION") is { Length: > 0 } configured ? configured : DefaultConnectionString;

    /// <summary>Why the suite cannot run here (no server answers, or it refuses the role), or null when it can.</summary>
    public static string? SkipReason => Unavailable.Value;

    /// <summary>A connection string for a database that does not exist yet: the app creates it when it migrates.</summary>
    public static string NewDatabase() =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "stories_test_" + Guid.NewGuid().ToString("N")[..16] }.ConnectionString;

    /// <summary>Drops a test's database, closing the connections the app left open.</summary>
    public static void DropDatabase(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        using var admin = new NpgsqlConnection(Maintenance());
        admin.Open();
        using var command = admin.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\" WITH (FORCE)";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                command.ExecuteNonQuery();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 20)
            {
                // A server process of another role (autovacuum) still works in the database: it ends soon.
                Thread.Sleep(250);
            }
        }
    }

    private static string Maintenance() => new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Timeout = 5 }.ConnectionString;

    private static string? Probe()
    {
        try
        {
            using var connection = new NpgsqlConnection(Maintenance());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT rolcreatedb FROM pg_roles WHERE rolname = current_user";
            return command.ExecuteScalar() is true
                ? null
                : $"PostgreSQL at '{connection.Host}:{connection.Port}' answers, but the role may not create databases (ALTER ROLE ... CREATEDB).";
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return $"No PostgreSQL server to run on ({e.Message}). Start one and create the role: see the README's PostgreSQL section, or set POSTGRES_TESTS_CONNECTION.";
        }
    }
}
