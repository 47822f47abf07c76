using PeoplesStories.Archive;
using PeoplesStories.Archive.Countries;

namespace PeoplesStories.Web.Editor.Stories;

/// <summary>
/// The story form as posted: every field as typed, so a refused or previewed form comes back exactly
/// as it was. <see cref="Validate"/> turns it into a <see cref="StorySnapshot"/> or says, field by
/// field, what is wrong.
/// </summary>
public sealed class StoryInput
{
    public const int TitleMaxLength = 500;
    public const int BylineMaxLength = 500;
    public const int SectionMaxLength = 200;
    public const int HeadlineMaxLength = 1000;
    public const int BodyMaxLength = 50_000;

    public string? Title { get; set; }

    public string? Byline { get; set; }

    /// <summary>An existing section's name.</summary>
    public string? Section { get; set; }

    /// <summary>A new section's name; when given it wins over <see cref="Section"/>.</summary>
    public string? NewSection { get; set; }

    /// <summary>The confirmed country codes (ticked boxes).</summary>
    public List<string> Countries { get; set; } = [];

    public string? PrimaryCountry { get; set; }

    /// <summary>A country the editor adds by hand (a code from the list).</summary>
    public string? AddCountry { get; set; }

    public List<UpdateInput> Updates { get; set; } = [];

    /// <summary>The story's version when the form was served (0 for a new story).</summary>
    public long Version { get; set; }

    public string? Summary { get; set; }

    public static StoryInput From(StorySnapshot text, long version)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new StoryInput
        {
            Title = text.Title,
            Byline = text.Byline,
            Section = text.Section,
            Countries = [.. text.Countries.Select(c => c.Code)],
            PrimaryCountry = text.Countries.FirstOrDefault(c => c.Primary)?.Code,
            Updates = [.. text.Updates.Select(UpdateInput.From)],
            Version = version,
        };
    }

    /// <summary>The title and every headline and body: what country suggestions are read from.</summary>
    public IEnumerable<string> Texts() =>
        Updates.SelectMany(u => new[] { u.Headline, u.Body }).Where(t => !string.IsNullOrWhiteSpace(t))!;

    /// <summary>
    /// Checks every field and returns the snapshot to save, or null with the errors (keyed by the
    /// field's form name, e.g. <c>Input.Updates[1].DateText</c>) added through <paramref name="error"/>.
    /// </summary>
    public StorySnapshot? Validate(CountryGazetteer gazetteer, Action<string, string> error)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        ArgumentNullException.ThrowIfNull(error);
        var valid = true;
        void Fail(string field, string message)
        {
            valid = false;
            error("Input." + field, message);
        }

        var title = Clean(Title);
        if (title.Length == 0)
        {
            Fail(nameof(Title), "Give the story a title.");
        }
        else if (title.Length > TitleMaxLength)
        {
            Fail(nameof(Title), $"A title can be at most {TitleMaxLength} characters long.");
        }

        var byline = Clean(Byline);
        if (byline.Length == 0)
        {
            Fail(nameof(Byline), "Say who wrote the story (the byline, without “by”).");
        }
        else if (byline.Length > BylineMaxLength)
        {
            Fail(nameof(Byline), $"A byline can be at most {BylineMaxLength} characters long.");
        }

        var section = Clean(NewSection) is { Length: > 0 } added ? added : Clean(Section);
        if (section.Length == 0)
        {
            Fail(nameof(Section), "Choose a section, or name a new one.");
        }
        else if (section.Length > SectionMaxLength)
        {
            Fail(nameof(NewSection), $"A section name can be at most {SectionMaxLength} characters long.");
        }

        var updates = new List<SnapshotUpdate>();
        for (var i = 0; i < Updates.Count; i++)
        {
            if (Updates[i].Validate(i, Fail) is { } update)
            {
                updates.Add(update);
            }
        }

        var codes = Countries.Select(c => c.Trim().ToUpperInvariant()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var unknown = codes.FirstOrDefault(c => gazetteer.Find(c) is null);
        if (unknown is not null)
        {
            Fail(nameof(Countries), $"“{unknown}” is not a country code this site knows.");
        }

        if (!valid)
        {
            return null;
        }

        var primary = codes.Contains(PrimaryCountry?.Trim().ToUpperInvariant() ?? "", StringComparer.Ordinal)
            ? PrimaryCountry!.Trim().ToUpperInvariant()
            : codes.FirstOrDefault();
        return new StorySnapshot(
            title,
            byline,
            section,
            [.. codes.OrderByDescending(c => c == primary).Select(c => new SnapshotCountry(c, c == primary))],
            updates);
    }

    /// <summary>Trimmed, with Windows line ends made plain.</summary>
    internal static string Clean(string? text) => (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}

