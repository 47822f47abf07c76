using Microsoft.EntityFrameworkCore;
using PeoplesStories.Web.Data;

namespace PeoplesStories.Web.Import;

/// <summary>On first start, fills an empty database from the archive files in <c>Seeds:Path</c>.</summary>
public static class SeedImport
{
    /// <summary>
    /// The seeds folder: <c>Seeds:Path</c> when set (relative to the content root); else the
    /// repository's <c>seeds/</c> when running from a clone; else the copy published beside the app.
    /// </summary>
    public static string? ResolveSeedsPath(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var configured = configuration["Seeds:Path"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(Path.Combine(environment.ContentRootPath, configured));
        }

        string[] candidates =
        [
            Path.Combine(environment.ContentRootPath, "..", "..", "seeds"),
            Path.Combine(AppContext.BaseDirectory, "seeds"),
        ];
        return candidates.Select(Path.GetFullPath).FirstOrDefault(Directory.Exists);
    }

    public static async Task ImportIfEmptyAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var configuration = services.GetRequiredService<IConfiguration>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SeedImport));
        if (!configuration.GetValue("Seeds:ImportOnStart", true))
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StoriesDbContext>();
        // A plain statement: at most starts the database has stories, and nothing else on the start's
        // way needs EF Core's query compiler (see StoryReader.SqliteListAsync).
        if ((await db.Database.ReadRowsAsync("""SELECT 1 FROM "Stories" LIMIT 1;""", _ => true, cancellationToken)).Count > 0)
        {
            return;
        }

        var path = ResolveSeedsPath(configuration, services.GetRequiredService<IHostEnvironment>());
        if (path is null || !Directory.Exists(path))
        {
            logger.LogWarning("The database holds no story and no seeds folder was found ({Path}); set Seeds:Path to import the archive on start", path ?? "seeds/");
            return;
        }

        var (files, _) = ArchiveImportRun.Expand([path]);
        var run = scope.ServiceProvider.GetRequiredService<ArchiveImportRun>();
        var results = await run.RunAsync(files, dryRun: false, cancellationToken: cancellationToken);
        foreach (var (_, report) in results)
        {
            foreach (var error in report.Errors)
            {
                logger.LogError("Seed {File}:{Line}: {Message}", report.File, error.Line, error.Message);
            }

            foreach (var warning in report.Warnings)
            {
                logger.LogWarning("Seed {File}:{Line}: {Message}", report.File, warning.Line, warning.Message);
            }
        }

        logger.LogInformation("Imported {Stories} stories from {Files} seed files in {Path}",
            results.Sum(r => r.Report.StoriesAdded), results.Count(r => !r.Report.HasErrors), path);
    }
}
