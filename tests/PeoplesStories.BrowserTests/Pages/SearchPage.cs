namespace PeoplesStories.BrowserTests.Pages;

/// <summary>Search results, with the matched words marked.</summary>
public sealed class SearchPage(IPage page) : SitePage(page)
{
    public ILocator ResultLink(string title) => MainLink(title);

    public ILocator Marks => Main.Locator("mark");
}
