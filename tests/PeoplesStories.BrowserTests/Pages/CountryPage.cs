namespace PeoplesStories.BrowserTests.Pages;

/// <summary>A country's page: the stories about it.</summary>
public sealed class CountryPage(IPage page) : SitePage(page)
{
    public ILocator StoryLink(string title) => MainLink(title);
}
