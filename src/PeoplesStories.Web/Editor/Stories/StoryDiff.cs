using System.Text.RegularExpressions;
using DiffPlex;
using PeoplesStories.Archive.Countries;

namespace PeoplesStories.Web.Editor.Stories;

/// <summary>How a piece of text fared between two revisions.</summary>
public enum DiffChange
{
    Same,
    Deleted,
    Inserted,
}

/// <summary>A run of words that was kept, deleted or inserted.</summary>
public sealed record DiffPiece(DiffChange Change, string Text);

/// <summary>One field compared: its label and the words of both sides, in reading order.</summary>
public sealed record DiffField(string Label, IReadOnlyList<DiffPiece> Pieces)
{
    public bool Changed => Pieces.Any(p => p.Change != DiffChange.Same);
}

/// <summary>A group of fields: the story's own, or one update's (matched across revisions by its id).</summary>
public sealed record DiffGroup(string Heading, IReadOnlyList<DiffField> Fields)
{
    public bool Changed => Fields.Any(f => f.Changed);
}

/// <summary>
/// Compares two snapshots word by word (DiffPlex over words and the spaces between them): the title,
/// byline, section and countries, then every update (date, headline, text, links), an update added
/// or removed showing as wholly inserted or deleted.
/// </summary>
public static partial class StoryDiff
{
    public static IReadOnlyList<DiffGroup> Compare(StorySnapshot from, StorySnapshot to, CountryGazetteer gazetteer)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(gazetteer);
        var groups = new List<DiffGroup>
        {
            new("Story",
            [
                Field("Title", from.Title, to.Title),
                Field("Byline", from.Byline, to.Byline),
                Field("Section", from.Section, to.Section),
                Field("Countries", Countries(from, gazetteer), Countries(to, gazetteer)),
            ]),
        };

        var fromById = from.Updates.Where(u => u.Id is not null).ToDictionary(u => u.Id!.Value);
        var matched = new HashSet<SnapshotUpdate>();
        var number = 0;
        foreach (var update in to.Updates)
        {
            number++;
            var previous = update.Id is { } id ? fromById.GetValueOrDefault(id) : null;
            if (previous is not null)
            {
                matched.Add(previous);
            }

            groups.Add(UpdateGroup($"Update {number}", previous, update));
        }

        foreach (var removed in from.Updates.Where(u => !matched.Contains(u)))
        {
            groups.Add(UpdateGroup("Removed update", removed, null));
        }

        return groups;
    }

    /// <summary>Words and the whitespace between them, each a piece of its own, so the text rebuilds exactly.</summary>
    private sealed partial class WordsAndSpaces : IChunker
    {
        public static readonly WordsAndSpaces Instance = new();

        public IReadOnlyList<string> Chunk(string text) => [.. Pieces().Matches(text).Select(m => m.Value)];

        [GeneratedRegex(@"\s+|[^\s]+")]
        private static partial Regex Pieces();
    }

    private static DiffGroup UpdateGroup(string heading, SnapshotUpdate? from, SnapshotUpdate? to)
    {
        var label = (to ?? from)!.DateLabel;
        return new DiffGroup(
            label.Length == 0 ? heading + " (undated)" : $"{heading} ({label})",
            [
                Field("Date", from?.DateLabel ?? "", to?.DateLabel ?? ""),
                Field("Headline", from?.Headline ?? "", to?.Headline ?? ""),
                Field("Text", from?.Body ?? "", to?.Body ?? ""),
                Field("Sources", string.Join("\n", from?.Links ?? []), string.Join("\n", to?.Links ?? [])),
            ]);
    }

    private static string Countries(StorySnapshot story, CountryGazetteer gazetteer) =>
        string.Join(", ", story.Countries.Select(c => (gazetteer.Find(c.Code)?.Name ?? c.Code) + (c.Primary ? " (primary)" : "")));

    private static DiffField Field(string label, string from, string to)
    {
        var result = Differ.Instance.CreateDiffs(from, to, ignoreWhiteSpace: false, ignoreCase: false, WordsAndSpaces.Instance);
        var pieces = new List<DiffPiece>();
        void Add(DiffChange change, IEnumerable<string> words)
        {
            var text = string.Concat(words);
            if (text.Length == 0)
            {
                return;
            }

            if (pieces.Count > 0 && pieces[^1].Change == change)
            {
                pieces[^1] = pieces[^1] with { Text = pieces[^1].Text + text };
            }
            else
            {
                pieces.Add(new DiffPiece(change, text));
            }
        }

        var a = 0;
        foreach (var block in result.DiffBlocks)
        {
            Add(DiffChange.Same, result.PiecesOld.Skip(a).Take(block.DeleteStartA - a));
            Add(DiffChange.Deleted, result.PiecesOld.Skip(block.DeleteStartA).Take(block.DeleteCountA));
            Add(DiffChange.Inserted, result.PiecesNew.Skip(block.InsertStartB).Take(block.InsertCountB));
            a = block.DeleteStartA + block.DeleteCountA;
        }

        Add(DiffChange.Same, result.PiecesOld.Skip(a));
        return new DiffField(label, pieces);
    }
}
