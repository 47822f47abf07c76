using PeoplesStories.Archive;

namespace PeoplesStories.Web.Import;

/// <summary>Adds the updates a story lacks, in their place, keeping every update it has.</summary>
public static class UpdateMerge
{
    /// <summary>
    /// Inserts into <paramref name="ordered"/> each incoming update whose key it lacks: just before
    /// the first known update that follows it on the page, else just after the last known one before
    /// it, else at the end. Returns how many were added.
    /// </summary>
    public static int Merge<T>(List<T> ordered, IReadOnlyList<ArchiveUpdate> incoming, Func<T, string> keyOf, Func<ArchiveUpdate, T> create)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(keyOf);
        ArgumentNullException.ThrowIfNull(create);
        var known = ordered.Select(keyOf).ToHashSet(StringComparer.Ordinal);
        var incomingKeys = incoming.Select(StoryMapping.UpdateKey).ToList();
        var added = 0;
        for (var i = 0; i < incoming.Count; i++)
        {
            if (known.Contains(incomingKeys[i]))
            {
                continue;
            }

            var at = ordered.Count;
            if (incomingKeys.Skip(i + 1).FirstOrDefault(known.Contains) is { } next)
            {
                at = ordered.FindIndex(u => keyOf(u) == next);
            }
            else if (incomingKeys.Take(i).LastOrDefault(known.Contains) is { } previous)
            {
                at = ordered.FindIndex(u => keyOf(u) == previous) + 1;
            }

            ordered.Insert(at, create(incoming[i]));
            known.Add(incomingKeys[i]);
            added++;
        }

        return added;
    }
}
