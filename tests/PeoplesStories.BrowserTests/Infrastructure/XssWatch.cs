using System.Collections.Concurrent;
using PeoplesStories.Testing;

namespace PeoplesStories.BrowserTests.Infrastructure;

/// <summary>
/// Watches a page for payloads that run or come back as live markup. Before any script of a page, an
/// init script replaces alert, confirm, prompt and print and wraps console's methods so that each
/// call is recorded, and records any write to <c>window.__xss</c>; a dialog handler records (and
/// dismisses) any dialog all the same. After each load <see cref="CheckAsync"/> reads the record
/// and the live DOM, whose elements go through the same rules as the served HTML (<see cref="LiveMarkup"/>).
/// </summary>
public sealed class XssWatch
{
    private const string Hooks = """
        (() => {
          const hits = [];
          Object.defineProperty(window, '__xssHits', { value: hits });
          const record = what => (...args) => { hits.push(what + '(' + args.map(String).join(', ') + ')'); };
          for (const name of ['alert', 'confirm', 'prompt', 'print']) window[name] = record(name);
          for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
            const original = console[level].bind(console);
            console[level] = (...args) => { record('console.' + level)(...args); original(...args); };
          }
          let flag;
          Object.defineProperty(window, '__xss', { get: () => flag, set: value => { flag = value; hits.push('__xss=' + value); } });
        })();
        """;

    private const string Snapshot = """
        () => JSON.stringify({
          Hits: window.__xssHits ? [...window.__xssHits] : ['the hooks are missing'],
          Elements: [...document.querySelectorAll('*')].map(e => ({ Tag: e.localName, Attributes: [...e.attributes].map(a => [a.name, a.value]) })),
        })
        """;

    private readonly ConcurrentQueue<string> dialogs = new();
    private readonly List<string> findings = [];

    private XssWatch(IPage page) => Page = page;

    public IPage Page { get; }

    public IReadOnlyList<string> Findings => findings;

    public int PagesChecked { get; private set; }

    public static async Task<XssWatch> StartAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var watch = new XssWatch(page);
        await page.Context.AddInitScriptAsync(Hooks);
        page.Dialog += async (_, dialog) =>
        {
            watch.dialogs.Enqueue($"{dialog.Type}: {dialog.Message}");
            await dialog.DismissAsync();
        };
        return watch;
    }

    /// <summary>Records what ran on the current page and what live markup it holds.</summary>
    public async Task CheckAsync(string label)
    {
        PagesChecked++;
        var state = System.Text.Json.JsonSerializer.Deserialize<PageState>(await Page.EvaluateAsync<string>(Snapshot))!;
        var where = $"{label} ({new Uri(Page.Url).PathAndQuery})";
        findings.AddRange(state.Hits.Select(hit => $"{where}: ran {hit}"));
        while (dialogs.TryDequeue(out var dialog))
        {
            findings.Add($"{where}: dialog {dialog}");
        }

        var elements = state.Elements.Select(e => new MarkupElement(e.Tag, e.Attributes.Select(a => KeyValuePair.Create(a[0], a[1])).ToList()));
        findings.AddRange(LiveMarkup.Findings(elements).Select(f => $"{where}: {f}"));
    }

    /// <summary>Goes to a path of the site and checks it.</summary>
    public async Task VisitAsync(string pathAndQuery, string label)
    {
        await Page.GotoAsync(pathAndQuery);
        await CheckAsync(label);
    }

    /// <summary>Visits a page and every page after it (rel=next), checking each.</summary>
    public async Task VisitWithFollowingPagesAsync(string pathAndQuery)
    {
        for (string? next = pathAndQuery; next is not null;)
        {
            await VisitAsync(next, next);
            next = await Page.Locator("link[rel=next]").CountAsync() > 0 ? await Page.Locator("link[rel=next]").GetAttributeAsync("href") : null;
        }
    }

    public void AssertNone() =>
        Assert.True(findings.Count == 0, $"{findings.Count} finding(s) on {PagesChecked} pages:\n" + string.Join("\n", findings.Take(40)));

    private sealed record PageState(string[] Hits, ElementState[] Elements);

    private sealed record ElementState(string Tag, string[][] Attributes);
}
