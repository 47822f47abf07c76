using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeoplesStories.Web.Data;

namespace PeoplesStories.Web.Pages.Stories;

public sealed class ShowModel(StoriesDbContext db) : PageModel
{
    public StoryView Story { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var story = await db.Stories
            .AsNoTracking()
            .Where(s => s.Slug == slug && s.State == StoryState.Published)
            .Select(s => new StoryView(
                s.Slug,
                s.Title,
                s.Byline,
                s.Section.Name,
                s.Countries.OrderByDescending(c => c.IsPrimary).ThenByDescending(c => c.Mentions).Select(c => new CountryLink(c.CountryCode, c.Country.Name)).ToList(),
                s.Updates.OrderBy(u => u.Position).Select(u => new UpdateView(
                    u.DateValue, u.DatePrecision, u.DateText, u.DateInferred, u.Headline, u.Body,
                    u.Links.OrderBy(l => l.Position).Select(l => new LinkView(l.Url, l.Host)).ToList())).ToList()))
            .AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken);
        if (story is null)
        {
            return NotFound();
        }

        Story = story;
        return Page();
    }
}

public sealed record StoryView(string Slug, string Title, string Byline, string Section, IReadOnlyList<CountryLink> Countries, IReadOnlyList<UpdateView> Updates);

public sealed record LinkView(string Url, string Host);

public sealed record UpdateView(
    DateOnly? DateValue,
    PeoplesStories.Archive.DatePrecision? Precision,
    string? DateText,
    bool DateInferred,
    string? Headline,
    string Body,
    IReadOnlyList<LinkView> Links)
{
    public string DateLabel => DateLabels.For(DateValue, Precision, DateText, DateInferred);

    public IReadOnlyList<string> Paragraphs => Body.Length == 0 ? [] : Body.Split(StoryUpdate.ParagraphSeparator);

    /// <summary>A stable anchor: "update-2025-06"; the caller adds a suffix when two updates share a date.</summary>
    public string Anchor => DateValue is { } value && Precision is { } p
        ? "update-" + PeoplesStories.Archive.ArchiveDate.FromStart(value, p)
        : "update-undated";
}
