// Program.cs calls MapFeeds without a using of its own.
global using static PeoplesStories.Web.Feeds.AtomFeeds;
using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Reading;

namespace PeoplesStories.Web.Feeds;

/// <summary>
/// Atom 1.0 feeds of the newest updates (one entry per update, not per story): the whole site,
/// one country, one section. Built fresh on each request, so an unpublished story leaves at once.
/// </summary>
public static class AtomFeeds
{
    private const string ContentType = "application/atom+xml; charset=utf-8";
    private const int EntryCount = 50;
    private const string SiteName = "People’s Stories";
    private const string IdPrefix = "tag:peoples-stories,2025:";

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/feed", SiteFeed).WithName("SiteFeed").ExcludeFromDescription();
        endpoints.MapGet("/countries/{code}/feed", CountryFeed).WithName("CountryFeed").ExcludeFromDescription();
        endpoints.MapGet("/sections/{slug}/feed", SectionFeed).WithName("SectionFeed").ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<FileContentHttpResult> SiteFeed(HttpContext context, StoryReader reader, CancellationToken cancellationToken)
    {
        var updates = await reader.UpdatesAsync(pageSize: EntryCount, cancellationToken: cancellationToken);
        return Atom(context, new FeedHead(IdPrefix + "updates", $"{SiteName}: latest updates", "/"), updates.Items);
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> CountryFeed(
        string code, HttpContext context, StoryReader reader, StoriesDbContext db, CancellationToken cancellationToken)
    {
        var upper = code.ToUpperInvariant();
        var name = code.Length == 2
            ? await db.Countries.AsNoTracking().Where(c => c.Code == upper).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (name is null)
        {
            return TypedResults.NotFound();
        }

        var lower = code.ToLowerInvariant();
        var updates = await reader.UpdatesAsync(countryCode: upper, pageSize: EntryCount, cancellationToken: cancellationToken);
        return Atom(context, new FeedHead(IdPrefix + "country-" + lower, $"{SiteName}: {name}", "/countries/" + lower), updates.Items);
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> SectionFeed(
        string slug, HttpContext context, StoryReader reader, StoriesDbContext db, CancellationToken cancellationToken)
    {
        var section = await db.Sections.AsNoTracking().Where(s => s.Slug == slug).Select(s => new { s.Slug, s.Name }).FirstOrDefaultAsync(cancellationToken);
        if (section is null)
        {
            return TypedResults.NotFound();
        }

        var updates = await reader.UpdatesAsync(sectionSlug: section.Slug, pageSize: EntryCount, cancellationToken: cancellationToken);
        return Atom(context, new FeedHead(IdPrefix + "section-" + section.Slug, $"{SiteName}: {section.Name}", "/sections/" + section.Slug), updates.Items);
    }

    private static FileContentHttpResult Atom(HttpContext context, FeedHead head, IReadOnlyList<UpdateEntry> updates)
    {
        var request = context.Request;
        var origin = $"{request.Scheme}://{request.Host}{request.PathBase}";
        var items = updates.Select(update => Entry(origin, update)).ToList();

        // Atom requires an updated time: the newest entry's, or for an empty feed the time of asking.
        var updated = items.Count > 0 ? items.Max(i => i.LastUpdatedTime) : DateTimeOffset.UtcNow;
        var feed = new SyndicationFeed(head.Title, "Human-rights stories, followed over time: each entry is one dated update of a story.", new Uri(origin + head.PagePath), head.Id, updated, items);
        feed.Links.Add(SyndicationLink.CreateSelfLink(new Uri(origin + request.Path + request.QueryString), "application/atom+xml"));
        feed.Authors.Add(new SyndicationPerson { Name = SiteName });

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }

        return TypedResults.File(stream.ToArray(), ContentType);
    }

    private static SyndicationItem Entry(string origin, UpdateEntry update)
    {
        var item = new SyndicationItem
        {
            Id = IdPrefix + "update-" + update.UpdateId.ToString(CultureInfo.InvariantCulture),
            Title = new TextSyndicationContent($"{update.StoryTitle} — {update.Date.Label}"),
            LastUpdatedTime = update.Date.Value is { } day
                ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
                : new DateTimeOffset(DateTime.SpecifyKind(update.StoryUpdatedAt, DateTimeKind.Utc)),
        };
        if ((update.Headline ?? update.Opening) is { } summary)
        {
            item.Summary = new TextSyndicationContent(summary);
        }

        item.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(origin + update.Url), "text/html"));
        item.Authors.Add(new SyndicationPerson { Name = update.Byline });
        return item;
    }

    private sealed record FeedHead(string Id, string Title, string PagePath);
}
