using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace PeoplesStories.Web.Reading;

/// <summary>
/// Tells every cache of reader content that the content changed (an import, an edit, a publish),
/// so nothing stale is shown after a change.
/// </summary>
public sealed class ContentVersion : IDisposable
{
    private CancellationTokenSource source = new();

    /// <summary>A token that fires at the next change.</summary>
    public IChangeToken Token => new CancellationChangeToken(source.Token);

    /// <summary>Marks the content changed: every cache entry tied to <see cref="Token"/> is dropped.</summary>
    public void Changed()
    {
        var previous = Interlocked.Exchange(ref source, new CancellationTokenSource());
        previous.Cancel();
        previous.Dispose();
    }

    public void Dispose() => source.Dispose();
}

/// <summary>The sections and countries every page's header offers, cached until the content changes.</summary>
public sealed class SiteNavigation(IMemoryCache cache, ContentVersion version, IServiceScopeFactory scopes)
{
    private static readonly object Key = new();

    public async Task<NavigationData> GetAsync(CancellationToken cancellationToken = default)
    {
        if (cache.TryGetValue(Key, out NavigationData? data) && data is not null)
        {
            return data;
        }

        var token = version.Token;
        await using var scope = scopes.CreateAsyncScope();
        var reader = scope.ServiceProvider.GetRequiredService<StoryReader>();
        data = new NavigationData(await reader.SectionsAsync(cancellationToken), await reader.CountriesAsync(cancellationToken));
        cache.Set(Key, data, new MemoryCacheEntryOptions().AddExpirationToken(token).SetAbsoluteExpiration(TimeSpan.FromMinutes(10)));
        return data;
    }
}

public sealed record NavigationData(IReadOnlyList<SectionStat> Sections, IReadOnlyList<CountryStat> Countries);
