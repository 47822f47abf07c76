using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using PeoplesStories.Archive.Countries;

namespace PeoplesStories.Web.Data;

public static class StoriesDatabase
{
    public const string DefaultConnectionString = "Data Source=App_Data/stories.db";

    /// <summary>How long a statement may run before it is stopped, in seconds.</summary>
    public const int CommandTimeoutSeconds = 30;

    /// <summary>How long a connection waits for a writer's lock before giving up: as long as a command may run.</summary>
    public const int BusyTimeoutMilliseconds = CommandTimeoutSeconds * 1000;

    /// <summary>Registers the stories database for the provider named by <c>Database:Provider</c>.</summary>
    public static IServiceCollection AddStoriesDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        services.AddSingleton(TimeProvider.System);
        if (PostgresDatabase.IsSelected(provider))
        {
            return services.AddPostgresStoriesDatabase(configuration.GetConnectionString("Stories"));
        }

        if (!provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Database:Provider '{provider}' is not supported. Use 'Sqlite' or 'Postgres'.");
        }

        var connectionString = SqliteConnectionString(configuration.GetConnectionString("Stories"), environment.ContentRootPath);
        SqliteLibrary.Configure();

        // Pooled: a context is reset and handed to the next request rather than built again; setting up
        // a new context's internal services took about 8% of an uncached search's processor time.
        // The model is the compiled one (Data/CompiledModel, made again after every model change; see
        // the README and CompiledModelTests): building it from the entity classes took about 500 ms of
        // every start.
        services.AddDbContextPool<StoriesDbContext>(options => options
            .UseSqlite(connectionString, sqlite => sqlite.CommandTimeout(CommandTimeoutSeconds))
            .UseModel(CompiledModel.StoriesDbContextModel.Instance)
            .AddInterceptors(SqlitePragmas.Instance));
        return services;
    }

    /// <summary>
    /// Resolves a relative <c>Data Source</c> against the content root (not the working directory),
    /// creates its folder, and sets the command timeout. Foreign keys are not in the connection
    /// string, where Microsoft.Data.Sqlite would run their pragma at every open (2–5 µs each, timed
    /// alone): the SQLite library the site ships enforces them by default, and each connection turns
    /// them on once whatever the library (<see cref="SqlitePragmas"/>).
    /// </summary>
    public static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? DefaultConnectionString : configured);
        var source = builder.DataSource;
        var inMemory = source.Length == 0 || source == ":memory:" || builder.Mode == SqliteOpenMode.Memory;
        if (!inMemory)
        {
            if (!Path.IsPathRooted(source))
            {
                source = Path.GetFullPath(Path.Combine(contentRoot, source));
                builder.DataSource = source;
            }

            var folder = Path.GetDirectoryName(source);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        builder.DefaultTimeout = CommandTimeoutSeconds;
        return builder.ToString();
    }

    /// <summary>
    /// Creates Data Protection's key table in an SQLite database if it is missing (as
    /// <see cref="MigrateAsync"/> does), on a plain connection: this comes before anything else at
    /// start, and EF Core's own start-up can then run beside the host's.
    /// </summary>
    public static async Task EnsureSqliteKeyRingTableAsync(IConfiguration configuration, IHostEnvironment environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        await using var connection = new SqliteConnection(SqliteConnectionString(configuration.GetConnectionString("Stories"), environment.ContentRootPath));
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = PageSizePragma + DataProtectionKeysTable.SqliteCreateTable;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Brings the schema up to date, turns on WAL and fills the country list. Safe to run at every start.
    /// </summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StoriesDbContext>();
        await MigrationGuard.MigrateAsync(db, cancellationToken);

        // Data Protection reads its key ring as the host starts, before any hosted service of the site's
        // could make the table: it is made here, with the schema, before the host starts.
        await DataProtectionKeysTable.EnsureCreatedAsync(db, cancellationToken);
        if (!db.OnPostgres)
        {
            SqliteLibrary.WarnIfRefused(scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StoriesDatabase)));

            // WAL lets readers go on while one writer writes; it is a property of the file, so once is enough.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await SyncCountriesAsync(db, CountryGazetteer.Default, cancellationToken);

        // Stories stored before revisions were kept get their first revision in the background
        // (Editor.Stories.RevisionBackfillService), once the site serves pages.
        await OptimizeAsync(db, cancellationToken);
    }

    /// <summary>
    /// Refreshes the query planner's statistics where the tables changed a lot (or were never
    /// measured). Without them SQLite may walk every published story to find one month's updates.
    /// A sampled ANALYZE (analysis_limit) keeps this quick on large databases.
    /// </summary>
    public static async Task OptimizeAsync(StoriesDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.OnPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002;", cancellationToken);
        }
    }

    /// <summary>Keeps the Countries table equal to the gazetteer's list (names and regions may change between versions).</summary>
    public static async Task SyncCountriesAsync(StoriesDbContext db, CountryGazetteer gazetteer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(gazetteer);

        // At most starts nothing has changed: a plain read tells (an EF Core query would be compiled
        // for it, on every start), and nothing is written.
        var current = (await db.Database.CountryRowsAsync(cancellationToken))
            .ToDictionary(c => c.Code, c => (c.Name, c.Region, c.SubRegion), StringComparer.Ordinal);
        if (current.Count == gazetteer.Countries.Count && gazetteer.Countries.All(country =>
                current.TryGetValue(country.Code, out var row) && row == (country.Name, country.Region, country.SubRegion)))
        {
            return;
        }

        var stored = await db.Countries.ToDictionaryAsync(c => c.Code, StringComparer.Ordinal, cancellationToken);
        foreach (var country in gazetteer.Countries)
        {
            if (stored.TryGetValue(country.Code, out var row))
            {
                row.Name = country.Name;
                row.Region = country.Region;
                row.SubRegion = country.SubRegion;
            }
            else
            {
                db.Countries.Add(new Country { Code = country.Code, Name = country.Name, Region = country.Region, SubRegion = country.SubRegion });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The Countries table, read with a plain statement (the start and the header's country list read it).</summary>
    internal static Task<List<(string Code, string Name, string Region, string SubRegion)>> CountryRowsAsync(this DatabaseFacade database, CancellationToken cancellationToken) =>
        database.ReadRowsAsync(
            """SELECT "Code", "Name", "Region", "SubRegion" FROM "Countries";""",
            reader => (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)),
            cancellationToken);

    /// <summary>
    /// Every row of one plain statement, each read by <paramref name="row"/>, on the context's
    /// connection (opened for it unless it is open already): what the start reads where an EF Core
    /// query would have to be compiled first. SQLite and PostgreSQL alike.
    /// </summary>
    internal static async Task<List<T>> ReadRowsAsync<T>(this DatabaseFacade database, string sql, Func<DbDataReader, T> row, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(row(reader));
            }
        }
        finally
        {
            await database.CloseConnectionAsync();
        }

        return rows;
    }

    /// <summary>
    /// The page size of a new SQLite database: 8 KiB, where SQLite's default is 4 KiB. A story's
    /// update (its text, and the text as HTML) and its first revision are several KiB each: at 4 KiB
    /// most spilled onto overflow pages, a fifth of a 100,000-story database was unused space in
    /// them, and an import wrote every such page twice (the WAL, then the database). At 8 KiB a
    /// third of that space is used and the database is 7% smaller, with searches as fast. 16 KiB
    /// imported about a fifth quicker but made searches 5–10% slower (each page read from the file
    /// is copied whole). A database that already has tables keeps the size it was made with
    /// (SQLite ignores the pragma).
    /// </summary>
    public const string PageSizePragma = "PRAGMA page_size=8192;";

    /// <summary>
    /// The page cache of each SQLite connection: 4 MiB (see SqlitePragmas). A search in a country and
    /// some years over 100,000 stories reads about 200 pages (1.6 MB: a common word's index pages
    /// near each of the country's stories, then the page's stories); with a 1 MiB cache each such
    /// search read all of them from the file again (about 200 reads of 8 KiB each; none at 3 MiB).
    /// </summary>
    public const string PageCachePragma = "PRAGMA cache_size=-4096;";

    /// <summary>
    /// Per-connection settings. synchronous=NORMAL is safe in WAL mode (a crash cannot corrupt the
    /// file; at worst the last commits before a power cut are lost) and avoids an fsync per commit.
    /// </summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        /// <summary>
        /// The context's connection, made here rather than by EF Core. EF Core adds eleven functions of
        /// its own to each SQLite connection it makes (<c>regexp</c>, and arithmetic on decimals, which
        /// the model does not have), and Microsoft.Data.Sqlite adds a connection's functions to SQLite
        /// again each time it is opened: 12–20 µs of every request that reads the database (one open
        /// and close, timed alone, against under 1 µs without them). The connection string is EF
        /// Core's, with the command timeout (<see cref="SqliteConnectionString"/>).
        /// </summary>
        public override InterceptionResult<DbConnection> ConnectionCreating(ConnectionCreatingEventData eventData, InterceptionResult<DbConnection> result) =>
            result.HasResult
                ? result
                : InterceptionResult<DbConnection>.SuppressWithResult(new SqliteConnection(eventData.ConnectionString));

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        /// <summary>The settings of <see cref="Apply"/>.</summary>
        private static readonly string Settings = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{PageSizePragma} PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={BusyTimeoutMilliseconds}; PRAGMA foreign_keys=ON; {PageCachePragma}");

        /// <summary>SQLite connections already set up: the pool hands the same ones out again, with their settings.</summary>
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> Applied = [];

        /// <summary>
        /// Per connection: the page size a new database is made with (<see cref="PageSizePragma"/>),
        /// synchronous NORMAL (see the README), a wait for the writer's lock, foreign keys enforced
        /// (cascading deletes), and a page cache of 4 MiB
        /// (<see cref="PageCachePragma"/>), and the search's <see cref="Search.InTitleFunction"/>. The
        /// cache is per connection and the pool keeps one connection per concurrent request; the
        /// operating system's file cache holds the database's hot pages for all of them.
        /// </summary>
        private static void Apply(DbConnection connection)
        {
            if (connection is SqliteConnection { Handle: { } handle } && Applied.TryGetValue(handle, out _))
            {
                return;
            }

            using var command = connection.CreateCommand();
            command.CommandText = Settings;
            command.ExecuteNonQuery();
            if (connection is SqliteConnection { Handle: { } opened } sqlite)
            {
                Search.InTitleFunction.Register(sqlite);
                Applied.AddOrUpdate(opened, Instance);
            }
        }
    }
}
