using PeoplesStories.Web.Cli;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Hosting;
using PeoplesStories.Web.Import;
using PeoplesStories.Web.Reading;
using Serilog;

// One executable: with a command (import, export) it runs the command and exits; otherwise it serves the site.
var isCommand = CommandLine.IsCommand(args);
var builder = WebApplication.CreateBuilder(isCommand ? [] : args);

builder.AddStoriesLogging(forCommand: isCommand);
builder.Services.AddStoriesDatabase(builder.Configuration, builder.Environment);
builder.Services.AddArchiveImport();
builder.Services.AddReading();
// [search: services]
// [feeds, api, health: services]
builder.Services.AddRazorPages();

var app = builder.Build();

if (isCommand)
{
    return await CommandLine.RunAsync(args, app.Services, Console.Out, Console.Error);
}

// The schema is brought up to date, and an empty database is filled from seeds/, before the first request.
await StoriesDatabase.MigrateAsync(app.Services);
await SeedImport.ImportIfEmptyAsync(app.Services);

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
    app.UseHsts();
}

app.UseSerilogRequestLogging();
app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
app.UseRouting();
app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
// [search: endpoints]
// [feeds, api, health: endpoints]

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
