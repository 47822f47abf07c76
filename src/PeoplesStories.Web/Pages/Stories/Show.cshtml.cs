using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using PeoplesStories.Web.Hosting;
using PeoplesStories.Web.Reading;

namespace PeoplesStories.Web.Pages.Stories;

[OutputCache(PolicyName = ReaderOutputCache.PolicyName)]
public sealed class ShowModel(StoryReader reader) : PageModel
{
    public const int RelatedCount = 5;

    public StoryDetail Story { get; private set; } = null!;

    public IReadOnlyList<StorySummary> Related { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var story = await reader.FindAsync(slug, cancellationToken);
        if (story is null)
        {
            return NotFound();
        }

        // The page is the same bytes until the story is saved again: its id and version name it.
        var etag = new EntityTagHeaderValue(string.Create(CultureInfo.InvariantCulture, $"\"s{story.Id}-v{story.Version}\""));
        var lastModified = new DateTimeOffset(DateTime.SpecifyKind(story.UpdatedAt, DateTimeKind.Utc));
        var headers = Response.GetTypedHeaders();
        headers.ETag = etag;
        headers.LastModified = lastModified;
        var request = Request.GetTypedHeaders();
        if (request.IfNoneMatch.Count > 0
            ? request.IfNoneMatch.Any(tag => tag.Compare(etag, useStrongComparison: false) || tag.Equals(EntityTagHeaderValue.Any))
            : request.IfModifiedSince is { } since && lastModified <= since.AddSeconds(1))
        {
            return StatusCode(StatusCodes.Status304NotModified);
        }

        Story = story;
        if (story.PrimaryCountry is { } primary)
        {
            Related = await reader.SummariesAsync(
                reader.NewestFirst(reader.Published().Where(s => s.Id != story.Id && s.Countries.Any(c => c.CountryCode == primary.Code)))
                    .Take(RelatedCount),
                cancellationToken);
        }

        return Page();
    }
}
