using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace PeoplesStories.Web.Reading;

/// <summary>
/// Tells every cache of reader content that the content changed (an import, an edit, a publish, a
/// guestbook post), so nothing stale is shown after a change.
/// <para>
/// <see cref="Generation"/> counts the changes since the process started: a cache that keys its
/// entries by it (the output cache of reader pages does) misses from the very next request, even
/// when a page read before the change is stored after it. <see cref="Token"/> fires at each change,
/// for caches that drop their entries (the navigation below, the output cache's tag eviction).
/// </para>
/// </summary>
public sealed class ContentVersion : IDisposable
{
    private CancellationTokenSource source = new();
    private long generation;

    /// <summary>A token that fires at the next change.</summary>
    public IChangeToken Token => new CancellationChangeToken(source.Token);

    /// <summary>How many changes this process has seen.</summary>
    public long Generation => Interlocked.Read(ref generation);

    /// <summary>Marks the content changed: every cache entry tied to <see cref="Token"/> or keyed by <see cref="Generation"/> is dropped.</summary>
    public void Changed()
    {
        // The generation moves first, so a request that starts while the token's listeners run already misses.
        Interlocked.Increment(ref generation);
        var previous = Interlocked.Exchange(ref source, new CancellationTokenSource());
        previous.Cancel();
        previous.Dispose();
    }

    public void Dispose() => source.Dispose();
}

/// <summary>
/// The sections and countries every page's header offers, cached until the content changes. The
/// cache holds the loading task, so requests that arrive while it loads (the first ones after a start
/// or a change) wait for the same queries, and <see cref="Warm"/> can start them before the first request.
/// </summary>
public sealed class SiteNavigation(IMemoryCache cache, ContentVersion version, IServiceScopeFactory scopes)
{
    private static readonly object Key = new();

    private readonly Lock gate = new();

    public Task<NavigationData> GetAsync(CancellationToken cancellationToken = default) => Current().WaitAsync(cancellationToken);

    /// <summary>Starts loading, so that the first page served after a start does not wait for the whole of it.</summary>
    public void Warm() => _ = Current();

    private Task<NavigationData> Current()
    {
        lock (gate)
        {
            if (cache.TryGetValue(Key, out Task<NavigationData>? cached) && cached is { IsFaulted: false, IsCanceled: false })
            {
                return cached;
            }

            var token = version.Token;
            var loading = LoadAsync();
            cache.Set(Key, loading, new MemoryCacheEntryOptions().AddExpirationToken(token).SetAbsoluteExpiration(TimeSpan.FromMinutes(10)));
            return loading;
        }
    }

    /// <summary>Loads with no request's cancellation: other requests may be waiting for it.</summary>
    private async Task<NavigationData> LoadAsync()
    {
        await Task.Yield();
        await using var scope = scopes.CreateAsyncScope();
        var reader = scope.ServiceProvider.GetRequiredService<StoryReader>();
        return new NavigationData(await reader.SectionsAsync(CancellationToken.None), await reader.CountriesAsync(CancellationToken.None));
    }
}

public sealed record NavigationData(IReadOnlyList<SectionStat> Sections, IReadOnlyList<CountryStat> Countries)
{
    private CountryOptions? countryOptions;

    /// <summary>The countries as a list's options, made once for this data (two threads may both make it; either copy serves).</summary>
    public CountryOptions CountryOptions => countryOptions ??= new CountryOptions(Countries);
}

/// <summary>
/// The options of a country list (<c>&lt;option value="kh"&gt;Cambodia&lt;/option&gt;</c>, the code in
/// lower case), encoded once: the header and the search form carry every country on every page, and
/// writing 250 options through Razor cost more than the rest of a search page's markup.
/// </summary>
public sealed class CountryOptions
{
    private readonly string html;
    private readonly string[] selected;
    private readonly int[] starts;
    private readonly Dictionary<string, int> positions = new(StringComparer.OrdinalIgnoreCase);

    public CountryOptions(IReadOnlyList<CountryStat> countries)
    {
        ArgumentNullException.ThrowIfNull(countries);
        var text = new StringBuilder();
        selected = new string[countries.Count];
        starts = new int[countries.Count + 1];
        for (var i = 0; i < countries.Count; i++)
        {
            var value = HtmlEncoder.Default.Encode(countries[i].Code.ToLowerInvariant());
            var name = HtmlEncoder.Default.Encode(countries[i].Name);
            starts[i] = text.Length;
            text.Append("<option value=\"").Append(value).Append("\">").Append(name).Append("</option>");
            selected[i] = $"<option value=\"{value}\" selected=\"selected\">{name}</option>";
            positions.TryAdd(countries[i].Code, i);
        }

        starts[countries.Count] = text.Length;
        html = text.ToString();
    }

    /// <summary>
    /// Every option, the one of <paramref name="code"/> (any case) selected when it is in the list:
    /// the options before it, its selected form and those after it, written to the page as they
    /// are rather than joined into a string of their own for each page.
    /// </summary>
    public IHtmlContent Render(string? code) =>
        code is not null && positions.TryGetValue(code, out var i) ? new Selected(this, i) : new HtmlString(html);

    private sealed class Selected(CountryOptions options, int index) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.Write(options.html.AsSpan(0, options.starts[index]));
            writer.Write(options.selected[index]);
            writer.Write(options.html.AsSpan(options.starts[index + 1]));
        }
    }
}
