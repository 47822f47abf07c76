using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PeoplesStories.Testing;

namespace PeoplesStories.BrowserTests.Infrastructure;

/// <summary>
/// The real app on real Kestrel (a free loopback port), over a SQLite file of its own filled from seeds/,
/// configured as the integration tests' factory is.
/// </summary>
public sealed class BrowserAppFactory : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string> settings;

    /// <summary>The app, with <paramref name="settings"/> (if any) over the defaults below.</summary>
    public BrowserAppFactory(IReadOnlyDictionary<string, string>? settings = null)
    {
        this.settings = settings ?? new Dictionary<string, string>();
        Folder = Directory.CreateTempSubdirectory("stories-browser-").FullName;
        UseKestrel(0);
    }

    public string Folder { get; }

    /// <summary>Starts Kestrel and returns the address it listens on, e.g. http://127.0.0.1:41234.</summary>
    public Uri Start()
    {
        StartServer();
        Services.GetRequiredService<PeoplesStories.Web.Hosting.StartupGate>().Ready.GetAwaiter().GetResult();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("Kestrel reports no http address: " + string.Join(", ", addresses));
        // Kestrel may report a wildcard host; the browser needs a concrete loopback one.
        var uri = new UriBuilder(address) { Host = "127.0.0.1" }.Uri;
        return uri;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development, MapStaticAssets serves a browser (Accept-Encoding: gzip) the precompressed
        // css/site.css.gz, which only a published wwwroot holds; from a build it comes from the static web
        // assets manifest, which only Development enables by itself. Without this the CSS is an empty 200.
        builder.UseStaticWebAssets();
        builder.UseSetting("ConnectionStrings:Stories", $"Data Source={Path.Combine(Folder, "stories.db")}");
        builder.UseSetting("Seeds:Path", RepoPaths.Seeds);
        builder.UseSetting("Seeds:ImportOnStart", "true");
        // The browser fills the guestbook faster than a person would, and every test signs from 127.0.0.1.
        builder.UseSetting("Guestbook:MinimumSecondsToSubmit", "0");
        builder.UseSetting("RateLimiting:Guestbook:PermitLimit", "100");
        // The same for Submit a Story.
        builder.UseSetting("Submit:MinimumSecondsToSubmit", "0");
        builder.UseSetting("RateLimiting:Submit:PermitLimit", "100");
        // One line per request would drown the test output; the browser's own failures are reported per test.
        builder.UseSetting("Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware", "Warning");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
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
