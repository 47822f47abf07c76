using PeoplesStories.Web.Cli;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Editor;
using PeoplesStories.Web.Guestbook;
using PeoplesStories.Web.Hosting;
using PeoplesStories.Web.Import;
using PeoplesStories.Web.Reading;
using PeoplesStories.Web.Search;
using PeoplesStories.Web.Submissions;
using Serilog;

// One executable: with a command (import, export, create-editor) it runs the command and exits; otherwise it serves the site.
// The runtime settings of the site, or of an import (a batch job), come first: this may start the process again.
RuntimeSettings.RestartIfNeeded(args);
var isCommand = CommandLine.IsCommand(args);
var builder = WebApplication.CreateBuilder(isCommand ? [] : args);

// From a build folder (not a published one) the stylesheet lives in the project's wwwroot; this
// finds it in any environment. A published app has no such manifest and this does nothing.
builder.WebHost.UseStaticWebAssets();

builder.AddStoriesLogging(forCommand: isCommand);
builder.HideServerHeader();
builder.AddRequestLimits();
builder.Services.AddStoriesDatabase(builder.Configuration, builder.Environment);
builder.Services.AddArchiveImport();
builder.Services.AddReading();
builder.Services.AddStorySearch();
builder.Services.AddReaderApi();
builder.Services.AddHealth();
builder.Services.AddEditorAccounts();
builder.Services.AddGuestbook(builder.Configuration);
builder.Services.AddSubmissions(builder.Configuration);
builder.Services.AddRazorPages(EditorAccounts.ProtectEditorArea);
builder.Services.AddReaderOutputCache();
builder.Services.AddSingleton<StartupGate>();

// Several nodes, one site: Data Protection keys in the database, the output cache and content changes in Redis, forwarded headers.
builder.Services.AddDistributedState(builder.Configuration);

var app = builder.Build();

if (isCommand)
{
    return await CommandLine.RunAsync(args, app.Services, Console.In, Console.Out, Console.Error);
}

// The schema is brought up to date, an empty database is filled from seeds/, and the header's
// sections and countries are loaded while the host starts; requests wait at the gate until then.
var startup = app.Services.GetRequiredService<StartupGate>();
Task Prepare() => startup.RunAsync(async () =>
{
    await Task.Yield();
    await StoriesDatabase.MigrateAsync(app.Services);
    await SeedImport.ImportIfEmptyAsync(app.Services);
    app.Services.GetRequiredService<SiteNavigation>().Warm();
});

// Data Protection's key ring is in the database, and the host reads it as it starts: on SQLite its
// table is made first (the file is made with it); a PostgreSQL database may not exist before the
// migration makes it, so there all the preparation comes first.
Task preparing;
if (!PostgresDatabase.IsSelected(app.Configuration["Database:Provider"]))
{
    await StoriesDatabase.EnsureSqliteKeyRingTableAsync(app.Configuration, app.Environment);
    preparing = Prepare();
}
else
{
    preparing = Prepare();
    await preparing;
}

app.UseStartupGate();

// Behind a reverse proxy the client's address (rate limits) and scheme (secure cookies) come from its forwarded headers.
app.UseForwardedHeaders();

// Strict browser headers (a CSP without inline script, no framing, nosniff) on every answer, errors included.
app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
    app.UseHsts();
}

app.UseSerilogRequestLogging();

// Reader pages most read are answered from here, before routing and authentication (see ReaderFrontCache).
app.UseReaderFrontCache();
app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");

// Bodies and query strings larger than the site ever needs are refused (413, 400) before anything reads them.
app.UseRequestLimits();
app.UseRouting();

// The guestbook's sign form and Submit a Story are limited per client (their POSTs only); a refusal is a 429 with the site's page.
app.UseRateLimiter();

// Editors sign in with a cookie; every page under /editor needs the Editor (or Admin) role.
app.UseAuthentication();
app.UseAuthorization();

// Reader pages, feeds and API answers come from the output cache until the content changes (see ReaderOutputCache).
app.UseReaderOutputCache();
app.UseApiProblemDetails();

app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
var readerEndpoints = app.MapGroup("").CacheOutput(ReaderOutputCache.PolicyName);
readerEndpoints.MapStorySearchApi();
readerEndpoints.MapFeeds();
readerEndpoints.MapSitemapAndRobots();
readerEndpoints.MapReaderApi();
app.MapHealth();

await app.StartAsync();
try
{
    await preparing;
}
catch
{
    await app.StopAsync();
    throw;
}

await app.WaitForShutdownAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
