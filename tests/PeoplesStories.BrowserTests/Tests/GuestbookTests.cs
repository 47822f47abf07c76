using PeoplesStories.BrowserTests.Infrastructure;
using PeoplesStories.BrowserTests.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PeoplesStories.BrowserTests.Tests;

/// <summary>A visitor signs the guestbook, sees the entry, then meets a validation error that keeps what they typed.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GuestbookTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [SkippableTheory]
    [MemberData(nameof(Viewports.Both), MemberType = typeof(Viewports))]
    public Task Visitor_signs_the_guestbook_and_a_validation_error_keeps_the_typed_text(int width) =>
        BrowserSession.RunAsync(fixture, output, nameof(Visitor_signs_the_guestbook_and_a_validation_error_keeps_the_typed_text), width, async session =>
        {
            var guestbook = await GuestbookPage.OpenAsync(session.Page);
            await session.ScreenshotAsync("guestbook");
            await guestbook.ExpectLayoutAsync();

            var message = $"Thank you for keeping these stories ({width}px).\nSolidarity from Lima.";
            await guestbook.SignAsync("Ana", "Peru", message);
            await session.ScreenshotAsync("signed");
            await Expect(guestbook.Notice).ToContainTextAsync("Your message is below");
            var entry = guestbook.Entry($"Thank you for keeping these stories ({width}px).");
            await Expect(entry).ToHaveCountAsync(1);
            await Expect(entry.Locator(".guestbook-name")).ToHaveTextAsync("Ana");
            await Expect(entry).ToContainTextAsync("Peru");
            await Expect(entry.Locator(".guestbook-message")).ToHaveTextAsync(message);

            // No name: the message says so beside the field, and the message typed is still there.
            var unfinished = $"A second message, unfinished ({width}px)";
            await guestbook.SignAsync("", null, unfinished);
            await session.ScreenshotAsync("validation-error");
            await Expect(guestbook.NameError).ToHaveTextAsync("Enter your name.");
            await Expect(guestbook.MessageBox).ToHaveValueAsync(unfinished);
            await Expect(guestbook.Entry(unfinished)).ToHaveCountAsync(0);
            await guestbook.ExpectLayoutAsync();
        });
}
