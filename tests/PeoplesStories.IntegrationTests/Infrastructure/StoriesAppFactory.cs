using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PeoplesStories.Testing;
using PeoplesStories.Web.Cli;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Hosting;
using PeoplesStories.Web.Reading;

namespace PeoplesStories.IntegrationTests.Infrastructure;

/// <summary>
/// The real app over a real database of its own (an SQLite file, or a fresh PostgreSQL database in the
/// Postgres test project: see <see cref="TestDatabase"/>), with a folder for the test's files; both are removed on dispose.
/// </summary>
public class StoriesAppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings = new(StringComparer.Ordinal);

    public StoriesAppFactory(string? databaseFolder = null, bool importSeeds = true, string? seedsPath = null)
    {
        Folder = databaseFolder ?? Directory.CreateTempSubdirectory("stories-test-").FullName;
        OwnsFolder = databaseFolder is null;
        Database = TestDatabase.Create(DatabasePath);
        foreach (var (key, value) in Database.Settings)
        {
            settings[key] = value;
        }

        settings["Seeds:Path"] = seedsPath ?? RepoPaths.Seeds;
        settings["Seeds:ImportOnStart"] = importSeeds ? "true" : "false";
    }

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "stories.db");

    public TestDatabase Database { get; }

    private bool OwnsFolder { get; }

    public StoriesAppFactory WithSetting(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    /// <summary>Runs a command line (import, export, create-editor) against this app's database, capturing its output.</summary>
    public Task<CommandResult> RunCommandAsync(params string[] args) => RunCommandWithStdinAsync("", args);

    /// <summary>Runs a command line with the given text as its standard input.</summary>
    public async Task<CommandResult> RunCommandWithStdinAsync(string stdin, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, Services, input, stdout, stderr);
        return new CommandResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs a query, or a write, on the app's own context; a write is then seen at the next request (see <see cref="ContentChanged"/>).</summary>
    public Task<T> QueryAsync<T>(Func<StoriesDbContext, Task<T>> query) => UseAsync(query);

    /// <summary>Calls one of the app's scoped services (a desk, the context) in a scope of its own; a write is then seen at the next request.</summary>
    public async Task<T> UseAsync<TService, T>(Func<TService, Task<T>> call)
        where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        var result = await call(scope.ServiceProvider.GetRequiredService<TService>());
        ContentChanged();
        return result;
    }

    /// <summary>
    /// Runs one SQL statement on a connection of its own and returns the first column of the first
    /// row; a write is then seen at the next request (see <see cref="ContentChanged"/>).
    /// </summary>
    /// <remarks>Quote identifiers (<c>"Stories"</c>, <c>"State"</c>) so that the SQL runs on SQLite and PostgreSQL alike.</remarks>
    public async Task<string?> ScalarAsync(string sql)
    {
        var result = await Database.ScalarAsync(sql);
        ContentChanged();
        return result;
    }

    /// <summary>
    /// A test's direct write to the database goes round the app's services, so it tells the app the
    /// content changed as those services do: the reader pages' output cache then misses, exactly as
    /// after an edit, a publish or an import.
    /// </summary>
    public void ContentChanged() => Services.GetRequiredService<ContentVersion>().Changed();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>The host once the site's start-up preparation is done (schema, seeds), so a test may read the database at once.</summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        host.Services.GetRequiredService<StartupGate>().Ready.GetAwaiter().GetResult();
        return host;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Database.Dispose();
        }

        if (disposing && OwnsFolder)
        {
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open only leaves a temp folder behind.
            }
        }
    }
}

public sealed record CommandResult(int ExitCode, string Stdout, string Stderr);
