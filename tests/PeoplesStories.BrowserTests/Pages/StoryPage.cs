namespace PeoplesStories.BrowserTests.Pages;

/// <summary>A story: title, byline, country tags, dated updates with headlines and sources.</summary>
public sealed class StoryPage(IPage page) : SitePage(page)
{
    public ILocator Title => Main.Locator("article h1");

    public ILocator Byline => Main.Locator(".story-header .byline");

    public ILocator UpdateHeadings => Main.Locator("section.update h2");

    public ILocator UpdateHeading(string dateLabel) => UpdateHeadings.Filter(new() { HasText = dateLabel });

    public ILocator Update(string anchor) => Main.Locator("section#" + anchor);

    public ILocator Headline(string anchor) => Update(anchor).Locator(".headline");

    public ILocator Sources(string anchor) => Update(anchor).GetByRole(AriaRole.List, new() { Name = "Sources" });

    public ILocator SourceLink(string host) => Main.Locator("ul.sources").GetByRole(AriaRole.Link, new() { Name = host, Exact = true });

    public ILocator CountryTag(string name) =>
        Main.Locator(".story-header").GetByRole(AriaRole.List, new() { Name = "Countries" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    public async Task<CountryPage> OpenCountryAsync(string name, string code)
    {
        await FollowAsync(CountryTag(name), "/countries/" + code);
        return new CountryPage(Page);
    }
}
