using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PeoplesStories.Archive.Parsing;
using PeoplesStories.Benchmarks;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Import;
using PeoplesStories.Web.Reading;
using PeoplesStories.Web.Search;

// Archive throughput: generate N synthetic stories, then measure parsing or importing them, one
// measurement per process so each peak-memory figure is that step's own.
//   generate N DIR      write N stories as archive pages (100 stories a page) into DIR
//   parse DIR           parse every page; print stories/s and peak memory
//   import DIR DB       import every page into a new database DB; print stories/s and peak memory
//   search DB [Q...]    run each search 50 times (after one warm-up) on DB; print p50, p95 and max
//   highlight DB [Q...] mark the titles and pick the snippets of each search's ten newest matches
//                       in DB (an SQLite file) as a results page does, 20,000 times; print µs a page
// DB is an SQLite file, or a PostgreSQL connection string (Host=...;Database=...), whose database
// the import drops and creates afresh.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: generate N DIR | parse DIR | import DIR DB | search DB [QUERY...] | highlight DB [QUERY...]");
    return 2;
}

switch (args[0])
{
    case "generate":
    {
        var count = int.Parse(args[1], CultureInfo.InvariantCulture);
        var files = new SyntheticArchive().Write(args[2], count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated {count} stories in {files.Count} files, {files.Sum(f => new FileInfo(f).Length) / 1048576.0:F1} MB"));
        return 0;
    }

    case "parse":
    {
        // Once on one thread, then once more with a file per core: the importer reads on one
        // thread beside the one that stores, so the first figure is the one that bounds it.
        var files = Directory.GetFiles(args[1], "*.txt").Order(StringComparer.Ordinal).ToList();
        var clock = Stopwatch.StartNew();
        int stories = 0, errors = 0;
        foreach (var file in files)
        {
            var parsed = ArchiveParser.Default.ParseFile(file);
            stories += parsed.Stories.Count;
            errors += parsed.Errors.Count;
        }

        clock.Stop();
        Report("parse (1 thread)", stories, errors, clock.Elapsed);

        clock.Restart();
        var parallelStories = 0;
        Parallel.ForEach(files, file => Interlocked.Add(ref parallelStories, ArchiveParser.Default.ParseFile(file).Stories.Count));
        clock.Stop();
        Report($"parse ({Environment.ProcessorCount} threads)", parallelStories, 0, clock.Elapsed);
        return errors == 0 ? 0 : 1;
    }

    case "import":
    {
        await using var app = Site(args[2]);
        if (IsPostgres(args[2]))
        {
            await using var fresh = app.Services.CreateAsyncScope();
            await fresh.ServiceProvider.GetRequiredService<StoriesDbContext>().Database.EnsureDeletedAsync();
        }

        await StoriesDatabase.MigrateAsync(app.Services);

        var (files, _) = ArchiveImportRun.Expand([args[1]]);
        await using var scope = app.Services.CreateAsyncScope();
        var run = scope.ServiceProvider.GetRequiredService<ArchiveImportRun>();
        var clock = Stopwatch.StartNew();
        var results = await run.RunAsync(files, dryRun: false);
        clock.Stop();
        var errors = results.Sum(r => r.Report.Errors.Count);
        Report("import", results.Sum(r => r.Report.StoriesAdded), errors, clock.Elapsed);
        return errors == 0 ? 0 : 1;
    }

    case "search":
    {
        await using var app = Site(args[1]);
        var queries = args.Length > 2 ? args[2..] : ["rights", "journalists detained", "\"hunger strike\"", "censor*"];
        foreach (var text in queries)
        {
            var times = new List<double>();
            var total = 0;
            for (var i = 0; i <= 50; i++)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var search = scope.ServiceProvider.GetRequiredService<StorySearch>();
                var clock = Stopwatch.StartNew();
                total = (await search.SearchAsync(new SearchQuery(text))).Total;
                if (i > 0)
                {
                    times.Add(clock.Elapsed.TotalMilliseconds);
                }
            }

            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"search {text}: {total} hits; p50 {times[times.Count / 2]:F1} ms, p95 {times[(int)(times.Count * 0.95)]:F1} ms, max {times[^1]:F1} ms"));
        }

        return 0;
    }

    case "highlight":
    {
        // The stored texts a results page marks (the index's title and body of each story), read
        // once; then only the highlighter is timed, the way StorySearch.Markup runs it for a page.
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.GetFullPath(args[1])};Mode=ReadOnly");
        connection.Open();
        var queries = args.Length > 2 ? args[2..] : ["\"hunger strike\"", "rights", "rights defenders"];
        foreach (var text in queries)
        {
            var terms = SearchExpression.Parse(text);
            var page = new List<(string Title, string Body)>();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = """SELECT "title", "body" FROM "StorySearch" WHERE "StorySearch" MATCH @match ORDER BY "rowid" DESC LIMIT 10""";
                command.Parameters.AddWithValue("@match", SearchExpression.ToMatch(terms, "title byline body"));
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    page.Add((reader.GetString(0), reader.GetString(1)));
                }
            }

            const int Pages = 20_000;
            var clock = new Stopwatch();
            for (var round = 0; round < 2; round++)
            {
                // The first round warms the code up (the runtime optimises what runs most); the second is timed.
                clock.Restart();
                for (var i = 0; i < Pages; i++)
                {
                    using var highlighter = new SearchHighlighter(terms);
                    foreach (var (title, body) in page)
                    {
                        _ = highlighter.HighlightHtml(title);
                        _ = highlighter.SnippetHtml(body, StorySearch.SnippetTokens);
                    }
                }

                clock.Stop();
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"highlight {text}: {page.Count} stories, {page.Sum(p => p.Body.Length) / Math.Max(1, page.Count)} characters a body; {clock.Elapsed.TotalMicroseconds / Pages:F1} µs a page"));
        }

        return 0;
    }

    default:
        Console.Error.WriteLine($"unknown mode '{args[0]}'");
        return 2;
}

static bool IsPostgres(string database) => database.Contains("Host=", StringComparison.OrdinalIgnoreCase);

// The site's database, reading and search services, for an SQLite file or a PostgreSQL connection string.
static WebApplication Site(string database)
{
    var builder = WebApplication.CreateBuilder(
    [
        "--Database:Provider", IsPostgres(database) ? "Postgres" : "Sqlite",
        "--ConnectionStrings:Stories", IsPostgres(database) ? database : $"Data Source={Path.GetFullPath(database)}",
        "--Seeds:ImportOnStart", "false",
    ]);
    builder.Logging.ClearProviders();
    builder.Services.AddStoriesDatabase(builder.Configuration, builder.Environment);
    builder.Services.AddArchiveImport();
    builder.Services.AddReading();
    builder.Services.AddStorySearch();
    return builder.Build();
}

static void Report(string step, int stories, int errors, TimeSpan elapsed)
{
    using var self = Process.GetCurrentProcess();
    self.Refresh();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{step}: {stories} stories in {elapsed.TotalSeconds:F2} s = {stories / elapsed.TotalSeconds:F0} stories/s; peak memory {self.PeakWorkingSet64 / 1048576.0:F0} MB; errors {errors}"));
}
