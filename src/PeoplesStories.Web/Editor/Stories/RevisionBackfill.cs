using Microsoft.EntityFrameworkCore;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Import;

namespace PeoplesStories.Web.Editor.Stories;

/// <summary>
/// Gives every story stored before revisions were kept its first revision: "imported from FILE:LINE"
/// for an imported story, "submitted" for a reader's, the stored text otherwise. Every way a story is
/// stored now writes its first revision with it, so once every story has one this is a single query
/// that finds nothing; <see cref="RevisionBackfillService"/> runs it in the background after each start.
/// </summary>
public static class RevisionBackfill
{
    private const int Batch = 500;
    private const string SystemAuthor = "system";

    public static async Task FillAsync(StoriesDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        while (true)
        {
            var stories = await db.Stories
                .Where(s => !db.StoryRevisions.Any(r => r.StoryId == s.Id))
                .OrderBy(s => s.Id).Take(Batch)
                .Include(s => s.Section).Include(s => s.Updates).ThenInclude(u => u.Links).Include(s => s.Countries)
                .AsSplitQuery().AsNoTracking()
                .ToListAsync(cancellationToken);
            if (stories.Count == 0)
            {
                return;
            }

            var ids = stories.Select(s => s.Id).ToList();
            var submitted = (await db.Submissions.Where(s => ids.Contains(s.StoryId)).Select(s => s.StoryId).ToListAsync(cancellationToken)).ToHashSet();
            foreach (var story in stories)
            {
                var (kind, author, summary) = story.SourceFile is { } file
                    ? (RevisionKinds.Imported, ImportRevision.Author, ImportRevision.Summary(file, story.SourceLine ?? 0))
                    : submitted.Contains(story.Id)
                        ? (RevisionKinds.Submitted, SystemAuthor, "submitted through Submit a Story")
                        : (RevisionKinds.Edited, SystemAuthor, "the text as stored before revisions were kept");
                db.StoryRevisions.Add(new StoryRevision
                {
                    StoryId = story.Id,
                    Number = 1,
                    Kind = kind,
                    Author = author,
                    CreatedAt = story.CreatedAt,
                    Summary = summary,
                    Snapshot = StorySnapshot.FromStory(story).ToJson(),
                });
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }
}

/// <summary>
/// Runs <see cref="RevisionBackfill"/> once, after the site has started: the query that looks for
/// stories without a revision reads every story (over a second at 100,000), which must not stand
/// between a restart and the first page served. A failure is logged and tried again at the next start.
/// </summary>
internal sealed partial class RevisionBackfillService(IServiceScopeFactory scopes, Hosting.StartupGate startup, ILogger<RevisionBackfillService> logger) : BackgroundService
{
    /// <summary>The first requests after a start have the machine to themselves for this long.</summary>
    internal static readonly TimeSpan Delay = TimeSpan.FromSeconds(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await startup.Ready.WaitAsync(stoppingToken);
            await Task.Delay(Delay, stoppingToken);

            await using var scope = scopes.CreateAsyncScope();
            await RevisionBackfill.FillAsync(scope.ServiceProvider.GetRequiredService<StoriesDbContext>(), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The site is stopping; the rest is done at the next start.
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not give the stories stored before revisions were kept their first revision; trying again at the next start")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
