using System.Net;
using System.Text.RegularExpressions;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Web.Data;
using static PeoplesStories.IntegrationTests.Editor.EditorSession;
using static PeoplesStories.IntegrationTests.Submissions.SubmissionClient;

namespace PeoplesStories.IntegrationTests.Submissions;

/// <summary>The public form at /submit: what a submission stores, the confirmation, validation, spam defences.</summary>
public sealed partial class SubmitStoryTests : IDisposable
{
    private readonly StoriesAppFactory app = NewApp();

    public void Dispose() => app.Dispose();

    [GeneratedRegex("^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$")]
    private static partial Regex ReferenceCode();

    [Fact]
    public async Task A_submission_is_a_pending_story_readers_cannot_find_and_the_confirmation_shows_its_reference()
    {
        using var client = NewClient(app);
        var form = new SubmitForm(
            Title: "Journalists detained in Lima",
            Story: "Two journalists were detained in Lima\r\nafter covering a protest.\r\n\r\n  Peru's press union asked for their release.  \r\n\r\n\r\n",
            Country: "PE",
            Sources: "https://www.example.org/report-1\n\n  http://news.example.com/a?b=1  \n",
            Date: "15 March 2024",
            Name: "Rosa Quispe",
            Contact: "rosa@example.org");
        var code = await SubmitExpectingThanksAsync(client, form);
        Assert.Matches(ReferenceCode(), code);

        var thanks = await client.GetDocumentAsync("/submit/thanks?ref=" + code);
        Assert.Equal(code, thanks.QuerySelector("#reference-code")!.TextContent);
        Assert.DoesNotContain("rosa@example.org", thanks.DocumentElement.OuterHtml, StringComparison.Ordinal);
        using var unknown = await client.GetAsync("/submit/thanks?ref=ZZZZZZZZ");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var submission = Assert.Single(await SubmissionsAsync(app));
        Assert.Equal((code, "Rosa Quispe", "rosa@example.org", SubmissionState.Pending, (string?)null), (submission.ReferenceCode, submission.SubmitterName, submission.SubmitterContact, submission.State, submission.HeldReason));
        Assert.Matches("^[0-9a-f]{32}$", submission.ClientHash);
        var story = submission.Story;
        Assert.Equal((StoryState.Pending, "journalists-detained-in-lima", "Rosa Quispe", "Readers’ stories"), (story.State, story.Slug, story.Byline, story.Section.Name));
        Assert.Equal(PeoplesStories.Web.Import.StoryMapping.StoryKey("Journalists detained in Lima", "Rosa Quispe"), story.MatchKey);
        Assert.Null(story.PublishedAt);

        var update = await app.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.Include(db.StoryUpdates, u => u.Links), u => u.StoryId == story.Id));
        Assert.Equal("Two journalists were detained in Lima after covering a protest.\n\nPeru's press union asked for their release.", update.Body);
        Assert.Equal(("15 March 2024", new DateOnly(2024, 3, 15)), (update.DateText, update.DateValue));
        Assert.Equal(["https://www.example.org/report-1", "http://news.example.com/a?b=1"], update.Links.OrderBy(l => l.Position).Select(l => l.Url));
        Assert.Equal("example.org", update.Links.OrderBy(l => l.Position).First().Host);
        var countries = await app.QueryAsync(db => Task.FromResult(db.StoryCountries.Where(c => c.StoryId == story.Id).ToList()));
        Assert.Equal(("PE", true), countries.Where(c => c.IsPrimary).Select(c => (c.CountryCode, c.IsPrimary)).Single());

        // Not on any public page, feed or API.
        foreach (var url in new[] { "/", "/search?q=journalists", "/feed", "/api/stories", "/api/search?q=journalists", "/sitemap.xml", "/countries", "/countries/pe", "/archive/2024/03" })
        {
            using var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("Journalists detained in Lima", body, StringComparison.Ordinal);
            Assert.DoesNotContain("journalists-detained-in-lima", body, StringComparison.Ordinal);
        }

        foreach (var url in new[] { "/stories/journalists-detained-in-lima", "/api/stories/journalists-detained-in-lima" })
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task Without_a_name_the_byline_is_a_reader_and_a_repeated_title_gets_the_next_free_slug()
    {
        using var client = NewClient(app);
        await SubmitExpectingThanksAsync(client, new SubmitForm(Title: "Same title"));
        await SubmitExpectingThanksAsync(client, new SubmitForm(Title: "Same title"));
        await SubmitExpectingThanksAsync(client, new SubmitForm(Title: "Same title!"));
        var stored = await SubmissionsAsync(app);
        Assert.Equal(["same-title", "same-title-2", "same-title-3"], stored.Select(s => s.Story.Slug));
        Assert.All(stored, s => Assert.Equal("a reader", s.Story.Byline));
        Assert.All(stored, s => Assert.Null(s.SubmitterContact));
        Assert.Equal(3, stored.Select(s => s.ReferenceCode).Distinct().Count());
        Assert.Single(stored.Select(s => s.Story.SectionId).Distinct());
    }

    [Fact]
    public async Task Simultaneous_submissions_with_one_title_each_get_a_slug_of_their_own()
    {
        var clients = Enumerable.Range(0, 6).Select(_ => NewClient(app)).ToList();
        try
        {
            var codes = await Task.WhenAll(clients.Select(c => SubmitExpectingThanksAsync(c, new SubmitForm(Title: "At the same time"))));
            Assert.Equal(6, codes.Distinct().Count());
            var stored = await SubmissionsAsync(app);
            Assert.Equal(6, stored.Select(s => s.Story.Slug).Distinct().Count());
            Assert.Single(stored.Select(s => s.Story.SectionId).Distinct());
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task Each_validation_rule_puts_its_message_beside_the_field_and_keeps_what_was_typed()
    {
        using var client = NewClient(app);

        using var empty = await SubmitAsync(client, new SubmitForm(Title: " ", Story: ""));
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var emptyPage = await ParseAsync(empty);
        Assert.Equal("Enter a title.", emptyPage.QuerySelector("#title-error")!.TextContent);
        Assert.Equal("Write the story.", emptyPage.QuerySelector("#story-error")!.TextContent);

        var longTitle = new string('t', 301);
        var longStory = new string('s', 20_001);
        using var tooLong = await SubmitAsync(client, new SubmitForm(Title: longTitle, Story: longStory, Country: "KH", Name: "Ana", Contact: "ana@example.org"));
        var tooLongPage = await ParseAsync(tooLong);
        Assert.Equal("A title can be at most 300 characters long.", tooLongPage.QuerySelector("#title-error")!.TextContent);
        Assert.Equal("A story can be at most 20,000 characters long.", tooLongPage.QuerySelector("#story-error")!.TextContent);
        Assert.Equal(longTitle, tooLongPage.QuerySelector("#Input_Title")!.GetAttribute("value"));
        Assert.Equal(longStory, tooLongPage.QuerySelector("#Input_Story")!.TextContent.Trim('\n'));
        Assert.Equal("KH", tooLongPage.QuerySelector("#Input_Country option[selected]")!.GetAttribute("value"));
        Assert.Equal("Ana", tooLongPage.QuerySelector("#Input_Name")!.GetAttribute("value"));
        Assert.Equal("ana@example.org", tooLongPage.QuerySelector("#Input_Contact")!.GetAttribute("value"));

        const string Sources = "https://example.org/fine\nftp://example.org/file\nnot a url";
        using var badUrl = await SubmitAsync(client, new SubmitForm(Sources: Sources, Date: "Aug. 2023"));
        var badUrlPage = await ParseAsync(badUrl);
        Assert.Equal("Line 2 is not a web address starting with http:// or https://: “ftp://example.org/file”.", badUrlPage.QuerySelector("#sources-error")!.TextContent);
        Assert.Equal("", badUrlPage.QuerySelector("#title-error")!.TextContent);
        Assert.Equal("", badUrlPage.QuerySelector("#date-error")!.TextContent);
        Assert.Equal(Sources, badUrlPage.QuerySelector("#Input_Sources")!.TextContent.Trim('\n'));
        Assert.Equal("Aug. 2023", badUrlPage.QuerySelector("#Input_Date")!.GetAttribute("value"));
        Assert.Equal("Teachers held in Phnom Penh", badUrlPage.QuerySelector("#Input_Title")!.GetAttribute("value"));

        using var badDate = await SubmitAsync(client, new SubmitForm(Date: "the day after the flood"));
        var badDatePage = await ParseAsync(badDate);
        Assert.Equal("We could not read this date. Write it like “15 March 2024”, “Aug. 2023” or “2024”.", badDatePage.QuerySelector("#date-error")!.TextContent);
        Assert.Equal("the day after the flood", badDatePage.QuerySelector("#Input_Date")!.GetAttribute("value"));

        using var country = await SubmitAsync(client, new SubmitForm(Country: "XX"));
        Assert.Equal("Choose a country from the list, or none.", (await ParseAsync(country)).QuerySelector("#country-error")!.TextContent);

        Assert.Empty(await SubmissionsAsync(app));

        // Exactly at the limits is fine, a line break (sent as CR LF) counting as one character.
        var atLimit = new string('s', 9_999) + "\r\n" + new string('s', 10_000);
        await SubmitExpectingThanksAsync(client, new SubmitForm(Title: new string('t', 300), Story: atLimit));
        Assert.Single(await SubmissionsAsync(app));
    }

    [Fact]
    public async Task A_filled_honeypot_is_stored_pending_and_marked_for_the_editors()
    {
        using var client = NewClient(app);
        var form = (await GetFormAsync(client)).Page;
        var trap = form.QuerySelector("#Input_Website")!;
        Assert.Equal("-1", trap.GetAttribute("tabindex"));
        Assert.Equal("Leave this field empty", form.QuerySelector("label[for=Input_Website]")!.TextContent);

        await SubmitExpectingThanksAsync(client, new SubmitForm(Title: "Cheap pills", Website: "https://spam.example"));
        var stored = Assert.Single(await SubmissionsAsync(app));
        Assert.Equal((SubmissionState.Pending, StoryState.Pending, "honeypot field filled"), (stored.State, stored.Story.State, stored.HeldReason));
        using var home = await client.GetAsync("/");
        Assert.DoesNotContain("Cheap pills", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_posted_too_soon_or_with_a_forged_time_is_stored_pending_and_marked()
    {
        using var slow = new StoriesAppFactory(importSeeds: false).WithSetting("Submit:MinimumSecondsToSubmit", "60");
        using var client = NewClient(slow);
        await SubmitExpectingThanksAsync(client, new SubmitForm(Title: "Quick"));
        var (_, token, _) = await GetFormAsync(client);
        using var forged = await PostAsync(client, token, "not-a-protected-time", new SubmitForm(Title: "Forged"));
        Assert.Equal(HttpStatusCode.Redirect, forged.StatusCode);

        var stored = await SubmissionsAsync(slow);
        Assert.All(stored, s => Assert.Equal(StoryState.Pending, s.Story.State));
        Assert.StartsWith("posted ", stored[0].HeldReason, StringComparison.Ordinal);
        Assert.Equal("form time missing or forged", stored[1].HeldReason);
    }

    [Fact]
    public async Task A_post_without_an_antiforgery_token_is_refused_with_400()
    {
        using var client = NewClient(app);
        var (_, _, formTime) = await GetFormAsync(client);
        using var response = await PostAsync(client, null, formTime, new SubmitForm());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await SubmissionsAsync(app));
    }

    [Fact]
    public async Task A_flood_from_one_client_meets_429_with_the_friendly_page()
    {
        using var limited = new StoriesAppFactory(importSeeds: false)
            .WithSetting("Submit:MinimumSecondsToSubmit", "0")
            .WithSetting("RateLimiting:Submit:PermitLimit", "2")
            .WithSetting("RateLimiting:Submit:WindowSeconds", "60");
        var addressed = Guestbook.GuestbookClient.WithClientAddresses(limited);
        using var client = Guestbook.GuestbookClient.ClientFrom(addressed, "203.0.113.9");

        await SubmitExpectingThanksAsync(client, new SubmitForm(Title: "One"));
        await SubmitExpectingThanksAsync(client, new SubmitForm(Title: "Two"));
        using var third = await SubmitAsync(client, new SubmitForm(Title: "Three"));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        var page = await ParseAsync(third);
        Assert.Contains("You have submitted several stories in a short while.", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("header .site-name"));
        Assert.Equal(2, (await SubmissionsAsync(limited)).Count);

        // The form itself is never limited, and another client may still submit.
        using var form = await client.GetAsync("/submit");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        using var other = Guestbook.GuestbookClient.ClientFrom(addressed, "198.51.100.30");
        await SubmitExpectingThanksAsync(other, new SubmitForm(Title: "From another client"));
        Assert.Equal(3, (await SubmissionsAsync(limited)).Count);
    }
}
