using Microsoft.EntityFrameworkCore;
using PeoplesStories.Archive;
using PeoplesStories.Archive.Countries;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Import;
using PeoplesStories.Web.Reading;

namespace PeoplesStories.Web.Editor.Stories;

/// <summary>A story as the editor sees it: where it stands, and its text as a snapshot at a version.</summary>
public sealed record StoryEditing(
    int Id, string Slug, StoryState State, DateTime UpdatedAt, DateTime? PublishedAt, string? PublishedBy,
    int? SubmissionId, long Version, StorySnapshot Text);

/// <summary>A revision in a story's history (its snapshot left out).</summary>
public sealed record RevisionListing(int Number, string Kind, string Author, DateTime CreatedAt, string? Summary);

/// <summary>What a save did: saved (the story's id and its new revision), or refused because someone saved first.</summary>
public abstract record SaveOutcome
{
    public sealed record Saved(int StoryId, int Revision) : SaveOutcome;

    /// <summary>The story changed since the editor opened it: <paramref name="Theirs"/> is the story as stored now, at its new version.</summary>
    public sealed record Conflict(StoryEditing Theirs) : SaveOutcome;

    public sealed record Missing : SaveOutcome;
}

/// <summary>
/// Writing and revising stories: saves (each writing a revision, guarded by the story's version),
/// publishing, unpublishing, archiving and restoring. Every change readers can see goes through
/// <see cref="ContentVersion.Changed"/>, so no cached page outlives it.
/// </summary>
public sealed class StoryDesk(StoriesDbContext db, AuditLog audit, ContentVersion contentVersion, CountryGazetteer gazetteer, TimeProvider clock)
{
    public async Task<StoryEditing?> LoadAsync(int id, CancellationToken cancellationToken = default)
    {
        var story = await WholeStory(db.Stories.AsNoTracking()).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (story is null)
        {
            return null;
        }

        var submissionId = await db.Submissions.Where(s => s.StoryId == id).Select(s => (int?)s.Id).FirstOrDefaultAsync(cancellationToken);
        return new StoryEditing(story.Id, story.Slug, story.State, story.UpdatedAt, story.PublishedAt, story.PublishedBy, submissionId, story.Version, StorySnapshot.FromStory(story));
    }

    /// <summary>Creates a story (a Draft) from a validated snapshot, with its first revision.</summary>
    public async Task<SaveOutcome.Saved> CreateAsync(StorySnapshot text, string actor, string? summary, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sectionId = await StoryNaming.SectionIdAsync(db, text.Section, cancellationToken);
        var story = new Story
        {
            Slug = await StoryNaming.AllocateSlugAsync(db, text.Title, cancellationToken),
            Title = text.Title,
            Byline = text.Byline,
            MatchKey = StoryMapping.StoryKey(text.Title, text.Byline),
            State = StoryState.Draft,
        };
        Apply(story, text, sectionId);
        db.Stories.Add(story);
        return (SaveOutcome.Saved)await SaveWithRevisionAsync(story, RevisionKinds.Edited, actor, summary, cancellationToken);
    }

    /// <summary>
    /// Saves an editor's text over the story, if the story is still at <paramref name="version"/>
    /// (the version the editor opened); otherwise nothing is saved and the stored text comes back.
    /// </summary>
    public async Task<SaveOutcome> SaveAsync(int id, long version, StorySnapshot text, string actor, string? summary, CancellationToken cancellationToken = default) =>
        await SaveAsync(id, version, text, RevisionKinds.Edited, actor, summary, cancellationToken);

    /// <summary>Puts an old revision's text back as a new revision (the history keeps everything in between).</summary>
    public async Task<SaveOutcome> RestoreAsync(int id, int number, string actor, CancellationToken cancellationToken = default)
    {
        var snapshot = await DeferredSnapshots.ReadAsync(db, id, number, cancellationToken);
        var version = await db.Stories.Where(s => s.Id == id).Select(s => (long?)s.Version).FirstOrDefaultAsync(cancellationToken);
        if (snapshot is null || version is null)
        {
            return new SaveOutcome.Missing();
        }

        var summary = $"restored revision {number}";
        var outcome = await SaveAsync(id, version.Value, snapshot, RevisionKinds.Restored, actor, summary, cancellationToken);
        if (outcome is SaveOutcome.Saved)
        {
            await audit.WriteAsync(StoryAuditActions.Restore, actor, Subject(id), summary, cancellationToken);
        }

        return outcome;
    }

