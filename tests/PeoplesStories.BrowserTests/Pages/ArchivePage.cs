namespace PeoplesStories.BrowserTests.Pages;

/// <summary>The archive by date (all years, a year, a month): the updates of that time.</summary>
public sealed class ArchivePage(IPage page) : SitePage(page)
{
    public ILocator StoryLink(string title) => MainLink(title);

    /// <summary>Whether <see cref="OpenMonthAsync"/> followed a link (true) or had to type the address.</summary>
    public bool ReachedByLink { get; private init; }

    /// <summary>Clicks a link to the month if the current page offers one, else goes there by URL.</summary>
    public static async Task<ArchivePage> OpenMonthAsync(SitePage from, int year, int month)
    {
        var path = $"/archive/{year:0000}/{month:00}";
        var link = from.Page.Locator($"a[href='{path}']").Filter(new() { Visible = true });
        var byLink = await link.CountAsync() > 0;
        if (byLink)
        {
            await link.First.ClickAsync();
            await from.Page.WaitForURLAsync("**" + path);
            await from.Page.WaitForLoadStateAsync(LoadState.Load);
        }
        else
        {
            await from.Page.GotoAsync(path);
        }

        return new ArchivePage(from.Page) { ReachedByLink = byLink };
    }
}
