using Microsoft.Extensions.Caching.Memory;
using PeoplesStories.Web.Reading;

namespace PeoplesStories.Web.Search;

/// <summary>
/// What searches ask of the SQLite index again and again, whatever the words searched for: the
/// index's words a prefix stands for (<see cref="IndexedPrefixes"/>), whether a word is in more
/// stories than bm25 is used for, and the span of years of the dated updates (<see cref="StorySearch"/>).
/// Each figure is kept until the content changes (<see cref="ContentVersion"/>, which every import,
/// edit and publish signals) and for at most ten minutes, like the site's other caches; a flood of
/// made-up words pushes out the oldest.
/// </summary>
public sealed class SearchIndexFigures(ContentVersion version) : IDisposable
{
    /// <summary>Figures kept at most.</summary>
    public const int MaxFigures = 10_000;

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = MaxFigures });

    /// <summary>The figure under <paramref name="key"/>, read by <paramref name="read"/> when it is not kept.</summary>
    public T Get<T>(object key, Func<T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (cache.TryGetValue(key, out T? kept))
        {
            return kept!;
        }

        // The token is taken before the read: a change while it reads leaves the figure already expired.
        var token = version.Token;
        var figure = read();
        Keep(key, figure, token);
        return figure;
    }

    /// <summary>As <see cref="Get{T}"/>, for a figure read asynchronously.</summary>
    public async Task<T> GetAsync<T>(object key, Func<Task<T>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (cache.TryGetValue(key, out T? kept))
        {
            return kept!;
        }

        var token = version.Token;
        var figure = await read();
        Keep(key, figure, token);
        return figure;
    }

    /// <summary>Keeps a figure read afresh in place of the one kept under <paramref name="key"/>.</summary>
    public void Set<T>(object key, T figure) => Keep(key, figure, version.Token);

    public void Dispose() => cache.Dispose();

    private void Keep<T>(object key, T figure, Microsoft.Extensions.Primitives.IChangeToken token) =>
        cache.Set(key, figure, new MemoryCacheEntryOptions()
            .AddExpirationToken(token)
            .SetAbsoluteExpiration(Lifetime)
            .SetSize(1));
}