    public Task<bool> PublishAsync(int id, string actor, CancellationToken cancellationToken = default) =>
        ChangeStateAsync(id, StoryState.Published, StoryAuditActions.Publish, actor, cancellationToken);

    /// <summary>Back to Draft: readers no longer find it.</summary>
    public Task<bool> UnpublishAsync(int id, string actor, CancellationToken cancellationToken = default) =>
        ChangeStateAsync(id, StoryState.Draft, StoryAuditActions.Unpublish, actor, cancellationToken);

    public Task<bool> ArchiveAsync(int id, string actor, CancellationToken cancellationToken = default) =>
        ChangeStateAsync(id, StoryState.Archived, StoryAuditActions.Archive, actor, cancellationToken);

    public async Task<IReadOnlyList<RevisionListing>> HistoryAsync(int id, CancellationToken cancellationToken = default) =>
        await db.StoryRevisions.AsNoTracking().Where(r => r.StoryId == id).OrderByDescending(r => r.Number)
            .Select(r => new RevisionListing(r.Number, r.Kind, r.Author, r.CreatedAt, r.Summary))
            .ToListAsync(cancellationToken);

    public Task<StorySnapshot?> RevisionAsync(int id, int number, CancellationToken cancellationToken = default) =>
        DeferredSnapshots.ReadAsync(db, id, number, cancellationToken);

    /// <summary>The sections an editor can choose from.</summary>
    public async Task<IReadOnlyList<string>> SectionsAsync(CancellationToken cancellationToken = default) =>
        await db.Sections.AsNoTracking().OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(cancellationToken);

    /// <summary>Stories with what their text is made of: section, updates with links, countries (what <see cref="StorySnapshot.FromStory"/> reads).</summary>
    internal static IQueryable<Story> WholeStory(IQueryable<Story> stories) =>
        stories.Include(s => s.Section).Include(s => s.Updates).ThenInclude(u => u.Links).Include(s => s.Countries).AsSplitQuery();

    private async Task<SaveOutcome> SaveAsync(int id, long version, StorySnapshot text, string kind, string actor, string? summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);

        // A new section is stored first, in a save of its own, before the story is touched: the story is then saved once, with its revision.
        var sectionId = await StoryNaming.SectionIdAsync(db, text.Section, cancellationToken);
        var story = await WholeStory(db.Stories).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (story is null)
        {
            return new SaveOutcome.Missing();
        }

        if (story.Version != version)
        {
            return await ConflictAsync(id, cancellationToken);
        }

        // The text of a revision that has none yet is the story as it stands, so it is written before the story changes.
        await DeferredSnapshots.WriteAsync(db, [story], cancellationToken);

        // The token the UPDATE is checked against is the version the editor opened, so a save that
        // slipped in between this read and the write is caught too.
        var entry = db.Entry(story);
        entry.Property(s => s.Version).OriginalValue = version;
        entry.Property(s => s.UpdatedAt).IsModified = true;
        Apply(story, text, sectionId);
        try
        {
            return await SaveWithRevisionAsync(story, kind, actor, summary, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await ConflictAsync(id, cancellationToken);
        }
    }

