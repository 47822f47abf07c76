using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using PeoplesStories.Archive;
using PeoplesStories.Web.Hosting;
using PeoplesStories.Web.Reading;

namespace PeoplesStories.Web.Pages.Archive;

/// <summary>The updates of one year (<c>/archive/2025</c>) or one month (<c>/archive/2025/06</c>), newest first.</summary>
[OutputCache(PolicyName = ReaderOutputCache.PolicyName)]
public sealed class PeriodModel(StoryReader reader) : PageModel
{
    public const int PageSize = 50;

    public int Year { get; private set; }

    public int? Month { get; private set; }

    public string Label => Month is { } m ? new DateOnly(Year, m, 1).ToString("MMMM yyyy", CultureInfo.InvariantCulture) : Year.ToString(CultureInfo.InvariantCulture);

    public string Path => Month is { } m ? string.Create(CultureInfo.InvariantCulture, $"/archive/{Year}/{m:D2}") : string.Create(CultureInfo.InvariantCulture, $"/archive/{Year}");

    public PagedList<UpdateEntry> Updates { get; private set; } = null!;

    /// <summary>The page's updates grouped as a reader scans them: by month, then the year-only ones.</summary>
    public IEnumerable<IGrouping<string, UpdateEntry>> Groups => Updates.Items.GroupBy(u =>
        u.Date.Precision == DatePrecision.Year
            ? $"{Year} (no month given)"
            : u.Date.Value!.Value.ToString("MMMM yyyy", CultureInfo.InvariantCulture));

    public IReadOnlyList<ArchivePeriod> MonthsOfYear { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int year, int? month, [FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        Year = year;
        Month = month;
        var from = new DateOnly(year, month ?? 1, 1);
        var to = month is null ? from.AddYears(1) : from.AddMonths(1);
        Updates = await reader.UpdatesAsync(
            from: from,
            to: to,
            page: Math.Max(1, page),
            pageSize: PageSize,
            atLeast: month is null ? null : DatePrecision.Month,
            cancellationToken: cancellationToken);
        if (page > Updates.PageCount)
        {
            return NotFound();
        }

        if (month is null)
        {
            MonthsOfYear = (await reader.ArchiveIndexAsync(cancellationToken)).Periods.Where(p => p.Year == year).ToList();
        }

        return Page();
    }
}
