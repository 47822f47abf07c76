using Microsoft.EntityFrameworkCore;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Import;

namespace PeoplesStories.Web.Editor.Stories;

/// <summary>
/// Gives every story stored before revisions were kept its first revision, at start: "imported from
/// FILE:LINE" for an imported story, "submitted" for a reader's, the stored text otherwise. Once
/// every story has one this is a single query that finds nothing.
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
