using Microsoft.Extensions.Caching.Memory;
using PeoplesStories.Web.Reading;

namespace PeoplesStories.Web.Search;

/// <summary>
/// What searches ask of the SQLite index again and again, whatever the words searched for: the
/// index's words a prefix stands for (<see cref="IndexedPrefixes"/>), whether a word is in more
/// stories than bm25 is used for, whether a country has few enough stories to read its matches
/// forwards, and the span of years of the dated updates (<see cref="StorySearch"/>). Each figure is
/// kept until the content changes (<see cref="ContentVersion"/>, which every import, edit and
/// publish signals) and for at most ten minutes, like the site's other caches; a flood of made-up
/// words pushes out the oldest.
/// </summary>
public sealed class SearchIndexFigures(ContentVersion version) : IDisposable
{
    /// <summary>Figures kept at most.</summary>
    public const int MaxFigures = 10_000;

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = MaxFigures });

    /// <summary>The figure kept under <paramref name="key"/>, if there is one.</summary>
    public bool TryGet<T>(object key, out T figure)
    {
        if (cache.TryGetValue(key, out T? kept))
        {
            figure = kept!;
            return true;
        }

        figure = default!;
        return false;
    }

    /// <summary>The figure under <paramref name="key"/>, read by <paramref name="read"/> when it is not kept.</summary>
    public T Get<T>(object key, Func<T> read) => TryGet(key, out T kept) ? kept : Read(key, read);

    /// <summary>As <see cref="Get{T}"/>, for a figure read asynchronously.</summary>
    public async Task<T> GetAsync<T>(object key, Func<Task<T>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (TryGet(key, out T kept))
        {
            return kept;
        }

        var token = version.Token;
        var figure = await read();
        Keep(key, figure, token);
        return figure;
    }

    /// <summary>Reads the figure afresh and keeps it under <paramref name="key"/>, in place of any kept before.</summary>
    public T Read<T>(object key, Func<T> read)
    {
        ArgumentNullException.ThrowIfNull(read);

        // The token is taken before the read: a change while it reads leaves the figure already expired.
        var token = version.Token;
        var figure = read();
        Keep(key, figure, token);
        return figure;
    }

    public void Dispose() => cache.Dispose();

    private void Keep<T>(object key, T figure, Microsoft.Extensions.Primitives.IChangeToken token) =>
        cache.Set(key, figure, new MemoryCacheEntryOptions()
            .AddExpirationToken(token)
            .SetAbsoluteExpiration(Lifetime)
            .SetSize(1));
}
