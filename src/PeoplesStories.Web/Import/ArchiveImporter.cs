using Microsoft.EntityFrameworkCore;
using PeoplesStories.Archive;
using PeoplesStories.Archive.Text;
using PeoplesStories.Web.Data;

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
/// Turns parsed archive files into stored stories: one transaction per file, so a bad file leaves
/// nothing behind; idempotent, so importing the same files again changes nothing; and a story
/// already stored (same title and byline after folding) gains only the updates it lacks.
/// </summary>
public sealed class ArchiveImporter(StoriesDbContext db, TimeProvider clock, ILogger<ArchiveImporter> logger)
{
    /// <summary>Stores the stories of one parsed file, or nothing when the file has errors.</summary>
    public async Task<ImportFileReport> ImportAsync(ArchiveFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.HasErrors)
        {
            return Report(file, 0, 0, 0, 0, file.Errors);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(async ct =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var counts = await MergeAsync(file, ct);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                db.ChangeTracker.Clear();
                return Report(file, counts.Added, counts.Merged, counts.Unchanged, counts.UpdatesAdded, []);
            }, cancellationToken);
        }
        catch (DbUpdateException e)
        {
            db.ChangeTracker.Clear();
            logger.LogError(e, "Import of {File} was rolled back", file.File);
            return Report(file, 0, 0, 0, 0,
                [new ArchiveDiagnostic(0, $"The database refused the file's stories ({e.InnerException?.Message ?? e.Message}); nothing of the file was stored. Fix the cause and import the file again.")]);
        }
    }

    private async Task<(int Added, int Merged, int Unchanged, int UpdatesAdded)> MergeAsync(ArchiveFile file, CancellationToken ct)
    {
        var section = await FindOrAddSectionAsync(file.Section!, ct);
        var keys = file.Stories.Select(s => StoryKey(s.Title, s.Byline)).Distinct().ToList();
        var existing = new Dictionary<string, Story>(StringComparer.Ordinal);
        foreach (var chunk in keys.Chunk(500))
        {
            var found = await db.Stories
                .Include(s => s.Updates).ThenInclude(u => u.Links)
                .Include(s => s.Countries)
                .AsSplitQuery()
                .Where(s => chunk.Contains(s.MatchKey))
                .ToListAsync(ct);
            foreach (var story in found)
            {
                existing.TryAdd(story.MatchKey, story);
            }
        }

        var slugs = new SlugAllocator(db);
        int added = 0, merged = 0, unchanged = 0, updatesAdded = 0;
        foreach (var incoming in file.Stories)
        {
            var key = StoryKey(incoming.Title, incoming.Byline);
            if (existing.TryGetValue(key, out var stored))
            {
                var newUpdates = MergeUpdates(stored, incoming);
                if (newUpdates == 0)
                {
                    unchanged++;
                    continue;
                }

                merged++;
                updatesAdded += newUpdates;
                var story = incoming with { Updates = [.. stored.Updates.OrderBy(u => u.Position).Select(StoryMapping.ToArchiveUpdate)] };
                ReplaceCountries(stored, story);
                stored.RefreshLatestUpdate();
                continue;
            }

            var created = new Story
            {
                Slug = await slugs.AllocateAsync(Slug.From(incoming.Title), ct),
                Title = incoming.Title,
                Byline = incoming.Byline,
                MatchKey = key,
                Section = section,
                State = StoryState.Published,
                SourceFile = incoming.File,
                SourceLine = incoming.Line,
                PublishedAt = clock.GetUtcNow().UtcDateTime,
            };
            var position = 0;
            foreach (var update in incoming.Updates)
            {
                created.Updates.Add(StoryMapping.ToEntity(update, position++));
            }

            ReplaceCountries(created, incoming);
            created.RefreshLatestUpdate();
            db.Stories.Add(created);
            existing[key] = created;
            added++;
            updatesAdded += created.Updates.Count;
        }

        return (added, merged, unchanged, updatesAdded);
    }

    /// <summary>
    /// Adds the incoming updates the story lacks, each just before the first known update that
    /// follows it on the page (else just after the last one before it), and keeps every stored one.
    /// </summary>
    private static int MergeUpdates(Story stored, ArchiveStory incoming)
    {
        var ordered = stored.Updates.OrderBy(u => u.Position).ToList();
        var known = ordered.Select(u => u.MatchKey).ToHashSet(StringComparer.Ordinal);
        var incomingKeys = incoming.Updates.Select(StoryMapping.UpdateKey).ToList();
        var added = 0;
        for (var i = 0; i < incoming.Updates.Count; i++)
        {
            if (known.Contains(incomingKeys[i]))
            {
                continue;
            }

            var entity = StoryMapping.ToEntity(incoming.Updates[i], 0);
            var at = ordered.Count;
            var next = incomingKeys.Skip(i + 1).FirstOrDefault(known.Contains);
            if (next is not null)
            {
                at = ordered.FindIndex(u => u.MatchKey == next);
            }
            else if (incomingKeys.Take(i).LastOrDefault(known.Contains) is { } previous)
            {
                at = ordered.FindIndex(u => u.MatchKey == previous) + 1;
            }

            ordered.Insert(at, entity);
            stored.Updates.Add(entity);
            known.Add(incomingKeys[i]);
            added++;
        }

        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Position = i;
        }

        return added;
    }

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

    private async Task<Section> FindOrAddSectionAsync(string name, CancellationToken ct)
    {
        var slug = Slug.From(name, "section");
        var section = await db.Sections.FirstOrDefaultAsync(s => s.Slug == slug, ct);
        if (section is null)
        {
            section = new Section { Slug = slug, Name = name };
            db.Sections.Add(section);
        }

        return section;
    }

    private static ImportFileReport Report(ArchiveFile file, int added, int merged, int unchanged, int updatesAdded, IReadOnlyList<ArchiveDiagnostic> errors) =>
        new(file.File, file.Section, errors.Count == 0 ? file.Stories.Count : 0, added, merged, unchanged, updatesAdded, errors, file.Warnings);

    public static string StoryKey(string title, string byline) => TextFolding.Key(title) + "\n" + TextFolding.Key(byline);

    /// <summary>Hands out unique slugs, asking the database once per base slug.</summary>
    private sealed class SlugAllocator(StoriesDbContext db)
    {
        private readonly HashSet<string> taken = new(StringComparer.Ordinal);

        public async Task<string> AllocateAsync(string baseSlug, CancellationToken ct)
        {
            if (!taken.Contains(baseSlug) && !await db.Stories.AnyAsync(s => s.Slug == baseSlug, ct))
            {
                taken.Add(baseSlug);
                return baseSlug;
            }

            var prefix = baseSlug + "-";
            var used = await db.Stories.Where(s => s.Slug.StartsWith(prefix)).Select(s => s.Slug).ToListAsync(ct);
            taken.UnionWith(used);
            for (var n = 2; ; n++)
            {
                var candidate = prefix + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (taken.Add(candidate))
                {
                    return candidate;
                }
            }
        }
    }
}
