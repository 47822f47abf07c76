using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace PeoplesStories.BrowserTests.Pages;

/// <summary>What every page of the site has: the layout's header (name, search form) and footer.</summary>
public abstract class SitePage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Main => Page.Locator("main");

    public ILocator Heading => Main.Locator("h1").First;

    public ILocator SiteName => Page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "People’s Stories", Exact = true });

    public ILocator SkipLink => Page.GetByRole(AriaRole.Link, new() { Name = "Skip to content", Exact = true });

    public ILocator SearchForm => Page.Locator("header").GetByRole(AriaRole.Search);

    public ILocator SearchBox => SearchForm.GetByLabel("Search by keyword and country", new() { Exact = true });

    public ILocator CountrySelect => SearchForm.GetByRole(AriaRole.Combobox, new() { Name = "Country", Exact = true });

    public ILocator SearchButton => SearchForm.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true });

    public ILocator Footer => Page.Locator("footer");

    public ILocator FooterLink(string name) => Footer.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    /// <summary>A link in the main content whose text holds the title.</summary>
    public ILocator MainLink(string text) => Main.Locator("a").Filter(new() { HasText = text });

    /// <summary>Header, search form and footer are there.</summary>
    public async Task ExpectLayoutAsync()
    {
        await Expect(SiteName).ToBeVisibleAsync();
        await Expect(SearchForm).ToBeVisibleAsync();
        await Expect(SearchBox).ToBeVisibleAsync();
        await Expect(CountrySelect).ToBeVisibleAsync();
        await Expect(FooterLink("Submit a Story")).ToBeVisibleAsync();
        await Expect(FooterLink("Guestbook")).ToBeVisibleAsync();
        await ExpectStyledAsync(Page);
        var overflow = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page scrolls sideways by {overflow}px at {Page.ViewportSize?.Width}px wide.");
    }

    /// <summary>The site's stylesheet is loaded and has rules (a 200 with an empty body would not).</summary>
    public static async Task ExpectStyledAsync(IPage page) =>
        Assert.True(await StylesheetAppliedAsync(page), "The site's stylesheet (/css/site*.css) did not load: the page is unstyled.");

    private static Task<bool> StylesheetAppliedAsync(IPage page) => page.EvaluateAsync<bool>("""
        () => [...document.styleSheets].some(s => {
          try { return s.href && new URL(s.href).pathname.startsWith('/css/site') && s.cssRules.length > 0; }
          catch { return false; }
        })
        """);

    /// <summary>Types a keyword, picks a country by its name in the header's select, submits.</summary>
    public async Task<SearchPage> SearchAsync(string keyword, string countryName)
    {
        await SearchBox.FillAsync(keyword);
        await CountrySelect.SelectOptionAsync(new SelectOptionValue { Label = countryName });
        await SearchButton.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"/search\?"));
        await Page.WaitForLoadStateAsync(LoadState.Load);
        return new SearchPage(Page);
    }

    /// <summary>Clicks a link and waits for the page at the expected path to load.</summary>
    protected async Task FollowAsync(ILocator link, string path)
    {
        await link.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(Regex.Escape(path) + "(?:[?#].*)?$"));
        await Page.WaitForLoadStateAsync(LoadState.Load);
    }
}
