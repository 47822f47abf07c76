namespace PeoplesStories.BrowserTests.Pages;

/// <summary>The home page: the latest stories.</summary>
public sealed class HomePage(IPage page) : SitePage(page)
{
    public ILocator StoryTitles => Main.Locator(".story-list .story-card h2 a");

    public ILocator StoryLink(string title) => Main.GetByRole(AriaRole.Link, new() { Name = title, Exact = true });

    public static async Task<HomePage> OpenAsync(IPage page)
    {
        await page.GotoAsync("/");
        return new HomePage(page);
    }

    public async Task<StoryPage> OpenStoryAsync(string title, string slug)
    {
        await FollowAsync(StoryLink(title), "/stories/" + slug);
        return new StoryPage(Page);
    }
}