    private async Task<SaveOutcome> ConflictAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) is { } theirs ? new SaveOutcome.Conflict(theirs) : new SaveOutcome.Missing();

    /// <summary>
    /// Saves the story, then its revision (which needs the ids the new updates were given), in one
    /// transaction; readers' caches are told when the story is one they can see.
    /// </summary>
    private async Task<SaveOutcome> SaveWithRevisionAsync(Story story, string kind, string actor, string? summary, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        // The snapshot names the section the story is in now (the navigation may still hold the one it left).
        story.Section = (await db.Sections.FindAsync([story.SectionId], cancellationToken))!;
        var number = (await db.StoryRevisions.Where(r => r.StoryId == story.Id).MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0) + 1;
        db.StoryRevisions.Add(new StoryRevision
        {
            StoryId = story.Id,
            Number = number,
            Kind = kind,
            Author = actor,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            Summary = string.IsNullOrWhiteSpace(summary) ? null : summary.Trim(),
            Snapshot = StorySnapshot.FromStory(story).ToJson(),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (story.State == StoryState.Published)
        {
            contentVersion.Changed();
        }

        return new SaveOutcome.Saved(story.Id, number);
    }

    /// <summary>Writes a validated snapshot onto the story: updates matched by id (kept, changed, added, removed), links and countries replaced.</summary>
    private void Apply(Story story, StorySnapshot text, int sectionId)
    {
        story.Title = text.Title;
        story.Byline = text.Byline;
        story.SectionId = sectionId;

        var kept = text.Updates.Where(u => u.Id is not null).Select(u => u.Id!.Value).ToHashSet();
        story.Updates.RemoveAll(u => u.Id != 0 && !kept.Contains(u.Id));
        for (var position = 0; position < text.Updates.Count; position++)
        {
            var input = text.Updates[position];
            var update = story.Updates.Find(u => u.Id != 0 && u.Id == input.Id);
            if (update is null)
            {
                update = new StoryUpdate { Body = "", MatchKey = "" };
                story.Updates.Add(update);
            }

            Apply(update, input, position);
        }

        var tags = gazetteer.Tag(text.Title, text.Updates.SelectMany(u => u.Headline is null ? [u.Body] : new[] { u.Headline, u.Body }))
            .ToDictionary(t => t.Code, StringComparer.Ordinal);
        story.Countries.Clear();
        foreach (var country in text.Countries)
        {
            story.Countries.Add(new StoryCountry { CountryCode = country.Code, Mentions = tags.GetValueOrDefault(country.Code)?.Mentions ?? 0, IsPrimary = country.Primary });
        }

        story.RefreshLatestUpdate();
    }

    private static void Apply(StoryUpdate update, SnapshotUpdate input, int position)
    {
        var date = input.ParsedDate;
        update.Position = position;
        update.DateValue = date?.Start;
        update.DatePrecision = date?.Precision;
        update.DateText = input.DateText;
        update.DateInferred = input.DateInferred;
        update.Headline = input.Headline;
        update.Body = input.Body;
        update.BodyHtml = StoryMarkdown.ToSafeHtml(input.Body);
        var links = input.Links.Select(url => ArchiveLink.TryFromUrl(url, 0, out var link) ? link : null).OfType<ArchiveLink>().ToList();

        // The key that recognises an update on re-import stays the one it was imported with.
        if (update.MatchKey.Length == 0)
        {
            update.MatchKey = StoryMapping.UpdateKey(new ArchiveUpdate(0, date, input.DateText, input.DateInferred, input.Headline, [input.Body], links));
        }

        update.Links.Clear();
        for (var i = 0; i < links.Count; i++)
        {
            update.Links.Add(new SourceLink { Position = i, Url = links[i].Url, Host = links[i].Host, DateValue = links[i].Date?.Start, DatePrecision = links[i].Date?.Precision });
        }
    }

    /// <summary>
    /// Sets the story's state; false when there is no such story, it is in that state already, or it
    /// is a submission's story (Pending or Rejected): those are published or rejected on the
    /// submission's review page, and a rejection stands.
    /// </summary>
    private async Task<bool> ChangeStateAsync(int id, StoryState state, string action, string actor, CancellationToken cancellationToken)
    {
        var story = await db.Stories.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (story is null || story.State == state || story.State is StoryState.Pending or StoryState.Rejected)
        {
            return false;
        }

        var wasPublic = story.State == StoryState.Published;
        story.State = state;
        if (state == StoryState.Published)
        {
            story.PublishedAt = clock.GetUtcNow().UtcDateTime;
            story.PublishedBy = actor;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (wasPublic || state == StoryState.Published)
        {
            contentVersion.Changed();
        }

        await audit.WriteAsync(action, actor, Subject(id), story.Title, cancellationToken);
        return true;
    }

    private static string Subject(int id) => $"story {id}";
}

/// <summary>The audit log's story actions.</summary>
public static class StoryAuditActions
{
    public const string Publish = "publish";
    public const string Unpublish = "unpublish";
    public const string Archive = "archive";
    public const string Restore = "restore";
}
