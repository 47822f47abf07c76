using Microsoft.EntityFrameworkCore;
using PeoplesStories.Archive;
using PeoplesStories.Archive.Countries;
using PeoplesStories.Archive.Text;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Editor.Stories;
using PeoplesStories.Web.Search;

namespace PeoplesStories.Web.Import;

/// <summary>What importing one archive file did.</summary>
public sealed record ImportFileReport(
    string File,
    string? Section,
    int Stories,
    int StoriesAdded,
    int StoriesMerged,
    int StoriesUnchanged,
    int UpdatesAdded,
    IReadOnlyList<ArchiveDiagnostic> Errors,
    IReadOnlyList<ArchiveDiagnostic> Warnings)
{
    public bool HasErrors => Errors.Count > 0;
}

/// <summary>
/// Turns parsed archive files into stored stories. Each file is all or nothing: it is stored in a
/// transaction of its own (a savepoint, SQL's nested transaction), so a bad file leaves nothing
/// behind and never stops the others. Files are committed in groups (every
/// <see cref="FilesPerCommit"/> files or <see cref="CommitInterval"/>, whichever comes first), so
/// that a run of many small pages does not pay a full commit per page. Importing is idempotent:
/// the same files again change nothing, and a story already stored (same title and byline after
/// folding) gains only the updates it lacks. New stories go in through the bulk writer; merges go
/// through EF Core. Call <see cref="FinishAsync"/> at the end of a run.
/// </summary>
public sealed class ArchiveImporter(
    StoriesDbContext db,
    CountryGazetteer gazetteer,
    TimeProvider clock,
    Reading.ContentVersion contentVersion,
    ILogger<ArchiveImporter> logger) : IAsyncDisposable
{
    public const int FilesPerCommit = 200;

    public static readonly TimeSpan CommitInterval = TimeSpan.FromSeconds(2);

    private const int QueryChunk = 500;
    private const string FileSavepoint = "archive_file";

    /// <summary>The import's own settings on its SQLite connection (see <see cref="GroupAsync"/>).</summary>
    private const string RunSettings = "PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=32768; PRAGMA temp_store=MEMORY;";

    /// <summary>The settings every other connection of the site has (SQLite's defaults and <see cref="StoriesDatabase.PageCachePragma"/>), given back at the run's end.</summary>
    private const string SiteSettings = "PRAGMA wal_autocheckpoint=1000; PRAGMA temp_store=DEFAULT; " + StoriesDatabase.PageCachePragma;

    private readonly Dictionary<string, int> knownSections = new(StringComparer.Ordinal);
    private readonly List<long> fileStories = [];
    private readonly List<long> groupStories = [];
    private readonly List<SearchRow> fileRows = [];
    private IStoryBulkWriter? writer;
    private StorySearch.SuspendedIndexing? suspendedIndexing;
    private bool? sqlite;
    private readonly List<ArchiveDiagnostic> fileConflicts = [];
    private Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? group;
    private int filesInGroup;
    private int indexedThisRun;
    private bool runOpen;
    private long groupStarted;

    /// <summary>Whether the connection has <see cref="RunSettings"/>, to be given back as <see cref="SiteSettings"/>.</summary>
    private bool runSettings;

    /// <summary>The thread that copies committed groups into the database file as the run goes (SQLite).</summary>
    private WalCheckpointer? checkpointer;

    /// <summary>
    /// Works out what storing a parsed file needs from the file alone (<see cref="PreparedArchiveFile"/>).
    /// Touches no database, so it may run on another thread while this importer stores an earlier file.
    /// </summary>
    public PreparedArchiveFile Prepare(ArchiveFile file) => PreparedArchiveFile.Prepare(file, gazetteer);

    /// <summary>Stores the stories of one parsed file, or nothing when the file has errors.</summary>
    public Task<ImportFileReport> ImportAsync(ArchiveFile file, CancellationToken cancellationToken = default) =>
        ImportAsync(Prepare(file), cancellationToken);

    /// <summary>Stores the stories of one prepared file, or nothing when the file has errors.</summary>
    public async Task<ImportFileReport> ImportAsync(PreparedArchiveFile prepared, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var file = prepared.File;
        if (file.HasErrors)
        {
            return Report(file, default, file.Errors);
        }

        var transaction = await GroupAsync(cancellationToken);
        await transaction.CreateSavepointAsync(FileSavepoint, cancellationToken);
        fileStories.Clear();
        fileRows.Clear();
        fileConflicts.Clear();
        try
        {
            db.ChangeTracker.Clear();
            var counts = await StoreAsync(prepared, cancellationToken);
            if (fileRows.Count > 0)
            {
                StorySearch.IndexNewStories(db, fileRows);
            }

            await transaction.ReleaseSavepointAsync(FileSavepoint, cancellationToken);
            indexedThisRun += fileRows.Count + fileStories.Count;
            groupStories.AddRange(fileStories);
            filesInGroup++;
            if (filesInGroup >= FilesPerCommit || clock.GetElapsedTime(groupStarted) >= CommitInterval)
            {
                await CommitGroupAsync(cancellationToken);
            }

            return Report(file, counts, []);
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
        {
            await transaction.RollbackToSavepointAsync(FileSavepoint, cancellationToken);
            logger.LogError(e, "Import of {File} was rolled back", file.File);
            return Report(file, default, [new ArchiveDiagnostic(0,
                $"The database refused the file's stories ({e.InnerException?.Message ?? e.Message}); nothing of the file was stored. Fix the cause and import the file again.")]);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Ends a run: commits the last group, merges the search index after a large run, writes the WAL back into the database file and restores the connection's defaults.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken = default)
    {
        // The run is open from its first file's group until here, even when that file's commit closed the last group.
        if (!runOpen)
        {
            return;
        }

        runOpen = false;
        await CommitGroupAsync(cancellationToken);
        StopCheckpointer();
        if (!db.OnPostgres)
        {
            await StorySearch.SetMergingAsync(db, true, cancellationToken);
            if (indexedThisRun >= StorySearch.MergeAfterStories)
            {
                await StorySearch.MergeIndexAsync(db, cancellationToken);
            }

            indexedThisRun = 0;
            await RestoreSiteSettingsAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        }

        await StoriesDatabase.OptimizeAsync(db, cancellationToken);

        await db.Database.CloseConnectionAsync();
    }

    /// <summary>
    /// A run that did not finish rolls back its open group (those files were never reported stored by a
    /// commit), hands the search index back to FTS5's merging (the groups it committed stay) and its
    /// connection back to the pool as the site's others are.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        writer?.Dispose();
        writer = null;
        StopCheckpointer();
        try
        {
            if (group is not null)
            {
                await group.DisposeAsync();
                group = null;
            }

            if (runOpen && sqlite == true)
            {
                runOpen = false;
                await StorySearch.SetMergingAsync(db, true);
            }
        }
        finally
        {
            await RestoreSiteSettingsAsync();
        }
    }

    private void StopCheckpointer()
    {
        checkpointer?.Dispose();
        checkpointer = null;
    }

    /// <summary>
    /// Gives a connection the run left with <see cref="RunSettings"/> the site's settings again; should
    /// that fail (the connection itself broken), the pool lets the connection go rather than hand it out so.
    /// </summary>
    private async Task RestoreSiteSettingsAsync()
    {
        if (!runSettings)
        {
            return;
        }

        runSettings = false;
        try
        {
            await db.Database.ExecuteSqlRawAsync(SiteSettings);
        }
        catch (System.Data.Common.DbException e)
        {
            logger.LogWarning(e, "Could not give the import's connection the site's settings again; it is closed rather than reused");
            if (db.Database.GetDbConnection() is Microsoft.Data.Sqlite.SqliteConnection connection)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearPool(connection);
            }
        }
    }

    /// <summary>
    /// Opens the connection for the run and a group transaction. A larger page cache keeps the
    /// indexes being written in memory. Each committed group is copied from the WAL into the database
    /// file by a thread of its own (<see cref="WalCheckpointer"/>) while this one writes the next; this
    /// connection's own checkpoints come only every 32,768 pages of WAL rather than 1,000 (256 MB at
    /// the 8 KiB pages of a database made now, 128 MB at the 4 KiB of an older one), to bound the WAL
    /// and let it start again from its beginning. Temporary journals are kept in memory: each file is
    /// a savepoint, and before a file first changes a page that was already stored, SQLite copies the
    /// page to a sub-journal, by default a temporary file (an import of 100,000 generated stories
    /// wrote 3.1 GB to it in 765,000 writes, more than half of all its writes: strace).
    /// </summary>
    private async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> GroupAsync(CancellationToken ct)
    {
        if (group is not null)
        {
            return group;
        }

        sqlite ??= !db.OnPostgres;
        if (db.Database.GetDbConnection().State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
            if (sqlite.Value)
            {
                await db.Database.ExecuteSqlRawAsync(RunSettings, ct);
                runSettings = true;
                checkpointer = WalCheckpointer.Start((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection(), logger);
            }
        }

        group = await db.Database.BeginTransactionAsync(ct);
        if (!runOpen && sqlite.Value)
        {
            await StorySearch.SetMergingAsync(db, false, ct);
        }

        runOpen = true;

        // The search index is not kept by the triggers as the group goes: new stories are indexed
        // with their file, merged ones once at the group's end.
        suspendedIndexing = await StorySearch.SuspendIndexingAsync(db, ct);
        groupStories.Clear();
        filesInGroup = 0;
        groupStarted = clock.GetTimestamp();
        return group;
    }

    private async Task CommitGroupAsync(CancellationToken ct)
    {
        if (group is null)
        {
            return;
        }

        writer?.Dispose();
        writer = null;

        // New stories were indexed with their file; merged stories (one added earlier in the group
        // too, when a later file gave it again) are read back whole.
        await StorySearch.ResumeIndexingAsync(db, suspendedIndexing!, groupStories, ct);
        suspendedIndexing = null;
        groupStories.Clear();
        await group.CommitAsync(ct);
        await group.DisposeAsync();
        group = null;
        checkpointer?.Committed();
        contentVersion.Changed();

        // The planner's statistics follow the tables as they grow: measured on a database of two
        // stories, they make SQLite walk whole tables for every story indexed (a 100,000-story
        // import into a seeded database ran five times slower). Cheap when nothing grew much.
        await StoriesDatabase.OptimizeAsync(db, ct);
    }

    private async Task<Counts> StoreAsync(PreparedArchiveFile file, CancellationToken ct)
    {
        var sectionId = await FindOrAddSectionAsync(file.File.Section!, ct);
        var incoming = file.Stories;
        var slugs = await SlugAllocator.CreateAsync(db, incoming.Select(s => s.Slug), ct);

        var counts = new Counts();
        var merges = new List<(int Id, ArchiveStory Incoming)>();
        var news = new List<PreparedStory>(incoming.Count);
        foreach (var story in incoming)
        {
            if (slugs.Stored.TryGetValue(story.Key, out var id))
            {
                merges.Add((id, story.Story));
            }
            else
            {
                news.Add(story);
            }
        }

        if (merges.Count > 0)
        {
            counts = await MergeAsync(merges, ct);
        }

        if (news.Count > 0)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            writer ??= StoryBulkWriters.Create(db);
            foreach (var story in news)
            {
                var id = writer.Insert(story, slugs.Allocate(story.Slug), sectionId, now);
                if (sqlite == true)
                {
                    fileRows.Add(story.SearchRow(id));
                }
                else
                {
                    fileStories.Add(id);
                }

                counts = counts with { Added = counts.Added + 1, UpdatesAdded = counts.UpdatesAdded + story.Story.Updates.Count };
            }
        }

        return counts;
    }

    /// <summary>
    /// Adds to stored stories the updates they lack. Which stories gain anything is decided from the
    /// stored update keys alone; only those stories are loaded whole and saved through EF Core, each
    /// with an "imported" revision. A story an editor has changed since it was imported is never
    /// changed: the file gets a warning (the conflict) instead, and the editor's text stays.
    /// </summary>
    private async Task<Counts> MergeAsync(List<(int Id, ArchiveStory Incoming)> merges, CancellationToken ct)
    {
        var ids = merges.Select(m => m.Id).ToList();
        var knownKeys = new Dictionary<int, HashSet<string>>();
        foreach (var chunk in ids.Chunk(QueryChunk))
        {
            foreach (var row in await db.StoryUpdates.Where(u => EF.Parameter(chunk).Contains(u.StoryId)).Select(u => new { u.StoryId, u.MatchKey }).ToListAsync(ct))
            {
                (knownKeys.TryGetValue(row.StoryId, out var set) ? set : knownKeys[row.StoryId] = new HashSet<string>(StringComparer.Ordinal)).Add(row.MatchKey);
            }
        }

        var changing = merges
            .Where(m => m.Incoming.Updates.Any(u => !(knownKeys.GetValueOrDefault(m.Id)?.Contains(StoryMapping.UpdateKey(u)) ?? false)))
            .ToList();
        var counts = new Counts(0, 0, merges.Count - changing.Count, 0);
        if (changing.Count == 0)
        {
            return counts;
        }

        var changingIds = changing.Select(m => m.Id).ToList();
        var edited = (await db.StoryRevisions
                .Where(r => changingIds.Contains(r.StoryId) && r.Kind != RevisionKinds.Imported)
                .Select(r => r.StoryId).Distinct().ToListAsync(ct))
            .ToHashSet();
        foreach (var (id, incoming) in changing.Where(m => edited.Contains(m.Id)))
        {
            fileConflicts.Add(new ArchiveDiagnostic(incoming.Line,
                $"conflict: the story \"{incoming.Title}\" was changed by an editor since it was imported, so the file's new updates were not applied to it; compare them with its history at /editor/stories/{id}/history."));
        }

        changing = [.. changing.Where(m => !edited.Contains(m.Id))];
        changingIds = [.. changing.Select(m => m.Id)];
        counts = counts with { Unchanged = counts.Unchanged + edited.Count };
        if (changing.Count == 0)
        {
            return counts;
        }

        var stories = await db.Stories
            .Include(s => s.Section)
            .Include(s => s.Updates).ThenInclude(u => u.Links)
            .Include(s => s.Countries)
            .AsSplitQuery()
            .Where(s => changingIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, ct);

        // An imported story's first revision may have no text of its own yet: it is the story as it stands, until this merge.
        await DeferredSnapshots.WriteAsync(db, stories.Values, ct);
        foreach (var (id, incoming) in changing)
        {
            var stored = stories[id];
            var ordered = stored.Updates.OrderBy(u => u.Position).ToList();
            var added = UpdateMerge.Merge(ordered, incoming.Updates, u => u.MatchKey, u => StoryMapping.ToEntity(u, 0));
            for (var i = 0; i < ordered.Count; i++)
            {
                ordered[i].Position = i;
                if (ordered[i].Id == 0)
                {
                    stored.Updates.Add(ordered[i]);
                }
            }

            ReplaceCountries(stored, Retag(StoryMapping.ToArchiveStory(stored)));
            stored.RefreshLatestUpdate();
            fileStories.Add(stored.Id);
            counts = counts with { Merged = counts.Merged + 1, UpdatesAdded = counts.UpdatesAdded + added };
        }

        await db.SaveChangesAsync(ct);
        await AddImportRevisionsAsync(changing.Select(m => (stories[m.Id], m.Incoming)).ToList(), ct);
        return counts;
    }

    /// <summary>Records what a merge made of each story as its next revision, signed by the importer.</summary>
    private async Task AddImportRevisionsAsync(List<(Story Story, ArchiveStory Incoming)> merged, CancellationToken ct)
    {
        var ids = merged.Select(m => m.Story.Id).ToList();
        var latest = await db.StoryRevisions.Where(r => ids.Contains(r.StoryId))
            .GroupBy(r => r.StoryId).Select(g => new { StoryId = g.Key, Number = g.Max(r => r.Number) })
            .ToDictionaryAsync(r => r.StoryId, r => r.Number, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (story, incoming) in merged)
        {
            db.StoryRevisions.Add(new StoryRevision
            {
                StoryId = story.Id,
                Number = latest.GetValueOrDefault(story.Id) + 1,
                Kind = RevisionKinds.Imported,
                Author = ImportRevision.Author,
                CreatedAt = now,
                Summary = ImportRevision.Summary(incoming.File, incoming.Line),
                Snapshot = StorySnapshot.FromStory(story).ToJson(),
            });
        }

        await db.SaveChangesAsync(ct);
    }

    private ArchiveStory Retag(ArchiveStory story) => story with { Countries = gazetteer.Tag(story.Title, story.Texts()) };

    private static void ReplaceCountries(Story story, ArchiveStory read)
    {
        var tags = read.Countries.ToDictionary(t => t.Code, StringComparer.Ordinal);
        story.Countries.RemoveAll(c => !tags.ContainsKey(c.CountryCode));
        foreach (var tag in tags.Values)
        {
            if (story.Countries.Find(c => c.CountryCode == tag.Code) is { } kept)
            {
                kept.Mentions = tag.Mentions;
                kept.IsPrimary = tag.IsPrimary;
            }
            else
            {
                story.Countries.Add(new StoryCountry { CountryCode = tag.Code, Mentions = tag.Mentions, IsPrimary = tag.IsPrimary });
            }
        }
    }

    private async Task<int> FindOrAddSectionAsync(string name, CancellationToken ct)
    {
        var slug = Slug.From(name, "section");
        if (knownSections.TryGetValue(slug, out var id))
        {
            return id;
        }

        var section = await db.Sections.FirstOrDefaultAsync(s => s.Slug == slug, ct);
        if (section is null)
        {
            section = new Section { Slug = slug, Name = name };
            db.Sections.Add(section);
            await db.SaveChangesAsync(ct);
            return section.Id;
        }

        // Only a section that was already stored is remembered: a new one may yet be rolled back.
        knownSections[slug] = section.Id;
        return section.Id;
    }

    /// <summary>The file's report; a stored file's warnings include its conflicts with editors' changes.</summary>
    private ImportFileReport Report(ArchiveFile file, Counts counts, IReadOnlyList<ArchiveDiagnostic> errors) =>
        new(file.File, file.Section, errors.Count == 0 ? file.Stories.Count : 0, counts.Added, counts.Merged, counts.Unchanged, counts.UpdatesAdded, errors,
            errors.Count == 0 && fileConflicts.Count > 0 ? [.. file.Warnings, .. fileConflicts] : file.Warnings);

    private readonly record struct Counts(int Added, int Merged, int Unchanged, int UpdatesAdded);

    /// <summary>
    /// Finds, by the slugs their titles give, the stories of a batch that are already stored (the
    /// unique slug index serves the look-up, so the story key needs no index of its own), and hands
    /// out unique slugs to the new ones. Slugs are stable, so a story found once is found again.
    /// </summary>
    private sealed class SlugAllocator
    {
        private readonly HashSet<string> taken;

        private SlugAllocator(HashSet<string> taken, Dictionary<string, int> stored)
        {
            this.taken = taken;
            Stored = stored;
        }

        /// <summary>Stored stories among the batch: story key to id.</summary>
        public Dictionary<string, int> Stored { get; }

        public static async Task<SlugAllocator> CreateAsync(StoriesDbContext db, IEnumerable<string> wanted, CancellationToken ct)
        {
            var rows = new List<(string Slug, string MatchKey, int Id)>();
            foreach (var chunk in wanted.Distinct(StringComparer.Ordinal).Chunk(QueryChunk))
            {
                // One array parameter (not one parameter per slug), so every batch shares one cached query plan.
                rows.AddRange((await db.Stories.Where(s => EF.Parameter(chunk).Contains(s.Slug)).Select(s => new { s.Slug, s.MatchKey, s.Id }).ToListAsync(ct))
                    .Select(r => (r.Slug, r.MatchKey, r.Id)));
            }

            // Only for a slug already in use: every numbered form of it ('.' sorts right after '-',
            // and a range, unlike LIKE, is served by the index).
            foreach (var slug in rows.Select(r => r.Slug).ToList())
            {
                var from = slug + "-";
                var to = slug + ".";
#pragma warning disable CA1309 // EF Core translates string.Compare into SQL's own (binary) comparison.
                rows.AddRange((await db.Stories
                    .Where(s => string.Compare(s.Slug, from) >= 0 && string.Compare(s.Slug, to) < 0)
                    .Select(s => new { s.Slug, s.MatchKey, s.Id })
                    .ToListAsync(ct)).Select(r => (r.Slug, r.MatchKey, r.Id)));
#pragma warning restore CA1309
            }

            var stored = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var row in rows)
            {
                stored.TryAdd(row.MatchKey, row.Id);
            }

            return new SlugAllocator(rows.Select(r => r.Slug).ToHashSet(StringComparer.Ordinal), stored);
        }

        public string Allocate(string slug)
        {
            if (taken.Add(slug))
            {
                return slug;
            }

            for (var n = 2; ; n++)
            {
                var candidate = slug + "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (taken.Add(candidate))
                {
                    return candidate;
                }
            }
        }
    }
}
