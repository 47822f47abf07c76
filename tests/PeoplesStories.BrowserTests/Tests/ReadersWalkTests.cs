using System.Text.RegularExpressions;
using PeoplesStories.BrowserTests.Infrastructure;
using PeoplesStories.BrowserTests.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PeoplesStories.BrowserTests.Tests;

/// <summary>
/// The reader's walk: home, a story, its country, a search filtered by that country, the month's archive;
/// following the links the site offers, as a reader would.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReadersWalkTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [SkippableTheory]
    [MemberData(nameof(Viewports.Both), MemberType = typeof(Viewports))]
    public Task Reader_walks_from_home_to_a_story_its_country_a_search_and_the_month_archive(int width) =>
        BrowserSession.RunAsync(fixture, output, nameof(Reader_walks_from_home_to_a_story_its_country_a_search_and_the_month_archive), width, async session =>
        {
            session.Log("walk 1/5: home");
            var home = await HomePage.OpenAsync(session.Page);
            await session.ScreenshotAsync("home");
            await Expect(home.StoryLink(SeedStories.Cambodia)).ToBeVisibleAsync();

            session.Log("walk 2/5: click the Cambodia story");
            var story = await home.OpenStoryAsync(SeedStories.Cambodia, SeedStories.CambodiaSlug);
            await session.ScreenshotAsync("story");
            await Expect(story.Title).ToHaveTextAsync(SeedStories.Cambodia);

            session.Log("walk 3/5: click the story's country tag Cambodia -> /countries/kh");
            var country = await story.OpenCountryAsync("Cambodia", "kh");
            await session.ScreenshotAsync("country-kh");
            await Expect(country.Heading).ToContainTextAsync("Cambodia");
            await Expect(country.StoryLink(SeedStories.Cambodia).First).ToBeVisibleAsync();
            await Expect(country.StoryLink(SeedStories.Democratic)).ToHaveCountAsync(0);

            session.Log("walk 4/5: header search: type 'scamming', choose Cambodia, submit");
            var search = await country.SearchAsync("scamming", "Cambodia");
            await session.ScreenshotAsync("search-scamming-kh");
            await Expect(session.Page).ToHaveURLAsync(new Regex(@"/search\?(?=.*\bq=scamming\b)(?=.*\bcountry=kh\b)"));
            await Expect(search.ResultLink(SeedStories.Cambodia).First).ToBeVisibleAsync();
            await Expect(search.ResultLink(SeedStories.Democratic)).ToHaveCountAsync(0);
            await Expect(search.Marks.Filter(new() { HasTextRegex = new Regex("scamming", RegexOptions.IgnoreCase) }).First).ToBeVisibleAsync();

            session.Log("walk 5/5: month archive /archive/2025/06 (a link if the page offers one, else by URL)");
            var archive = await ArchivePage.OpenMonthAsync(search, 2025, 6);
            session.Log(archive.ReachedByLink ? "the search page links to /archive/2025/06: followed it" : "no link to /archive/2025/06 on the search page: went by URL");
            await session.ScreenshotAsync("archive-2025-06");
            await Expect(archive.Heading).ToContainTextAsync("June 2025");
            await Expect(archive.StoryLink(SeedStories.Cambodia).First).ToBeVisibleAsync();
            await archive.ExpectLayoutAsync();
        });
}
