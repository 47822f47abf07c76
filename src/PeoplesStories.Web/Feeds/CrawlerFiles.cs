// Program.cs calls MapSitemapAndRobots without a using of its own.
global using static PeoplesStories.Web.Feeds.CrawlerFiles;
using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Reading;

namespace PeoplesStories.Web.Feeds;

/// <summary><c>/sitemap.xml</c> (every page of published content) and <c>/robots.txt</c>, with the request's own scheme and host.</summary>
public static class CrawlerFiles
{
    private static readonly XNamespace SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public static IEndpointRouteBuilder MapSitemapAndRobots(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/sitemap.xml", Sitemap).WithName("Sitemap").ExcludeFromDescription();
        endpoints.MapGet("/robots.txt", Robots).WithName("Robots").ExcludeFromDescription();
        return endpoints;
    }

    private static string Origin(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    private static ContentHttpResult Robots(HttpContext context) => TypedResults.Text(
        $"""
        User-agent: *
        Allow: /
        Disallow: /editor/
        Disallow: /api/

        Sitemap: {Origin(context.Request)}/sitemap.xml

        """.ReplaceLineEndings("\n"),
        "text/plain",
        Encoding.UTF8);

    private static async Task<FileContentHttpResult> Sitemap(HttpContext context, StoryReader reader, CancellationToken cancellationToken)
    {
        var published = reader.Published();
        var stories = await published.OrderBy(s => s.Id).Select(s => new { s.Slug, s.UpdatedAt }).ToListAsync(cancellationToken);
        var countries = await published
            .SelectMany(s => s.Countries, (s, c) => new { c.CountryCode, s.UpdatedAt })
            .GroupBy(x => x.CountryCode)
            .Select(g => new { Code = g.Key, UpdatedAt = g.Max(x => x.UpdatedAt) })
            .OrderBy(c => c.Code)
            .ToListAsync(cancellationToken);
        var sections = await published
            .GroupBy(s => s.Section.Slug)
            .Select(g => new { Slug = g.Key, UpdatedAt = g.Max(s => s.UpdatedAt) })
            .OrderBy(s => s.Slug)
            .ToListAsync(cancellationToken);
        DateTime? newest = stories.Count > 0 ? stories.Max(s => s.UpdatedAt) : null;

        var origin = Origin(context.Request);
        XElement Url(string path, DateTime? lastModified) => new(
            SitemapNamespace + "url",
            new XElement(SitemapNamespace + "loc", origin + path),
            lastModified is { } at ? new XElement(SitemapNamespace + "lastmod", W3CDateTime(at)) : null);

        var urlset = new XElement(
            SitemapNamespace + "urlset",
            Url("/", newest),
            Url("/countries", newest),
            Url("/archive", newest),
            sections.Select(s => Url("/sections/" + s.Slug, s.UpdatedAt)),
            countries.Select(c => Url("/countries/" + c.Code.ToLowerInvariant(), c.UpdatedAt)),
            stories.Select(s => Url("/stories/" + s.Slug, s.UpdatedAt)));

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) }))
        {
            new XDocument(urlset).Save(writer);
        }

        return TypedResults.File(stream.ToArray(), "application/xml; charset=utf-8");
    }

    private static string W3CDateTime(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
