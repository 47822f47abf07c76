using System.Globalization;
using PeoplesStories.Archive;
using PeoplesStories.Archive.Countries;
using PeoplesStories.Archive.Text;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Search;

namespace PeoplesStories.Web.Import;

/// <summary>
/// A parsed archive file made ready for storing: its stories with repeats combined, each with the
/// values its rows are written from. Everything here is worked out from the file alone (no database),
/// so an import prepares the next files on the reading thread while the writer stores this one.
/// </summary>
public sealed class PreparedArchiveFile
{
    internal PreparedArchiveFile(ArchiveFile file, IReadOnlyList<PreparedStory> stories)
    {
        File = file;
        Stories = stories;
    }

    public ArchiveFile File { get; }

    /// <summary>The file's stories, a story given twice combined into one, in the order first given.</summary>
    internal IReadOnlyList<PreparedStory> Stories { get; }

    /// <summary>Combines a file's repeated stories and prepares each; a file with errors stores nothing, so it is not prepared.</summary>
    public static PreparedArchiveFile Prepare(ArchiveFile file, CountryGazetteer gazetteer)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(gazetteer);
        if (file.HasErrors)
        {
            return new PreparedArchiveFile(file, []);
        }

        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var combined = new List<(string Key, ArchiveStory Story)>(file.Stories.Count);
        foreach (var story in file.Stories)
        {
            // A story given twice in one file is one story: the later copy adds the updates the first lacks.
            var key = StoryMapping.StoryKey(story.Title, story.Byline);
            if (byKey.TryGetValue(key, out var at))
            {
                var first = combined[at].Story;
                var updates = first.Updates.ToList();
                if (UpdateMerge.Merge(updates, story.Updates, StoryMapping.UpdateKey, u => u) > 0)
                {
                    var merged = first with { Updates = updates };
                    combined[at] = (key, merged with { Countries = gazetteer.Tag(merged.Title, merged.Texts()) });
                }
            }
            else
            {
                byKey[key] = combined.Count;
                combined.Add((key, story));
            }
        }

        return new PreparedArchiveFile(file, [.. combined.Select(c => new PreparedStory(c.Story, c.Key))]);
    }
}

/// <summary>
/// A new story's stored values, worked out before the writer needs them: the story key and slug, each
/// update's body, key and date as stored, the first revision's summary (its text is the story as
/// stored: <see cref="Editor.Stories.DeferredSnapshots"/>), and its search row (but for the story's id).
/// </summary>
internal sealed class PreparedStory
{
    private const string DateFormat = "yyyy-MM-dd";

    public PreparedStory(ArchiveStory story, string key)
    {
        Story = story;
        Key = key;
        Slug = Archive.Text.Slug.From(story.Title);
        Summary = ImportRevision.Summary(story.File, story.Line);

        var updates = new PreparedUpdate[story.Updates.Count];
        DateOnly? latest = null;
        for (var i = 0; i < updates.Length; i++)
        {
            var u = story.Updates[i];
            if (u.Date is { } date && (latest is null || date.Start > latest))
            {
                latest = date.Start;
            }

            updates[i] = new PreparedUpdate(
                u.Date?.Start.ToString(DateFormat, CultureInfo.InvariantCulture),
                u.Date?.Precision.ToString(),
                string.Join(StoryUpdate.ParagraphSeparator, u.Paragraphs),
                StoryMapping.UpdateKey(u));
        }

        Updates = updates;
        LatestUpdateOn = latest?.ToString(DateFormat, CultureInfo.InvariantCulture);

        var searchParts = new (string? Headline, string Body)[updates.Length];
        for (var i = 0; i < updates.Length; i++)
        {
            searchParts[i] = (story.Updates[i].Headline, updates[i].Body);
        }

        SearchBody = StorySearch.BodyUtf8(searchParts);
        SearchCountries = StorySearch.CountriesText(story.Countries.Select(c => c.Code));
        var years = StorySearch.Years(updates.Select(u => u.DateValue));
        SearchYears = StorySearch.YearsText(years);
        SearchPlaces = StorySearch.PlacesText(story.Countries.Select(c => c.Code), years);
    }

    public ArchiveStory Story { get; }

    /// <summary>Title and byline folded and hashed (<see cref="StoryMapping.StoryKey"/>).</summary>
    public string Key { get; }

    /// <summary>The slug the title gives, before it is made unique.</summary>
    public string Slug { get; }

    /// <summary>The newest update's date (yyyy-MM-dd), or null when none is dated.</summary>
    public string? LatestUpdateOn { get; }

    public IReadOnlyList<PreparedUpdate> Updates { get; }

    /// <summary>The first revision's summary ("imported from FILE:LINE").</summary>
    public string Summary { get; }

    /// <summary>The search row's body column as UTF-8 (see <see cref="StorySearch"/>); its other columns follow.</summary>
    public byte[] SearchBody { get; }

    public string SearchCountries { get; }

    public string SearchYears { get; }

    public string SearchPlaces { get; }

    /// <summary>The story's search row, once stored under <paramref name="id"/>.</summary>
    public SearchRow SearchRow(long id) =>
        new(id, Story.Title, Story.Byline, SearchBody, nameof(StoryState.Published), SearchCountries, SearchYears, SearchPlaces);
}

/// <summary>An update's values as stored (dates as text in the forms EF Core's SQLite mapping reads).</summary>
internal sealed record PreparedUpdate(string? DateValue, string? DatePrecision, string Body, string MatchKey);
