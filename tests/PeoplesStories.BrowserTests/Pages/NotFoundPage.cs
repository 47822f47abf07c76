namespace PeoplesStories.BrowserTests.Pages;

/// <summary>The page shown for an address with nothing at it.</summary>
public sealed class NotFoundPage(IPage page) : SitePage(page)
{
    public ILocator HomeLink => Main.GetByRole(AriaRole.Link, new() { Name = "Go to the latest stories" });
}