/// <summary>One dated update as posted.</summary>
public sealed class UpdateInput
{
    /// <summary>The stored update's id; null for one added in this form.</summary>
    public int? Id { get; set; }

    /// <summary>The date as people write it: <c>Aug. 2023</c>, <c>15 March 2024</c>, <c>2020</c>; empty for undated.</summary>
    public string? DateText { get; set; }

    public string? Headline { get; set; }

    /// <summary>Markdown.</summary>
    public string? Body { get; set; }

    /// <summary>Source links, one per line.</summary>
    public string? Links { get; set; }

    /// <summary>The date the update had when the form was served (normalised), so an inferred date survives a save unchanged.</summary>
    public string? StoredDate { get; set; }

    public bool StoredDateInferred { get; set; }

    public static UpdateInput From(SnapshotUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return new UpdateInput
        {
            Id = update.Id,
            DateText = update.DateLabel,
            Headline = update.Headline,
            Body = update.Body,
            Links = string.Join("\n", update.Links),
            StoredDate = update.Date,
            StoredDateInferred = update.DateInferred,
        };
    }

    internal SnapshotUpdate? Validate(int index, Action<string, string> fail)
    {
        var prefix = $"Updates[{index}].";
        var valid = true;
        void Fail(string field, string message)
        {
            valid = false;
            fail(prefix + field, message);
        }

        var dateText = StoryInput.Clean(DateText);
        ArchiveDate? date = null;
        var inferred = false;
        string? writtenDate = dateText.Length == 0 ? null : dateText;
        if (dateText.Length > 0)
        {
            if (ArchiveDate.TryParse(dateText, out var parsed))
            {
                date = parsed;

                // A date the archive inferred from the sources, shown as readers see it and left as it was, stays inferred.
                if (StoredDateInferred && StoredDate == parsed.ToString() && dateText == parsed.ToDisplayString())
                {
                    inferred = true;
                    writtenDate = null;
                }
            }
            else
            {
                Fail(nameof(DateText), $"“{dateText}” is not a date this site understands. Write it as people do: Aug. 2023, 15 March 2024, March 15, 2024, or 2020.");
            }
        }

        var headline = StoryInput.Clean(Headline);
        if (headline.Length > StoryInput.HeadlineMaxLength)
        {
            Fail(nameof(Headline), $"A headline can be at most {StoryInput.HeadlineMaxLength} characters long.");
        }

        var body = StoryInput.Clean(Body);
        if (body.Length > StoryInput.BodyMaxLength)
        {
            Fail(nameof(Body), $"An update can be at most {StoryInput.BodyMaxLength:N0} characters long.");
        }

        var links = new List<string>();
        var refused = new List<string>();
        var lines = StoryInput.Clean(Links).Split('\n');
        for (var line = 0; line < lines.Length; line++)
        {
            var url = lines[line].Trim();
            if (url.Length == 0)
            {
                continue;
            }

            if (ArchiveLink.TryFromUrl(url, 0, out _))
            {
                links.Add(url);
            }
            else
            {
                refused.Add($"Line {line + 1}: “{url}” is not a web address.");
            }
        }

        // One message for the field (a field shows its first message), naming every refused line.
        if (refused.Count > 0)
        {
            Fail(nameof(Links), string.Join(" ", refused) + " Each line must be one link starting with http:// or https://.");
        }

        if (valid && body.Length == 0 && headline.Length == 0 && links.Count == 0)
        {
            Fail(nameof(Body), "Write the update (or remove it).");
        }

        return valid ? new SnapshotUpdate(Id, writtenDate, date?.ToString(), inferred, headline.Length == 0 ? null : headline, body, links) : null;
    }
}
