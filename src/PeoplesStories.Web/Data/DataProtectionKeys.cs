using System.Data.Common;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace PeoplesStories.Web.Data;

/// <summary>
/// Data Protection's key ring, in the stories database (table <c>DataProtectionKeys</c>: <c>Id</c>,
/// <c>FriendlyName</c>, <c>Xml</c>, the table EF Core's <c>PersistKeysToDbContext</c> keeps), so that
/// every node reads the same keys: a cookie or a form token made by one node is good on all. Read and
/// written with two plain statements rather than through an EF Core context: the key ring is read as the
/// host starts, before the first request is answered, and a context of its own (its model built, its
/// query compiled) took about 300 ms of every start.
/// </summary>
public sealed partial class DatabaseXmlRepository(Func<DbConnection> connect, ILogger<DatabaseXmlRepository> logger) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = connect();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Id", "Xml" FROM "DataProtectionKeys" ORDER BY "Id" """;
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            if (reader.IsDBNull(1) || reader.GetString(1) is not { Length: > 0 } xml)
            {
                continue;
            }

            try
            {
                elements.Add(XElement.Parse(xml));
            }
            catch (XmlException e)
            {
                // One damaged row must not cost the others: the keys still readable keep working.
                Unreadable(logger, reader.GetInt64(0), e);
            }
        }

        return elements.AsReadOnly();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var connection = connect();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """INSERT INTO "DataProtectionKeys" ("FriendlyName", "Xml") VALUES (@name, @xml)""";
        Parameter(command, "@name", friendlyName);
        Parameter(command, "@xml", element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }

    private static void Parameter(DbCommand command, string name, string? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = (object?)value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Data Protection key row {Id} is not readable XML and was skipped")]
    private static partial void Unreadable(ILogger logger, long id, Exception exception);
}

/// <summary>Keeps Data Protection's keys in the site's database, and creates their table.</summary>
public static class DataProtectionKeysTable
{
    /// <summary>Points Data Protection's key ring at the stories database (<see cref="DatabaseXmlRepository"/>).</summary>
    public static IServiceCollection AddDataProtectionKeysInDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration.GetConnectionString("Stories");
        var postgres = PostgresDatabase.IsSelected(configuration["Database:Provider"]);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
        {
            var sqlite = postgres ? null : StoriesDatabase.SqliteConnectionString(connectionString, provider.GetRequiredService<IHostEnvironment>().ContentRootPath);
            Func<DbConnection> connect = sqlite is null ? () => new NpgsqlConnection(connectionString) : () => new SqliteConnection(sqlite);
            var repository = new DatabaseXmlRepository(connect, provider.GetRequiredService<ILogger<DatabaseXmlRepository>>());
            return new ConfigureOptions<KeyManagementOptions>(options => options.XmlRepository = repository);
        });
        return services;
    }

    /// <summary>The SQLite table, as EF Core would make it for DataProtectionKey.</summary>
    public const string SqliteCreateTable =
        """CREATE TABLE IF NOT EXISTS "DataProtectionKeys" ("Id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "FriendlyName" TEXT NULL, "Xml" TEXT NULL)""";

    /// <summary>The table in the stories database, as EF Core would make it for DataProtectionKey; created if missing, never changed.</summary>
    public static Task EnsureCreatedAsync(StoriesDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.ExecuteSqlRawAsync(
            db.OnPostgres
                ? """CREATE TABLE IF NOT EXISTS "DataProtectionKeys" ("Id" integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "FriendlyName" text NULL, "Xml" text NULL)"""
                : SqliteCreateTable,
            cancellationToken);
    }
}
