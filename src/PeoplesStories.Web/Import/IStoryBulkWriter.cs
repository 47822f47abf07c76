using PeoplesStories.Web.Data;

namespace PeoplesStories.Web.Import;

/// <summary>The importer's fast path for new stories, one per database engine.</summary>
internal interface IStoryBulkWriter : IDisposable
{
    /// <summary>Inserts a story with its updates, links, countries and first revision; returns the story's id.</summary>
    long Insert(PreparedStory story, string slug, int sectionId, DateTime now);
}

internal static class StoryBulkWriters
{
    /// <summary>The bulk writer for the context's database, inside its open transaction.</summary>
    public static IStoryBulkWriter Create(StoriesDbContext db) =>
        db.OnPostgres ? new PostgresStoryBulkWriter(db) : new StoryBulkWriter(db);
}
