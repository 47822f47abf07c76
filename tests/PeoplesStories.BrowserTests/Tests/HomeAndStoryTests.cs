using PeoplesStories.BrowserTests.Infrastructure;
using PeoplesStories.BrowserTests.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PeoplesStories.BrowserTests.Tests;

[Collection(BrowserCollection.Name)]
public sealed class HomeAndStoryTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [SkippableTheory]
    [MemberData(nameof(Viewports.Both), MemberType = typeof(Viewports))]
    public Task Home_lists_the_seed_stories_under_the_header_and_above_the_footer(int width) =>
        BrowserSession.RunAsync(fixture, output, nameof(Home_lists_the_seed_stories_under_the_header_and_above_the_footer), width, async session =>
        {
            var home = await HomePage.OpenAsync(session.Page);
            await session.ScreenshotAsync("home");

            await Expect(home.SiteName).ToHaveTextAsync("People’s Stories");
            await home.ExpectLayoutAsync();
            await Expect(home.CountrySelect.Locator("option", new() { HasText = "Cambodia" })).ToHaveCountAsync(1);
            await Expect(home.StoryLink(SeedStories.Cambodia)).ToBeVisibleAsync();
            await Expect(home.StoryLink(SeedStories.Democratic)).ToBeVisibleAsync();
            await Expect(home.StoryTitles).ToHaveCountAsync(2);
        });

    [SkippableTheory]
    [MemberData(nameof(Viewports.Both), MemberType = typeof(Viewports))]
    public Task Clicking_the_Democratic_story_shows_its_byline_dated_updates_and_sources(int width) =>
        BrowserSession.RunAsync(fixture, output, nameof(Clicking_the_Democratic_story_shows_its_byline_dated_updates_and_sources), width, async session =>
        {
            var home = await HomePage.OpenAsync(session.Page);
            await session.ScreenshotAsync("home");

            var story = await home.OpenStoryAsync(SeedStories.Democratic, SeedStories.DemocraticSlug);
            await session.ScreenshotAsync("story");

            await Expect(story.Title).ToHaveTextAsync(SeedStories.Democratic);
            await Expect(story.Byline).ToHaveTextAsync("by PBS, Education International, agencies");
            var june = story.UpdateHeading("c. 13 June 2025");
            await Expect(june).ToBeVisibleAsync();
            await Expect(june).ToContainTextAsync(", dated from its sources");

            var september = story.Main.Locator("section.update")
                .Filter(new() { Has = story.Page.Locator("h2", new() { HasText = "Sep. 2025" }) })
                .Filter(new() { Has = story.Page.Locator(".headline", new() { HasText = "UN Special Rapporteur warns of intensifying repression in Russia aimed at silencing dissent. (OHCHR)" }) });
            await Expect(september).ToHaveCountAsync(1);
            await september.ScrollIntoViewIfNeededAsync();
            await Expect(september).ToBeInViewportAsync();
            await session.ScreenshotAsync("story-september-update");

            await Expect(story.Page.Locator("#update-2025-09")).ToHaveCountAsync(1);
            await Expect(story.SourceLink("theguardian.com").First).ToBeVisibleAsync();
            await Expect(story.SourceLink("theguardian.com").First).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("theguardian\\.com"));
            await story.ExpectLayoutAsync();
        });

    [SkippableTheory]
    [MemberData(nameof(Viewports.Both), MemberType = typeof(Viewports))]
    public Task Tab_first_focuses_the_skip_link_which_shows_and_leads_to_the_content(int width) =>
        BrowserSession.RunAsync(fixture, output, nameof(Tab_first_focuses_the_skip_link_which_shows_and_leads_to_the_content), width, async session =>
        {
            var home = await HomePage.OpenAsync(session.Page);
            await session.ScreenshotAsync("home");

            await session.Page.Keyboard.PressAsync("Tab");
            await Expect(home.SkipLink).ToBeFocusedAsync();
            await Expect(home.SkipLink).ToBeVisibleAsync();
            await Expect(home.SkipLink).ToBeInViewportAsync(new() { Ratio = 1 });
            var box = await home.SkipLink.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Width >= 40 && box.Height >= 16, $"The focused skip link is {box.Width}x{box.Height}px: too small to be seen.");
            await session.ScreenshotAsync("skip-link-focused");

            await session.Page.Keyboard.PressAsync("Enter");
            await Expect(home.Main).ToBeFocusedAsync();
            await session.ScreenshotAsync("after-skip");
        });

    [SkippableTheory]
    [MemberData(nameof(Viewports.Both), MemberType = typeof(Viewports))]
    public Task An_unknown_story_shows_page_not_found_in_the_layout(int width) =>
        BrowserSession.RunAsync(fixture, output, nameof(An_unknown_story_shows_page_not_found_in_the_layout), width, async session =>
        {
            session.ExpectStatus("/stories/nope", 404);
            var response = await session.GotoAsync("/stories/nope");
            await session.ScreenshotAsync("not-found");

            Assert.Equal(404, response.Status);
            var page = new NotFoundPage(session.Page);
            await Expect(page.Heading).ToHaveTextAsync("Page not found");
            await Expect(page.HomeLink).ToBeVisibleAsync();
            await page.ExpectLayoutAsync();
        });
}
