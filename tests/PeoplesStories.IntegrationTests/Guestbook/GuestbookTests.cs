using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using PeoplesStories.Web.Guestbook;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Web.Data;
using static PeoplesStories.IntegrationTests.Editor.EditorSession;
using static PeoplesStories.IntegrationTests.Guestbook.GuestbookClient;

namespace PeoplesStories.IntegrationTests.Guestbook;

/// <summary>The public guestbook: listing and paging, signing, validation, spam defences, hostile markup, privacy.</summary>
public sealed partial class GuestbookTests : IDisposable
{
    private readonly StoriesAppFactory app = NewApp();

    public void Dispose() => app.Dispose();

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex HexHash();

    [Fact]
    public async Task Entries_are_listed_newest_first_twenty_a_page_with_stable_links()
    {
        using var client = NewClient(app);
        await app.QueryAsync(async db =>
        {
            var start = new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
            for (var i = 1; i <= 25; i++)
            {
                db.GuestbookEntries.Add(new GuestbookEntry { Name = $"Reader {i}", Message = $"Message {i}", CreatedAt = start.AddHours(i), State = GuestbookState.Published, ClientHash = "seed" });
            }

            // Not published: never listed.
            db.GuestbookEntries.Add(new GuestbookEntry { Name = "Held", Message = "Held message", CreatedAt = start.AddDays(9), State = GuestbookState.Pending, ClientHash = "seed" });
            return await db.SaveChangesAsync();
        });

        var first = await client.GetDocumentAsync("/guestbook");
        var messages = first.Texts(".guestbook-entry .guestbook-message");
        Assert.Equal(Enumerable.Range(6, 20).Reverse().Select(i => $"Message {i}"), messages);
        Assert.Equal("/guestbook?page=2", first.QuerySelector("link[rel=next]")!.GetAttribute("href"));
        Assert.Null(first.QuerySelector("link[rel=prev]"));
        Assert.Equal("/guestbook?page=2", first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href"));

        var second = await client.GetDocumentAsync("/guestbook?page=2");
        Assert.Equal(Enumerable.Range(1, 5).Reverse().Select(i => $"Message {i}"), second.Texts(".guestbook-entry .guestbook-message"));
        Assert.Equal("/guestbook", second.QuerySelector("link[rel=prev]")!.GetAttribute("href"));
        Assert.Null(second.QuerySelector("link[rel=next]"));
        Assert.NotNull(second.QuerySelector("form input[name=__RequestVerificationToken]"));

        using var third = await client.GetAsync("/guestbook?page=3");
        Assert.Equal(HttpStatusCode.NotFound, third.StatusCode);
    }

    [Fact]
    public async Task A_signature_is_published_with_name_country_date_and_message_keeping_line_breaks()
    {
        using var client = NewClient(app);
        using var response = await SignAsync(client, "  Sokha  ", "Thank you for these stories.\r\nKeep going: https://example.org/a?b=1&c=2.", "KH");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/guestbook?thanks=published", response.Headers.Location?.OriginalString);

        var page = await client.GetDocumentAsync("/guestbook?thanks=published");
        Assert.Contains("Your message is below", page.QuerySelector(".guestbook-notice")!.TextContent, StringComparison.Ordinal);
        var entry = Assert.Single(page.QuerySelectorAll(".guestbook-entry"));
        Assert.Equal("Sokha", entry.QuerySelector(".guestbook-name")!.TextContent);
        Assert.Contains("Cambodia", entry.QuerySelector(".guestbook-country")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(entry.QuerySelector("time[datetime]"));
        Assert.Equal("Thank you for these stories.\nKeep going: https://example.org/a?b=1&c=2.", entry.QuerySelector(".guestbook-message")!.TextContent);
        var link = Assert.Single(entry.QuerySelectorAll(".guestbook-message a"));
        Assert.Equal("https://example.org/a?b=1&c=2", link.GetAttribute("href"));
        Assert.Equal("nofollow ugc", link.GetAttribute("rel"));

        var stored = Assert.Single(await EntriesAsync(app));
        Assert.Equal((GuestbookState.Published, "KH", null as string), (stored.State, stored.CountryCode, stored.Reason));
    }

    [Fact]
    public async Task Each_validation_rule_puts_its_message_beside_the_field_and_keeps_what_was_typed()
    {
        using var client = NewClient(app);

        using var empty = await SignAsync(client, "", " ");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var emptyPage = await ParseAsync(empty);
        Assert.Equal("Enter your name.", emptyPage.QuerySelector("#name-error")!.TextContent);
        Assert.Equal("Write a message.", emptyPage.QuerySelector("#message-error")!.TextContent);

        var longName = new string('n', 81);
        using var tooLong = await SignAsync(client, longName, new string('m', 2001), "PE");
        var tooLongPage = await ParseAsync(tooLong);
        Assert.Equal("Your name can be at most 80 characters long.", tooLongPage.QuerySelector("#name-error")!.TextContent);
        Assert.Equal("A message can be at most 2000 characters long.", tooLongPage.QuerySelector("#message-error")!.TextContent);
        Assert.Equal(longName, tooLongPage.QuerySelector("#Input_Name")!.GetAttribute("value"));
        Assert.Equal(new string('m', 2001), tooLongPage.QuerySelector("#Input_Message")!.TextContent.Trim('\n'));
        Assert.Equal("PE", tooLongPage.QuerySelector("#Input_Country option[selected]")!.GetAttribute("value"));

        const string ThreeLinks = "See http://a.example and https://b.example and www.c.example";
        using var links = await SignAsync(client, "Ana", ThreeLinks);
        var linksPage = await ParseAsync(links);
        Assert.Equal("A message can hold at most 2 links.", linksPage.QuerySelector("#message-error")!.TextContent);
        Assert.Equal("", linksPage.QuerySelector("#name-error")!.TextContent);
        Assert.Equal("Ana", linksPage.QuerySelector("#Input_Name")!.GetAttribute("value"));
        Assert.Equal(ThreeLinks, linksPage.QuerySelector("#Input_Message")!.TextContent.Trim('\n'));

        using var country = await SignAsync(client, "Ana", "Hello", "XX");
        Assert.Equal("Choose a country from the list, or none.", (await ParseAsync(country)).QuerySelector("#country-error")!.TextContent);

        // Exactly at the limits is fine.
        await SignExpectingAsync(client, "published", new string('n', 80), "Two links: http://a.example https://b.example " + new string('m', 1950));
        Assert.Single(await EntriesAsync(app));
    }

    [Fact]
    public async Task A_filled_honeypot_holds_the_entry_for_review_and_keeps_it_off_the_page()
    {
        using var client = NewClient(app);
        var form = (await GetFormAsync(client)).Page;
        var trap = form.QuerySelector("#Input_Website")!;
        Assert.Equal("-1", trap.GetAttribute("tabindex"));
        Assert.Equal("off", trap.GetAttribute("autocomplete"));
        Assert.Equal("Leave this field empty", form.QuerySelector("label[for=Input_Website]")!.TextContent);

        await SignExpectingAsync(client, "review", "Bot", "Buy now", website: "https://spam.example");

        var page = await client.GetDocumentAsync("/guestbook?thanks=review");
        Assert.Contains("awaits review", page.QuerySelector(".guestbook-notice")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll(".guestbook-entry"));
        var stored = Assert.Single(await EntriesAsync(app));
        Assert.Equal((GuestbookState.Pending, "honeypot field filled"), (stored.State, stored.Reason));
    }

    [Fact]
    public async Task A_form_posted_too_soon_or_with_a_forged_time_is_held_for_review()
    {
        using var slow = new StoriesAppFactory(importSeeds: false).WithSetting("Guestbook:MinimumSecondsToSubmit", "60");
        using var client = NewClient(slow);

        await SignExpectingAsync(client, "review", "Quick", "Posted at once");
        var (_, token, _) = await GetFormAsync(client);
        using var forged = await PostAsync(client, token, "not-a-protected-time", "Forger", "Forged time");
        Assert.Equal("/guestbook?thanks=review", forged.Headers.Location?.OriginalString);

        var stored = await EntriesAsync(slow);
        Assert.All(stored, e => Assert.Equal(GuestbookState.Pending, e.State));
        Assert.StartsWith("posted ", stored[0].Reason, StringComparison.Ordinal);
        Assert.Equal("form time missing or forged", stored[1].Reason);
        Assert.Empty(await PublicMessagesAsync(client));
    }

    [Fact]
    public async Task The_same_message_again_from_the_same_client_is_held_for_review()
    {
        using var client = NewClient(app);
        await SignExpectingAsync(client, "published", "Ana", "Solidarity from Lima.");
        await SignExpectingAsync(client, "review", "Ana", "  solidarity   FROM lima. ");
        await SignExpectingAsync(client, "published", "Ana", "A different message.");

        var stored = await EntriesAsync(app);
        Assert.Equal([GuestbookState.Published, GuestbookState.Pending, GuestbookState.Published], stored.Select(e => e.State));
        Assert.Equal("same message again from the same client", stored[1].Reason);
        Assert.Equal(["A different message.", "Solidarity from Lima."], await PublicMessagesAsync(client));
    }

    [Fact]
    public async Task Holding_all_for_approval_keeps_every_new_entry_pending()
    {
        using var held = NewApp().WithSetting("Guestbook:HoldAllForApproval", "true");
        using var client = NewClient(held);
        await SignExpectingAsync(client, "review", "Ana", "Hello");
        var stored = Assert.Single(await EntriesAsync(held));
        Assert.Equal((GuestbookState.Pending, "all entries held for approval"), (stored.State, stored.Reason));
        Assert.Empty(await PublicMessagesAsync(client));
    }

    [Fact]
    public async Task A_flood_from_one_client_meets_429_with_the_friendly_page_while_reading_goes_on()
    {
        using var limited = new StoriesAppFactory(importSeeds: false)
            .WithSetting("Guestbook:MinimumSecondsToSubmit", "0")
            .WithSetting("RateLimiting:Guestbook:PermitLimit", "2")
            .WithSetting("RateLimiting:Guestbook:WindowSeconds", "60");
        var addressed = WithClientAddresses(limited);
        using var client = ClientFrom(addressed, "203.0.113.7");

        await SignExpectingAsync(client, "published", "Ana", "One");
        await SignExpectingAsync(client, "published", "Ana", "Two");
        using var third = await SignAsync(client, "Ana", "Three");
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        var page = await ParseAsync(third);
        Assert.Contains("You have signed the guestbook several times in a short while. Please wait a few minutes and try again.",
            page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("header .site-name"));

        // Reading is never limited, and the refused post stored nothing.
        for (var i = 0; i < 5; i++)
        {
            using var read = await client.GetAsync("/guestbook");
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        Assert.Equal(2, (await EntriesAsync(limited)).Count);

        // The limit is per client: another address on the same server may still sign, until it too meets the limit.
        using var other = ClientFrom(addressed, "198.51.100.20");
        await SignExpectingAsync(other, "published", "Luis", "From another client");
        await SignExpectingAsync(other, "published", "Luis", "Second from it");
        using var otherThird = await SignAsync(other, "Luis", "Third from it");
        Assert.Equal(HttpStatusCode.TooManyRequests, otherThird.StatusCode);
        Assert.Equal(4, (await EntriesAsync(limited)).Count);
    }

    [Fact]
    public async Task Hostile_markup_in_name_and_message_is_shown_as_text()
    {
        using var client = NewClient(app);
        const string Name = "<script>alert(1)</script>";
        const string Message = "<img src=x onerror=alert(1)> <a href=\"javascript:alert(1)\">click</a> javascript:alert(2) https://ok.example/\"onmouseover=\"alert(3)";
        await SignExpectingAsync(client, "published", Name, Message);

        using var response = await client.GetAsync("/guestbook");
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"onmouseover=", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);

        var page = await Html.ParseAsync(html);
        var entry = Assert.Single(page.QuerySelectorAll(".guestbook-entry"));
        Assert.Empty(entry.QuerySelectorAll("script, img"));
        Assert.Equal(Name, entry.QuerySelector(".guestbook-name")!.TextContent);
        Assert.Equal(Message, entry.QuerySelector(".guestbook-message")!.TextContent);
        var link = Assert.Single(entry.QuerySelectorAll("a"));
        Assert.Equal("https://ok.example/", link.GetAttribute("href"));
        Assert.Null(link.GetAttribute("onmouseover"));
    }

    [Fact]
    public async Task No_raw_address_is_stored_only_a_daily_keyed_hash()
    {
        var addressed = WithClientAddresses(app);
        foreach (var from in new[] { "203.0.113.7", "::1" })
        {
            using var client = ClientFrom(addressed, from);
            await SignExpectingAsync(client, "published", "Ana", "Hello from " + (from == "::1" ? "home" : "abroad"));
        }

        // Every column of every entry, as stored.
        var rows = System.Text.Json.JsonSerializer.Serialize(await app.QueryAsync(db => db.GuestbookEntries.AsNoTracking().ToListAsync()));
        foreach (var raw in new[] { "203.0.113.7", "203.0.113", "::1", "127.0.0.1" })
        {
            Assert.DoesNotContain(raw, rows, StringComparison.Ordinal);
        }

        var stored = await EntriesAsync(app);
        Assert.Equal(2, stored.Count);
        Assert.All(stored, e => Assert.Matches(HexHash(), e.ClientHash));
        var hasher = addressed.Services.GetRequiredService<ClientHasher>();
        Assert.Equal(await hasher.HashAsync(IPAddress.Parse("203.0.113.7")), stored[0].ClientHash);
        Assert.Equal(await hasher.HashAsync(IPAddress.IPv6Loopback), stored[1].ClientHash);

        // The same client hashes alike within a day and differently on another day: no join across days.
        var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
        using var monday = new ClientHasher(scopes, new FixedClock(new DateTimeOffset(2026, 3, 2, 0, 5, 0, TimeSpan.Zero)));
        using var mondayEvening = new ClientHasher(scopes, new FixedClock(new DateTimeOffset(2026, 3, 2, 23, 55, 0, TimeSpan.Zero)));
        using var tuesday = new ClientHasher(scopes, new FixedClock(new DateTimeOffset(2026, 3, 3, 0, 5, 0, TimeSpan.Zero)));
        var address = IPAddress.Parse("203.0.113.7");
        var first = await monday.HashAsync(address);
        Assert.Equal(first, await mondayEvening.HashAsync(address));
        Assert.NotEqual(first, await tuesday.HashAsync(address));
        Assert.NotEqual(first, await monday.HashAsync(IPAddress.Parse("203.0.113.8")));
        Assert.Equal("1", await app.ScalarAsync("""select count(*) from "SiteSecrets" """));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
