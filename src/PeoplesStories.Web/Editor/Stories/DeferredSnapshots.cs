using Microsoft.EntityFrameworkCore;
using PeoplesStories.Web.Data;

namespace PeoplesStories.Web.Editor.Stories;

/// <summary>
/// Revisions whose text is the story as it stands (<see cref="StoryRevision.Snapshot"/> null): an
/// imported story's first revision. The import stores the story once, in its rows, and no copy of it
/// as the revision's text; that text is written into the revision by whatever next changes the story
/// (an editor's save or restore, a merge of a re-imported file), before the change and in the same
/// transaction. Until then the revision's text is read from the story (<see cref="ReadAsync"/>).
/// </summary>
public static class DeferredSnapshots
{
    /// <summary>
    /// Writes the text of each of these stories into its revision that has none yet (at most one per
    /// story, its latest), as the stories stand now: call it with the stories loaded whole (section,
    /// updates with links, countries) and tracked, before changing them. Saved with the caller's next
    /// <c>SaveChanges</c>.
    /// </summary>
    public static async Task WriteAsync(StoriesDbContext db, IReadOnlyCollection<Story> stories, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(stories);
        if (stories.Count == 0)
        {
            return;
        }

        var byId = stories.ToDictionary(s => s.Id);
        var ids = byId.Keys.ToList();
        foreach (var revision in await db.StoryRevisions.Where(r => ids.Contains(r.StoryId) && r.Snapshot == null).ToListAsync(cancellationToken))
        {
            revision.Snapshot = StorySnapshot.FromStory(byId[revision.StoryId]).ToJson();
        }
    }

    /// <summary>
    /// A revision's text: as stored, or, for a revision whose text is the story as it stands, the
    /// story's (null when there is no such revision, or when a revision without text is not the
    /// story's latest, which nothing writes).
    /// </summary>
    public static async Task<StorySnapshot?> ReadAsync(StoriesDbContext db, int storyId, int number, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var revision = await db.StoryRevisions.AsNoTracking()
            .Where(r => r.StoryId == storyId && r.Number == number)
            .Select(r => new { r.Snapshot, Latest = !db.StoryRevisions.Any(n => n.StoryId == storyId && n.Number > number) })
            .FirstOrDefaultAsync(cancellationToken);
        if (revision is null)
        {
            return null;
        }

        if (revision.Snapshot is { } json)
        {
            return StorySnapshot.FromJson(json);
        }

        if (!revision.Latest)
        {
            return null;
        }

        var story = await StoryDesk.WholeStory(db.Stories.AsNoTracking()).FirstOrDefaultAsync(s => s.Id == storyId, cancellationToken);
        return story is null ? null : StorySnapshot.FromStory(story);
    }
}
